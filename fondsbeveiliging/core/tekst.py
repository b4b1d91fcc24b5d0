"""Length limits for free text: one number per kind of field, one message, one form field.

A limit keeps a pasted book out of the case page, the letters and the exports. The form
states it in the help text and the server checks it, with the count, on the text as typed.
There is no `maxlength` attribute: a browser silently cuts a longer paste short instead of
saying so (the reason GOV.UK's character count shows a message), and the text the user typed
comes back with the error instead.
"""

from collections.abc import Callable
from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# One limit per kind of field, in characters (a line break counts as one).
REGEL = 200  # one line: a title, a place, a supplier, "anders, namelijk"
TOELICHTING = 2_000  # a note or reason beside an action or a choice
TEKST = 5_000  # an account in one's own words: what happened, a question, an answer, an addition
MOTIVERING = 10_000  # the reasons that carry a (proposed) decision in a letter


def getal(n: int) -> str:
    """Format a whole number the Dutch way, whatever the active locale: 5.000."""
    return f"{n:,}".replace(",", ".")


def aantal_tekens(value: str) -> int:
    """Count characters as the user sees them: a line break (CRLF when posted) is one."""
    return len(value.replace("\r\n", "\n"))


def limiet_uitleg(limiet: int):
    """The sentence a form shows with the field: "Maximaal 5.000 tekens."."""
    return format_lazy(_("Maximaal {} tekens."), getal(limiet))


@deconstructible
class TekstlimietValidator:
    """Refuse text longer than `limiet`, saying how long it may be and how long it was."""

    code = "max_length"

    def __init__(self, limiet: int):
        self.limiet = limiet

    def __call__(self, value):
        gebruikt = aantal_tekens(str(value))
        if gebruikt > self.limiet:
            raise ValidationError(
                _("Gebruik maximaal %(limiet)s tekens; u gebruikte er %(gebruikt)s."),
                code=self.code,
                params={"limiet": getal(self.limiet), "gebruikt": getal(gebruikt)},
            )

    def __eq__(self, other):
        return isinstance(other, TekstlimietValidator) and other.limiet == self.limiet


class TekstField(forms.CharField):
    """A free-text form field with one of the limits above, stated in its help text.

    Line breaks are stored as LF, so what is counted is what is stored (and a model
    CharField's own length is never exceeded by CRLFs).
    """

    def __init__(self, *, limiet: int, help_text="", **kwargs):
        kwargs.pop("max_length", None)  # from a model field: the limit replaces it
        uitleg = limiet_uitleg(limiet)
        kwargs["help_text"] = format_lazy("{} {}", help_text, uitleg) if help_text else uitleg
        super().__init__(**kwargs)
        self.limiet = limiet
        self.validators.append(TekstlimietValidator(limiet))

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if value else value


def tekstveld(label, *, limiet: int, help_text="", rows: int = 4, **kwargs) -> TekstField:
    """A multi-line `TekstField` (a textarea of `rows` lines)."""
    return TekstField(
        label=label,
        limiet=limiet,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


def met_limiet(limiet: int) -> Callable[..., TekstField]:
    """`TekstField` with `limiet`, for a ModelForm's `Meta.field_classes` or an admin's
    `formfield_overrides`: label, help text and widget still come from the model and Meta."""
    return partial(TekstField, limiet=limiet)
