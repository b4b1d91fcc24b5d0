"""Forms for the office holder's screens and the back-office status steps."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fondsbeveiliging.accounts.ambten import lopende_ambten
from fondsbeveiliging.core.tekst import (
    REGEL,
    TEKST,
    TOELICHTING,
    TekstField,
    met_limiet,
    tekstveld,
)

from .constants import (
    VERPLICHTE_VELDEN,
    Aangifte,
    Categorie,
    Dader,
    Doelwit,
    GerichtOp,
    Impact,
    Kanaal,
    Locatie,
    Ondersteuning,
)
from .models import Melding
from .services import CONCEPT_VELDEN

JA_NEE = [(True, _("Ja")), (False, _("Nee"))]

# One clear message per missing answer instead of Django's generic one.
VERPLICHT_MELDING = {
    "datum_van": _("Vul de datum in waarop het gebeurde."),
    "categorieen": _("Kies wat er is gebeurd (een of meer soorten)."),
    "omschrijving": _("Beschrijf in een paar zinnen wat er is gebeurd."),
    "locatie": _("Kies waar het gebeurde."),
    "kanaal": _("Kies hoe het gebeurde."),
    "gericht_op": _("Kies waarop het incident gericht was."),
    "doelwitten": _("Kies wie er werd getroffen."),
    "dader": _("Kies of de dader bekend is."),
    "herhaald": _("Kies of dit eerder is gebeurd."),
    "intern_gemeld": _("Kies of u het incident intern heeft gemeld."),
    "aangifte": _("Kies of u aangifte heeft gedaan."),
}
VERPLICHT_ANDERS = _("U koos 'anders': beschrijf kort wat voor incident het was.")


def _to_bool(value):
    return {"True": True, "False": False}.get(value)


def _ja_nee(label, help_text=""):
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=JA_NEE,
        coerce=_to_bool,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


def _meerkeuze(label, choices, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        help_text=help_text,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _keuze(label, choices):
    return forms.ChoiceField(label=label, choices=choices, required=False, widget=forms.RadioSelect)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by content in the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={"accept": ".pdf,.jpg,.jpeg,.png,.webp,.heic,application/pdf,image/*"}
            ),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


# The melding in short steps, one topic per page: (code, title, fieldsets). The last step,
# the attachments, has no questions of MeldingForm; the check page follows it.
STAPPEN = (
    (
        "gebeurtenis",
        _("Wat er gebeurde"),
        (
            (_("Ambt"), ("ambt",)),  # only asked of a person with more than one office
            (_("Wanneer"), ("datum_van", "datum_tot")),
            (_("Wat"), ("categorieen", "categorie_anders")),
            (_("Waar en hoe"), ("locatie", "kanaal")),
        ),
    ),
    (
        "beschrijving",
        _("Beschrijving en gevolgen"),
        (
            (_("Beschrijving"), ("omschrijving",)),
            (_("Tegen wie"), ("gericht_op", "doelwitten", "dader", "herhaald")),
            (_("Gevolgen"), ("impact", "psychische_impact")),
        ),
    ),
    (
        "aangifte",
        _("Aangifte en ondersteuning"),
        (
            (
                _("Melden en aangifte"),
                ("intern_gemeld", "aangifte", "aangifte_kenmerk", "domicilie_gebruikt"),
            ),
            (_("Ondersteuning"), ("ondersteuning",)),
        ),
    ),
    ("bijlagen", _("Bijlagen"), ()),
)
STAP_CODES = tuple(code for code, _titel, _fieldsets in STAPPEN)


def _fieldsets(stap: str | None):
    return [fs for code, _titel, fieldsets in STAPPEN if stap in (None, code) for fs in fieldsets]


def velden_van_stap(stap: str) -> list[str]:
    """The questions asked on one step (none for the attachments step)."""
    return [veld for _legend, velden in _fieldsets(stap) for veld in velden]


def stap_van_veld(veld: str) -> str:
    """The step that asks a question; the first step for anything unknown."""
    for code, _titel, fieldsets in STAPPEN:
        if any(veld in velden for _legend, velden in fieldsets):
            return code
    return STAP_CODES[0]


class FoutlinksMixin:
    """Links for the error summary: each points at the first input of its field."""

    def foutlinks(self):
        links = [(None, None, error) for error in self.non_field_errors()]
        for name, field in self.fields.items():
            anchor = anker(name, field)
            links += [(anchor, field.label, error) for error in self.errors.get(name, [])]
        return links


def anker(name: str, field: forms.Field) -> str:
    """The id of a field's first input: a group of radios or checkboxes starts at `_0`."""
    multi = isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
    return f"id_{name}_0" if multi else f"id_{name}"


class AmbtKeuzeField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_ambtstype_display()}, {obj.gemeente.naam}"


class MeldingForm(FoutlinksMixin, forms.ModelForm):
    """All questions of a melding. Lenient for a concept, strict (`volledig`) to send."""

    datum_van = forms.DateField(
        label=_("Datum van het incident"),
        help_text=_("Ging het om een periode? Vul dan hier de eerste dag in."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    datum_tot = forms.DateField(
        label=_("Laatste dag (alleen bij een periode)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    categorieen = _meerkeuze(
        _("Wat is er gebeurd?"), Categorie.choices, _("Kies alles wat van toepassing is.")
    )
    locatie = _keuze(_("Waar gebeurde het?"), Locatie.choices)
    kanaal = _keuze(_("Hoe gebeurde het?"), Kanaal.choices)
    gericht_op = _keuze(_("Waarop was het gericht?"), GerichtOp.choices)
    doelwitten = _meerkeuze(_("Wie werd er getroffen?"), Doelwit.choices)
    dader = _keuze(_("Weet u wie de dader is?"), Dader.choices)
    herhaald = _ja_nee(_("Is dit eerder gebeurd (door dezelfde dader of op dezelfde manier)?"))
    intern_gemeld = _ja_nee(
        _("Heeft u het incident binnen uw organisatie gemeld?"),
        _("Bijvoorbeeld bij de griffie, de burgemeester of de gemeentesecretaris."),
    )
    aangifte = _keuze(_("Heeft u aangifte gedaan bij de politie?"), Aangifte.choices)
    domicilie_gebruikt = _ja_nee(
        _("Heeft u in de aangifte het adres van uw werk gebruikt in plaats van uw woonadres?"),
        _("Dit heet 'domicilie kiezen'. Zo staat uw woonadres niet in het dossier."),
    )
    impact = _meerkeuze(_("Welke gevolgen had het incident?"), Impact.choices)
    ondersteuning = _meerkeuze(
        _("Wilt u ondersteuning?"),
        Ondersteuning.choices,
        _("BZK neemt contact met u op over de ondersteuning die u kiest."),
    )

    class Meta:
        model = Melding
        fields = CONCEPT_VELDEN
        labels = {
            "categorie_anders": _("Toelichting bij 'anders'"),
            "omschrijving": _("Beschrijf wat er is gebeurd"),
            "aangifte_kenmerk": _("Kenmerk of nummer van de aangifte (als u het heeft)"),
            "psychische_impact": _("Psychische gevolgen (niet verplicht)"),
        }
        help_texts = {
            "omschrijving": _(
                "Noem geen adressen. Gegevens over de dader alleen als dat nodig is."
            ),
            "psychische_impact": _(
                "Dit zijn gezondheidsgegevens. Alleen de beoordelaars van BZK kunnen dit lezen."
            ),
        }
        widgets = {
            "omschrijving": forms.Textarea(attrs={"rows": 6}),
            "psychische_impact": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {
            "categorie_anders": met_limiet(REGEL),
            "omschrijving": met_limiet(TEKST),
            "psychische_impact": met_limiet(TOELICHTING),
        }

    def __init__(
        self, *args, volledig: bool = False, stap: str | None = None, eigenaar=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.volledig = volledig
        self.stap = stap
        self._ambt_vragen(eigenaar)
        if stap is not None:
            # One step asks, validates and saves only its own questions.
            eigen = set(velden_van_stap(stap))
            for name in [name for name in self.fields if name not in eigen]:
                del self.fields[name]
        for name in self._verplicht():
            # Marked required (asterisk, aria) always; enforced only when sending.
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = VERPLICHT_MELDING[name]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            *(
                Fieldset(legend, *[veld for veld in velden if veld in self.fields])
                for legend, velden in _fieldsets(self.stap)
                if any(veld in self.fields for veld in velden)
            )
        )

    def _ambt_vragen(self, eigenaar) -> None:
        """Ask which office the melding is about only of a person with several running ones."""
        ambten = lopende_ambten(eigenaar) if eigenaar is not None else None
        if "ambt" not in self.fields:
            return
        if ambten is None or ambten.count() < 2:
            del self.fields["ambt"]
            return
        self.fields["ambt"] = AmbtKeuzeField(
            queryset=ambten,
            label=_("Over welk ambt gaat deze melding?"),
            help_text=_(
                "U heeft meer dan één ambt. Kies het ambt waarmee het incident te maken heeft."
            ),
            widget=forms.RadioSelect,
            empty_label=None,
            required=False,
        )

    def full_clean(self):
        """Validate; a concept may leave the required questions open."""
        if self.volledig:
            return super().full_clean()
        for name in self._verplicht():
            self.fields[name].required = False
        try:
            super().full_clean()
        finally:
            for name in self._verplicht():
                self.fields[name].required = True

    def _verplicht(self):
        return [name for name in VERPLICHTE_VELDEN if name in self.fields]

    def _clean_datum(self, name):
        datum = self.cleaned_data.get(name)
        if datum and datum > timezone.localdate():
            raise forms.ValidationError(
                _("De datum mag niet in de toekomst liggen."), code="toekomst"
            )
        return datum

    def clean_datum_van(self):
        return self._clean_datum("datum_van")

    def clean_datum_tot(self):
        return self._clean_datum("datum_tot")

    def clean(self):
        data = super().clean()
        van, tot = data.get("datum_van"), data.get("datum_tot")
        if van and tot and tot < van:
            self.add_error("datum_tot", _("De laatste dag moet na de eerste dag liggen."))
        if "categorieen" in self.fields:
            self._clean_anders(data)
        if "aangifte" in self.fields and data.get("aangifte") == Aangifte.NEE:
            data["aangifte_kenmerk"] = ""
            data["domicilie_gebruikt"] = None
        return data

    def _clean_anders(self, data):
        categorieen = data.get("categorieen") or []
        if "anders" not in categorieen:
            data["categorie_anders"] = ""
        elif self.volledig and not (data.get("categorie_anders") or "").strip():
            self.add_error("categorie_anders", VERPLICHT_ANDERS)


class BijlagenForm(FoutlinksMixin, forms.Form):
    bestanden = MultipleFileField(
        label=_("Bestanden toevoegen (niet verplicht)"),
        help_text=_(
            "Bijvoorbeeld een schermafbeelding of foto. PDF, JPG, PNG, WebP of HEIC, "
            "maximaal %(mb)s MB per bestand."
        ),
        required=False,
    )

    def __init__(self, *args, max_mb: int = 10, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bestanden"].help_text = self.fields["bestanden"].help_text % {"mb": max_mb}


class AanvullingForm(BijlagenForm):
    tekst = tekstveld(
        _("Wat wilt u toevoegen?"),
        limiet=TEKST,
        rows=6,
        required=False,
        help_text=_("Noem geen adressen."),
    )
    field_order = ["tekst", "bestanden"]


class IntrekkenForm(forms.Form):
    toelichting = tekstveld(
        _("Waarom trekt u de melding in? (niet verplicht)"),
        limiet=TOELICHTING,
        rows=3,
        required=False,
    )


class InterneNotitieForm(forms.Form):
    """Back office: every status step needs an internal note."""

    toelichting = TekstField(
        label=_("Interne notitie"),
        limiet=TOELICHTING,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Alleen zichtbaar voor BZK. De ambtsdrager ziet alleen de nieuwe status."),
    )
