"""The "Voor mij" page: what waits for the logged-in staff user (issue 15)."""

from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import selectors


def voor_mij_view(model_admin, request):
    """List drafts to approve, reactions on the user's cases and near decision dates.

    Three queries whatever the number of cases (`selectors.voor_mij`); kenmerken and dates
    only, so the page shows nothing a staff user could not already see in the queue.
    """
    vandaag = timezone.localdate()
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Voor mij"),
        "voor_mij": selectors.voor_mij(user=request.user, vandaag=vandaag),
        "vandaag": vandaag,
    }
    return TemplateResponse(request, "admin/aanvragen/aanvraag/voor_mij.html", context)
