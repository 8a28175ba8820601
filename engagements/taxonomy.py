"""The baseline policy taxonomy of the design: every slug, its grouping, description and the
keywords ingestion tags a readout with. The one list: the migrations seed the database from it,
and extraction reads the keywords from the database (or from here when there is none).

Keywords are lower-case phrases matched on word boundaries, case-insensitively, with an optional
plural; a hyphen and a space match each other. Keywords of four letters or fewer are acronyms and
must appear capitalised ("SMA", "NCG"), so "sma" never matches a word fragment.
"""

from typing import NamedTuple


class BaselineTopic(NamedTuple):
    parent: str | None  # the grouping's slug; None for a grouping
    slug: str
    name: str
    description: str
    keywords: tuple[str, ...]


BASELINE_TOPICS: tuple[BaselineTopic, ...] = (
    BaselineTopic(
        None,
        "security",
        "Security",
        "Defence, deterrence and the threats the alliance faces.",
        (),
    ),
    BaselineTopic(
        None,
        "economy",
        "Economy",
        "Investment, trade, industry and economic security.",
        (),
    ),
    BaselineTopic(
        None,
        "regional-affairs",
        "Regional affairs",
        "The Indo-Pacific and beyond: partners, flashpoints and wars that engage the alliance.",
        (),
    ),
    BaselineTopic(
        None,
        "global-issues",
        "Global issues",
        "Shared challenges beyond security and trade.",
        (),
    ),
    BaselineTopic(
        "security",
        "north-korea",
        "North Korea",
        "The DPRK's nuclear and missile programmes, provocations, human rights and diplomacy.",
        (
            "north korea",
            "north korean",
            "dprk",
            "democratic people's republic of korea",
            "pyongyang",
            "kim jong un",
            "denuclearization",
            "denuclearisation",
            "ballistic missile",
            "icbm",
            "nuclear test",
            "nuclear and missile programs",
            "weapons of mass destruction",
        ),
    ),
    BaselineTopic(
        "security",
        "deterrence",
        "Deterrence",
        "Extended deterrence, the combined defence posture and military readiness.",
        (
            "deterrence",
            "deter",
            "deterrent",
            "extended deterrence",
            "defense posture",
            "defence posture",
            "combined defense",
            "combined defence",
            "strategic assets",
            "nuclear umbrella",
        ),
    ),
    BaselineTopic(
        "deterrence",
        "nuclear-consultative-group",
        "Nuclear Consultative Group",
        "The NCG set up by the Washington Declaration (2023) on nuclear deterrence planning.",
        ("nuclear consultative group", "ncg"),
    ),
    BaselineTopic(
        "security",
        "defense-burden-sharing",
        "Defense burden sharing",
        "Cost sharing for US forces in Korea and the Special Measures Agreement.",
        (
            "burden sharing",
            "burden-sharing",
            "defense burden",
            "defence burden",
            "cost sharing",
            "cost-sharing",
            "defense cost",
            "defence cost",
            "special measures agreement",
            "sma",
            "host nation support",
            "share of the cost",
            "stationing costs",
        ),
    ),
    BaselineTopic(
        "security",
        "nuclear-powered-submarines",
        "Nuclear-powered submarines",
        "The ROK's nuclear-powered submarine programme and US cooperation on it.",
        (
            "nuclear-powered submarine",
            "nuclear powered submarine",
            "nuclear submarine",
            "nuclear-powered attack submarine",
            "conventionally armed, nuclear-powered",
        ),
    ),
    BaselineTopic(
        "security",
        "sanctions",
        "Sanctions",
        "Sanctions and designations, above all on the DPRK's revenue and weapons networks.",
        (
            "sanctions",
            "sanction",
            "sanctions evasion",
            "sanctioned",
            "designations",
            "illicit revenue",
        ),
    ),
    BaselineTopic(
        "economy",
        "shipbuilding",
        "Shipbuilding",
        "Shipbuilding and maritime industrial cooperation, including MASGA.",
        (
            "shipbuilding",
            "shipbuilder",
            "shipyard",
            "ship repair",
            "ship maintenance",
            "maritime industry",
            "maritime industrial",
            "masga",
            "make american shipbuilding great",
            "naval vessels",
            "ships",
        ),
    ),
    BaselineTopic(
        "economy",
        "investment",
        "Investment",
        "Investment flows between the two economies.",
        ("investment", "invest", "investing", "investor", "foreign direct investment", "fdi"),
    ),
    BaselineTopic(
        "economy",
        "trade",
        "Trade",
        "Trade, tariffs and the KORUS free trade agreement.",
        (
            "trade",
            "trading",
            "tariff",
            "free trade agreement",
            "korus",
            "fta",
            "exports",
            "imports",
            "market access",
            "reciprocal trade",
            "trade deal",
        ),
    ),
    BaselineTopic(
        "economy",
        "supply-chains",
        "Supply chains",
        "Resilient supply chains for semiconductors, batteries and other goods.",
        (
            "supply chain",
            "supply-chain",
            "resilient supply",
            "supply disruptions",
            "chain resilience",
        ),
    ),
    BaselineTopic(
        "economy",
        "economic-security",
        "Economic security",
        "Economic security dialogues, coercion and protecting technology.",
        (
            "economic security",
            "economic and energy security",
            "economic coercion",
            "export controls",
            "economic resilience",
            "economic security dialogue",
        ),
    ),
    BaselineTopic(
        "economy",
        "technology",
        "Technology",
        "Critical and emerging technologies: semiconductors, AI, quantum, space, 6G.",
        (
            "technology",
            "technologies",
            "semiconductor",
            "chips",
            "artificial intelligence",
            "quantum",
            "biotechnology",
            "emerging tech",
            "critical and emerging",
            "5g",
            "6g",
            "high-tech",
            "science and technology",
            "tech",
        ),
    ),
    BaselineTopic(
        "economy",
        "energy",
        "Energy",
        "Energy security, civil nuclear cooperation, LNG and clean energy.",
        (
            "energy",
            "clean energy",
            "nuclear energy",
            "civil nuclear",
            "nuclear power",
            "lng",
            "liquefied natural gas",
            "natural gas",
            "renewable",
            "energy security",
            "small modular reactor",
        ),
    ),
    BaselineTopic(
        "economy",
        "critical-minerals",
        "Critical minerals",
        "Critical minerals supply and processing.",
        (
            "critical minerals",
            "critical mineral",
            "rare earth",
            "rare earths",
            "minerals security partnership",
            "battery materials",
            "lithium",
            "graphite",
        ),
    ),
    BaselineTopic(
        "regional-affairs",
        "indo-pacific",
        "Indo-Pacific",
        "The Indo-Pacific strategy and regional order.",
        (
            "indo-pacific",
            "indo pacific",
            "free and open indo-pacific",
            "asia-pacific",
            "quad",
            "asean",
            "south china sea",
            "east china sea",
        ),
    ),
    BaselineTopic(
        "regional-affairs",
        "japan-trilateral",
        "Japan and trilateral cooperation",
        "US–Japan–ROK trilateral cooperation (Camp David) and ROK–Japan relations.",
        (
            "trilateral",
            # A place alone is not the subject: presidents met at Camp David long before 2023.
            "spirit of camp david",
            "camp david summit",
            "u.s.-japan-rok",
            "u.s.-rok-japan",
            "japan-u.s.-rok",
            "rok-u.s.-japan",
            "united states, japan, and the republic of korea",
            "united states, the republic of korea, and japan",
            "japan and the republic of korea",
            "republic of korea and japan",
        ),
    ),
    BaselineTopic(
        "regional-affairs",
        "taiwan-strait",
        "Taiwan Strait",
        "Peace and stability across the Taiwan Strait.",
        ("taiwan strait", "taiwan", "cross-strait"),
    ),
    BaselineTopic(
        "regional-affairs",
        "russia",
        "Russia",
        "Russia, including its military cooperation with the DPRK.",
        ("russia", "russian", "moscow", "kremlin"),
    ),
    BaselineTopic(
        "regional-affairs",
        "ukraine",
        "Ukraine",
        "Russia's war against Ukraine and support for Ukraine.",
        ("ukraine", "ukrainian", "kyiv"),
    ),
    BaselineTopic(
        "global-issues",
        "climate-change",
        "Climate change",
        "Climate action and the clean-energy transition.",
        (
            "climate change",
            "climate crisis",
            "climate",
            "net zero",
            "net-zero",
            "carbon neutrality",
            "emissions",
            "paris agreement",
        ),
    ),
    BaselineTopic(
        "global-issues",
        "democracy",
        "Democracy",
        "Democracy, human rights and the rule of law, including the Summit for Democracy.",
        (
            "democracy",
            "democracies",
            "democratic values",
            "democratic institutions",
            "rule of law",
            "human rights",
            "summit for democracy",
        ),
    ),
    BaselineTopic(
        "global-issues",
        "global-health",
        "Global health",
        "Pandemic preparedness, COVID-19 and global health security.",
        (
            "global health",
            "health security",
            "pandemic",
            "covid-19",
            "covid",
            "vaccine",
            "vaccines",
            "public health",
        ),
    ),
)


def keywords_by_slug() -> dict[str, list[str]]:
    """Slug → keywords for the topics that have any (groupings have none)."""
    return {t.slug: list(t.keywords) for t in BASELINE_TOPICS if t.keywords}


def sync_baseline_topics(PolicyTopic) -> None:
    """Give the baseline topics in the database this list's keywords and descriptions (for
    migrations: ``PolicyTopic`` is the historical model); topics an install added are left."""
    for topic in BASELINE_TOPICS:
        PolicyTopic.objects.filter(slug=topic.slug).update(
            keywords="\n".join(topic.keywords), description=topic.description
        )
