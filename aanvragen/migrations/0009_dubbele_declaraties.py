# Double-claim detection (issue 15, item 5): the assessor's reasons, and the indexes the
# detection reads. The indexes are built without blocking writes on a live table.

import django.db.models.deletion
import django.db.models.functions.text
from django.conf import settings
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models

from fondsbeveiliging.core.db import append_only


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("aanvragen", "0008_statistiek_indexen"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SignaalAfweging",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("reden", models.TextField(verbose_name="reden om door te gaan")),
                ("signalen", models.JSONField(default=list, verbose_name="afgewogen signalen")),
                ("op", models.DateTimeField(auto_now_add=True, verbose_name="tijdstip")),
                (
                    "aanvraag",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="signaalafwegingen",
                        to="aanvragen.aanvraag",
                        verbose_name="aanvraag",
                    ),
                ),
                (
                    "door",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="door",
                    ),
                ),
            ],
            options={
                "verbose_name": "afweging signaal dubbele declaratie",
                "verbose_name_plural": "afwegingen signalen dubbele declaratie",
                "ordering": ["op", "pk"],
            },
        ),
        # The reasons are part of the case history: nobody changes or deletes them.
        append_only("aanvragen_signaalafweging"),
        AddIndexConcurrently(
            model_name="aanvraag",
            index=models.Index(
                condition=models.Q(("iban", ""), _negated=True),
                fields=["iban"],
                name="aanvraag_dubbel_iban_idx",
            ),
        ),
        AddIndexConcurrently(
            model_name="bewijsstuk",
            index=models.Index(fields=["sha256"], name="bewijsstuk_sha256_idx"),
        ),
        AddIndexConcurrently(
            model_name="kostenpost",
            index=models.Index(
                django.db.models.functions.text.Lower(
                    django.db.models.functions.text.Trim("leverancier")
                ),
                models.F("bedrag"),
                condition=models.Q(("leverancier", ""), _negated=True),
                name="kostenpost_dubbel_lev_idx",
            ),
        ),
    ]
