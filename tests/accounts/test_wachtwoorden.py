"""Passwords are judged by how easily they are guessed, not by character classes."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "wachtwoord",
    ["BZK-fonds2026", "Zomer2026!Zomer2026!", "Welkom12345!", "Wachtwoord2026!", "qwertyuiop123"],
)
def test_guessable_passwords_of_twelve_characters_or_more_are_refused(wachtwoord):
    """The hostile run: "BZK-fonds2026" passed the length and the common-list check."""
    with pytest.raises(ValidationError) as fout:
        validate_password(wachtwoord)
    assert "te makkelijk te raden" in " ".join(fout.value.messages)


@pytest.mark.parametrize(
    "wachtwoord",
    ["paars konijn fietst morgen", "Een-heel-nieuw-wachtwoord-42", "x7#Kq9!mZ2pLw4"],
)
def test_passphrases_and_random_passwords_are_accepted(wachtwoord):
    validate_password(wachtwoord)


def test_the_persons_own_name_makes_a_password_guessable():
    user = UserFactory.build(first_name="Annemarie", last_name="Vreeswijk")
    with pytest.raises(ValidationError):
        validate_password("AnnemarieVreeswijk1975", user=user)


def test_the_same_password_passes_for_someone_else():
    """The refusal above comes from the person's own name, not from the pattern."""
    validate_password("AnnemarieVreeswijk1975", user=UserFactory.build(first_name="Piet"))
