"""Abstract building blocks shared by meldingen and aanvragen."""

import functools
import logging
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connection, models
from django.utils.translation import gettext_lazy as _

from .files import private_storage

logger = logging.getLogger(__name__)

# Files stored by `PrivateBestand.opslaan` during the current `bestanden_wissen_bij_fout` call.
_opgeslagen: ContextVar[list | None] = ContextVar("opgeslagen_bestanden", default=None)


def bestanden_wissen_bij_fout(service):
    """Delete the files a service stored when it fails, also when its commit fails.

    Put it above `@transaction.atomic`. A file is written before its row, so an upload
    whose transaction rolls back (a later check, a lost database connection) would leave
    a file that no row names: personal data no retention rule ever destroys. When the
    service ran inside an outer transaction, its savepoint is gone and so are its rows. As
    the outermost transaction the commit itself may have failed after the server
    committed, so a file is deleted only when the database confirms no row names it; when
    the database cannot answer, the file is kept and logged (a kept orphan is better than
    a row without its file).
    """

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        opgeslagen = []
        token = _opgeslagen.set(opgeslagen)
        try:
            return service(*args, **kwargs)
        except BaseException:
            _wissen_zonder_rij(opgeslagen)
            raise
        finally:
            _opgeslagen.reset(token)

    return wrapper


def _wissen_zonder_rij(opgeslagen: list) -> None:
    if not opgeslagen:
        return
    genest = connection.in_atomic_block
    for model, naam in opgeslagen:
        try:
            if not genest:
                connection.close_if_unusable_or_obsolete()
                if model.objects.filter(bestand=naam).exists():
                    continue
            model._meta.get_field("bestand").storage.delete(naam)
            logger.info("upload_teruggedraaid bestand=%s", naam)
        except (DatabaseError, OSError):
            logger.warning("upload_wees_bestand bestand=%s", naam, exc_info=True)


class PrivateBestand(models.Model):
    """An uploaded file kept in private storage, checked by `core.uploads.check_upload`.

    Concrete subclasses add the owner (melding, kostenpost, ...) and set `bestand.upload_to`
    with `PrivateUploadTo("<prefix>")`.
    """

    bestand = models.FileField(_("bestand"), storage=private_storage, max_length=255)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=120)
    content_type = models.CharField(_("bestandstype"), max_length=50)
    grootte = models.PositiveIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    geupload_op = models.DateTimeField(_("geüpload op"), auto_now_add=True)
    geupload_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geüpload door"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.bestandsnaam

    @classmethod
    def opslaan(cls, *, checked, door, uploaded=None, **eigenaar):
        """Store an upload that passed `check_upload` as a new row of this model.

        What is stored is `checked.inhoud` (an image re-encoded without its metadata, a PDF
        as sent); `uploaded` is accepted for callers that pass it and is not read. The file
        gets a fresh random name (PrivateUploadTo); only the extension comes from the
        content check, never from the name the browser sent. `eigenaar` names the owning
        object, e.g. `melding=...` or `kostenpost=...`.
        """
        bestand = cls(
            bestandsnaam=checked.bestandsnaam,
            content_type=checked.content_type,
            grootte=checked.grootte,
            sha256=checked.sha256,
            geupload_door=door,
            **eigenaar,
        )
        bestand.bestand.save(checked.bestandsnaam, checked.inhoud, save=False)
        opgeslagen = _opgeslagen.get()
        if opgeslagen is not None:
            opgeslagen.append((cls, bestand.bestand.name))
        bestand.save()
        return bestand
