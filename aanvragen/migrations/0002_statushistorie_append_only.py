from django.db import migrations

from fondsbeveiliging.core.db import append_only


class Migration(migrations.Migration):
    dependencies = [("aanvragen", "0001_initial")]

    # The status history is evidence of who moved a case when.
    operations = [append_only("aanvragen_statuswijziging")]
