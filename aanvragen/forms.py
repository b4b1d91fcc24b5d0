"""Forms of the applicant flow. Rules live in `controles`; forms only parse and report.

Each step form has a `volledig` mode: "Opslaan en verder" requires the step's fields, while
"Opslaan als concept" accepts a partly filled step (only what was typed is checked).
"""

import re

from django import forms
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

from fondsbeveiliging.core.tekst import REGEL, TEKST, TOELICHTING, met_limiet, tekstveld

from .constants import Bewijstype, KostenAard, RekeningSoort
from .controles import check_iban, parse_bedrag
from .models import Aanvraag, KostenCategorie, Kostenpost
from .selectors import meldingen_koppelbaar

POSTCODE = re.compile(r"^[1-9][0-9]{3} ?[A-Za-z]{2}$")
JA_NEE = [(True, _("Ja")), (False, _("Nee"))]


class BedragField(forms.CharField):
    """An amount in euros typed the Dutch way ("1.234,56"), cleaned to a Decimal."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "maxlength": 20})

    def __init__(self, *, nul_toegestaan: bool = False, **kwargs):
        self.nul_toegestaan = nul_toegestaan
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if value is None or isinstance(value, str):
            return value
        return number_format(value, decimal_pos=2, use_l10n=True, force_grouping=False)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return parse_bedrag(value, nul_toegestaan=self.nul_toegestaan)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the service, not here."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


def _melding_label(melding) -> str:
    """A linkable melding by reference and incident date, so the holder knows which it is."""
    label = str(melding)
    if melding.datum_van:
        label = _("%(referentie)s, incident van %(datum)s") % {
            "referentie": label,
            "datum": date_format(melding.datum_van, "j F Y"),
        }
    if melding.status == "ingetrokken":
        label = f"{label} ({_('ingetrokken')})"
    return label


def _postcode(value: str) -> str:
    value = (value or "").strip().upper()
    if value and not POSTCODE.match(value):
        raise forms.ValidationError(_("Vul een postcode in als 1234 AB."))
    return f"{value[:4]} {value[-2:]}" if value else value


class StapForm(forms.ModelForm):
    """Base for a step: fields in `verplicht` are required only when `volledig`.

    `verplicht` maps each field to the message shown when it is left empty: one clear
    sentence per question instead of Django's generic "Dit veld is verplicht."
    """

    verplicht: dict[str, str] = {}

    def __init__(self, *args, volledig: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for naam, field in self.fields.items():
            field.required = volledig and naam in self.verplicht
            if naam in self.verplicht:
                field.error_messages["required"] = self.verplicht[naam]


class GegevensForm(StapForm):
    maatregel_bij_woning = forms.TypedChoiceField(
        label=_("Is (een van) de maatregelen bij uw woning?"),
        choices=JA_NEE,
        coerce=lambda v: v in (True, "True"),
        widget=forms.RadioSelect,
        help_text=_("Alleen dan vragen wij uw woonadres. Alleen de beoordelaars van BZK zien het."),
        empty_value=None,
    )
    meldingen = forms.ModelMultipleChoiceField(
        label=_("Meldingen die bij deze aanvraag horen (niet verplicht)"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("U kunt alleen uw eigen meldingen koppelen.")},
    )
    verplicht = {
        "correspondentie_adres": _(
            "Vul uw correspondentieadres in (straat en huisnummer of postbus)."
        ),
        "correspondentie_postcode": _("Vul de postcode van uw correspondentieadres in."),
        "correspondentie_plaats": _("Vul de plaats van uw correspondentieadres in."),
        "maatregel_bij_woning": _("Kies of een maatregel bij uw woning is."),
    }

    class Meta:
        model = Aanvraag
        fields = [
            "correspondentie_adres",
            "correspondentie_postcode",
            "correspondentie_plaats",
            "maatregel_bij_woning",
            "woonadres",
            "woon_postcode",
            "woon_plaats",
            "meldingen",
            "uw_kenmerk",
        ]
        labels = {"uw_kenmerk": _("Uw eigen kenmerk (niet verplicht)")}
        help_texts = {
            "uw_kenmerk": _(
                "Heeft u een eigen kenmerk of dossiernummer voor deze aanvraag? Dan noemen wij "
                "het in onze brieven aan u. Hooguit 40 tekens."
            )
        }
        error_messages = {
            "uw_kenmerk": {"max_length": _("Uw eigen kenmerk mag hooguit 40 tekens hebben.")}
        }

    def __init__(self, *args, user, **kwargs):
        self.volledig = kwargs.get("volledig", False)
        super().__init__(*args, **kwargs)
        self.fields["meldingen"].queryset = meldingen_koppelbaar(user=user)
        self.fields["meldingen"].label_from_instance = _melding_label
        self.fields["meldingen"].required = False
        self.fields["correspondentie_adres"].help_text = _(
            "Hier sturen wij brieven naar. Een postbus of werkadres mag."
        )
        for naam in ("woonadres", "woon_postcode", "woon_plaats"):
            self.fields[naam].widget.attrs["autocomplete"] = "off"

    def clean_correspondentie_postcode(self):
        return _postcode(self.cleaned_data.get("correspondentie_postcode"))

    def clean_woon_postcode(self):
        return _postcode(self.cleaned_data.get("woon_postcode"))

    def clean(self):
        cleaned = super().clean()
        if self.volledig and cleaned.get("maatregel_bij_woning"):
            for naam, tekst in (
                ("woonadres", _("Vul uw woonadres in.")),
                ("woon_postcode", _("Vul de postcode van uw woonadres in.")),
                ("woon_plaats", _("Vul uw woonplaats in.")),
            ):
                if not cleaned.get(naam) and naam not in self.errors:
                    self.add_error(naam, tekst)
        return cleaned


class KostenpostForm(StapForm):
    bedrag = BedragField(
        label=_("Bedrag inclusief btw, in euro's"),
        help_text=_("Bijvoorbeeld 1.234,56"),
    )
    aard = forms.ChoiceField(
        label=_("Zijn de kosten al betaald?"), choices=KostenAard.choices, widget=forms.RadioSelect
    )
    verplicht = {
        "categorie": _("Kies een soort kosten."),
        "omschrijving": _("Beschrijf de maatregel."),
        "leverancier": _("Vul de naam van de leverancier in."),
        "bedrag": _("Vul het bedrag inclusief btw in."),
        "aard": _("Kies of de kosten al betaald zijn of dat het om een offerte gaat."),
    }

    class Meta:
        model = Kostenpost
        fields = ["categorie", "omschrijving", "leverancier", "factuurnummer", "bedrag", "aard"]
        widgets = {"omschrijving": forms.Textarea(attrs={"rows": 3})}
        labels = {"factuurnummer": _("Factuurnummer (niet verplicht)")}
        help_texts = {
            "omschrijving": _("Wat is er gekocht of wordt er gekocht?"),
            "factuurnummer": _("Staat op de factuur. Laat leeg als u nog een offerte heeft."),
        }
        field_classes = {
            "omschrijving": met_limiet(TOELICHTING),
            "leverancier": met_limiet(REGEL),
            # The model's own length, so the form states and checks the limit the column has.
            "factuurnummer": met_limiet(Kostenpost._meta.get_field("factuurnummer").max_length),
        }

    def __init__(self, *args, regeling, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categorie"].queryset = KostenCategorie.objects.filter(regeling=regeling)
        self.fields["categorie"].empty_label = _("Kies een soort kosten")
        self.fields["categorie"].error_messages["invalid_choice"] = _(
            "Kies een soort kosten uit de lijst."
        )

    def clean_aard(self):
        return self.cleaned_data.get("aard") or ""


class BewijsstukForm(forms.Form):
    """Upload evidence for one cost line; each accepted file is stored at once."""

    soort = forms.ChoiceField(label=_("Soort bewijsstuk"), choices=Bewijstype.choices)
    bestanden = MultipleFileField(
        label=_("Bestanden toevoegen"),
        required=False,
        help_text=_("PDF, JPG, PNG, WebP of HEIC, hooguit 10 MB per bestand."),
    )


class BetalingForm(StapForm):
    rekening_soort = forms.ChoiceField(
        label=_("Op welke rekening wilt u het geld ontvangen?"),
        choices=RekeningSoort.choices,
        widget=forms.RadioSelect,
    )
    verplicht = {
        "iban": _("Vul het IBAN in."),
        "rekeninghouder": _("Vul de tenaamstelling van de rekening in."),
        "rekening_soort": _("Kies op welke rekening u het geld wilt ontvangen."),
    }

    class Meta:
        model = Aanvraag
        fields = ["rekening_soort", "iban", "rekeninghouder"]

    def __init__(self, *args, regeling, **kwargs):
        super().__init__(*args, **kwargs)
        self.regeling = regeling
        self.fields["iban"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["rekeninghouder"].help_text = _(
            "Precies zoals bij de bank bekend. De bank controleert de naam bij de betaling."
        )

    def clean_iban(self):
        iban = self.cleaned_data.get("iban", "")
        if not iban:
            return ""
        return check_iban(iban, buitenland_toegestaan=self.regeling.buitenlandse_iban_toegestaan)

    def clean_rekening_soort(self):
        return self.cleaned_data.get("rekening_soort") or ""


class IndienenForm(forms.Form):
    verklaring = forms.BooleanField(
        label=_(
            "Ik verklaar dat ik deze aanvraag naar waarheid heb ingevuld en dat deze kosten "
            "niet ergens anders worden vergoed."
        ),
        error_messages={"required": _("Vink de verklaring aan om uw aanvraag te versturen.")},
    )


class AanvullingForm(forms.Form):
    antwoord = tekstveld(_("Uw antwoord"), limiet=TEKST, rows=6, required=False)
    bestanden = MultipleFileField(
        label=_("Bestanden (niet verplicht)"),
        required=False,
        help_text=_("PDF, JPG, PNG, WebP of HEIC, hooguit 10 MB per bestand."),
    )


class IntrekkenForm(forms.Form):
    toelichting = tekstveld(
        _("Waarom trekt u de aanvraag in? (niet verplicht)"),
        limiet=TOELICHTING,
        rows=3,
        required=False,
    )


class ZienswijzeForm(forms.Form):
    tekst = tekstveld(
        _("Uw zienswijze"),
        limiet=TEKST,
        rows=8,
        required=True,
        error_messages={"required": _("Vul uw zienswijze in.")},
        help_text=_(
            "Schrijf wat u van ons voornemen vindt. Heeft u feiten of stukken die wij nog niet "
            "kennen, noem ze dan."
        ),
    )


class BezwaarForm(forms.Form):
    gronden = tekstveld(
        _("Waarom bent u het niet eens met het besluit?"),
        limiet=TEKST,
        rows=8,
        required=True,
        error_messages={"required": _("Schrijf waarom u het niet eens bent met het besluit.")},
        help_text=_("Dit zijn de gronden van uw bezwaar. Noem wat volgens u anders moet."),
    )
    bestanden = MultipleFileField(
        label=_("Bijlagen (niet verplicht)"),
        required=False,
        help_text=_("PDF, JPG, PNG, WebP of HEIC, hooguit 10 MB per bestand."),
    )


class IngebrekestellingForm(forms.Form):
    bevestiging = forms.BooleanField(
        label=_(
            "Ik stel het ministerie in gebreke: het heeft niet op tijd op mijn aanvraag beslist."
        ),
        error_messages={"required": _("Vink aan dat u het ministerie in gebreke stelt.")},
    )
