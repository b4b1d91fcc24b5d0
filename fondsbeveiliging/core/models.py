"""Abstract building blocks shared by meldingen and aanvragen."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .files import private_storage


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
        bestand.save()
        return bestand
