from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .ambten import samenvatting_bijwerken
from .models import Ambt, RolToekenning, Toekenningsbesluit, User
from .services import (
    AmbtFout,
    RolFout,
    ambtseinde_fout,
    ambtseinde_vastleggen,
    herstellink_sturen,
    rol_wijzigen,
    roltoekenning_beoordelen,
)


class NieuweGebruikerForm(forms.ModelForm):
    """A new account without a password: the person chooses one through the mailed link."""

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "rol", "ambtstype", "gemeente"]

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class AmbtForm(forms.ModelForm):
    """A newly entered end of office follows the same date rule as the municipality's page."""

    class Meta:
        model = Ambt
        fields = ["ambtstype", "gemeente", "sinds", "tot"]

    def clean(self):
        cleaned = super().clean()
        datum = cleaned.get("tot")
        if datum and "tot" in self.changed_data:
            fout = ambtseinde_fout(in_functie_sinds=cleaned.get("sinds"), datum=datum)
            if fout:
                self.add_error("tot", fout)
        return cleaned


class AmbtInline(admin.TabularInline):
    """An office holder's offices: added here or by a municipality's invitation; an office
    is ended (a last day), never deleted, so the claims made for it keep naming it."""

    model = Ambt
    form = AmbtForm
    extra = 0
    can_delete = False
    autocomplete_fields = ["gemeente"]
    verbose_name_plural = _("ambten (het account toont het eerste lopende)")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "rol", "gemeente", "is_active"]
    list_filter = ["rol", "is_active"]
    list_select_related = ["gemeente"]
    search_fields = ["email", "first_name", "last_name"]
    autocomplete_fields = ["gemeente"]
    readonly_fields = ["last_login", "date_joined", "is_staff"]
    actions = ["herstellink_versturen"]
    add_form = NieuweGebruikerForm
    form = UserChangeForm
    # No password field: nobody sets or sees another person's password (a reset link is sent).
    fieldsets = [
        (None, {"fields": ["email"]}),
        (_("Persoon"), {"fields": ["first_name", "last_name", "functie"]}),
        (
            _("Rol"),
            {"fields": ["rol", "ambtstype", "gemeente", "in_functie_sinds", "in_functie_tot"]},
        ),
        (
            _("Correspondentieadres"),
            {
                "fields": [
                    "correspondentie_adres",
                    "correspondentie_postcode",
                    "correspondentie_plaats",
                ]
            },
        ),
        (_("Status"), {"fields": ["is_active", "is_staff", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "description": _(
                    "De persoon krijgt een e-mail met een link om zelf een wachtwoord te kiezen. "
                    "Een BZK-rol gaat pas in als een tweede beheerder die goedkeurt."
                ),
                "fields": ["email", "first_name", "last_name", "rol", "ambtstype", "gemeente"],
            },
        ),
    ]

    def user_change_password(self, request, id, form_url=""):
        """Django's "set password" page: nobody sets another person's password here."""
        raise Http404

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # The address is where reset links go: whoever could change someone else's
            # address could take over their account with the next reset link.
            readonly.append("email")
        if obj is not None and obj.pk == request.user.pk:
            # Nobody changes their own role or switches their own account on or off.
            readonly += ["rol", "is_active"]
        if obj is not None and obj.is_ambtsdrager:
            # The summary of the offices below (`accounts.ambten`): edited there.
            readonly += ["ambtstype", "gemeente", "in_functie_sinds", "in_functie_tot"]
        return readonly

    def get_inlines(self, request, obj):
        return [AmbtInline] if obj is not None and obj.is_ambtsdrager else []

    def save_formset(self, request, form, formset, change):
        if formset.model is not Ambt:
            return super().save_formset(request, form, formset, change)
        for ambt in formset.save(commit=False):
            ambt.gebruiker = form.instance
            ambt.save()
        for ambt, velden in formset.changed_objects:
            if "tot" in velden and ambt.tot:
                self._ambtseinde_vastleggen(request, ambt)
        samenvatting_bijwerken(form.instance)

    def save_model(self, request, obj, form, change):
        vorige_rol = User.objects.get(pk=obj.pk).rol if change else None
        if change and obj.pk == request.user.pk:
            obj.rol = vorige_rol  # the field is read-only; a crafted POST changes nothing
        super().save_model(request, obj, form, change)
        if change and obj.pk == request.user.pk:
            return
        try:
            toekenning = rol_wijzigen(
                door=request.user, user=obj, rol=obj.rol, vorige_rol=vorige_rol
            )
        except RolFout as fout:
            messages.error(request, str(fout))
            return
        if toekenning is not None:
            messages.warning(
                request,
                _(
                    "De rol %(rol)s gaat pas in als een tweede functioneel beheerder die "
                    "goedkeurt (Roltoekenningen)."
                )
                % {"rol": toekenning.get_rol_display()},
            )
        if not change:
            herstellink_sturen(user=obj)

    def _ambtseinde_vastleggen(self, request, ambt):
        """A newly entered end of office goes through the municipality's service: the
        person is told by e-mail (the date itself was just saved by the form)."""
        try:
            ambtseinde_vastleggen(door=request.user, ambt=ambt, datum=ambt.tot)
        except AmbtFout as fout:
            messages.error(request, str(fout))

    @admin.action(description=_("Stuur een link om zelf een wachtwoord in te stellen"))
    def herstellink_versturen(self, request, queryset):
        aantal = 0
        for user in queryset.filter(is_active=True):
            herstellink_sturen(user=user)
            aantal += 1
        self.message_user(
            request,
            ngettext("%(n)d link verstuurd.", "%(n)d links verstuurd.", aantal) % {"n": aantal},
        )


@admin.register(RolToekenning)
class RolToekenningAdmin(admin.ModelAdmin):
    """Staff roles given by one beheerder wait here for a second."""

    list_display = ["gebruiker", "rol", "aangevraagd_door", "aangevraagd_op", "besluit"]
    list_filter = ["besluit", "rol"]
    list_select_related = ["gebruiker", "aangevraagd_door"]
    actions = ["goedkeuren", "afwijzen"]
    readonly_fields = [
        "gebruiker",
        "rol",
        "aangevraagd_door",
        "aangevraagd_op",
        "besluit",
        "beoordeeld_door",
        "beoordeeld_op",
    ]

    def has_add_permission(self, request):
        return False  # made by user management only

    def has_delete_permission(self, request, obj=None):
        return False

    def _beoordelen(self, request, queryset, *, goedkeuren: bool):
        for toekenning in queryset.filter(besluit=Toekenningsbesluit.OPEN):
            try:
                roltoekenning_beoordelen(
                    door=request.user, toekenning=toekenning, goedkeuren=goedkeuren
                )
            except RolFout as fout:
                self.message_user(request, f"{toekenning}: {fout}", messages.ERROR)
            else:
                self.message_user(request, f"{toekenning}: {toekenning.get_besluit_display()}")

    @admin.action(description=_("Goedkeuren (tweede beheerder)"), permissions=["change"])
    def goedkeuren(self, request, queryset):
        self._beoordelen(request, queryset, goedkeuren=True)

    @admin.action(description=_("Afwijzen"), permissions=["change"])
    def afwijzen(self, request, queryset):
        self._beoordelen(request, queryset, goedkeuren=False)
