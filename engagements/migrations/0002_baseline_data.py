"""Every install starts with the countries the alliance's readouts name, the baseline policy
taxonomy of the design (every slug, grouped under four parents, with descriptions and ingestion
keywords) and the "Editors" group.

Countries and permissions live here; the taxonomy is read from `engagements.taxonomy`, the one
place its keywords are kept (0004 brings databases migrated before that up to date).
"""

from django.db import migrations

from engagements.taxonomy import BASELINE_TOPICS

COUNTRIES = [
    # code, name, short name, adjective
    ("US", "United States", "U.S.", "American"),
    ("KR", "Republic of Korea", "ROK", "Korean"),
    ("KP", "Democratic People's Republic of Korea", "DPRK", "North Korean"),
    ("JP", "Japan", "Japan", "Japanese"),
    ("CN", "People's Republic of China", "PRC", "Chinese"),
    ("RU", "Russian Federation", "Russia", "Russian"),
    ("UA", "Ukraine", "Ukraine", "Ukrainian"),
    ("AU", "Australia", "Australia", "Australian"),
    ("PH", "Philippines", "Philippines", "Philippine"),
    ("TW", "Taiwan", "Taiwan", "Taiwanese"),
]

# The taxonomy comes from the one list in engagements.taxonomy (parent slug, slug, name,
# description, keywords), so a new install and the extraction tests see the same keywords.
TOPICS = BASELINE_TOPICS

# What editors need: write the record and publish it; read the reference lists; never manage
# accounts. Country is reference data (read-only); topics they may extend.
EDITOR_MODEL_PERMISSIONS = {
    # "delete" is withdrawn again by 0008: editors merge duplicate meetings, never delete one.
    "meeting": ["add", "change", "delete", "view"],
    "meetingsource": ["add", "change", "delete", "view"],
    "participation": ["add", "change", "delete", "view"],
    "statement": ["add", "change", "delete", "view"],
    "commitment": ["add", "change", "delete", "view"],
    "commitmentstatusentry": ["add", "change", "delete", "view"],
    "source": ["add", "change", "view"],
    "official": ["add", "change", "view"],
    "officialalias": ["add", "change", "delete", "view"],
    "appointment": ["add", "change", "delete", "view"],
    "policytopic": ["add", "change", "view"],
    "country": ["view"],
}
EDITOR_EXTRA_PERMISSIONS = [("meeting", "publish_meeting")]


def create_countries_and_topics(apps, schema_editor):
    Country = apps.get_model("engagements", "Country")
    PolicyTopic = apps.get_model("engagements", "PolicyTopic")
    for code, name, short_name, adjective in COUNTRIES:
        Country.objects.update_or_create(
            code=code, defaults={"name": name, "short_name": short_name, "adjective": adjective}
        )
    by_slug = {}
    for parent_slug, slug, name, description, keywords in TOPICS:
        topic, _ = PolicyTopic.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "keywords": "\n".join(keywords),
                "parent": by_slug.get(parent_slug),
            },
        )
        by_slug[slug] = topic


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after migrations run; create them now so the group can
    # hold them on a fresh database.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = [
        (model, f"{action}_{model}")
        for model, actions in EDITOR_MODEL_PERMISSIONS.items()
        for action in actions
    ] + EDITOR_EXTRA_PERMISSIONS
    permissions = []
    for model, codename in wanted:
        permissions.append(
            Permission.objects.get(
                content_type__app_label="engagements",
                content_type__model=model,
                codename=codename,
            )
        )
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.set(permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("engagements", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_countries_and_topics, migrations.RunPython.noop),
        migrations.RunPython(create_editors_group, migrations.RunPython.noop),
    ]
