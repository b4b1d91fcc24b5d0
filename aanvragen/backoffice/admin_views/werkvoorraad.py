"""The work queue: paginator, default filters, deadline column, search helpers, take column."""

import re

from django.contrib import admin
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fondsbeveiliging.accounts.constants import BEOORDELAAR_ROLLEN, Rol

from ...constants import BESLISTERMIJN_LOOPT, BEZWAAR_LOOPT, KENMERK_PREFIX, AanvraagStatus
from .. import permissions, selectors

S = AanvraagStatus

# Cases still waiting for a decision to be sent: their decision deadline is running, or the
# 7:10 term of their objection (a queue row's `termijn_einde` is then the objection's).
OPEN_STATUSSEN = BESLISTERMIJN_LOOPT | BEZWAAR_LOOPT
STATUS_KEUZES = [(s.value, s.label) for s in AanvraagStatus if s != S.CONCEPT]
ALLE = "alle"


class StandaardKeuzeFilter(admin.SimpleListFilter):
    """A queue filter that applies a default choice, per user, when the URL names none.

    The bare queue URL (dashboard, breadcrumbs) then opens on the work of the user's role.
    Django's own "All" link would lead back to that default, so "Alle" is a choice of its
    own (`?<filter>=alle`) that really shows everything. A search skips the default: a case
    looked up by kenmerk or name is found whatever its status.
    """

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        zoekt = bool(request.GET.get(SEARCH_VAR, "").strip())
        self.standaard = ALLE if zoekt else self.standaard_keuze(request.user)

    def standaard_keuze(self, user) -> str:
        return ALLE

    def value(self):
        return super().value() or self.standaard

    def choices(self, changelist):
        for waarde, titel in self.lookup_choices:
            yield {
                "selected": self.value() == str(waarde),
                "query_string": changelist.get_query_string({self.parameter_name: waarde}),
                "display": titel,
            }


class StatusFilter(StandaardKeuzeFilter):
    """Status without 'concept' (drafts never reach the back office), 'all open' and 'all'.

    Assessors start on the open cases: sent, paid, closed and withdrawn cases have old
    deadlines and would otherwise fill the first pages of a queue sorted by deadline.
    """

    title = gettext_lazy("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [(ALLE, _("Alle")), ("open", _("Alle openstaande")), *STATUS_KEUZES]

    def standaard_keuze(self, user) -> str:
        return "open" if user.has_rol(*BEOORDELAAR_ROLLEN) else ALLE

    def queryset(self, request, queryset):
        if self.value() == ALLE:
            return queryset
        if self.value() == "open":
            return queryset.filter(status__in=OPEN_STATUSSEN)
        return queryset.filter(status=self.value())


class BetalingFilter(StandaardKeuzeFilter):
    """Finance starts on the decided claims with an amount still to pay (the export's rows)."""

    title = gettext_lazy("betaling")
    parameter_name = "betaling"

    def lookups(self, request, model_admin):
        return [(ALLE, _("Alle")), ("te_betalen", _("Nog te betalen"))]

    def standaard_keuze(self, user) -> str:
        return "te_betalen" if user.has_rol(Rol.FINANCIEEL_MEDEWERKER) else ALLE

    def queryset(self, request, queryset):
        if self.value() == "te_betalen":
            return selectors.filter_te_betalen(queryset=queryset)
        return queryset


class UitgesteldeJoinPaginator(Paginator):
    """Page through the queue by primary key first, then join only the rows on the page.

    With OFFSET, PostgreSQL builds every skipped row in full, joins included: page 1,000 of
    100,000 claims joined 50,000 rows to municipality, assessor and policy. Selecting only
    the ids of the page (an index scan) and then the 50 full rows costs one extra query.
    """

    def page(self, number):
        number = self.validate_number(number)
        onder = (number - 1) * self.per_page
        if onder == 0:
            return super().page(number)  # nothing skipped: one query is cheaper
        ids = list(self.object_list.values_list("pk", flat=True)[onder : onder + self.per_page])
        rijen = {rij.pk: rij for rij in self.object_list.filter(pk__in=ids)}
        return self._get_page([rijen[pk] for pk in ids if pk in rijen], number, self)


def termijn_tekst(aanvraag) -> str:
    """'12-03-2026 (nog 5 dagen)' for an open case; only the date once decided.

    A queue row (`selectors.werkvoorraad`) shows its running deadline (`termijn_einde`: the
    objection's 7:10 end for a claim in objection); a plain claim (the case page) its
    decision deadline, with the days only while that still runs.
    """
    if hasattr(aanvraag, "termijn_einde"):
        einde, loopt = aanvraag.termijn_einde, aanvraag.status in OPEN_STATUSSEN
    else:
        einde, loopt = aanvraag.beslistermijn_einde, aanvraag.status in BESLISTERMIJN_LOOPT
    return datum_met_dagen(einde, loopt=loopt, dagen=getattr(aanvraag, "dagen_over", None))


def datum_met_dagen(einde, *, loopt: bool, dagen: int | None = None) -> str:
    """'12-03-2026 (nog 5 dagen)' while the term runs (`loopt`), else only the date."""
    if einde is None:
        return "-"
    datum = f"{einde:%d-%m-%Y}"
    if not loopt:
        return datum
    if dagen is None:
        dagen = (einde - timezone.localdate()).days
    if dagen > 1:
        return _("%(datum)s (nog %(n)s dagen)") % {"datum": datum, "n": dagen}
    if dagen == 1:
        return _("%(datum)s (morgen)") % {"datum": datum}
    if dagen == 0:
        return _("%(datum)s (vandaag)") % {"datum": datum}
    return _("%(datum)s (%(n)s dagen te laat)") % {"datum": datum, "n": -dagen}


def binnen_week(aanvraag) -> bool:
    dagen = getattr(aanvraag, "dagen_over", None)
    return aanvraag.status in OPEN_STATUSSEN and dagen is not None and dagen <= 7


# The access log holds no personal data (see `inzage_vastleggen`): a name search is recorded
# as the fact that someone searched by name, from where and when, without the name itself.
NAAM_ZOEKOPDRACHT = "zoekopdracht op naam"
KENMERK_PATROON = re.compile(rf"{KENMERK_PREFIX}-\d{{4}}-\d{{6}}", re.IGNORECASE)


def is_kenmerk_zoekterm(term: str) -> bool:
    """A case reference contains digits (FB-2026-000123); a person's name does not."""
    return any(teken.isdigit() for teken in term)


def is_volledig_kenmerk(term: str) -> bool:
    return KENMERK_PATROON.fullmatch(term) is not None


def is_oppakken_zichtbaar(user) -> bool:
    """Whether the queue has the 'take' column (shown per row by `can_aanvraag_toewijzen`)."""
    return user.has_rol(Rol.BEOORDELAAR)


def oppak_kolom(user):
    """A queue column with a 'take' link on the rows `user` may take (unassigned ones)."""

    @admin.display(description=gettext_lazy("actie"))
    def oppakken(aanvraag):
        if aanvraag.behandelaar_id is not None or not permissions.can_aanvraag_toewijzen(
            user, aanvraag
        ):
            return ""
        url = reverse("admin:aanvragen_aanvraag_actie", args=[aanvraag.pk, "toewijzen"])
        return format_html('<a class="button" href="{}">{}</a>', url, _("Oppakken"))

    return oppakken
