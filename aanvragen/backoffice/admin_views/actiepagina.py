"""The action page: GET shows an action's form, POST calls its service; cost-line assessment."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ...constants import RedenCode
from .. import forms, permissions, services
from .acties import ACTIES
from .zaakpagina import _beoordeling, zaak_laden


def actie_view(model_admin, request, aanvraag, slug):
    """Intermediate page of one action: GET shows the form, POST calls the service.

    Buttons are only shown when `can_*` allows them, but the page itself does not pre-check:
    the service decides and its refusal is shown in Dutch, so a stale page or a direct link
    gets the real reason (e.g. the four-eyes rule) instead of a bare 403.
    """
    actie = ACTIES.get(slug)
    if actie is None or not actie.is_voor_rol(request.user):
        raise Http404
    zaak = zaak_laden(aanvraag)
    doel = actie.doel(zaak)
    if doel is None:
        messages.error(request, _("Deze actie is bij deze aanvraag nu niet mogelijk."))
        return redirect("admin:aanvragen_aanvraag_change", aanvraag.pk)
    if slug == "beoordelen":
        return _beoordelen(model_admin, request, zaak, actie)
    data = request.POST if request.method == "POST" else None  # an empty POST is still a POST
    form = actie.form_voor(request.user)(data, initial=actie.initial(zaak))
    budget = None
    waarschuwing = actie.waarschuwing(zaak)
    if request.method == "POST" and form.is_valid():
        try:
            actie.uitvoeren(request.user, doel, form.cleaned_data)
        except services.BudgetOverschrijding as fout:
            form.add_error(None, fout)
            budget = {"bedrag": fout.bedrag, "overzicht": fout.overzicht}
        except services.WorkflowFout as fout:
            form.add_error(None, fout)
        else:
            if waarschuwing:  # computed before the action: it is about the state it acted on
                messages.warning(request, waarschuwing)
            return _gelukt(request, aanvraag, actie)
    return _actie_pagina(
        model_admin,
        request,
        zaak,
        actie,
        slug=slug,
        form=form,
        doel=doel,
        budget=budget,
        waarschuwing=waarschuwing,
        mag=actie.mag(request.user, zaak),
    )


def _gelukt(request, aanvraag, actie):
    messages.success(
        request,
        _("Aanvraag %(kenmerk)s: %(actie)s is gelukt.")
        % {"kenmerk": aanvraag.kenmerk, "actie": actie.label_voor(request.user).lower()},
    )
    return redirect("admin:aanvragen_aanvraag_change", aanvraag.pk)


def _actie_pagina(model_admin, request, zaak, actie, **extra):
    if permissions.is_beoordelaar(request.user):
        # Double-claim signals on every assessor's action page (the assessment form, the
        # decision and its approval); never for finance.
        extra.setdefault("dubbel", zaak.dubbel)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "original": zaak.aanvraag,
        "zaak": zaak,
        "actie": actie,
        "label": actie.label_voor(request.user),
        "title": f"{actie.label_voor(request.user)}: {zaak.aanvraag.kenmerk}",
        "totaal_toegekend": zaak.totaal_toegekend,
        **extra,
    }
    return TemplateResponse(request, "admin/aanvragen/aanvraag/actie.html", context)


def _beoordelen(model_admin, request, zaak, actie):
    """Assess every cost line in one form; all lines are saved together or none is.

    With open double-claim signals the form also asks why the assessor goes on; the reason
    is stored in the same transaction as the lines (`services.signalen_afwegen`).
    """
    posten = {k.pk: k for k in zaak.kostenposten}
    initial = [_beoordeling_initial(k) for k in zaak.kostenposten]
    data = request.POST if request.method == "POST" else None
    formset = forms.KostenpostBeoordelingFormSet(data, initial=initial)
    reden_form = forms.SignalenAfwegenForm(data, prefix="signalen") if zaak.dubbel.open else None
    if request.method == "POST" and all(
        [formset.is_valid(), reden_form is None or reden_form.is_valid()]
    ):
        try:
            with transaction.atomic():
                if reden_form is not None:
                    _signalen_afwegen(request.user, zaak.aanvraag, reden_form)
                for form in formset:
                    _kostenpost_opslaan(request.user, posten, form)
        except services.WorkflowFout:
            pass  # the error is on the form it belongs to
        else:
            return _gelukt(request, zaak.aanvraag, actie)
    for form in formset:
        form.kostenpost = posten.get(form.initial.get("kostenpost_id"))
        form.signalen = zaak.dubbel.van_kostenpost(form.initial.get("kostenpost_id"))
    return _actie_pagina(
        model_admin,
        request,
        zaak,
        actie,
        form=None,
        formset=formset,
        reden_form=reden_form,
        mag=actie.mag(request.user, zaak),
    )


def _signalen_afwegen(user, aanvraag, reden_form):
    try:
        services.signalen_afwegen(
            aanvraag_id=aanvraag.pk, door=user, reden=reden_form.cleaned_data["reden"]
        )
    except services.WorkflowFout as fout:
        reden_form.add_error(None, fout)
        raise


def _kostenpost_opslaan(user, posten, form):
    data = form.cleaned_data
    if data["kostenpost_id"] not in posten:
        form.add_error(None, _("Deze kostenpost hoort niet bij de aanvraag."))
        raise services.WorkflowFout(_("Onbekende kostenpost."))
    try:
        services.kostenpost_beoordelen(
            kostenpost_id=data["kostenpost_id"],
            door=user,
            bedrag_toegekend=data["bedrag_toegekend"],
            reden_code=data["reden_code"],
            motivering=data["motivering"],
        )
    except services.WorkflowFout as fout:
        form.add_error(None, fout)
        raise


def _beoordeling_initial(kostenpost) -> dict:
    beoordeling = _beoordeling(kostenpost)
    if beoordeling is None:
        return {
            "kostenpost_id": kostenpost.pk,
            "bedrag_toegekend": kostenpost.bedrag,
            "reden_code": RedenCode.VOLLEDIG,
        }
    return {
        "kostenpost_id": kostenpost.pk,
        "bedrag_toegekend": beoordeling.bedrag_toegekend,
        "reden_code": beoordeling.reden_code,
        "motivering": beoordeling.motivering,
    }
