"""Every install starts with the countries the alliance's readouts name, the baseline policy
taxonomy of the design (every slug, grouped under four parents, with descriptions and ingestion
keywords) and the "Editors" group.

The data lives here, not in app code, so that this migration replays the same way forever.
"""

from django.db import migrations

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

# parent slug (None for a grouping), slug, name, description, keywords
TOPICS = [
    (None, "security", "Security", "Defence, deterrence and the threats the alliance faces.", []),
    (None, "economy", "Economy", "Investment, trade, industry and economic security.", []),
    (None, "regional-affairs", "Regional affairs", "The Indo-Pacific and beyond: partners, "
     "flashpoints and wars that engage the alliance.", []),
    (None, "global-issues", "Global issues", "Shared challenges beyond security and trade.", []),
    ("security", "north-korea", "North Korea",
     "The DPRK's nuclear and missile programmes, provocations, human rights and diplomacy.",
     ["north korea", "dprk", "democratic people's republic of korea", "pyongyang",
      "korean peninsula denuclearization", "denuclearization", "kim jong un",
      "ballistic missile launch", "icbm"]),
    ("security", "deterrence", "Deterrence",
     "Extended deterrence, the combined defence posture and military readiness.",
     ["deterrence", "deter", "extended deterrence", "combined defense posture",
      "defense posture", "combined exercises", "military exercises", "readiness",
      "strategic assets"]),
    ("deterrence", "nuclear-consultative-group", "Nuclear Consultative Group",
     "The NCG set up by the Washington Declaration (2023) on nuclear deterrence planning.",
     ["nuclear consultative group", "ncg", "washington declaration"]),
    ("security", "defense-burden-sharing", "Defense burden sharing",
     "Cost sharing for US forces in Korea and the Special Measures Agreement.",
     ["burden sharing", "burden-sharing", "special measures agreement", "cost-sharing",
      "cost sharing", "defense cost", "defense spending", "defense responsibilities"]),
    ("security", "nuclear-powered-submarines", "Nuclear-powered submarines",
     "The ROK's nuclear-powered submarine programme and US cooperation on it.",
     ["nuclear-powered submarine", "nuclear powered submarine", "nuclear-powered attack "
      "submarine", "submarines"]),
    ("security", "sanctions", "Sanctions",
     "Sanctions and designations, above all on the DPRK's revenue and weapons networks.",
     ["sanctions", "sanction", "designations", "designated", "illicit revenue",
      "ofac", "export controls"]),
    ("economy", "shipbuilding", "Shipbuilding",
     "Shipbuilding and maritime industrial cooperation, including MASGA.",
     ["shipbuilding", "shipyard", "shipyards", "masga", "make american shipbuilding great "
      "again", "maritime industry", "naval vessels", "ship repair"]),
    ("economy", "investment", "Investment",
     "Investment flows between the two economies.",
     ["investment", "investments", "invest", "investing"]),
    ("economy", "trade", "Trade",
     "Trade, tariffs and the KORUS free trade agreement.",
     ["trade", "tariff", "tariffs", "korus", "free trade agreement", "reciprocal trade",
      "market access"]),
    ("economy", "supply-chains", "Supply chains",
     "Resilient supply chains for semiconductors, batteries and other goods.",
     ["supply chain", "supply chains", "supply-chain"]),
    ("economy", "economic-security", "Economic security",
     "Economic security dialogues, coercion and protecting technology.",
     ["economic security", "economic coercion", "economic-security"]),
    ("economy", "technology", "Technology",
     "Critical and emerging technologies: semiconductors, AI, quantum, space, 6G.",
     ["technology", "technologies", "semiconductor", "semiconductors", "chips",
      "artificial intelligence", "quantum", "biotechnology", "space cooperation", "cyber",
      "critical and emerging technologies", "6g"]),
    ("economy", "energy", "Energy",
     "Energy security, civil nuclear cooperation, LNG and clean energy.",
     ["energy", "lng", "liquefied natural gas", "civil nuclear", "nuclear energy",
      "nuclear power", "clean energy", "small modular reactor"]),
    ("economy", "critical-minerals", "Critical minerals",
     "Critical minerals supply and processing.",
     ["critical minerals", "critical mineral", "rare earth", "rare earths", "minerals security"]),
    ("regional-affairs", "indo-pacific", "Indo-Pacific",
     "The Indo-Pacific strategy and regional order.",
     ["indo-pacific", "indo pacific", "asia-pacific", "free and open"]),
    ("regional-affairs", "japan-trilateral", "Japan and trilateral cooperation",
     "US–Japan–ROK trilateral cooperation (Camp David) and ROK–Japan relations.",
     ["trilateral", "japan", "japanese", "camp david", "kishida", "ishiba"]),
    ("regional-affairs", "taiwan-strait", "Taiwan Strait",
     "Peace and stability across the Taiwan Strait.",
     ["taiwan strait", "taiwan"]),
    ("regional-affairs", "russia", "Russia",
     "Russia, including its military cooperation with the DPRK.",
     ["russia", "russian", "moscow"]),
    ("regional-affairs", "ukraine", "Ukraine",
     "Russia's war against Ukraine and support for Ukraine.",
     ["ukraine", "ukrainian", "kyiv"]),
    ("global-issues", "climate-change", "Climate change",
     "Climate action and the clean-energy transition.",
     ["climate change", "climate crisis", "climate", "net zero", "emissions"]),
    ("global-issues", "democracy", "Democracy",
     "Democracy, human rights and the rule of law, including the Summit for Democracy.",
     ["democracy", "democratic values", "human rights", "summit for democracy", "rule of law"]),
    ("global-issues", "global-health", "Global health",
     "Pandemic preparedness, COVID-19 and global health security.",
     ["global health", "covid-19", "covid", "pandemic", "health security", "vaccine",
      "vaccines"]),
]

# What editors need: write the record and publish it; read the reference lists; never manage
# accounts. Country is reference data (read-only); topics they may extend.
EDITOR_MODEL_PERMISSIONS = {
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
