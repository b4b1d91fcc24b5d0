"""Forms of the back-office action pages: they parse input, nothing more.

Every rule (who may act, which status, amounts within what was claimed, four-eyes, budget) is
checked by the service the page calls; its `WorkflowFout` is shown as a form error.
"""

from datetime import datetime

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from fondsbeveiliging.accounts.constants import Rol
from fondsbeveiliging.core.tekst import MOTIVERING, REGEL, TEKST, TOELICHTING, tekstveld

from ..constants import (
    BezwaarUitkomst,
    HerzieningGrond,
    Hoorzitting,
    Indiener,
    RedenCode,
    Uitkomst,
)
from ..forms import BedragField


class BevestigForm(forms.Form):
    """An action without input: the page only asks to confirm."""


class DatumField(forms.DateField):
    widget = AdminDateWidget

    default_error_messages = {
        "invalid": _("Vul een bestaande datum in als dd-mm-jjjj, bijvoorbeeld 31-01-2027."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"])
        super().__init__(**kwargs)


# Every free-text field states its audience (issue 13): text for the letter is read by the
# applicant (and previewed); an internal note never reaches a letter, the applicant's
# screens, an e-mail, the municipality or a data export.
VOOR_DE_BRIEF = _("Komt in de brief aan de aanvrager: schrijf in de u-vorm.")
INTERN = _("Intern: komt niet in een brief, niet bij de aanvrager en niet bij de gemeente.")


def _tekst(label, *, publiek, limiet, help_text="", rows=4, **kwargs):
    """A free-text field whose help text says who reads it (`publiek`) and how long it may be."""
    uitleg = format_lazy("{} {}", help_text, publiek) if help_text else publiek
    return tekstveld(label, limiet=limiet, help_text=uitleg, rows=rows, **kwargs)


class ToewijzenForm(forms.Form):
    behandelaar = forms.ModelChoiceField(
        label=_("Beoordelaar"),
        queryset=get_user_model().objects.none(),
        empty_label=_("Kies een beoordelaar"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["behandelaar"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, rol__in=[Rol.BEOORDELAAR, Rol.TWEEDE_BEOORDELAAR])
            .order_by("first_name", "last_name", "email")
        )


class AanvullingVragenForm(forms.Form):
    vraag = _tekst(_("Welke informatie is nodig?"), publiek=VOOR_DE_BRIEF, limiet=TEKST)
    termijn_tot = DatumField(
        label=_("Reageren uiterlijk op"),
        required=False,
        help_text=_(
            "Met een termijn wordt de beslistermijn opgeschort vanaf de dag na het verzoek. "
            "Zonder termijn loopt de beslistermijn door."
        ),
    )


class AanvullingRegistrerenForm(forms.Form):
    antwoord = _tekst(
        _("Ontvangen aanvulling"),
        publiek=INTERN,
        limiet=TEKST,
        help_text=_("Bijv. per post of e-mail ontvangen."),
    )


class VerdagenForm(forms.Form):
    nieuwe_datum = DatumField(label=_("Nieuwe uiterste beslisdatum"))
    reden = _tekst(_("Reden van de verdaging"), publiek=VOOR_DE_BRIEF, limiet=TOELICHTING)


class VoornemenForm(forms.Form):
    reden = _tekst(
        _("Reden van de voorgenomen afwijzing"), publiek=VOOR_DE_BRIEF, limiet=MOTIVERING
    )
    termijn_tot = DatumField(label=_("Zienswijze uiterlijk op"))


class ZienswijzeForm(forms.Form):
    zienswijze = _tekst(
        _("Interne notitie over de zienswijze"),
        publiek=INTERN,
        limiet=TEKST,
        help_text=_("Bijv. wat er telefonisch of op het gesprek is gezegd."),
        required=False,
    )
    zienswijze_in_brief = _tekst(
        _("Zienswijze in de brief"),
        publiek=VOOR_DE_BRIEF,
        limiet=TEKST,
        help_text=_("Wat de aanvrager naar voren bracht, zoals het in het besluit komt."),
        required=False,
    )
    termijn_verstreken = forms.BooleanField(
        label=_("De termijn is verstreken zonder zienswijze"), required=False
    )

    def clean(self):
        data = super().clean()
        tekst = (data.get("zienswijze") or "").strip()
        if data.get("termijn_verstreken") == bool(tekst):
            raise forms.ValidationError(
                _("Vul de zienswijze in, of vink aan dat de termijn zonder zienswijze verstreek.")
            )
        data["zienswijze"] = None if data.get("termijn_verstreken") else tekst
        data["zienswijze_in_brief"] = (data.get("zienswijze_in_brief") or "").strip()
        return data


class KostenpostBeoordelingForm(forms.Form):
    """One cost line: blank until the assessor chooses (issue 15); a blank line is skipped.

    Amount and reason go together: a line with only one of them gets an error on the other,
    so every incomplete line is reported at once. The rules on the amount (at most claimed,
    at most the category's maximum) are the service's.
    """

    kostenpost_id = forms.IntegerField(widget=forms.HiddenInput)
    bedrag_toegekend = BedragField(label=_("Toegekend bedrag"), nul_toegestaan=True, required=False)
    reden_code = forms.ChoiceField(
        label=_("Reden"),
        choices=[("", _("Kies een beoordeling")), *RedenCode.choices],
        required=False,
    )
    motivering = _tekst(
        _("Motivering"),
        publiek=VOOR_DE_BRIEF,
        limiet=TOELICHTING,
        help_text=_("Verplicht als u minder toekent dan gevraagd."),
        required=False,
        rows=2,
    )

    def clean(self):
        data = super().clean()
        bedrag = data.get("bedrag_toegekend")
        reden = data.get("reden_code")
        leeg = bedrag is None and not reden and not (data.get("motivering") or "").strip()
        data["beoordeeld"] = not leeg and "bedrag_toegekend" not in self.errors
        if leeg or "bedrag_toegekend" in self.errors:
            return data
        if bedrag is None:
            self.add_error("bedrag_toegekend", _("Vul het toegekende bedrag in."))
        if not reden:
            self.add_error("reden_code", _("Kies een reden."))
        return data


class BaseKostenpostBeoordelingFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        if not any(form.cleaned_data.get("beoordeeld") for form in self.forms):
            raise forms.ValidationError(
                _("Beoordeel ten minste één kostenpost: kies een bedrag en een reden."),
                code="leeg",
            )


KostenpostBeoordelingFormSet = forms.formset_factory(
    KostenpostBeoordelingForm, formset=BaseKostenpostBeoordelingFormSet, extra=0
)


class BesluitOpstellenForm(forms.Form):
    uitkomst = forms.ChoiceField(label=_("Uitkomst"), choices=Uitkomst.choices)
    motivering = _tekst(_("Motivering"), publiek=VOOR_DE_BRIEF, limiet=MOTIVERING)


class GoedkeurenForm(forms.Form):
    budget_overschrijding_bevestigd = forms.BooleanField(
        label=_(
            "Ik keur dit besluit goed, ook al gaat het boven het resterende budget van het jaar"
        ),
        required=False,
    )


class TerugsturenForm(forms.Form):
    reden = _tekst(_("Waarom gaat het concept terug?"), publiek=INTERN, limiet=TOELICHTING)


class BetalingForm(forms.Form):
    betaald_op = DatumField(label=_("Betaald op"))
    bedrag = BedragField(label=_("Bedrag"), nul_toegestaan=True)
    referentie = forms.CharField(label=_("Betalingskenmerk"), max_length=100, help_text=INTERN)


class BatchBetaaldForm(forms.Form):
    """The day the bank paid a batch (or some of its rows)."""

    betaald_op = DatumField(label=_("Betaald op"))


class BezwaarForm(forms.Form):
    """Register an objection received by post or e-mail (services.bezwaar_registreren).

    What is missing is ticked (unticked: present), so a form without those fields
    registers a complete objection.
    """

    ontvangen_op = DatumField(label=_("Bezwaar ontvangen op"))
    verzonden_op = DatumField(
        label=_("Op de post gedaan op (poststempel)"),
        required=False,
        help_text=_(
            "Alleen bij een bezwaar per post dat na de bezwaartermijn binnenkwam: op tijd "
            "verstuurd en binnen een week na de termijn ontvangen is op tijd (art. 6:9 Awb)."
        ),
    )
    # Not given: the applicant (as before representatives could be registered).
    indiener = forms.TypedChoiceField(
        label=_("Ingediend door"),
        choices=Indiener.choices,
        initial=Indiener.AANVRAGER,
        required=False,
        empty_value=Indiener.AANVRAGER,
    )
    gemachtigde_naam = forms.CharField(
        label=_("Naam gemachtigde"), max_length=REGEL, required=False
    )
    machtiging_ontvangen = forms.BooleanField(
        label=_("Machtiging van de gemachtigde ontvangen"), required=False
    )
    niet_ondertekend = forms.BooleanField(label=_("Niet ondertekend"), required=False)
    geen_gronden = forms.BooleanField(label=_("Geen gronden vermeld"), required=False)
    toelichting = _tekst(_("Toelichting"), publiek=INTERN, limiet=TOELICHTING, required=False)


class VerzuimHerstelForm(forms.Form):
    verzuim = _tekst(
        _("Wat ontbreekt er?"),
        publiek=VOOR_DE_BRIEF,
        limiet=TOELICHTING,
        help_text=_("Bijv. de handtekening, de gronden of de machtiging."),
    )
    hersteltermijn_tot = DatumField(
        label=_("Herstellen uiterlijk op"),
        help_text=_("De beslistermijn op het bezwaar staat stil vanaf de dag na het verzoek."),
    )


class VerzuimHersteldForm(forms.Form):
    hersteld_op = DatumField(label=_("Verzuim hersteld op"))


class HoorzittingPlannenForm(forms.Form):
    """Date and time as two labelled fields (the admin's split widget has no labels); `clean`
    combines them into `op`, an aware datetime in the site's time zone."""

    datum = DatumField(label=_("Datum van de hoorzitting"))
    tijd = forms.TimeField(
        label=_("Tijd"),
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        help_text=_("Bijvoorbeeld 10:30."),
        error_messages={"invalid": _("Vul een tijd in als uu:mm, bijvoorbeeld 10:30.")},
    )
    plaats = forms.CharField(
        label=_("Plaats of link"),
        max_length=REGEL,
        help_text=VOOR_DE_BRIEF,
    )

    def clean(self):
        gegevens = super().clean()
        if gegevens.get("datum") and gegevens.get("tijd"):
            gegevens["op"] = timezone.make_aware(
                datetime.combine(gegevens["datum"], gegevens["tijd"])
            )
        return gegevens


class HoorzittingVastleggenForm(forms.Form):
    verslag = _tekst(_("Verslag van de hoorzitting"), publiek=INTERN, limiet=TEKST, rows=8)


class HorenAfzienForm(forms.Form):
    grond = forms.ChoiceField(
        label=_("Waarom geen hoorzitting"),
        choices=[(h.value, h.label) for h in (Hoorzitting.AFGEZIEN, Hoorzitting.ACHTERWEGE)],
        widget=forms.RadioSelect,
    )
    reden = _tekst(
        _("Toelichting"),
        publiek=INTERN,
        limiet=TOELICHTING,
        required=False,
        help_text=_("Verplicht bij 'achterwege gelaten': welke grond van art. 7:3 Awb en waarom."),
    )


class BezwaarVerdagenForm(forms.Form):
    nieuwe_datum = DatumField(label=_("Nieuwe uiterste beslisdatum"))
    reden = _tekst(_("Reden van de verdaging"), publiek=VOOR_DE_BRIEF, limiet=TOELICHTING)


class BezwaarUitstellenForm(forms.Form):
    uitstel_tot = DatumField(label=_("Uitgesteld tot"))
    instemming = _tekst(
        _("Instemming van de indiener"),
        publiek=INTERN,
        limiet=TOELICHTING,
        help_text=_("Hoe en wanneer de indiener instemde, bijv. 'per e-mail van 3 juni'."),
    )


class BezwaarIntrekkenForm(forms.Form):
    ingetrokken_op = DatumField(label=_("Bezwaar ingetrokken op"))


class IngebrekestellingForm(forms.Form):
    ontvangen_op = DatumField(label=_("Ingebrekestelling ontvangen op"))


class SignalenAfwegenForm(forms.Form):
    """Why the assessor goes on with a claim despite its double-claim signals."""

    reden = _tekst(
        _("Waarom gaat u door ondanks de signalen?"),
        publiek=INTERN,
        limiet=TOELICHTING,
        help_text=_(
            "Bijvoorbeeld: de andere aanvraag is ingetrokken, of het gaat om twee termijnen."
        ),
        rows=3,
    )


# --- After the decision: correction, decision on objection, repayment (issue 16) -----------


class HerzieningStartenForm(forms.Form):
    """Open a correction: the cost lines can then be re-assessed before drafting."""

    grond = forms.ChoiceField(label=_("Grond van de herziening"), choices=HerzieningGrond.choices)


class HerzieningOpstellenForm(forms.Form):
    """Draft the correcting decision; amount and outcome follow from the assessed lines."""

    grond = forms.ChoiceField(label=_("Grond van de herziening"), choices=HerzieningGrond.choices)
    motivering = _tekst(_("Motivering"), publiek=VOOR_DE_BRIEF, limiet=MOTIVERING)


class BeslissingOpBezwaarForm(forms.Form):
    """Draft the decision on the objection (Awb 7:11)."""

    bezwaar_uitkomst = forms.ChoiceField(
        label=_("Uitkomst van het bezwaar"), choices=BezwaarUitkomst.choices
    )
    motivering = _tekst(_("Heroverweging (motivering)"), publiek=VOOR_DE_BRIEF, limiet=MOTIVERING)


class TerugbetalingForm(forms.Form):
    """The day the reclaimed amount (Awb 4:57) was received."""

    terugbetaald_op = DatumField(label=_("Terugbetaling ontvangen op"))
