from django.db import migrations

from fondsbeveiliging.core.db import append_only


class Migration(migrations.Migration):
    dependencies = [("ondersteuning", "0001_initial")]

    operations = [append_only("ondersteuning_verzoekhistorie")]
