"""Demo users, one per role, created by `manage.py demo_data` (see that command).

Fixed addresses and passwords: never run this against a production database. Staff get a
confirmed TOTP device with a fixed key so the printed secret can be added to an app.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from .constants import STAFF_ROLLEN, Ambtstype, Rol
from .models import User
from .services import rol_toewijzen
from .totp import demo_totp_key

DEMO_PASSWORD = "Demo-fonds-2026!"
DEMO_DOMAIN = "demo.fondsbeveiliging.example"
DEMO_GEMEENTE = "GM0344"  # Utrecht
# two_factor only asks for a token from the device named "default".
DEMO_DEVICE_NAME = "default"


@dataclass(frozen=True)
class DemoUser:
    rol: str
    email: str
    first_name: str
    last_name: str
    extra: dict = field(default_factory=dict)


DEMO_USERS = [
    DemoUser(
        Rol.AMBTSDRAGER,
        f"ambtsdrager@{DEMO_DOMAIN}",
        "Anne",
        "de Vries",
        {
            "ambtstype": Ambtstype.WETHOUDER,
            "gemeente_id": DEMO_GEMEENTE,
            "correspondentie_adres": "Postbus 16200",
            "correspondentie_postcode": "3500 CE",
            "correspondentie_plaats": "Utrecht",
        },
    ),
    DemoUser(
        Rol.GEMEENTE_MEDEWERKER,
        f"gemeente@{DEMO_DOMAIN}",
        "Gijs",
        "Jansen",
        {"gemeente_id": DEMO_GEMEENTE, "functie": "Medewerker griffie"},
    ),
    DemoUser(
        Rol.BEOORDELAAR, f"beoordelaar@{DEMO_DOMAIN}", "Bram", "Bakker", {"functie": "Beoordelaar"}
    ),
    DemoUser(
        Rol.TWEEDE_BEOORDELAAR,
        f"teamleider@{DEMO_DOMAIN}",
        "Tamara",
        "Visser",
        {"functie": "Teamleider fonds beveiliging"},
    ),
    DemoUser(
        Rol.FINANCIEEL_MEDEWERKER,
        f"financien@{DEMO_DOMAIN}",
        "Fatima",
        "El Amrani",
        {"functie": "Financieel medewerker"},
    ),
    DemoUser(
        Rol.FUNCTIONEEL_BEHEERDER,
        f"beheer@{DEMO_DOMAIN}",
        "Bart",
        "Smit",
        {"functie": "Functioneel beheerder", "is_superuser": True},
    ),
]


def demo_user(rol: str) -> User:
    """The demo user of a role (for other apps' `demo_data()`)."""
    email = next(spec.email for spec in DEMO_USERS if spec.rol == rol)
    return User.objects.get(email=email)


def _ensure_user(spec: DemoUser) -> User:
    defaults = {
        "first_name": spec.first_name,
        "last_name": spec.last_name,
        "rol": spec.rol,
        "is_active": True,
        **spec.extra,
    }
    user, _created = User.objects.update_or_create(email=spec.email, defaults=defaults)
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    return rol_toewijzen(user=user, rol=spec.rol)


def _ensure_totp_device(user: User) -> TOTPDevice:
    device, _created = TOTPDevice.objects.update_or_create(
        user=user,
        name=DEMO_DEVICE_NAME,
        defaults={"key": demo_totp_key(user.email), "confirmed": True},
    )
    return device


@transaction.atomic
def demo_data() -> None:
    """Create or reset the demo users (idempotent)."""
    for spec in DEMO_USERS:
        user = _ensure_user(spec)
        if spec.rol in STAFF_ROLLEN:
            _ensure_totp_device(user)
