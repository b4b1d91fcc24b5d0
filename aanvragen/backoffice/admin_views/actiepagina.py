"""The action page: GET shows an action's form, POST calls its service; cost-line assessment."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ...constants import BESLISTERMIJN_LOOPT, RedenCode
from .. import forms, permissions, services
from .acties import ACTIES, _open_bezwaar
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
        "lopende_termijn": _lopende_termijn(zaak),
        **extra,
    }
    return TemplateResponse(request, "admin/aanvragen/aanvraag/actie.html", context)


def _lopende_termijn(zaak):
    """The deadline that runs now: the claim's decision term, a running objection's 7:10
    date, or None once decided (the old decision date would only mislead)."""
    if zaak.aanvraag.status in BESLISTERMIJN_LOOPT:
        return zaak.aanvraag.beslistermijn_einde
    bezwaar = _open_bezwaar(zaak)
    return bezwaar.beslistermijn_einde if bezwaar is not None else None


class _NietOpgeslagen(Exception):
    """At least one line (or the signals' reason) was refused: roll every line back."""


def _beoordelen(model_admin, request, zaak, actie):
    """Assess every cost line in one form; all lines are saved together or none is.

    A line starts blank (issue 15): only lines the assessor filled in are assessed. Every
    line is checked, also after a refused one, so the error summary lists all refusals at
    once. With open double-claim signals the form also asks why the assessor goes on; the
    reason is stored in the same transaction as the lines (`services.signalen_afwegen`).
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
            _alles_opslaan(request.user, zaak.aanvraag, posten, formset, reden_form)
        except _NietOpgeslagen:
            pass  # each error is on the form it belongs to
        else:
            return _gelukt(request, zaak.aanvraag, actie)
    _regels_aanvullen(formset, posten, zaak)
    return _actie_pagina(
        model_admin,
        request,
        zaak,
        actie,
        form=None,
        formset=formset,
        reden_form=reden_form,
        mag=actie.mag(request.user, zaak),
        feitelijke_redenen=_feitelijke_redenen(),
        voornemen_afgerond=services.heeft_afgerond_voornemen(zaak.aanvraag),
    )


@transaction.atomic
def _alles_opslaan(user, aanvraag, posten, formset, reden_form):
    # Each service call runs in its own savepoint, so a refused line leaves the transaction
    # usable and the next line is still checked.
    geweigerd = reden_form is not None and not _signalen_afwegen(user, aanvraag, reden_form)
    for form in formset:
        if form.cleaned_data.get("beoordeeld"):
            geweigerd = not _kostenpost_opslaan(user, posten, form) or geweigerd
    if geweigerd:
        raise _NietOpgeslagen


def _feitelijke_redenen():
    """The reasons that need an intended refusal first (Awb 4:7), in the order of the list."""
    feitelijk = services.FEITELIJKE_REDENEN
    return [(code, label) for code, label in RedenCode.choices if code in feitelijk]


def _regels_aanvullen(formset, posten, zaak):
    """Give each line its cost line, its signals and whether its reason needs 4:7 now."""
    for form in formset:
        kostenpost_id = form.initial.get("kostenpost_id")
        form.kostenpost = posten.get(kostenpost_id)
        form.signalen = zaak.dubbel.van_kostenpost(kostenpost_id)
        form.voornemen_nodig = form["reden_code"].value() in services.FEITELIJKE_REDENEN
        melding_id = f"{form.prefix}-voornemen"
        form.voornemen_id = melding_id
        form.fields["reden_code"].widget.attrs["aria-describedby"] = melding_id


def _signalen_afwegen(user, aanvraag, reden_form) -> bool:
    try:
        services.signalen_afwegen(
            aanvraag_id=aanvraag.pk, door=user, reden=reden_form.cleaned_data["reden"]
        )
    except services.WorkflowFout as fout:
        reden_form.add_error(None, fout)
        return False
    return True


def _kostenpost_opslaan(user, posten, form) -> bool:
    data = form.cleaned_data
    if data["kostenpost_id"] not in posten:
        form.add_error(None, _("Deze kostenpost hoort niet bij de aanvraag."))
        return False
    try:
        services.kostenpost_beoordelen(
            kostenpost_id=data["kostenpost_id"],
            door=user,
            bedrag_toegekend=data["bedrag_toegekend"],
            reden_code=data["reden_code"],
            motivering=data["motivering"],
        )
    except services.WorkflowFout as fout:
        # On the field it is about, so the error summary links to it.
        form.add_error(_VELD_VAN_FOUT.get(fout.code), fout)
        return False
    return True


_VELD_VAN_FOUT = {
    "bedrag": "bedrag_toegekend",
    "plafond": "bedrag_toegekend",
    "reden": "reden_code",
    "motivering": "motivering",
}


def _beoordeling_initial(kostenpost) -> dict:
    """A line not yet assessed starts blank: the assessor chooses amount and reason."""
    beoordeling = _beoordeling(kostenpost)
    if beoordeling is None:
        return {"kostenpost_id": kostenpost.pk}
    return {
        "kostenpost_id": kostenpost.pk,
        "bedrag_toegekend": beoordeling.bedrag_toegekend,
        "reden_code": beoordeling.reden_code,
        "motivering": beoordeling.motivering,
    }
