"""Password strength by guessability, not by character rules.

Django's CommonPasswordValidator compares with a list of mostly short passwords, which the
12-character minimum already excludes: "BZK-fonds2026" passed both. zxcvbn (a maintained
estimator) recognises dictionary words, names, years, keyboard patterns and l33t, and is
told the words of this service and of the person; a password it can guess in fewer than
10^12 attempts (an offline attack on a leaked hash, at a realistic length) is refused. A
passphrase of four ordinary words is far above that and stays accepted.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from zxcvbn import zxcvbn

MIN_GUESSES_LOG10 = 12
# Words an attacker tries first against this service.
DIENSTWOORDEN = [
    "bzk",
    "fonds",
    "fondsbeveiliging",
    "beveiliging",
    "beveiligingsmaatregelen",
    "ministerie",
    "binnenlandse",
    "zaken",
    "gemeente",
    "griffie",
    "burgemeester",
    "wethouder",
    "raadslid",
    "wachtwoord",
    "welkom",
]
_MAX_LENGTE_VOOR_SCHATTING = 100  # zxcvbn's cost grows with length; longer is never weak


class RaadbaarheidValidator:
    def validate(self, password, user=None):
        if len(password) > _MAX_LENGTE_VOOR_SCHATTING:
            return
        uitkomst = zxcvbn(password, user_inputs=_woorden_van(user) + DIENSTWOORDEN)
        if uitkomst["guesses_log10"] < MIN_GUESSES_LOG10:
            raise ValidationError(
                _(
                    "Dit wachtwoord is te makkelijk te raden, bijvoorbeeld omdat het een "
                    "bekend woord, een naam of een jaartal bevat. Kies een zin van vier of "
                    "meer gewone woorden, zoals 'paars konijn fietst morgen'."
                ),
                code="te_raden",
            )

    def get_help_text(self):
        return _("Kies een wachtwoord dat niet te raden is: een zin van vier of meer woorden.")


def _woorden_van(user) -> list[str]:
    if user is None:
        return []
    tekst = " ".join(
        str(getattr(user, veld, "") or "") for veld in ("email", "first_name", "last_name")
    )
    return [woord for woord in re.split(r"[\W_]+", tekst.lower()) if len(woord) > 2]
