"""Editors no longer delete whole meetings: a deleted meeting takes its statements, commitments
and sources' links with it. Two records of one event are merged instead (which needs the change
and publish permissions and keeps both histories); deleting stays with administrators. Editors
still delete a meeting's parts (participants, statements, commitments, source links)."""

from django.db import migrations


def _editors_and_delete_meeting(apps):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="engagements", codename="delete_meeting"
    ).first()
    return Group.objects.filter(name="Editors").first(), permission


def withdraw_delete_meeting(apps, schema_editor):
    group, permission = _editors_and_delete_meeting(apps)
    if group is not None and permission is not None:
        group.permissions.remove(permission)


def restore_delete_meeting(apps, schema_editor):
    group, permission = _editors_and_delete_meeting(apps)
    if group is not None and permission is not None:
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("engagements", "0007_meeting_version"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(withdraw_delete_meeting, restore_delete_meeting),
    ]
