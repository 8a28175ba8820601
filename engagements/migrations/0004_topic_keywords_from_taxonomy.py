"""Baseline topics take their keywords and descriptions from `engagements.taxonomy`, the one
list extraction is tested against. Databases migrated before the list was unified (0002 once held its own copy) had a second,
different copy; topics an install added itself are left alone."""

from django.db import migrations

from engagements import taxonomy


def sync_baseline_topics(apps, schema_editor):
    taxonomy.sync_baseline_topics(apps.get_model("engagements", "PolicyTopic"))


class Migration(migrations.Migration):
    dependencies = [("engagements", "0003_related_meetings_and_imports")]

    operations = [migrations.RunPython(sync_baseline_topics, migrations.RunPython.noop)]
