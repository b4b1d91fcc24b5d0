"""Finance's pages: what is still to pay, the payment batches, and their files.

Each page checks `permissions.can_betaalbatches_beheren` (finance only) and calls one
service per action; a refusal (`WorkflowFout`) is shown as a message in Dutch. Downloads are
written to the access log.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from fondsbeveiliging.audit.models import InzageActie
from fondsbeveiliging.audit.services import inzage_vastleggen

from ...kern import WorkflowFout
from ...models import Betaalbatch
from .. import export, permissions, selectors, services
from ..forms import BatchBetaaldForm

PER_PAGINA = 100


def _check(request) -> None:
    if not permissions.can_betaalbatches_beheren(request.user):
        raise PermissionDenied


def _context(model_admin, request, **extra) -> dict:
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        **extra,
    }


def te_betalen_view(model_admin, request):
    """Sent decisions still to pay and in no batch yet; POST puts them all in a new batch."""
    _check(request)
    if request.method == "POST":
        try:
            batch = services.betaalbatch_maken(door=request.user)
        except WorkflowFout as fout:
            messages.error(request, fout.messages[0])
            return redirect("admin:aanvragen_betaalbatch_te_betalen")
        messages.success(
            request,
            _(
                "%(batch)s is gemaakt: %(aantal)s betalingen. "
                "Download het SEPA-bestand voor de bank."
            )
            % {"batch": batch, "aantal": batch.aantal},
        )
        return redirect("admin:aanvragen_betaalbatch_change", batch.pk)
    rijen = selectors.te_betalen()
    samen = rijen.order_by().aggregate(aantal=Count("pk"), totaal=Sum("openstaand"))
    pagina = Paginator(rijen, PER_PAGINA).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "admin/aanvragen/betaalbatch/te_betalen.html",
        _context(
            model_admin,
            request,
            title=_("Te betalen"),
            pagina=pagina,
            aantal=samen["aantal"],
            totaal=samen["totaal"],
            vandaag=timezone.localdate(),
            open_batches=selectors.betaalbatches().filter(open_regels__gt=0)[:10],
        ),
    )


def terug_te_vorderen_view(model_admin, request):
    """Sent decisions reclaiming an amount (Awb 4:57) not repaid yet; each links to its case,
    where finance registers the repayment ("Terugbetaling registreren")."""
    _check(request)
    rijen = selectors.terug_te_vorderen()
    return TemplateResponse(
        request,
        "admin/aanvragen/betaalbatch/terug_te_vorderen.html",
        _context(
            model_admin,
            request,
            title=_("Terug te vorderen"),
            pagina=Paginator(rijen, PER_PAGINA).get_page(request.GET.get("p")),
            vandaag=timezone.localdate(),
        ),
    )


def batch_view(model_admin, request, batch_id):
    """One batch: its rows, its files, and marking rows or the whole batch paid."""
    _check(request)
    batch = get_object_or_404(selectors.betaalbatches(), pk=batch_id)
    form = BatchBetaaldForm(request.POST or None, initial={"betaald_op": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            gelukt = _betaald_melden(request, batch, form.cleaned_data["betaald_op"])
        except WorkflowFout as fout:
            form.add_error(None, fout.messages[0])
        else:
            messages.success(request, gelukt)
            return redirect("admin:aanvragen_betaalbatch_change", batch.pk)
    regels = batch.regels.select_related("betaling").order_by("pk")
    return TemplateResponse(
        request,
        "admin/aanvragen/betaalbatch/batch.html",
        _context(model_admin, request, title=str(batch), batch=batch, regels=regels, form=form),
    )


def _betaald_melden(request, batch, betaald_op) -> str:
    if "regel" in request.POST:
        try:
            regel = batch.regels.get(pk=int(request.POST["regel"]))
        except (ValueError, batch.regels.model.DoesNotExist):
            raise Http404 from None
        services.batchregel_betaald(regel_id=regel.pk, door=request.user, betaald_op=betaald_op)
        return _("De betaling van %(kenmerk)s is geregistreerd.") % {"kenmerk": regel.kenmerk}
    aantal = services.betaalbatch_betaald(
        batch_id=batch.pk, door=request.user, betaald_op=betaald_op
    )
    return _("%(aantal)s betalingen van %(batch)s zijn geregistreerd.") % {
        "aantal": aantal,
        "batch": batch,
    }


def bestand_view(request, batch_id, soort):
    """The batch's CSV or SEPA file, as made; every download is logged."""
    _check(request)
    batch = get_object_or_404(Betaalbatch, pk=batch_id)
    if soort == "csv":
        regels = batch.regels.select_related("betaling").order_by("pk")
        response = export.batch_csv(batch, regels)
    elif soort == "xml" and batch.pain001:
        response = export.batch_pain001(batch)
    else:
        raise Http404  # an unknown kind, or a file emptied by the retention purge
    inzage_vastleggen(
        request=request,
        obj=batch,
        actie=InzageActie.GEEXPORTEERD,
        omschrijving=f"betaalbatch {batch.nummer} ({soort})",
    )
    return response
