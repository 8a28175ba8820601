"""Baseline topics take their keywords from `engagements.taxonomy` again: a place alone ("Camp
David") is no longer a keyword of trilateral cooperation."""

from django.db import migrations

from engagements import taxonomy


def sync_baseline_topics(apps, schema_editor):
    taxonomy.sync_baseline_topics(apps.get_model("engagements", "PolicyTopic"))


class Migration(migrations.Migration):
    dependencies = [("engagements", "0005_meeting_merge_and_inferred_participants")]

    operations = [migrations.RunPython(sync_baseline_topics, migrations.RunPython.noop)]
