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

from ...constants import BesluitStatus
from .. import forms, permissions, services
from ..services.behandeling import opschorting_waarschuwing


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
    verzonden = [b for b in zaak.besluiten if b.status == BesluitStatus.VERZONDEN]
    return max(verzonden, key=lambda b: b.versie, default=None)


def _openstaand(besluit) -> Decimal | None:
    """Granted minus paid so far, as a suggestion for the payment form (prefetched rows)."""
    if besluit is None:
        return None
    return besluit.bedrag_toegekend - sum((b.bedrag for b in besluit.betalingen.all()), Decimal(0))


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
            "bedrag": _openstaand(_verzonden_besluit(zaak)),
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
