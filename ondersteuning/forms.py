"""Forms of the municipality's screens and of the coordinator's back-office actions."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fondsbeveiliging.core.tekst import REGEL, TEKST, TOELICHTING, TekstField, met_limiet
from meldingen.forms import BijlagenForm, FoutlinksMixin

from .constants import VERPLICHTE_VELDEN, Hulpvorm, Risicosignaal
from .models import Ondersteuningsverzoek, Teamlid
from .services import CONCEPT_VELDEN, MAX_CONTACTPERSONEN

JA_NEE = [(True, _("Ja")), (False, _("Nee"))]

VERPLICHT = {
    "titel": _("Vul de titel van de bijeenkomst in."),
    "bijeenkomst_op": _("Vul de datum en de begintijd van de bijeenkomst in."),
    "locatie": _("Vul de locatie van de bijeenkomst in."),
    "verwacht_aantal": _("Vul in hoeveel bezoekers u verwacht."),
    "openbaar": _("Kies of de bijeenkomst openbaar is."),
    "livestream": _("Kies of de bijeenkomst live wordt uitgezonden."),
    "onderwerp": _("Beschrijf het onderwerp van de bijeenkomst."),
    "hulpvormen": _("Kies welke hulp u vraagt (een of meer)."),
}


def _to_bool(value):
    return {"True": True, "False": False}.get(value)


def _ja_nee(label):
    return forms.TypedChoiceField(
        label=label,
        choices=JA_NEE,
        coerce=_to_bool,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


class DatumTijdInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class VerzoekForm(FoutlinksMixin, forms.ModelForm):
    """All questions of a request. Lenient for a concept, strict (`volledig`) to send."""

    bijeenkomst_op = forms.DateTimeField(
        label=_("Datum en begintijd van de bijeenkomst"),
        required=False,
        widget=DatumTijdInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        help_text=_("Bijvoorbeeld 12-03-2027 19:30."),
    )
    verwacht_aantal = forms.IntegerField(
        label=_("Verwacht aantal bezoekers"), min_value=0, max_value=100000, required=False
    )
    openbaar = _ja_nee(_("Is de bijeenkomst openbaar?"))
    livestream = _ja_nee(_("Wordt de bijeenkomst live uitgezonden (livestream)?"))
    risicosignalen = forms.MultipleChoiceField(
        label=_("Welke risicosignalen zijn er?"),
        help_text=_("Kies alles wat van toepassing is. Niet verplicht."),
        choices=Risicosignaal.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    hulpvormen = forms.MultipleChoiceField(
        label=_("Welke hulp vraagt u?"),
        choices=Hulpvorm.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Ondersteuningsverzoek
        fields = CONCEPT_VELDEN
        labels = {
            "titel": _("Titel van de bijeenkomst"),
            "locatie": _("Locatie"),
            "onderwerp": _("Onderwerp van de bijeenkomst"),
            "risico_toelichting": _("Toelichting op de risico's (niet verplicht)"),
            "hulp_toelichting": _("Toelichting op uw vraag (niet verplicht)"),
        }
        help_texts = {
            "titel": _("Bijvoorbeeld: informatieavond over de komst van een opvanglocatie."),
            "locatie": _("Naam van het gebouw en de plaats."),
            "onderwerp": _("Het besluit of plan waarover de bijeenkomst gaat."),
            "risico_toelichting": _(
                "Bijvoorbeeld eerdere incidenten, oproepen op sociale media of groepen die "
                "willen komen. Noem geen namen van burgers als dat niet nodig is."
            ),
        }
        widgets = {
            "onderwerp": forms.Textarea(attrs={"rows": 4}),
            "risico_toelichting": forms.Textarea(attrs={"rows": 4}),
            "hulp_toelichting": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {
            "titel": met_limiet(REGEL),
            "locatie": met_limiet(REGEL),
            "onderwerp": met_limiet(TOELICHTING),
            "risico_toelichting": met_limiet(TEKST),
            "hulp_toelichting": met_limiet(TOELICHTING),
        }

    def __init__(self, *args, volledig: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.volledig = volledig
        for name in VERPLICHTE_VELDEN:
            # Marked required (asterisk, aria) always; enforced only when sending.
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = VERPLICHT[name]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Fieldset(
                _("De bijeenkomst"),
                "titel",
                "bijeenkomst_op",
                "locatie",
                "verwacht_aantal",
                "openbaar",
                "livestream",
                "onderwerp",
            ),
            Fieldset(_("Risicosignalen"), "risicosignalen", "risico_toelichting"),
            Fieldset(_("Gevraagde hulp"), "hulpvormen", "hulp_toelichting"),
        )

    def full_clean(self):
        """Validate; a concept may leave the required questions open."""
        if self.volledig:
            return super().full_clean()
        for name in VERPLICHTE_VELDEN:
            self.fields[name].required = False
        try:
            super().full_clean()
        finally:
            for name in VERPLICHTE_VELDEN:
                self.fields[name].required = True

    def clean_bijeenkomst_op(self):
        moment = self.cleaned_data.get("bijeenkomst_op")
        if moment and self.volledig and moment < timezone.now():
            raise forms.ValidationError(
                _("De bijeenkomst moet in de toekomst liggen."), code="verleden"
            )
        return moment


class ContactpersoonForm(FoutlinksMixin, forms.Form):
    """Up to three contacts at the municipality; the first is required to send."""

    def __init__(self, *args, volledig: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, MAX_CONTACTPERSONEN + 1):
            self.fields[f"contact_{i}_naam"] = forms.CharField(
                label=_("Naam contactpersoon %(n)s") % {"n": i}, max_length=100, required=False
            )
            self.fields[f"contact_{i}_rol"] = forms.CharField(
                label=_("Functie of rol contactpersoon %(n)s") % {"n": i},
                max_length=100,
                required=False,
            )
            self.fields[f"contact_{i}_telefoon"] = forms.CharField(
                label=_("Telefoon contactpersoon %(n)s") % {"n": i},
                max_length=20,
                required=False,
                widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            )
        self.volledig = volledig

    @classmethod
    def initial_van(cls, verzoek) -> dict:
        initial = {}
        if verzoek is None:
            return initial
        for i, contact in enumerate(verzoek.contactpersonen.all(), start=1):
            initial |= {
                f"contact_{i}_naam": contact.naam,
                f"contact_{i}_rol": contact.rol,
                f"contact_{i}_telefoon": contact.telefoon,
            }
        return initial

    def groepen(self):
        """The fields per contact, for the template."""
        return [
            (i, [self[f"contact_{i}_{deel}"] for deel in ("naam", "rol", "telefoon")])
            for i in range(1, MAX_CONTACTPERSONEN + 1)
        ]

    def clean(self):
        data = super().clean()
        contacten = []
        for i in range(1, MAX_CONTACTPERSONEN + 1):
            waarden = {
                deel: (data.get(f"contact_{i}_{deel}") or "").strip()
                for deel in ("naam", "rol", "telefoon")
            }
            if not any(waarden.values()):
                continue
            for deel, waarde in waarden.items():
                if not waarde:
                    self.add_error(
                        f"contact_{i}_{deel}",
                        _("Vul naam, rol en telefoon van deze contactpersoon in."),
                    )
            contacten.append(waarden)
        if self.volledig and not contacten:
            self.add_error("contact_1_naam", _("Vul ten minste één contactpersoon in."))
        data["contactpersonen"] = contacten
        return data


class AanvullingForm(BijlagenForm):
    tekst = TekstField(
        label=_("Wat wilt u toevoegen?"),
        limiet=TEKST,
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_("Bijvoorbeeld nieuwe signalen of een gewijzigd programma."),
    )
    field_order = ["tekst", "bestanden"]


# --- Back office ---------------------------------------------------------------------------


class AccepterenForm(forms.Form):
    reden = TekstField(
        label=_("Toelichting voor de gemeente (niet verplicht)"),
        limiet=TOELICHTING,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        required=False,
        help_text=_("De gemeente ziet deze tekst bij het verzoek."),
    )


class AfwijzenForm(forms.Form):
    reden = TekstField(
        label=_("Reden van de afwijzing (voor de gemeente)"),
        limiet=TOELICHTING,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("De gemeente ziet deze tekst bij het verzoek."),
    )


class TeamlidKeuze(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_organisatie_display()}: {obj.naam}" + (
            f" ({obj.functie})" if obj.functie else ""
        )


class TeamForm(forms.Form):
    teamleden = TeamlidKeuze(
        label=_("Teamleden"),
        queryset=Teamlid.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies de leden van BZK, de NCTV en het COT. Alleen voor BZK zichtbaar."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teamleden"].queryset = Teamlid.objects.filter(actief=True).order_by(
            "organisatie", "naam"
        )


class ActiviteitForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort activiteit"), choices=Hulpvorm.choices)
    begint_op = forms.DateTimeField(
        label=_("Begint op"),
        error_messages={"required": _("Vul in wanneer de activiteit begint.")},
        widget=DatumTijdInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
    )
    eindigt_op = forms.DateTimeField(
        label=_("Eindigt op (niet verplicht)"),
        widget=DatumTijdInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"],
        required=False,
    )
    locatie = TekstField(
        label=_("Locatie (niet verplicht)"),
        limiet=REGEL,
        required=False,
        help_text=_("Een adres of 'online'."),
    )
    contact = forms.ModelChoiceField(
        label=_("Contactpersoon van het team"),
        queryset=Teamlid.objects.none(),
        error_messages={"required": _("Kies de contactpersoon uit het toegewezen team.")},
        help_text=_("De gemeente ziet naam, organisatie, telefoon en e-mailadres."),
    )
    toelichting = TekstField(
        label=_("Toelichting voor de gemeente (niet verplicht)"),
        limiet=TOELICHTING,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        required=False,
        help_text=_("De gemeente ziet deze tekst."),
    )

    def __init__(self, *args, verzoek=None, **kwargs):
        super().__init__(*args, **kwargs)
        if verzoek is not None:
            self.fields["contact"].queryset = verzoek.teamleden.order_by("organisatie", "naam")


class DebriefingForm(forms.Form):
    verloop = TekstField(
        label=_("Wat er gebeurde"),
        limiet=TEKST,
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_("Intern: niet zichtbaar voor de gemeente."),
    )
    incidenten = TekstField(
        label=_("Incidenten (niet verplicht)"),
        limiet=TEKST,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        required=False,
    )
    lessen = TekstField(
        label=_("Lessen (niet verplicht)"),
        limiet=TEKST,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        required=False,
    )


class NotitieForm(forms.Form):
    tekst = TekstField(
        label=_("Interne notitie"),
        limiet=TOELICHTING,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Intern: niet zichtbaar voor de gemeente."),
    )
