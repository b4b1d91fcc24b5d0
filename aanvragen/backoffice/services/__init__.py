"""Back-office workflow actions on claims (issue 5).

One module per concern; import from this package, which re-exports every action:
- `aanvragen.kern` (the claim's core, shared with the applicant's services and the
  letters): `WorkflowFout`, the locks, the status change with history, the decision term,
  and `besluit_verzenden` (the system marks a decision sent when its letter goes out).
- `basis`: `BudgetOverschrijding`, the status-and-actor check, required text and the
  longest term an assessor may set, and the shared contract.
- `behandeling`: assigning, starting the assessment, requests for information (and the
  default completion term), the completion term passing, postponing.
- `voornemen`: the intended refusal, its view term and recording the view (Awb 4:7).
- `beoordeling`: assessing one cost line.
- `besluit`: drafting, approving and returning the decision (outcome rules, four-eyes,
  budget check).
- `na_besluit`: payments and a notice of default.
- `bezwaar`: the objection case: registering, repair of omissions (6:6), the hearing (7:2,
  7:3), the 7:10 term (postponement, delay with consent), notice of default, withdrawal.
- `herziening`: correcting a sent decision outside objection (a new decision replacing it).
- `bezwaarbeslissing`: the decision on an objection (7:11), four-eyes always.
- `dwangsom`: fixing the late-decision penalty by decision (4:18).
- `betaalbatch`: payment batches with their SEPA file (finance).
- `deadline_overzicht`: the daily e-mail of near and passed decision deadlines.
- `afsluiting`: closing finished cases (the daily job).
- `regeling`: copying a policy version (functioneel beheerder).
- `dubbel`: recording the reason to go on despite double-claim signals.
- `..signalering` (beside the services: the hooks call it too): internal notices ("er wacht
  iets op u") for the "Voor mij" page.
Each module's docstring lists the rules chosen where the issue is silent.
"""

from ...kern import WorkflowFout, besluit_verzenden
from ..signalering import signaleringen_klaarzetten
from .afsluiting import zaken_afsluiten
from .basis import BudgetOverschrijding
from .behandeling import (
    aanvraag_toewijzen,
    aanvulling_registreren,
    aanvulling_termijn_verstreken,
    aanvulling_vragen,
    behandeling_starten,
    hersteltermijn_voorstel,
    verdagen,
)
from .beoordeling import kostenpost_beoordelen
from .besluit import (
    FEITELIJKE_REDENEN,
    besluit_goedkeuren,
    besluit_opstellen,
    besluit_terugsturen,
    heeft_afgerond_voornemen,
)
from .betaalbatch import batchregel_betaald, betaalbatch_betaald, betaalbatch_maken
from .bezwaar import (
    bezwaar_ingebrekestelling_registreren,
    bezwaar_intrekken,
    bezwaar_registreren,
    bezwaar_uitstellen,
    bezwaar_verdagen,
    hoorzitting_plannen,
    hoorzitting_vastleggen,
    horen_afzien,
    verzuim_herstel_vragen,
    verzuim_hersteld,
)
from .bezwaarbeslissing import (
    beslissing_op_bezwaar_goedkeuren,
    beslissing_op_bezwaar_opstellen,
    beslissing_op_bezwaar_terugsturen,
)
from .deadline_overzicht import deadline_overzicht_versturen
from .dubbel import signalen_afwegen
from .dwangsom import dwangsom_goedkeuren, dwangsom_terugsturen, dwangsom_vaststellen
from .herziening import (
    herziening_goedkeuren,
    herziening_opstellen,
    herziening_starten,
    herziening_terugsturen,
)
from .na_besluit import (
    betaling_registreren,
    ingebrekestelling_registreren,
    terugbetaling_registreren,
)
from .regeling import regeling_kopieren
from .voornemen import (
    voornemen_afwijzing_versturen,
    zienswijze_vastleggen,
    zienswijzetermijn_voorstel,
)

__all__ = [
    "FEITELIJKE_REDENEN",
    "BudgetOverschrijding",
    "WorkflowFout",
    "lock_aanvraag",
    "status_wijzigen",
    "aanvraag_toewijzen",
    "aanvulling_registreren",
    "aanvulling_termijn_verstreken",
    "aanvulling_vragen",
    "behandeling_starten",
    "besluit_goedkeuren",
    "besluit_opstellen",
    "besluit_terugsturen",
    "besluit_verzenden",
    "batchregel_betaald",
    "betaalbatch_betaald",
    "betaalbatch_maken",
    "betaling_registreren",
    "beslissing_op_bezwaar_goedkeuren",
    "beslissing_op_bezwaar_opstellen",
    "beslissing_op_bezwaar_terugsturen",
    "dwangsom_goedkeuren",
    "dwangsom_terugsturen",
    "dwangsom_vaststellen",
    "herziening_goedkeuren",
    "herziening_opstellen",
    "herziening_starten",
    "herziening_terugsturen",
    "terugbetaling_registreren",
    "bezwaar_ingebrekestelling_registreren",
    "bezwaar_intrekken",
    "bezwaar_registreren",
    "bezwaar_uitstellen",
    "bezwaar_verdagen",
    "hoorzitting_plannen",
    "hoorzitting_vastleggen",
    "horen_afzien",
    "verzuim_herstel_vragen",
    "verzuim_hersteld",
    "deadline_overzicht_versturen",
    "heeft_afgerond_voornemen",
    "hersteltermijn_voorstel",
    "ingebrekestelling_registreren",
    "kostenpost_beoordelen",
    "regeling_kopieren",
    "signalen_afwegen",
    "signaleringen_klaarzetten",
    "verdagen",
    "zaken_afsluiten",
    "voornemen_afwijzing_versturen",
    "zienswijze_vastleggen",
    "zienswijzetermijn_voorstel",
]
