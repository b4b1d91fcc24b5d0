"""The workflow actions: the `ACTIES` table of buttons and which of them a user may take now.

Each `Actie` calls exactly one service of `aanvragen.backoffice.services`; whether its button
appears is decided by a `can_*` function of `aanvragen.backoffice.permissions`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from fondsbeveiliging.accounts.constants import BEOORDELAAR_ROLLEN, Rol
from fondsbeveiliging.termijnen.berekening import bezwaar_verdaging_uiterlijk, hersteltermijn_einde

from ...constants import BEZWAAR_LOOPT, BesluitSoort, BesluitStatus, Hoorzitting
from .. import forms, permissions, services
from ..services.behandeling import opschorting_waarschuwing
from ..services.bezwaar import ontbrekende_vereisten


def toegestane_acties(user, zaak) -> list[tuple[str, str]]:
    """(slug, label) of the workflow actions `user` may take on this case now."""
    return [
        (slug, actie.label_voor(user))
        for slug, actie in ACTIES.items()
        if actie.doel(zaak) is not None and actie.mag(user, zaak)
    ]


# --- Action pages -----------------------------------------------------------------------


def _concept_besluit(zaak):
    return next((b for b in zaak.besluiten if b.status == BesluitStatus.CONCEPT), None)


def _verzonden_besluit(zaak):
    """The claim's current sent decision (a dwangsom decision is none: it is paid in batches)."""
    verzonden = [
        b for b in zaak.besluiten if b.status == BesluitStatus.VERZONDEN and b.regelt_aanvraag
    ]
    return max(verzonden, key=lambda b: b.versie, default=None)


def _openstaand(besluit, zaak=None) -> Decimal | None:
    """Granted minus paid so far, as a suggestion for the payment form (prefetched rows).

    Paid so far on the claim's current decision counts the payments on every decision it
    continues, less reclaimed amounts repaid (`aanvragen.selectors.betaald_op_besluit`).
    """
    if besluit is None:
        return None
    keten = [b for b in zaak.besluiten if b.regelt_aanvraag] if zaak else [besluit]
    betaald = sum((p.bedrag for b in keten for p in b.betalingen.all()), Decimal(0))
    terug = sum((b.terugvordering for b in keten if b.terugbetaald_op), Decimal(0))
    return besluit.bedrag_toegekend - betaald + terug


def _met_besluit(check, kiezen):
    """A permission check on the decision the action is about (None: no such decision)."""

    def mag(user, zaak):
        besluit = kiezen(zaak)
        return besluit is not None and check(user, besluit)

    return mag


def _op_aanvraag(check):
    return lambda user, zaak: check(user, zaak.aanvraag)


def _aanvraag(zaak):
    return zaak.aanvraag


@dataclass(frozen=True)
class Actie:
    """One workflow button: its form, what it acts on, who may use it, which service it calls.

    `uitvoeren(user, doel, data)` calls exactly one service; `doel(zaak)` is the object the
    action is about (None when there is none, e.g. no open request to register an answer for).
    """

    label: str
    form: type
    doel: Callable
    mag: Callable
    uitvoeren: Callable
    initial: Callable = lambda zaak: {}
    label_teamleider: str = ""
    uitleg: str = ""
    # A warning in Dutch for this case, shown on the form and again with the result
    # ("" for none): the action is allowed but does not do everything the user may expect.
    waarschuwing: Callable = lambda zaak: ""
    # The roles that could ever take this action: anyone else gets a 404 for its page, as for
    # every other page outside their role (the service's refusal is for the right role at the
    # wrong moment, e.g. the four-eyes rule).
    rollen: frozenset = BEOORDELAAR_ROLLEN

    def is_voor_rol(self, user) -> bool:
        return user.has_rol(*self.rollen)

    def form_voor(self, user) -> type:
        """The form class; `form` may instead be a function of the user (assigning)."""
        return self.form if isinstance(self.form, type) else self.form(user)

    def label_voor(self, user) -> str:
        if self.label_teamleider and permissions.is_teamleider(user):
            return str(self.label_teamleider)
        return str(self.label)


def _toewijzen(user, aanvraag, data):
    behandelaar = data.get("behandelaar") or user
    return services.aanvraag_toewijzen(aanvraag_id=aanvraag.pk, behandelaar=behandelaar, door=user)


def _toewijzen_form(user):
    return forms.ToewijzenForm if permissions.is_teamleider(user) else forms.BevestigForm


ACTIES: dict[str, Actie] = {
    "toewijzen": Actie(
        label=_lazy("Oppakken"),
        label_teamleider=_lazy("Toewijzen"),
        form=_toewijzen_form,
        doel=_aanvraag,
        mag=_op_aanvraag(permissions.can_aanvraag_toewijzen),
        uitvoeren=_toewijzen,
        initial=lambda zaak: {"behandelaar": zaak.aanvraag.behandelaar_id},
        uitleg=_lazy("U wordt de beoordelaar van deze aanvraag."),
    ),
    "behandeling-starten": Actie(
        label=_lazy("Behandeling starten"),
        form=forms.BevestigForm,
        doel=_aanvraag,
        mag=_op_aanvraag(permissions.can_behandeling_starten),
        uitvoeren=lambda user, a, data: services.behandeling_starten(aanvraag_id=a.pk, door=user),
    ),
    "aanvulling-vragen": Actie(
        label=_lazy("Aanvulling vragen"),
        form=forms.AanvullingVragenForm,
        doel=_aanvraag,
        mag=_op_aanvraag(permissions.can_aanvulling_vragen),
        uitvoeren=lambda user, a, data: services.aanvulling_vragen(
            aanvraag_id=a.pk, door=user, vraag=data["vraag"], termijn_tot=data["termijn_tot"]
        ),
        initial=lambda zaak: {"termijn_tot": services.hersteltermijn_voorstel(zaak.aanvraag)},
        waarschuwing=lambda zaak: opschorting_waarschuwing(zaak.aanvraag),
    ),
    "aanvulling-registreren": Actie(
        label=_lazy("Aanvulling registreren"),
        form=forms.AanvullingRegistrerenForm,
        doel=lambda zaak: zaak.open_aanvulverzoek,
        mag=_op_aanvraag(permissions.can_aanvulling_registreren),
        uitvoeren=lambda user, verzoek, data: services.aanvulling_registreren(
            aanvulverzoek_id=verzoek.pk, door=user, antwoord=data["antwoord"]
        ),
    ),
    "hersteltermijn-verstreken": Actie(
        label=_lazy("Hersteltermijn verstreken"),
        form=forms.BevestigForm,
        doel=_aanvraag,
        mag=_op_aanvraag(permissions.can_aanvulling_termijn_verstreken),
        uitvoeren=lambda user, a, data: services.aanvulling_termijn_verstreken(
            aanvraag_id=a.pk, door=user
        ),
        uitleg=_lazy(
            "De aanvraag wordt buiten behandeling gesteld; daarna volgt een besluit "
            "'buiten behandeling'."
        ),
    ),
    "verdagen": Actie(
        label=_lazy("Verdagen"),
        form=forms.VerdagenForm,
        doel=_aanvraag,
        mag=_op_aanvraag(permissions.can_verdagen),
        uitvoeren=lambda user, a, data: services.verdagen(
            aanvraag_id=a.pk, door=user, nieuwe_datum=data["nieuwe_datum"], reden=data["reden"]
        ),
    ),
    "voornemen": Actie(
        label=_lazy("Voornemen tot afwijzing"),
        form=forms.VoornemenForm,
        doel=_aanvraag,
        mag=_op_aanvraag(permissions.can_voornemen_afwijzing_versturen),
        uitvoeren=lambda user, a, data: services.voornemen_afwijzing_versturen(
            aanvraag_id=a.pk, door=user, reden=data["reden"], termijn_tot=data["termijn_tot"]
        ),
        initial=lambda zaak: {"termijn_tot": services.zienswijzetermijn_voorstel(zaak.aanvraag)},
    ),
    "zienswijze": Actie(
        label=_lazy("Zienswijze vastleggen"),
        form=forms.ZienswijzeForm,
        doel=lambda zaak: zaak.open_voornemen,
        mag=_op_aanvraag(permissions.can_zienswijze_vastleggen),
        uitvoeren=lambda user, voornemen, data: services.zienswijze_vastleggen(
            voornemen_id=voornemen.pk,
            door=user,
            zienswijze=data["zienswijze"],
            zienswijze_in_brief=data["zienswijze_in_brief"],
        ),
    ),
    "signalen-afwegen": Actie(
        label=_lazy("Signalen dubbele declaratie afwegen"),
        form=forms.SignalenAfwegenForm,
        doel=_aanvraag,
        # The role check first: the signals are only computed for someone who may act.
        mag=lambda user, zaak: (
            permissions.can_signalen_afwegen(user, zaak.aanvraag) and bool(zaak.dubbel.open)
        ),
        uitvoeren=lambda user, a, data: services.signalen_afwegen(
            aanvraag_id=a.pk, door=user, reden=data["reden"]
        ),
        uitleg=_lazy(
            "De signalen zijn waarschuwingen. Leg vast waarom u de aanvraag toch verder "
            "behandelt; de reden komt in de historie van de zaak."
        ),
    ),
    "beoordelen": Actie(
        label=_lazy("Kostenposten beoordelen"),
        form=forms.KostenpostBeoordelingFormSet,
        doel=lambda zaak: zaak.aanvraag if zaak.kostenposten else None,
        mag=_op_aanvraag(permissions.can_kostenpost_beoordelen),
        uitvoeren=None,  # a formset: see `_beoordelen`
    ),
    "besluit-opstellen": Actie(
        label=_lazy("Besluit opstellen"),
        form=forms.BesluitOpstellenForm,
        doel=_aanvraag,
        mag=_op_aanvraag(permissions.can_besluit_opstellen),
        uitvoeren=lambda user, a, data: services.besluit_opstellen(
            aanvraag_id=a.pk, door=user, uitkomst=data["uitkomst"], motivering=data["motivering"]
        ),
    ),
    "goedkeuren": Actie(
        label=_lazy("Besluit goedkeuren"),
        form=forms.GoedkeurenForm,
        doel=_concept_besluit,
        mag=_met_besluit(permissions.can_besluit_goedkeuren, _concept_besluit),
        uitvoeren=lambda user, besluit, data: services.besluit_goedkeuren(
            besluit_id=besluit.pk,
            door=user,
            budget_overschrijding_bevestigd=data["budget_overschrijding_bevestigd"],
        ),
    ),
    "terugsturen": Actie(
        label=_lazy("Besluit terugsturen"),
        form=forms.TerugsturenForm,
        doel=_concept_besluit,
        mag=_met_besluit(permissions.can_besluit_terugsturen, _concept_besluit),
        uitvoeren=lambda user, besluit, data: services.besluit_terugsturen(
            besluit_id=besluit.pk, door=user, reden=data["reden"]
        ),
    ),
    "betaling": Actie(
        label=_lazy("Betaling registreren"),
        form=forms.BetalingForm,
        doel=_verzonden_besluit,
        mag=_met_besluit(permissions.can_betaling_registreren, _verzonden_besluit),
        uitvoeren=lambda user, besluit, data: services.betaling_registreren(
            besluit_id=besluit.pk,
            door=user,
            betaald_op=data["betaald_op"],
            bedrag=data["bedrag"],
            referentie=data["referentie"],
        ),
        initial=lambda zaak: {
            "betaald_op": timezone.localdate(),
            "bedrag": _openstaand(_verzonden_besluit(zaak), zaak),
        },
        rollen=frozenset({Rol.FINANCIEEL_MEDEWERKER}),
    ),
    "bezwaar": Actie(
        label=_lazy("Bezwaar registreren"),
        form=forms.BezwaarForm,
        doel=_verzonden_besluit,
        mag=_met_besluit(permissions.can_bezwaar_registreren, _verzonden_besluit),
        uitvoeren=lambda user, besluit, data: services.bezwaar_registreren(
            besluit_id=besluit.pk,
            door=user,
            ontvangen_op=data["ontvangen_op"],
            toelichting=data["toelichting"],
            indiener=data["indiener"],
            gemachtigde_naam=data["gemachtigde_naam"],
            machtiging_ontvangen=data["machtiging_ontvangen"],
            verzonden_op=data["verzonden_op"],
            ondertekend=not data["niet_ondertekend"],
            gronden_vermeld=not data["geen_gronden"],
        ),
    ),
    "ingebrekestelling": Actie(
        label=_lazy("Ingebrekestelling registreren"),
        form=forms.IngebrekestellingForm,
        doel=_aanvraag,
        mag=_op_aanvraag(permissions.is_ingebrekestelling_zinvol),
        uitvoeren=lambda user, a, data: services.ingebrekestelling_registreren(
            aanvraag_id=a.pk, door=user, ontvangen_op=data["ontvangen_op"]
        ),
    ),
}


# --- The objection case (issue 16): its steps, on the claim's running objection -----------


def _open_bezwaar(zaak):
    """The claim's running objection (the latest, not withdrawn, claim in objection), or None."""
    if zaak.aanvraag.status not in BEZWAAR_LOOPT:
        return None
    bezwaren = [bz for b in zaak.besluiten for bz in b.bezwaren.all()]
    laatste = max(bezwaren, key=lambda bz: bz.pk, default=None)
    return laatste if laatste is not None and laatste.ingetrokken_op is None else None


def _met_bezwaar(check, zinvol=lambda bezwaar: True):
    """A permission check on the running objection, and whether the step makes sense now."""

    def mag(user, zaak):
        bezwaar = _open_bezwaar(zaak)
        return bezwaar is not None and check(user, bezwaar) and zinvol(bezwaar)

    return mag


def _bezwaar_termijn_loopt(bezwaar) -> bool:
    return bezwaar.beslistermijn_einde is not None and (
        timezone.localdate() <= bezwaar.beslistermijn_einde
    )


def _bezwaar_termijn_verstreken(bezwaar) -> bool:
    return bezwaar.beslistermijn_einde is not None and not _bezwaar_termijn_loopt(bezwaar)


BEZWAAR_ACTIES: dict[str, Actie] = {
    "verzuim-herstel-vragen": Actie(
        label=_lazy("Herstel verzuim vragen"),
        form=forms.VerzuimHerstelForm,
        doel=_open_bezwaar,
        mag=_met_bezwaar(
            permissions.can_verzuim_herstel_vragen, lambda bz: bz.verzuim_gevraagd_op is None
        ),
        uitvoeren=lambda user, bz, data: services.verzuim_herstel_vragen(
            bezwaar_id=bz.pk,
            door=user,
            verzuim=data["verzuim"],
            hersteltermijn_tot=data["hersteltermijn_tot"],
        ),
        initial=lambda zaak: {
            "hersteltermijn_tot": hersteltermijn_einde(timezone.localdate()),
            "verzuim": ", ".join(ontbrekende_vereisten(_open_bezwaar(zaak))).capitalize(),
        },
        uitleg=_lazy(
            "De indiener krijgt een brief met wat ontbreekt en de termijn (art. 6:6 Awb)."
        ),
    ),
    "verzuim-hersteld": Actie(
        label=_lazy("Verzuim hersteld"),
        form=forms.VerzuimHersteldForm,
        doel=_open_bezwaar,
        mag=_met_bezwaar(
            permissions.can_verzuim_hersteld,
            lambda bz: bz.verzuim_gevraagd_op is not None and bz.verzuim_hersteld_op is None,
        ),
        uitvoeren=lambda user, bz, data: services.verzuim_hersteld(
            bezwaar_id=bz.pk, door=user, hersteld_op=data["hersteld_op"]
        ),
        initial=lambda zaak: {"hersteld_op": timezone.localdate()},
    ),
    "hoorzitting-plannen": Actie(
        label=_lazy("Hoorzitting plannen"),
        form=forms.HoorzittingPlannenForm,
        doel=_open_bezwaar,
        mag=_met_bezwaar(
            permissions.can_hoorzitting_plannen, lambda bz: bz.hoorzitting != Hoorzitting.GEHOUDEN
        ),
        uitvoeren=lambda user, bz, data: services.hoorzitting_plannen(
            bezwaar_id=bz.pk, door=user, op=data["op"], plaats=data["plaats"]
        ),
        uitleg=_lazy("De indiener krijgt een uitnodiging voor de hoorzitting (art. 7:2 Awb)."),
    ),
    "hoorzitting-vastleggen": Actie(
        label=_lazy("Hoorzitting vastleggen"),
        form=forms.HoorzittingVastleggenForm,
        doel=_open_bezwaar,
        mag=_met_bezwaar(permissions.can_hoorzitting_vastleggen),
        uitvoeren=lambda user, bz, data: services.hoorzitting_vastleggen(
            bezwaar_id=bz.pk, door=user, verslag=data["verslag"]
        ),
    ),
    "horen-afzien": Actie(
        label=_lazy("Geen hoorzitting"),
        form=forms.HorenAfzienForm,
        doel=_open_bezwaar,
        mag=_met_bezwaar(
            permissions.can_horen_afzien,
            lambda bz: bz.hoorzitting in (Hoorzitting.NIET_GEPLAND, Hoorzitting.GEPLAND),
        ),
        uitvoeren=lambda user, bz, data: services.horen_afzien(
            bezwaar_id=bz.pk, door=user, grond=data["grond"], reden=data["reden"]
        ),
    ),
    "bezwaar-verdagen": Actie(
        label=_lazy("Beslissing op bezwaar verdagen"),
        form=forms.BezwaarVerdagenForm,
        doel=_open_bezwaar,
        mag=_met_bezwaar(
            permissions.can_bezwaar_verdagen,
            lambda bz: (
                bz.verdaagd_op is None and bz.uitstel_tot is None and _bezwaar_termijn_loopt(bz)
            ),
        ),
        uitvoeren=lambda user, bz, data: services.bezwaar_verdagen(
            bezwaar_id=bz.pk, door=user, nieuwe_datum=data["nieuwe_datum"], reden=data["reden"]
        ),
        initial=lambda zaak: {
            "nieuwe_datum": bezwaar_verdaging_uiterlijk(_open_bezwaar(zaak).beslistermijn_einde)
        },
        uitleg=_lazy("Eén keer, met ten hoogste zes weken (art. 7:10 lid 3 Awb)."),
    ),
    "bezwaar-uitstellen": Actie(
        label=_lazy("Uitstel met instemming"),
        form=forms.BezwaarUitstellenForm,
        doel=_open_bezwaar,
        mag=_met_bezwaar(permissions.can_bezwaar_uitstellen),
        uitvoeren=lambda user, bz, data: services.bezwaar_uitstellen(
            bezwaar_id=bz.pk,
            door=user,
            uitstel_tot=data["uitstel_tot"],
            instemming=data["instemming"],
        ),
        uitleg=_lazy(
            "Verder uitstel kan alleen als de indiener ermee instemt (art. 7:10 lid 4 Awb)."
        ),
    ),
    "bezwaar-ingebrekestelling": Actie(
        label=_lazy("Ingebrekestelling bezwaar registreren"),
        form=forms.IngebrekestellingForm,
        doel=_open_bezwaar,
        mag=_met_bezwaar(
            permissions.can_bezwaar_ingebrekestelling_registreren,
            lambda bz: bz.ingebrekestelling_op is None and _bezwaar_termijn_verstreken(bz),
        ),
        uitvoeren=lambda user, bz, data: services.bezwaar_ingebrekestelling_registreren(
            bezwaar_id=bz.pk, door=user, ontvangen_op=data["ontvangen_op"]
        ),
    ),
    "bezwaar-intrekken": Actie(
        label=_lazy("Bezwaar ingetrokken"),
        form=forms.BezwaarIntrekkenForm,
        doel=_open_bezwaar,
        mag=_met_bezwaar(permissions.can_bezwaar_intrekken),
        uitvoeren=lambda user, bz, data: services.bezwaar_intrekken(
            bezwaar_id=bz.pk, door=user, ingetrokken_op=data["ingetrokken_op"]
        ),
        initial=lambda zaak: {"ingetrokken_op": timezone.localdate()},
        uitleg=_lazy(
            "De zaak wordt afgesloten, of gaat terug naar 'besluit verzonden' als er nog "
            "een bedrag te betalen is."
        ),
    ),
}
ACTIES.update(BEZWAAR_ACTIES)


# --- After the decision (issue 16): corrections, decision on objection, dwangsom, repayment --
# Approving and returning any kind of draft: the "goedkeuren" and "terugsturen" buttons
# above (the services dispatch on `Besluit.soort`).


def _terug_te_vorderen(zaak):
    """A sent decision whose reclaimed amount (4:57) is not repaid yet, or None."""
    return next(
        (
            b
            for b in zaak.besluiten
            if b.status == BesluitStatus.VERZONDEN
            and b.terugvordering > 0
            and not b.terugbetaald_op
        ),
        None,
    )


def _dwangsom_zinvol(user, zaak) -> bool:
    """The button: a notice of default is registered and `user` may draft (the service
    checks the rest: stopped accruing, an amount due, not fixed before)."""
    aanvraag = zaak.aanvraag
    return (
        aanvraag.ingebrekestelling_op is not None
        and permissions.can_dwangsom_vaststellen(user, aanvraag)
        and not any(
            b.soort == BesluitSoort.DWANGSOM
            and b.bezwaar_id is None
            and b.status != BesluitStatus.TERUGGESTUURD
            for b in zaak.besluiten
        )
    )


def _bezwaar_met_ingebrekestelling(zaak):
    """The latest objection with a notice of default whose penalty is not fixed yet, or None."""
    vastgesteld = {
        b.bezwaar_id
        for b in zaak.besluiten
        if b.soort == BesluitSoort.DWANGSOM and b.status != BesluitStatus.TERUGGESTUURD
    }
    bezwaren = [
        bz
        for b in zaak.besluiten
        for bz in b.bezwaren.all()
        if bz.ingebrekestelling_op is not None and bz.pk not in vastgesteld
    ]
    return max(bezwaren, key=lambda bz: bz.pk, default=None)


NA_BESLUIT_ACTIES: dict[str, Actie] = {
    "herziening-starten": Actie(
        label=_lazy("Herziening starten"),
        form=forms.HerzieningStartenForm,
        doel=_aanvraag,
        mag=_op_aanvraag(permissions.can_herziening_starten),
        uitvoeren=lambda user, a, data: services.herziening_starten(
            aanvraag_id=a.pk, door=user, grond=data["grond"]
        ),
        uitleg=_lazy(
            "Het verzonden besluit wordt herzien. Beoordeel daarna de kostenposten opnieuw en "
            "stel het herzieningsbesluit op."
        ),
    ),
    "herziening-opstellen": Actie(
        label=_lazy("Herziening opstellen"),
        form=forms.HerzieningOpstellenForm,
        doel=_aanvraag,
        mag=_op_aanvraag(permissions.can_herziening_opstellen),
        uitvoeren=lambda user, a, data: services.herziening_opstellen(
            aanvraag_id=a.pk, door=user, grond=data["grond"], motivering=data["motivering"]
        ),
        uitleg=_lazy(
            "Het nieuwe besluit vervangt het huidige. Bedrag en uitkomst volgen uit de "
            "beoordeling van de kostenposten; wat al betaald is, telt mee."
        ),
    ),
    "bezwaar-beslissen": Actie(
        label=_lazy("Beslissing op bezwaar opstellen"),
        form=forms.BeslissingOpBezwaarForm,
        doel=_open_bezwaar,
        mag=lambda user, zaak: permissions.can_beslissing_op_bezwaar_opstellen(user, zaak.aanvraag),
        uitvoeren=lambda user, bezwaar, data: services.beslissing_op_bezwaar_opstellen(
            bezwaar_id=bezwaar.pk,
            door=user,
            bezwaar_uitkomst=data["bezwaar_uitkomst"],
            motivering=data["motivering"],
        ),
        uitleg=_lazy(
            "Bij (gedeeltelijk) gegrond vervangt een nieuw besluit het bestreden besluit, met "
            "het bedrag uit de beoordeling van de kostenposten. Een tweede beoordelaar keurt "
            "de beslissing altijd goed."
        ),
    ),
    "dwangsom-vaststellen": Actie(
        label=_lazy("Dwangsom vaststellen"),
        form=forms.BevestigForm,
        doel=_aanvraag,
        mag=_dwangsom_zinvol,
        uitvoeren=lambda user, a, data: services.dwangsom_vaststellen(aanvraag_id=a.pk, door=user),
        uitleg=_lazy(
            "Het bedrag en de dagen volgen uit de ingebrekestelling en de verzenddatum van "
            "het besluit (artikel 4:17 en 4:18 Awb). Een tweede beoordelaar keurt het besluit "
            "goed."
        ),
    ),
    "bezwaar-dwangsom-vaststellen": Actie(
        label=_lazy("Dwangsom bezwaar vaststellen"),
        form=forms.BevestigForm,
        doel=_bezwaar_met_ingebrekestelling,
        mag=lambda user, zaak: permissions.can_dwangsom_vaststellen(user, zaak.aanvraag),
        uitvoeren=lambda user, bezwaar, data: services.dwangsom_vaststellen(
            bezwaar_id=bezwaar.pk, door=user
        ),
        uitleg=_lazy(
            "De dwangsom bij te laat beslissen op het bezwaar: het bedrag en de dagen volgen "
            "uit de ingebrekestelling en de beslistermijn op het bezwaar (artikel 4:17 en "
            "4:18 Awb). Een tweede beoordelaar keurt het besluit goed."
        ),
    ),
    "terugbetaling": Actie(
        label=_lazy("Terugbetaling registreren"),
        form=forms.TerugbetalingForm,
        doel=_terug_te_vorderen,
        mag=_met_besluit(permissions.can_terugbetaling_registreren, _terug_te_vorderen),
        uitvoeren=lambda user, besluit, data: services.terugbetaling_registreren(
            besluit_id=besluit.pk, door=user, terugbetaald_op=data["terugbetaald_op"]
        ),
        initial=lambda zaak: {"terugbetaald_op": timezone.localdate()},
        rollen=frozenset({Rol.FINANCIEEL_MEDEWERKER}),
    ),
}
ACTIES.update(NA_BESLUIT_ACTIES)
