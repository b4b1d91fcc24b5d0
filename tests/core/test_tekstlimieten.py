"""Length limits on free text (issue 22 item 2): one message, stated in every form, per kind.

The entry points of the issue (a 4 MB answer, a 3 MB back-office question) are tested
through their pages in tests/aanvragen/test_tekstlimieten.py.
"""

import inspect

import pytest
from django import forms
from django.contrib import admin
from django.urls import reverse

import aanvragen.backoffice.forms
import aanvragen.forms
import bewaring.admin
import meldingen.forms
import ondersteuning.forms
from bewaring.models import Bewaartermijn
from fondsbeveiliging.core.tekst import (
    MOTIVERING,
    REGEL,
    TEKST,
    TOELICHTING,
    TekstField,
    TekstlimietValidator,
    getal,
)
from tests.aanvragen.factories import RegelingFactory

MODULES = [
    aanvragen.forms,
    aanvragen.backoffice.forms,
    meldingen.forms,
    ondersteuning.forms,
    bewaring.admin,
]
# Forms that need more than data to be built.
EXTRA = {aanvragen.forms.KostenpostForm: lambda: {"regeling": RegelingFactory()}}


def _formulieren():
    for module in MODULES:
        for _naam, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def _tekstvelden():
    return [
        pytest.param(cls, naam, veld.limiet, id=f"{cls.__module__}.{cls.__name__}.{naam}")
        for cls in _formulieren()
        for naam, veld in cls.base_fields.items()
        if isinstance(veld, TekstField)
    ]


def _fouten(cls, naam, waarde, extra):
    form = cls(data={naam: waarde}, **extra)
    form.is_valid()
    return form.errors.get(naam, [])


class TestMelding:
    def test_says_the_limit_and_the_count_in_dutch(self):
        with pytest.raises(forms.ValidationError) as fout:
            TekstlimietValidator(5_000)("x" * 5_123)
        assert fout.value.messages == ["Gebruik maximaal 5.000 tekens; u gebruikte er 5.123."]
        assert fout.value.code == "max_length"

    def test_a_posted_line_break_counts_as_one(self):
        TekstlimietValidator(10)("1234\r\n5678\r\n")  # 10 as typed, 12 as posted
        with pytest.raises(forms.ValidationError):
            TekstlimietValidator(10)("1234\r\n5678\r\nx")

    def test_dutch_number_format(self):
        assert [getal(n) for n in (200, 5_000, 4_194_304)] == ["200", "5.000", "4.194.304"]


def test_one_limit_per_kind():
    assert REGEL < TOELICHTING < TEKST < MOTIVERING


def test_every_multi_line_text_field_has_a_limit():
    """No form in the apps offers a textarea without the shared limit."""
    zonder = [
        f"{cls.__name__}.{naam}"
        for cls in _formulieren()
        for naam, veld in cls.base_fields.items()
        if isinstance(veld, forms.CharField)
        and isinstance(veld.widget, forms.Textarea)
        and not isinstance(veld, TekstField)
    ]
    assert zonder == []
    assert len(_tekstvelden()) >= 35  # the walk below really walks the forms


@pytest.mark.django_db
@pytest.mark.parametrize(("cls", "naam", "limiet"), _tekstvelden())
def test_limit_is_enforced_and_stated(cls, naam, limiet):
    veld = cls.base_fields[naam]
    assert str(veld.help_text).endswith(f"Maximaal {getal(limiet)} tekens.")
    assert "maxlength" not in veld.widget.attrs  # a browser would cut a paste silently
    extra = EXTRA.get(cls, dict)()
    assert _fouten(cls, naam, "x" * limiet, extra) == []
    assert _fouten(cls, naam, "x" * (limiet + 1), extra) == [
        f"Gebruik maximaal {getal(limiet)} tekens; u gebruikte er {getal(limiet + 1)}."
    ]


def test_the_retention_schedule_in_the_admin_has_a_limit():
    beheer = bewaring.admin.BewaartermijnAdmin(Bewaartermijn, admin.site)
    veld = beheer.formfield_for_dbfield(Bewaartermijn._meta.get_field("grondslag"), request=None)
    assert isinstance(veld, TekstField) and veld.limiet == TOELICHTING
    assert str(veld.help_text).endswith("Maximaal 2.000 tekens.")
    with pytest.raises(forms.ValidationError):
        veld.clean("x" * (TOELICHTING + 1))


@pytest.mark.django_db
def test_the_melding_page_states_the_limits(client, ambtsdrager):
    """Stated where the office holder types, next to each field (crispy renders help texts).

    The melding is asked in steps; the free-text fields are on the first two.
    """
    from tests.meldingen.factories import MeldingFactory

    client.force_login(ambtsdrager)
    concept = MeldingFactory(eigenaar=ambtsdrager)
    html = "".join(
        client.get(reverse("meldingen:bewerken", args=[concept.uuid, stap])).content.decode()
        for stap in ("gebeurtenis", "beschrijving")
    )
    for limiet in (REGEL, TOELICHTING, TEKST):
        assert f"Maximaal {getal(limiet)} tekens." in html
    assert "maxlength" not in html.split('name="omschrijving"', 1)[0].rsplit("<textarea", 1)[1]
