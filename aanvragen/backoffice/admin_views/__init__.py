"""Back-office pages of the claim admin: queue helpers, the case page and its action forms.

The admin never applies a business rule itself: each action page parses its form and calls
one service of `aanvragen.backoffice.services`; a refusal (`WorkflowFout`) is shown as a form
error in Dutch. Which buttons appear is decided by the `can_*` functions of
`aanvragen.backoffice.permissions`.

What lives where:
- `werkvoorraad`: the work queue (paginator, status and payment filters with a default per
  role, deadline text, reference search, the 'take' column);
- `zaakpagina`: the case page (`Zaak`, `zaak_laden`, fieldsets, context, deadline rows);
- `acties`: the `ACTIES` table of workflow buttons and `toegestane_acties`;
- `actiepagina`: the action page (`actie_view`) and the assessment of all cost lines at once;
- `budget`: the budget page of one policy year;
- `betalingen`: finance's pages (still to pay, payment batches and their files);
- `voor_mij`: what waits for the logged-in staff user.

This package re-exports the names `aanvragen.admin` uses, so it can keep calling
`admin_views.<name>`.
"""

from . import betalingen
from .actiepagina import actie_view
from .budget import budget_view
from .voor_mij import voor_mij_view
from .werkvoorraad import (
    NAAM_ZOEKOPDRACHT,
    OPEN_STATUSSEN,
    STATUS_KEUZES,
    BetalingFilter,
    StatusFilter,
    UitgesteldeJoinPaginator,
    binnen_week,
    is_kenmerk_zoekterm,
    is_oppakken_zichtbaar,
    is_volledig_kenmerk,
    oppak_kolom,
    termijn_tekst,
)
from .zaakpagina import zaak_context, zaak_fieldsets

__all__ = [
    "NAAM_ZOEKOPDRACHT",
    "OPEN_STATUSSEN",
    "STATUS_KEUZES",
    "BetalingFilter",
    "StatusFilter",
    "UitgesteldeJoinPaginator",
    "actie_view",
    "betalingen",
    "binnen_week",
    "budget_view",
    "is_kenmerk_zoekterm",
    "is_volledig_kenmerk",
    "is_oppakken_zichtbaar",
    "oppak_kolom",
    "termijn_tekst",
    "voor_mij_view",
    "zaak_context",
    "zaak_fieldsets",
]
