"""Admin: policy versions for the functioneel beheerder; a read-only view of claims for staff.

The real work queue and workflow actions come with the back-office issue. Nobody edits a
claim here; each opened claim is written to the access log.
"""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from fondsbeveiliging.accounts.constants import Ambtstype
from fondsbeveiliging.audit.models import InzageActie
from fondsbeveiliging.audit.services import inzage_vastleggen

from .constants import AanvraagStatus, Bewijstype
from .models import Aanvraag, Aanvulverzoek, KostenCategorie, Kostenpost, Regeling, StatusWijziging
from .permissions import can_view_woonadres

WOONADRES_VELDEN = ("woonadres", "woon_postcode", "woon_plaats")


def regeling_in_gebruik(regeling: Regeling | None) -> bool:
    """A version governs a submitted claim: it is frozen from then on."""
    if regeling is None or regeling.pk is None:
        return False
    return regeling.aanvragen.exclude(status=AanvraagStatus.CONCEPT).exists()


class KostenCategorieForm(forms.ModelForm):
    bewijs_bij_betaald = forms.MultipleChoiceField(
        label=_("Verplicht als al betaald"),
        choices=Bewijstype.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    bewijs_bij_offerte = forms.MultipleChoiceField(
        label=_("Verplicht bij offerte"),
        choices=Bewijstype.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = KostenCategorie
        fields = [
            "code",
            "naam",
            "volgorde",
            "toelichting",
            "plafond",
            "uitleg_verplicht",
            "bewijs_bij_betaald",
            "bewijs_bij_offerte",
        ]


class KostenCategorieInline(admin.StackedInline):
    model = KostenCategorie
    form = KostenCategorieForm
    extra = 0
    fields = [
        ("code", "naam", "volgorde"),
        "toelichting",
        ("plafond", "uitleg_verplicht"),
        ("bewijs_bij_betaald", "bewijs_bij_offerte"),
    ]

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not regeling_in_gebruik(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not regeling_in_gebruik(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not regeling_in_gebruik(obj)


class RegelingEindeForm(forms.ModelForm):
    """For a frozen version: only the end date is editable."""

    class Meta:
        model = Regeling
        fields = ["geldig_tot"]

    def clean_geldig_tot(self):
        """An end date may not cut off claims already received under this version."""
        geldig_tot = self.cleaned_data.get("geldig_tot")
        if geldig_tot and self.instance.pk:
            laatste = self.instance.aanvragen.aggregate(m=Max("ingediend_op"))["m"]
            if laatste and geldig_tot < timezone.localdate(laatste):
                raise forms.ValidationError(
                    _("Er zijn aanvragen ontvangen tot en met %(datum)s onder deze versie.")
                    % {"datum": f"{timezone.localdate(laatste):%d-%m-%Y}"}
                )
        return geldig_tot


class RegelingForm(RegelingEindeForm):
    ambtstypen = forms.MultipleChoiceField(
        label=_("Ambten die mogen aanvragen"),
        choices=Ambtstype.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Regeling
        fields = [
            "code",
            "naam",
            "grondslag",
            "geldig_van",
            "geldig_tot",
            "ambtstypen",
            "totaalplafond",
            "jaarbudget",
            "beslistermijn_weken",
            "hersteltermijn_weken",
            "zienswijzetermijn_weken",
            "betaaltermijn_weken",
            "bezwaartermijn_weken",
            "drempel_tweede_beoordelaar",
            "buitenlandse_iban_toegestaan",
        ]


@admin.register(Regeling)
class RegelingAdmin(admin.ModelAdmin):
    """Policy versions. Once a submitted claim uses a version only its end date can change."""

    form = RegelingForm
    inlines = [KostenCategorieInline]
    list_display = ["code", "naam", "geldig_van", "geldig_tot", "jaarbudget", "in_gebruik"]
    actions = ["kopieren"]
    fieldsets = [
        (None, {"fields": ["code", "naam", "grondslag", ("geldig_van", "geldig_tot")]}),
        (_("Wie en hoeveel"), {"fields": ["ambtstypen", "totaalplafond", "jaarbudget"]}),
        (
            _("Termijnen"),
            {
                "fields": [
                    "beslistermijn_weken",
                    "hersteltermijn_weken",
                    "zienswijzetermijn_weken",
                    "betaaltermijn_weken",
                    "bezwaartermijn_weken",
                ]
            },
        ),
        (
            _("Beoordeling en betaling"),
            {"fields": ["drempel_tweede_beoordelaar", "buitenlandse_iban_toegestaan"]},
        ),
    ]

    @admin.display(boolean=True, description=_("in gebruik"))
    def in_gebruik(self, obj):
        return regeling_in_gebruik(obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if regeling_in_gebruik(obj):
            kwargs["form"] = RegelingEindeForm
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if regeling_in_gebruik(obj):
            return [f.name for f in Regeling._meta.fields if f.name != "geldig_tot"]
        return ["aangemaakt_op"]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.aanvragen.exists():
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description=_("Kopiëren als nieuwe versie (na de einddatum)"))
    def kopieren(self, request, queryset):
        for regeling in queryset:
            if regeling.geldig_tot is None:
                self.message_user(
                    request,
                    _("Geef %(code)s eerst een einddatum.") % {"code": regeling.code},
                    messages.ERROR,
                )
                continue
            nieuw = regeling_kopieren(regeling)
            self.message_user(request, _("Nieuwe versie %(code)s gemaakt.") % {"code": nieuw.code})


@transaction.atomic
def regeling_kopieren(regeling: Regeling) -> Regeling:
    """Copy a version with its categories, starting the day after it ends."""
    categorieen = list(regeling.categorieen.all())
    regeling.pk = None
    regeling.code = f"{regeling.code}-nieuw"[:30]
    regeling.geldig_van = regeling.geldig_tot + timedelta(days=1)
    regeling.geldig_tot = None
    regeling.save()
    for categorie in categorieen:
        categorie.pk = None
        categorie.regeling = regeling
        categorie.save()
    return regeling


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class KostenpostInline(ReadOnlyInline):
    model = Kostenpost
    fields = [
        "categorie",
        "omschrijving",
        "leverancier",
        "bedrag",
        "aard",
        "plafond_bij_indiening",
        "bestanden",
    ]
    readonly_fields = fields

    @admin.display(description=_("bewijsstukken"))
    def bestanden(self, obj):
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a> ({})',
                (
                    (
                        reverse("aanvragen:bewijsstuk", args=[obj.aanvraag_id, b.pk]),
                        b.bestandsnaam,
                        b.get_soort_display(),
                    )
                    for b in obj.bewijsstukken.all()
                ),
            )
            or "-"
        )


class AanvulverzoekInline(ReadOnlyInline):
    model = Aanvulverzoek
    fields = ["verzocht_op", "vraag", "termijn_tot", "beantwoord_op", "antwoord", "bestanden"]
    readonly_fields = fields

    @admin.display(description=_("bestanden"))
    def bestanden(self, obj):
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                (
                    (
                        reverse("aanvragen:aanvulling_bestand", args=[obj.aanvraag_id, b.pk]),
                        b.bestandsnaam,
                    )
                    for b in obj.bestanden.all()
                ),
            )
            or "-"
        )


class StatusWijzigingInline(ReadOnlyInline):
    model = StatusWijziging
    fields = ["op", "van", "naar", "door", "toelichting"]
    readonly_fields = fields


@admin.register(Aanvraag)
class AanvraagAdmin(admin.ModelAdmin):
    """Minimal read-only claim view for BZK staff; every opened claim is logged."""

    list_display = [
        "kenmerk",
        "ambtstype",
        "gemeente",
        "status",
        "bedrag_aangevraagd",
        "plafond_overschreden",
        "beslistermijn_einde",
    ]
    list_filter = ["status", "plafond_overschreden", "regeling"]
    list_select_related = ["gemeente"]
    search_fields = ["kenmerk"]
    ordering = ["beslistermijn_einde"]
    inlines = [KostenpostInline, AanvulverzoekInline, StatusWijzigingInline]
    fields = [
        "kenmerk",
        "status",
        "regeling",
        "ingediend_op",
        "beslistermijn_einde",
        "aanvrager_naam",
        "ambtstype",
        "gemeente",
        "in_functie_sinds",
        "correspondentie_adres",
        "correspondentie_postcode",
        "correspondentie_plaats",
        "maatregel_bij_woning",
        *WOONADRES_VELDEN,
        "meldingen",
        "iban",
        "rekeninghouder",
        "rekening_soort",
        "bedrag_aangevraagd",
        "plafond_overschreden",
        "signalen",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(status=AanvraagStatus.CONCEPT)

    def get_fields(self, request, obj=None):
        if obj is not None and can_view_woonadres(request.user, obj):
            return self.fields
        return [f for f in self.fields if f not in WOONADRES_VELDEN]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    @admin.display(description=_("signalen over maxima"))
    def signalen(self, obj):
        return (
            format_html_join(mark_safe("<br>"), "{}", ((s,) for s in obj.plafondsignalen)) or "-"  # noqa: S308
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and self.has_view_permission(request, obj):
            inzage_vastleggen(
                request=request, obj=obj, actie=InzageActie.BEKEKEN, omschrijving=obj.kenmerk or ""
            )
        return super().change_view(request, object_id, form_url, extra_context)
