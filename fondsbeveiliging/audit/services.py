"""Record staff reads and downloads."""

from django.contrib.contenttypes.models import ContentType

from .models import Inzage, InzageActie


def client_ip(request) -> str | None:
    """The client address as seen by Django (the proxy must set REMOTE_ADDR correctly)."""
    return request.META.get("REMOTE_ADDR") or None


def inzage_vastleggen(
    *, request, obj=None, actie: str = InzageActie.BEKEKEN, omschrijving: str = ""
) -> Inzage:
    """Append one access-log row for `request.user` reading or downloading `obj`.

    `omschrijving` must not contain personal data beyond a reference (kenmerk, file id).
    """
    return Inzage.objects.create(
        gebruiker=request.user,
        actie=actie,
        object_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        omschrijving=(omschrijving or (str(obj) if obj is not None else ""))[:200],
        ip_adres=client_ip(request),
    )
