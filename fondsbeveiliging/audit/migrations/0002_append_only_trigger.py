from django.db import migrations

from fondsbeveiliging.core.db import append_only


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    # The access log is evidence: nobody changes or removes what was read when.
    operations = [append_only("audit_inzage")]
