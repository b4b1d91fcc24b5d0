"""Back-office workflow actions on claims (issue 5).

One module per concern; import from this package, which re-exports every action:
- `basis`: `WorkflowFout`, `BudgetOverschrijding`, `euro`, the lock, check and status
  helpers every action uses, `beslistermijn_herberekenen`, and the shared contract.
- `behandeling`: assigning, starting the assessment, requests for information (and the
  default completion term), the completion term passing, postponing.
- `voornemen`: the intended refusal, its view term and recording the view (Awb 4:7).
- `beoordeling`: assessing one cost line.
- `besluit`: drafting, approving, returning and sending the decision (outcome rules,
  four-eyes, budget check).
- `na_besluit`: payments, objections and a notice of default.
- `deadline_overzicht`: the daily e-mail of near and passed decision deadlines.
Each module's docstring lists the rules chosen where the issue is silent.
"""

from .basis import (
    BudgetOverschrijding,
    WorkflowFout,
    _lock,
    _status_wijzigen,
    beslistermijn_herberekenen,
    euro,
)
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
from .besluit import besluit_goedkeuren, besluit_opstellen, besluit_terugsturen, besluit_verzenden
from .deadline_overzicht import deadline_overzicht_versturen
from .na_besluit import betaling_registreren, bezwaar_registreren, ingebrekestelling_registreren
from .voornemen import (
    voornemen_afwijzing_versturen,
    zienswijze_vastleggen,
    zienswijzetermijn_voorstel,
)

__all__ = [
    "BudgetOverschrijding",
    "WorkflowFout",
    "_lock",
    "_status_wijzigen",
    "aanvraag_toewijzen",
    "aanvulling_registreren",
    "aanvulling_termijn_verstreken",
    "aanvulling_vragen",
    "behandeling_starten",
    "beslistermijn_herberekenen",
    "besluit_goedkeuren",
    "besluit_opstellen",
    "besluit_terugsturen",
    "besluit_verzenden",
    "betaling_registreren",
    "bezwaar_registreren",
    "deadline_overzicht_versturen",
    "euro",
    "hersteltermijn_voorstel",
    "ingebrekestelling_registreren",
    "kostenpost_beoordelen",
    "verdagen",
    "voornemen_afwijzing_versturen",
    "zienswijze_vastleggen",
    "zienswijzetermijn_voorstel",
]
