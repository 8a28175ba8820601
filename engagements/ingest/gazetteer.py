"""What extraction knows before it reads a readout: officials and their aliases, titles and the
country each implies, country qualifiers, and topic keywords.

`Gazetteer.from_database()` is what the command, the review screen and the importer use: the
officials and topic keywords editors keep, with the built-in officials (`officials.json`) filling
in for people not recorded yet. `Gazetteer.default()` is the same without a database: the
built-in officials and the taxonomy's keywords (`engagements.taxonomy`, the one keyword list).
`find_official` is the one resolver of names to officials, for extraction and saving alike.
"""

import datetime
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from rapidfuzz import fuzz

from engagements.taxonomy import keywords_by_slug

# Officials known before any are recorded: data, merged under the database's own.
BUILTIN_OFFICIALS = Path(__file__).with_name("officials.json")

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
    "general": None, "admiral": None, "chairman": None, "commander": None,
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
    a short reference ("Minister Park") pick whoever held the post on the date."""

    name: str
    aliases: list[str] = field(default_factory=list)
    country: str = ""
    titles: list[str] = field(default_factory=list)
    slug: str = ""
    appointments: list[tuple[str, datetime.date | None, datetime.date | None]] = field(
        default_factory=list
    )
    pk: int | None = None  # the Official's primary key; None for the built-in list only

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
    # Accents are dropped: "Sŏul" and "Soul" are one romanisation spelled two ways.
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    words = re.findall(r"[^\W\d_][\w'-]*\.?", name.lower())
    out = []
    for word in words:
        word = word.rstrip(".").replace("-", "").replace("'", "")
        if len(word) > 1 and word not in _SUFFIXES and word not in _HONORIFICS:
            out.append(word)
    return out


def compact(name: str) -> str:
    return "".join(name_tokens(name))


# Short forms of given names that English-language releases use for officials recorded under
# the full form.
SHORT_GIVEN_NAMES = {
    "joe": "joseph", "mike": "michael", "bill": "william", "jim": "james", "bob": "robert",
    "tony": "antony", "dick": "richard", "tom": "thomas", "chuck": "charles", "dan": "daniel",
    "ted": "edward", "jack": "john", "pete": "peter", "steve": "steven", "chris": "christopher",
    "liz": "elizabeth", "kate": "katherine", "matt": "matthew", "rick": "richard",
}  # fmt: skip
# Words of a title that say whose post it is, not which post: "ROK Foreign Minister".
_TITLE_NOISE = {
    "of", "the", "for", "and", "u", "s", "us", "rok", "korean", "american", "republic", "korea",
    "united", "japan", "japanese", "south", "acting", "then", "new", "former",
}  # fmt: skip


def title_fits(given: str, post: str) -> bool:
    """Whether a title as written ("Foreign Minister", "U.S. Secretary of State") names the
    post ("Minister of Foreign Affairs", "Secretary of State"): every word that says which post
    it is appears in the post's title. "Foreign Minister" does not fit "Prime Minister", nor
    "Vice President" "President"."""
    words = {w for w in re.findall(r"[a-z]+", given.lower()) if w not in _TITLE_NOISE}
    post_words = set(re.findall(r"[a-z]+", post.lower()))
    # "Foreign Minister" is written for "Minister of Foreign Affairs", "Defense" for "Defence".
    post_words |= {"foreign"} if "affairs" in post_words and "foreign" in post_words else set()
    post_words |= {"defense"} if "defence" in post_words else set()
    return bool(words) and words <= post_words


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
        topics = [KnownTopic(slug, words) for slug, words in keywords_by_slug().items()]
        return cls(officials=builtin_officials(), topics=topics)

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
                    pk=official.pk,
                )
            )
        known = {compact(name) for o in officials for name in [o.name, *o.aliases]}
        officials += [
            builtin
            for builtin in builtin_officials()
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
        if not candidates and len(tokens) >= 2 and tokens[0] in SHORT_GIVEN_NAMES:
            # "Joe Biden" is "Joseph R. Biden", "Mike Pompeo" "Michael R. Pompeo".
            formal = [SHORT_GIVEN_NAMES[tokens[0]], *tokens[1:]]
            candidates = list(self._by_compact.get("".join(formal), []))
            tokens, key = (formal, "".join(formal)) if candidates else (tokens, key)
        if not candidates and len(tokens) >= 2:
            # The family name written last ("Minjun Kim", "Yoshimasa Hayashi") for an official
            # recorded family name first, or the other way round.
            for turned in ("".join(tokens[-1:] + tokens[:-1]), "".join(tokens[1:] + tokens[:1])):
                candidates.extend(
                    o for o in self._by_compact.get(turned, []) if o not in candidates
                )
        if not candidates and len(tokens) >= 2:
            for other, officials in self._by_compact.items():
                if len(other) > 5 and fuzz.ratio(key, other) >= 92:
                    candidates.extend(o for o in officials if o not in candidates)
        if candidates:
            return _narrow(candidates, on, title)
        wanted = set(tokens)
        for official in self.officials:
            names = [official.name, *official.aliases]
            if any(wanted <= set(name_tokens(n)) for n in names):
                candidates.append(official)
        # A family name alone is someone else's as often as not ("Ambassador Harris" is not
        # the Vice President): the title must fit one of the official's posts.
        if title and candidates:
            candidates = [o for o in candidates if any(title_fits(title, t) for t in o.titles)]
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


def builtin_officials() -> list[KnownOfficial]:
    return list(_read_builtin_officials())


@cache  # read once per process: every gazetteer built from the database merges these in
def _read_builtin_officials() -> tuple[KnownOfficial, ...]:
    rows = json.loads(BUILTIN_OFFICIALS.read_text(encoding="utf-8"))["officials"]
    officials = []
    for row in rows:
        posts = [(p["title"], _d(p["start"]), _d(p["end"])) for p in row["posts"]]
        officials.append(
            KnownOfficial(
                name=row["name"],
                aliases=list(row["aliases"]),
                country=row["country"],
                titles=list(dict.fromkeys(title for title, _, _ in posts)),
                slug=re.sub(r"[^a-z0-9]+", "-", row["name"].lower()).strip("-"),
                appointments=posts,
            )
        )
    return tuple(officials)
