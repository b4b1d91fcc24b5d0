from django.db import migrations

from fondsbeveiliging.gemeenten.loader import (
    DEFAULT_CSV,
    DEFAULT_GELDIG_VAN,
    load_gemeenten,
    read_gemeenten_csv,
)


def load(apps, schema_editor):
    Gemeente = apps.get_model("gemeenten", "Gemeente")
    load_gemeenten(Gemeente, read_gemeenten_csv(DEFAULT_CSV), DEFAULT_GELDIG_VAN)


class Migration(migrations.Migration):
    dependencies = [("gemeenten", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
