"""The budget page: budget, committed, paid and remaining for one policy year."""

from django.db.models import Min
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ...models import Regeling
from .. import selectors


def budget_jaren() -> list[int]:
    """Years a policy version was in force, up to next year (for the year picker)."""
    vandaag = timezone.localdate()
    eerste = Regeling.objects.aggregate(m=Min("geldig_van"))["m"]
    start = eerste.year if eerste else vandaag.year
    return list(range(vandaag.year + 1, start - 1, -1))


def budget_view(model_admin, request):
    """Budget, committed (approved, unpaid), paid and remaining for one policy year."""
    jaren = budget_jaren()
    try:
        jaar = int(request.GET.get("jaar", timezone.localdate().year))
    except ValueError:
        jaar = timezone.localdate().year
    if jaar not in jaren:
        raise Http404
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Budget %(jaar)s") % {"jaar": jaar},
        "jaar": jaar,
        "jaren": jaren,
        "overzicht": selectors.budget_overzicht(jaar=jaar),
    }
    return TemplateResponse(request, "admin/aanvragen/aanvraag/budget.html", context)
