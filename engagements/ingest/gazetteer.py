"""What extraction knows before it reads a readout: officials and their aliases, titles and the
country each implies, country qualifiers, and topic keywords.

`Gazetteer.default()` is a built-in starting list (no database needed, used in tests and by the
dry-run command); `Gazetteer.from_database()` builds the same thing from the app's models, which
editors keep up to date. `BASELINE_TOPIC_KEYWORDS` is the keyword table for the baseline taxonomy
of DESIGN.md, as a plain dict a data migration can copy.
"""

import datetime
import re
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz

# Keywords are lower-case phrases matched on word boundaries, case-insensitively, with an
# optional plural "s"; a hyphen and a space match each other. Keywords of four letters or
# fewer are acronyms and must appear capitalised ("SMA", "NCG"), so "sma" never matches a word
# fragment.
BASELINE_TOPIC_KEYWORDS: dict[str, list[str]] = {
    "north-korea": [
        "north korea", "north korean", "dprk", "democratic people's republic of korea",
        "pyongyang", "kim jong un", "denuclearization", "denuclearisation",
        "ballistic missile", "icbm", "nuclear test", "nuclear and missile programs",
        "weapons of mass destruction",
    ],
    "deterrence": [
        "deterrence", "deter", "deterrent", "extended deterrence", "defense posture",
        "defence posture", "combined defense", "combined defence", "strategic assets",
        "nuclear umbrella",
    ],
    "nuclear-consultative-group": ["nuclear consultative group", "ncg"],
    "defense-burden-sharing": [
        "burden sharing", "burden-sharing", "defense burden", "defence burden", "cost sharing",
        "cost-sharing", "defense cost", "defence cost", "special measures agreement", "sma",
        "host nation support", "share of the cost", "stationing costs",
    ],
    "shipbuilding": [
        "shipbuilding", "shipbuilder", "shipyard", "ship repair", "ship maintenance",
        "maritime industry", "maritime industrial", "masga", "make american shipbuilding great",
        "naval vessels", "ships",
    ],
    "investment": [
        "investment", "invest", "investing", "investor", "foreign direct investment", "fdi",
    ],
    "trade": [
        "trade", "trading", "tariff", "free trade agreement", "korus", "fta", "exports",
        "imports", "market access", "reciprocal trade", "trade deal",
    ],
    "supply-chains": [
        "supply chain", "supply-chain", "resilient supply", "supply disruptions",
        "chain resilience",
    ],
    "economic-security": [
        "economic security", "economic and energy security", "economic coercion",
        "export controls", "economic resilience", "economic security dialogue",
    ],
    "technology": [
        "technology", "technologies", "semiconductor", "chips", "artificial intelligence",
        "quantum", "biotechnology", "emerging tech", "critical and emerging", "5g", "6g",
        "high-tech", "science and technology", "tech",
    ],
    "energy": [
        "energy", "clean energy", "nuclear energy", "civil nuclear", "nuclear power",
        "lng", "liquefied natural gas", "natural gas", "renewable", "energy security",
        "small modular reactor",
    ],
    "critical-minerals": [
        "critical minerals", "critical mineral", "rare earth", "rare earths",
        "minerals security partnership", "battery materials", "lithium", "graphite",
    ],
    "indo-pacific": [
        "indo-pacific", "indo pacific", "free and open indo-pacific", "asia-pacific",
        "quad", "asean", "south china sea", "east china sea",
    ],
    "japan-trilateral": [
        "trilateral", "camp david", "u.s.-japan-rok", "u.s.-rok-japan", "japan-u.s.-rok",
        "rok-u.s.-japan", "united states, japan, and the republic of korea",
        "united states, the republic of korea, and japan", "japan and the republic of korea",
        "republic of korea and japan",
    ],
    "taiwan-strait": ["taiwan strait", "taiwan", "cross-strait"],
    "russia": ["russia", "russian", "moscow", "kremlin"],
    "ukraine": ["ukraine", "ukrainian", "kyiv"],
    "climate-change": [
        "climate change", "climate crisis", "climate", "net zero", "net-zero",
        "carbon neutrality", "emissions", "paris agreement",
    ],
    "democracy": [
        "democracy", "democracies", "democratic values", "democratic institutions",
        "rule of law", "human rights", "summit for democracy",
    ],
    "sanctions": [
        "sanctions", "sanction", "sanctions evasion", "sanctioned", "designations",
        "illicit revenue",
    ],
    "nuclear-powered-submarines": [
        "nuclear-powered submarine", "nuclear powered submarine", "nuclear submarine",
        "nuclear-powered attack submarine", "conventionally armed, nuclear-powered",
    ],
    "global-health": [
        "global health", "health security", "pandemic", "covid-19", "covid", "vaccine",
        "vaccines", "public health",
    ],
}  # fmt: skip

# Title phrases (lower-case) and the country a title alone implies, or None when only a
# qualifier ("Republic of Korea Foreign Minister") can tell. Modifiers such as "Acting",
# "Deputy", "First Vice" are handled by extraction and need not be listed.
BASELINE_TITLES: dict[str, str | None] = {
    "president": None, "president-elect": None, "vice president": "US",
    "prime minister": None, "premier": None, "chancellor": None,
    "foreign minister": None, "minister of foreign affairs": None, "vice foreign minister": None,
    "defense minister": None, "defence minister": None, "minister of national defense": None,
    "minister of national defence": None, "minister of defense": None, "minister of defence": None,
    "vice defense minister": None, "unification minister": None, "minister of unification": None,
    "trade minister": None, "minister for trade": None, "minister of trade": None,
    "finance minister": None, "minister of economy and finance": None,
    "minister of trade, industry and energy": None, "industry minister": None, "minister": None,
    "national security advisor": None, "national security adviser": None,
    "deputy national security advisor": None, "principal deputy national security advisor": None,
    "director of the national security office": None, "chief of staff": None,
    "ambassador": None, "special envoy": None, "special representative": None,
    "coordinator": None, "director": None, "secretary general": None, "secretary-general": None,
    "director general": None, "senior director": None, "cabinet councillor": None,
    "general": None, "admiral": None, "chairman": None,
    "secretary of state": "US", "secretary of defense": "US", "secretary of war": "US",
    "secretary of the treasury": "US", "treasury secretary": "US", "secretary of commerce": "US",
    "commerce secretary": "US", "secretary of energy": "US", "energy secretary": "US",
    "secretary of homeland security": "US", "secretary of the navy": "US",
    "secretary of the army": "US", "secretary of the air force": "US",
    "secretary of agriculture": "US", "secretary of the interior": "US",
    "deputy secretary of state": "US", "deputy secretary of defense": "US",
    "under secretary": "US", "assistant secretary": "US", "secretary": "US",
    "trade representative": "US", "u.s. trade representative": "US",
    "united states trade representative": "US",
    "chairman of the joint chiefs of staff": "US", "senator": "US", "speaker of the house": "US",
    "speaker": None, "governor": None,
    "spokesperson": None, "spokesman": None, "spokeswoman": None, "deputy spokesperson": None,
    "principal deputy spokesperson": None, "press secretary": None,
    "pentagon press secretary": "US", "white house press secretary": "US",
}  # fmt: skip

# Words before or after a title that name its country ("ROK Foreign Minister", "President Yoon
# of the Republic of Korea"). Longest phrases are tried first, so "north korean" wins over
# "korean".
BASELINE_QUALIFIERS: dict[str, str] = {
    "republic of korea": "KR", "rok": "KR", "south korea": "KR", "south korean": "KR",
    "korea": "KR", "korean": "KR", "seoul": "KR",
    "north korea": "KP", "north korean": "KP", "dprk": "KP",
    "democratic people's republic of korea": "KP",
    "united states": "US", "u.s.": "US", "us": "US", "usa": "US", "american": "US",
    "white house": "US", "pentagon": "US", "washington": "US", "state department": "US",
    "japan": "JP", "japanese": "JP", "tokyo": "JP",
    "china": "CN", "chinese": "CN", "people's republic of china": "CN", "prc": "CN",
    "australia": "AU", "australian": "AU", "philippines": "PH", "philippine": "PH",
    "india": "IN", "indian": "IN", "united kingdom": "GB", "british": "GB", "uk": "GB",
    "germany": "DE", "german": "DE", "france": "FR", "french": "FR", "canada": "CA",
    "canadian": "CA", "italy": "IT", "italian": "IT", "russia": "RU", "russian": "RU",
    "ukraine": "UA", "ukrainian": "UA", "new zealand": "NZ", "taiwan": "TW",
}  # fmt: skip

# Organisations that place an official in a country ("Coordinator ... at the NSC").
BASELINE_ORGANISATIONS: dict[str, str] = {
    "national security council": "US", "nsc": "US", "department of state": "US",
    "department of defense": "US", "department of war": "US", "department of commerce": "US",
    "department of energy": "US", "department of the treasury": "US", "usfk": "US",
    "united states forces korea": "US", "indo-pacific command": "US", "indopacom": "US",
    "national security office": "KR", "ministry of national defense": "KR", "mnd": "KR",
    "national security secretariat": "JP", "blue house": "KR",
    "cheong wa dae": "KR", "ministry of unification": "KR",
    "ministry of trade, industry and energy": "KR", "motie": "KR", "joint chiefs of staff": None,
}  # fmt: skip


def _d(text: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


@dataclass
class KnownOfficial:
    """An official extraction can recognise. ``appointments`` are (title, start, end) and let
    a short reference ("Foreign Minister Cho") pick whoever held the post on the date."""

    name: str
    aliases: list[str] = field(default_factory=list)
    country: str = ""
    titles: list[str] = field(default_factory=list)
    slug: str = ""
    appointments: list[tuple[str, datetime.date | None, datetime.date | None]] = field(
        default_factory=list
    )

    def held_on(self, day: datetime.date) -> list[str]:
        """Titles held on ``day`` (empty when no appointment dates are known)."""
        return [
            title
            for title, start, end in self.appointments
            if (start is None or start <= day) and (end is None or day <= end)
        ]

    def title_on(self, day: datetime.date | None) -> str:
        held = self.held_on(day) if day else []
        return held[0] if held else (self.titles[0] if self.titles else "")


@dataclass
class KnownTopic:
    slug: str
    keywords: list[str]
    name: str = ""


_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_HONORIFICS = {"mr", "mrs", "ms", "dr", "his", "her", "excellency", "the", "honorable", "h", "e"}


def name_tokens(name: str) -> list[str]:
    """Comparable tokens of a personal name: lower-case, hyphens dropped within a token
    ("Jae-in" → "jaein"), initials, suffixes and honorifics removed."""
    words = re.findall(r"[^\W\d_][\w'-]*\.?", name.lower())
    out = []
    for word in words:
        word = word.rstrip(".").replace("-", "").replace("'", "")
        if len(word) > 1 and word not in _SUFFIXES and word not in _HONORIFICS:
            out.append(word)
    return out


def compact(name: str) -> str:
    return "".join(name_tokens(name))


@dataclass
class Gazetteer:
    officials: list[KnownOfficial] = field(default_factory=list)
    titles: dict[str, str | None] = field(default_factory=lambda: dict(BASELINE_TITLES))
    topics: list[KnownTopic] = field(default_factory=list)
    qualifiers: dict[str, str] = field(default_factory=lambda: dict(BASELINE_QUALIFIERS))
    organisations: dict[str, str | None] = field(
        default_factory=lambda: dict(BASELINE_ORGANISATIONS)
    )

    @classmethod
    def default(cls) -> "Gazetteer":
        """The built-in gazetteer: baseline titles, qualifiers and topics, and the officials of
        the US, ROK and Japan most often seen in alliance readouts since 2017."""
        topics = [KnownTopic(slug, list(words)) for slug, words in BASELINE_TOPIC_KEYWORDS.items()]
        return cls(officials=[_official(*row) for row in _DEFAULT_OFFICIALS], topics=topics)

    @classmethod
    def from_database(cls) -> "Gazetteer":
        """Build the gazetteer from the app's models (three queries). Titles, qualifiers and
        organisations stay the built-in ones; officials and topics come from the database, and
        the built-in officials fill in for people the database does not know yet, so a fresh
        install reads readouts as well as a curated one.

        On a database that is not migrated yet, the built-in gazetteer is used as it is.
        """
        from django.db import DatabaseError

        from engagements.models import Official, PolicyTopic

        try:
            return cls._from_models(Official, PolicyTopic)
        except DatabaseError:
            return cls.default()

    @classmethod
    def _from_models(cls, Official, PolicyTopic) -> "Gazetteer":
        officials = []
        for official in Official.objects.prefetch_related("aliases", "appointments"):
            appointments = [
                (a.title, a.start, a.end)
                for a in sorted(official.appointments.all(), key=lambda a: a.start, reverse=True)
            ]
            aliases = [a.alias for a in official.aliases.all()]
            if official.native_name:
                aliases.append(official.native_name)
            officials.append(
                KnownOfficial(
                    name=official.name,
                    aliases=aliases,
                    country=official.country_id,
                    titles=list(dict.fromkeys(title for title, _, _ in appointments)),
                    slug=official.slug,
                    appointments=appointments,
                )
            )
        known = {compact(name) for o in officials for name in [o.name, *o.aliases]}
        officials += [
            builtin
            for builtin in (_official(*row) for row in _DEFAULT_OFFICIALS)
            if not {compact(n) for n in [builtin.name, *builtin.aliases]} & known
        ]
        # Groupings (Security, Economy…) have no keywords of their own: tagging a readout
        # "global-issues" because it says "global issues" would say nothing.
        topics = [
            KnownTopic(topic.slug, topic.keyword_list, topic.name)
            for topic in PolicyTopic.objects.all()
            if topic.keyword_list
        ]
        return cls(officials=officials, topics=topics)

    # --- officials ------------------------------------------------------------------------

    @cached_property
    def _by_compact(self) -> dict[str, list[KnownOfficial]]:
        index: dict[str, list[KnownOfficial]] = {}
        for official in self.officials:
            for name in [official.name, *official.aliases]:
                key = compact(name)
                if key and official not in index.setdefault(key, []):
                    index[key].append(official)
        return index

    def find_official(
        self, name: str, *, on: datetime.date | None = None, title: str | None = None
    ) -> KnownOfficial | None:
        """The known official ``name`` refers to, or None when unknown or ambiguous.

        A full name or alias matches exactly (ignoring case, hyphens, initials and suffixes)
        or nearly (rapidfuzz ratio ≥ 92, for romanisation variants). A partial name ("Biden",
        "Cho") matches only when a single candidate remains after preferring those whose
        title fits ``title`` and who held a post on ``on``.
        """
        tokens = name_tokens(name)
        if not tokens:
            return None
        key = "".join(tokens)
        candidates = list(self._by_compact.get(key, []))
        if not candidates and len(tokens) >= 2:
            for other, officials in self._by_compact.items():
                if len(other) > 5 and fuzz.ratio(key, other) >= 92:
                    candidates.extend(o for o in officials if o not in candidates)
        if not candidates:
            wanted = set(tokens)
            for official in self.officials:
                names = [official.name, *official.aliases]
                if any(wanted <= set(name_tokens(n)) for n in names):
                    candidates.append(official)
        return _narrow(candidates, on, title)

    # --- titles -----------------------------------------------------------------------------

    def country_of_title(self, title: str) -> str | None:
        return self.titles.get(title.lower().strip())

    def country_of_phrase(self, phrase: str) -> str | None:
        """The country named by the first qualifier or organisation in ``phrase`` (the longest
        where several start at the same place: "North Korean" before "North")."""
        table = {**self.qualifiers, **{k: v for k, v in self.organisations.items() if v}}
        best: tuple[int, int, str] | None = None  # (position, -length, country)
        for key, country in table.items():
            # Short keys are acronyms and must be capitalised: "US", never the pronoun "us".
            flags = 0 if len(key.replace(".", "")) <= 4 else re.IGNORECASE
            literal = key.upper() if not flags else key
            m = re.search(rf"(?<![\w.-]){re.escape(literal)}(?![\w-])", phrase, flags)
            if m and (best is None or (m.start(), -len(key)) < best[:2]):
                best = (m.start(), -len(key), country)
        return best[2] if best else None

    # --- topics -----------------------------------------------------------------------------

    @cached_property
    def topic_patterns(self) -> list[tuple[str, re.Pattern]]:
        patterns = []
        for topic in self.topics:
            for keyword in topic.keywords:
                if pattern := keyword_pattern(keyword):
                    patterns.append((topic.slug, pattern))
        return patterns

    def find_topics(self, text: str) -> list[tuple[str, int, int]]:
        """Every (slug, start, end) keyword hit in ``text``, in reading order."""
        hits = []
        for slug, pattern in self.topic_patterns:
            hits.extend((slug, m.start(), m.end()) for m in pattern.finditer(text))
        return sorted(hits, key=lambda h: (h[1], -h[2]))


def keyword_pattern(keyword: str) -> re.Pattern | None:
    keyword = keyword.strip().lower()
    if not keyword:
        return None
    body = r"[-\s]".join(re.escape(part) for part in re.split(r"[-\s]+", keyword))
    body = body.replace("'", "['\u2019]")
    if len(keyword) <= 4 and " " not in keyword:
        # An acronym: capitalised as written in prose, never a fragment of a word.
        return re.compile(rf"(?<![\w-])(?i:{body[0]})(?-i:{body[1:].upper()})s?(?![\w-])")
    # Not the tail of a compound ("Indo-Pacific"), except after a country: "DPRK-Russia",
    # "North Korea-Russia military cooperation".
    start = r"(?:(?<![\w-])|(?<=[A-Z]{2}-)|(?<=Korea-)|(?<=Japan-)|(?<=China-)|(?<=States-))"
    return re.compile(rf"{start}{body}(?:s|es)?(?![\w])", re.IGNORECASE)


def _narrow(
    candidates: list[KnownOfficial], on: datetime.date | None, title: str | None
) -> KnownOfficial | None:
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    if title:
        head = title.lower().split()[-1]
        fitting = [o for o in candidates if any(head in t.lower() for t in o.titles)]
        candidates = fitting or candidates
    if on and len(candidates) > 1:
        serving = [o for o in candidates if o.held_on(on)]
        candidates = serving or candidates
    return candidates[0] if len(candidates) == 1 else None


def _official(name, country, aliases, appointments) -> KnownOfficial:
    parsed = [(title, _d(start), _d(end)) for title, start, end in appointments]
    return KnownOfficial(
        name=name,
        aliases=list(aliases),
        country=country,
        titles=list(dict.fromkeys(title for title, _, _ in parsed)),
        slug=re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"),
        appointments=parsed,
    )


# (name, country, aliases, [(title, start, end)]) — public record, dates to the day where the
# day is well known and to the month otherwise.
_DEFAULT_OFFICIALS = [
    ("Joseph R. Biden, Jr.", "US", ["Joe Biden", "Joseph Biden", "Joseph R. Biden"],
     [("President", "2021-01-20", "2025-01-20"), ("Vice President", "2009-01-20", "2017-01-20")]),
    ("Donald J. Trump", "US", ["Donald Trump"],
     [("President", "2025-01-20", None), ("President", "2017-01-20", "2021-01-20")]),
    ("Barack Obama", "US", ["Barack H. Obama"], [("President", "2009-01-20", "2017-01-20")]),
    ("Kamala Harris", "US", ["Kamala D. Harris"], [("Vice President", "2021-01-20", "2025-01-20")]),
    ("JD Vance", "US", ["J.D. Vance", "James David Vance"],
     [("Vice President", "2025-01-20", None)]),
    ("Antony J. Blinken", "US", ["Antony Blinken", "Tony Blinken"],
     [("Secretary of State", "2021-01-26", "2025-01-20")]),
    ("Marco Rubio", "US", [],
     [("Secretary of State", "2025-01-21", None),
      ("National Security Advisor", "2025-05-01", None)]),
    ("Michael R. Pompeo", "US", ["Mike Pompeo"],
     [("Secretary of State", "2018-04-26", "2021-01-20")]),
    ("Lloyd J. Austin III", "US", ["Lloyd Austin", "Lloyd J. Austin"],
     [("Secretary of Defense", "2021-01-22", "2025-01-20")]),
    ("Pete Hegseth", "US", ["Peter Hegseth"],
     [("Secretary of Defense", "2025-01-25", None)]),
    ("Jake Sullivan", "US", [], [("National Security Advisor", "2021-01-20", "2025-01-20")]),
    ("Mike Waltz", "US", ["Michael Waltz"],
     [("National Security Advisor", "2025-01-20", "2025-05-01")]),
    ("Kurt M. Campbell", "US", ["Kurt Campbell"],
     [("Deputy Secretary of State", "2024-02-12", "2025-01-20"),
      ("Coordinator for the Indo-Pacific", "2021-01-20", "2024-02-12")]),
    ("Wendy R. Sherman", "US", ["Wendy Sherman"],
     [("Deputy Secretary of State", "2021-04-14", "2023-07-28")]),
    ("Christopher Landau", "US", [], [("Deputy Secretary of State", "2025-03-25", None)]),
    ("Janet L. Yellen", "US", ["Janet Yellen"],
     [("Secretary of the Treasury", "2021-01-26", "2025-01-20")]),
    ("Scott Bessent", "US", [], [("Secretary of the Treasury", "2025-01-28", None)]),
    ("Gina M. Raimondo", "US", ["Gina Raimondo"],
     [("Secretary of Commerce", "2021-03-03", "2025-01-20")]),
    ("Howard Lutnick", "US", [], [("Secretary of Commerce", "2025-02-21", None)]),
    ("Katherine Tai", "US", [], [("U.S. Trade Representative", "2021-03-18", "2025-01-20")]),
    ("Jamieson Greer", "US", [], [("U.S. Trade Representative", "2025-02-27", None)]),
    ("John F. Kirby", "US", ["John Kirby"],
     [("Pentagon Press Secretary", "2021-01-20", "2022-05-31")]),
    ("Ned Price", "US", [], [("Spokesperson", "2021-01-20", "2023-04-14")]),
    ("Matthew Miller", "US", [], [("Spokesperson", "2023-05-01", "2025-01-20")]),
    ("Tammy Bruce", "US", [], [("Spokesperson", "2025-01-20", None)]),
    ("Tommy Pigott", "US", [], [("Principal Deputy Spokesperson", "2025-01-20", None)]),
    ("Karine Jean-Pierre", "US", [], [("Press Secretary", "2022-05-13", "2025-01-20")]),
    ("Karoline Leavitt", "US", [], [("Press Secretary", "2025-01-20", None)]),
    ("Moon Jae-in", "KR", ["Moon Jae In", "문재인"], [("President", "2017-05-10", "2022-05-09")]),
    ("Yoon Suk Yeol", "KR", ["Yoon Suk-yeol", "윤석열"],
     [("President", "2022-05-10", "2025-04-04")]),
    ("Lee Jae Myung", "KR", ["Lee Jae-myung", "이재명"], [("President", "2025-06-04", None)]),
    ("Han Duck-soo", "KR", ["Han Duck Soo", "한덕수"],
     [("Acting President", "2024-12-14", "2024-12-27"),
      ("Prime Minister", "2022-05-21", "2025-05-01")]),
    ("Chung Eui-yong", "KR", ["Chung Eui Yong", "정의용"],
     [("Foreign Minister", "2021-02-09", "2022-05-11")]),
    ("Kang Kyung-wha", "KR", ["Kang Kyung Wha", "강경화"],
     [("Foreign Minister", "2017-06-18", "2021-02-08")]),
    ("Park Jin", "KR", ["박진"], [("Foreign Minister", "2022-05-12", "2024-01-10")]),
    ("Cho Tae-yul", "KR", ["Cho Tae Yul", "조태열"],
     [("Foreign Minister", "2024-01-10", "2025-07-20")]),
    ("Cho Hyun", "KR", ["조현"], [("Foreign Minister", "2025-07-21", None)]),
    ("Suh Wook", "KR", ["서욱"], [("Minister of National Defense", "2020-09-18", "2022-05-09")]),
    ("Lee Jong-sup", "KR", ["Lee Jong Sup", "이종섭"],
     [("Minister of National Defense", "2022-05-10", "2023-10-06")]),
    ("Shin Won-sik", "KR", ["Shin Won Sik", "신원식"],
     [("Minister of National Defense", "2023-10-07", "2024-09-05"),
      ("National Security Advisor", "2024-09-06", "2025-06-04")]),
    ("Ahn Gyu-back", "KR", ["Ahn Gyu Back", "안규백"],
     [("Minister of National Defense", "2025-07-25", None)]),
    ("Kim Sung-han", "KR", ["Kim Sung Han", "김성한"],
     [("National Security Advisor", "2022-05-10", "2023-03-29")]),
    ("Cho Tae-yong", "KR", ["Cho Tae Yong", "조태용"],
     [("National Security Advisor", "2023-03-29", "2023-12-03")]),
    ("Chang Ho-jin", "KR", ["Chang Ho Jin", "장호진"],
     [("National Security Advisor", "2024-01-02", "2024-09-05")]),
    ("Wi Sung-lac", "KR", ["Wi Sung Lac", "위성락"],
     [("National Security Advisor", "2025-06-05", None)]),
    ("Kim Tae-hyo", "KR", ["Kim Tae Hyo", "김태효"],
     [("Principal Deputy National Security Advisor", "2022-05-10", "2025-04-04")]),
    ("Kishida Fumio", "JP", ["Fumio Kishida"], [("Prime Minister", "2021-10-04", "2024-10-01")]),
    ("Suga Yoshihide", "JP", ["Yoshihide Suga"],
     [("Prime Minister", "2020-09-16", "2021-10-04")]),
    ("Ishiba Shigeru", "JP", ["Shigeru Ishiba"], [("Prime Minister", "2024-10-01", "2025-10-21")]),
    ("Takaichi Sanae", "JP", ["Sanae Takaichi"], [("Prime Minister", "2025-10-21", None)]),
    ("Hayashi Yoshimasa", "JP", ["Yoshimasa Hayashi"],
     [("Foreign Minister", "2021-11-10", "2023-09-13")]),
    ("Kamikawa Yoko", "JP", ["Yoko Kamikawa"], [("Foreign Minister", "2023-09-13", "2024-10-01")]),
    ("Iwaya Takeshi", "JP", ["Takeshi Iwaya"], [("Foreign Minister", "2024-10-01", "2025-10-21")]),
    ("Motegi Toshimitsu", "JP", ["Toshimitsu Motegi"],
     [("Foreign Minister", "2025-10-21", None), ("Foreign Minister", "2019-09-11", "2021-11-10")]),
]  # fmt: skip
