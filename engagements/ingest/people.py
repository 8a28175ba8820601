"""Person mentions in a readout — "Republic of Korea Foreign Minister Cho Hyun", "Secretary
Rubio" — resolved against the gazetteer and merged into one Person per individual."""

import datetime
import re
from dataclasses import dataclass

from engagements.ingest.gazetteer import Gazetteer, KnownOfficial, name_tokens
from engagements.ingest.results import Person, Span

# --- people ------------------------------------------------------------------------------

NAME_STOP_WORDS = {
    "Call", "Calls", "Meeting", "Meetings", "Meets", "Met", "Phone", "Video", "Virtual", "With",
    "And", "Of", "The", "To", "On", "In", "At", "For", "By", "From", "Readout", "Joint",
    "Statement", "Remarks", "Trilateral", "Bilateral", "Summit", "Visit", "Visits", "Talks",
    "Travel", "Trip", "Conversation", "Discussion", "Dialogue", "Republic", "Korea", "Korean",
    "Japan", "Japanese", "United", "States", "Today", "Yesterday", "Tomorrow", "Spoke",
    "Speaks", "Holds", "Held", "Hosts", "Hosted", "Welcomes", "Discuss", "Discusses", "During",
    "After", "Following", "Both", "They", "He", "She", "His", "Her", "It", "This", "That",
    "Alliance", "Nations", "Assembly", "Secretary", "President", "Minister", "Ambassador",
    "Advisor", "Adviser", "Spokesperson", "Engagement", "Engagements", "Reception", "Dinner",
    "Lunch", "Affairs", "Defense", "Defence", "State", "Office", "Council", "National",
    "Security", "Ministry", "Department", "Government", "Governments", "Administration",
    "Conference", "Press", "Release", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December", "North", "South", "Northeast",
    "Indo-Pacific", "Seoul", "Tokyo", "Washington", "Beijing", "Pyongyang",
    # Headline words: a title in title case runs on after the name ("… Cho Before Their Meeting").
    "Before", "Ahead", "Their", "Our", "Its", "Hold", "Meet", "Talk", "Agree", "Agrees", "Sign",
    "Signs", "Discussed", "Attend", "Attends", "Announce", "Announces", "Reaffirm", "Reaffirms",
    "Pledge", "Pledges", "Urge", "Urges", "Amid", "Over", "About", "Regarding", "Upon",
    # Words of titles and portfolios: "Secretary General", "Minister of Trade, Industry".
    "General", "Admiral", "Commander", "Chief", "Director", "Chairman", "Deputy", "Vice",
    "Industry", "Trade", "Energy", "Economy", "Finance", "Foreign", "Unification",
}  # fmt: skip
# A capitalised word, an initial, or a surname with an inner capital (McCarthy, LaCamera, O'Neil).
_NAME_TOKEN = (
    r"(?:[A-Z][a-z]{1,2}[A-Z][a-z]+|[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*|[A-Z]\.|O'[A-Z][a-z]+|JD)"
)
_NAME = (
    rf"{_NAME_TOKEN}(?:\s+(?:(?:von|van|der|de|del|da|bin|al)\s+)?{_NAME_TOKEN}){{0,4}}"
    r"(?:,?\s+(?:Jr\.|Sr\.|III|II|IV)(?![\w]))?"
)
# "H.E." (His or Her Excellency) is how diplomatic prose addresses heads and ministers.
_HONORIFIC = r"(?:(?:Dr|Mr|Ms|Mrs|Gen|Adm)\.|H\.\s?E\.)"
_TITLE_MODIFIER = (
    r"(?:(?:Acting|Interim|Principal|Senior|Deputy|First|1st|Second|2nd|Third|3rd|Vice|Under"
    r"|Assistant|Special|Chief|Executive|Permanent)\s+)*"
)
SPOKESPERSON = re.compile(r"spokes(?:person|man|woman)|press secretary|spokesperson", re.IGNORECASE)
NON_US_HEAD_TITLES = re.compile(r"\b(?:minister|premier|chancellor)\b", re.IGNORECASE)


@dataclass
class _Mention:
    start: int
    end: int
    name: str
    name_start: int
    title: str
    country: str | None
    official: KnownOfficial | None


def _alternation(phrases, *, capitalised=True) -> str:
    parts = []
    for phrase in sorted(phrases, key=len, reverse=True):
        words = [re.escape(w) for w in phrase.split()]
        body = r"\s+".join(words)
        if capitalised:
            # Title case or as written; a title before a name starts with a capital.
            body = f"(?=[A-Z0-9])(?i:{body})"
        parts.append(body)
    return "(?:" + "|".join(parts) + ")"


class PeopleFinder:
    """Finds person mentions and merges them into one Person per individual."""

    def __init__(self, text: str, gazetteer: Gazetteer, on: datetime.date | None, home: str):
        self.text = text
        self.gazetteer = gazetteer
        self.on = on
        self.home = home
        qualifiers = list(gazetteer.qualifiers)
        long_q = [q for q in qualifiers if len(q.replace(".", "")) > 4]
        short_q = [q.upper() for q in qualifiers if len(q.replace(".", "")) <= 4]
        qualifier = (
            "(?:"
            + _alternation(long_q)
            + "|"
            + "|".join(re.escape(q) for q in sorted(short_q, key=len, reverse=True))
            + r")(?:'s)?(?:\s*\((?:ROK|U\.S\.|US|DPRK|PRC)\))?"
        )
        title = _TITLE_MODIFIER + _alternation(gazetteer.titles)
        self.titled = re.compile(
            rf"(?:(?P<q>{qualifier})\s+)?(?P<title>{title}(?:\s+and\s+{title})?)"
            rf",?\s+(?:{_HONORIFIC}\s+)?(?P<name>{_NAME})"
        )
        # A title whose organisation stands between it and the name: "Under Secretary of
        # Commerce for Standards Ana Ruiz", "Deputy Minister for Defense Planning Park Min-ho".
        # The organisation is the shortest run of capitalised words that leaves a
        # two-word name (with an optional middle initial) not followed by another capital.
        org_word = r"(?:[A-Z][\w.'-]*|\([A-Z.]+\)|and|of|for|the|&)"
        self.titled_org = re.compile(
            rf"(?:(?P<q>{qualifier})\s+)?(?P<title>{title}(?:\s+and\s+{title})?)\s+(?:of|for)\s+"
            rf"(?:the\s+)?(?P<org>[A-Z][\w.'-]*(?:\s+{org_word})*?)\s+"
            rf"(?P<name>{_NAME_TOKEN}(?:\s+[A-Z]\.)?\s+{_NAME_TOKEN})(?![\w-]|\s+[A-Z])"
        )
        self.appositive = re.compile(
            rf"(?:(?P<hon>{_HONORIFIC})\s+)?(?P<name>{_NAME}),\s+(?:the\s+)?"
            rf"(?P<title>(?:(?:{qualifier})\s+)?{title}[^;,]*)"
        )
        self.honorific = re.compile(rf"(?P<hon>{_HONORIFIC})\s+(?P<name>{_NAME})")
        # News prose names the other side's official by role, in lower case: "his South
        # Korean counterpart, Park Min-ho"; the qualifier gives the country.
        self.counterpart = re.compile(
            rf"(?P<q>{qualifier})\s+(?P<title>counterpart),?\s+(?:{_HONORIFIC}\s+)?(?P<name>{_NAME})"
        )
        # Japanese and Korean government English puts the family name in capitals first:
        # "Mr. HAYASHI Yoshimasa, Minister for Foreign Affairs of Japan".
        self.capital_surname = re.compile(
            rf"(?P<hon>{_HONORIFIC})\s+(?P<family>[A-Z]{{2,}})\s+"
            rf"(?P<given>{_NAME_TOKEN}(?:\s+{_NAME_TOKEN})?)"
            rf"(?:,\s+(?:the\s+)?(?P<title>(?:(?:{qualifier})\s+)?{title}[^;,]*))?"
        )
        self.people: list[Person] = []

    # Mentions ----------------------------------------------------------------------------

    def mentions(self, start: int, end: int) -> list[_Mention]:
        """Person mentions between ``start`` and ``end``, in reading order, not overlapping."""
        found: list[_Mention] = []
        taken: list[tuple[int, int]] = []

        def add(m: _Mention | None):
            if m and all(m.end <= s or m.start >= e for s, e in taken):
                taken.append((m.start, m.end))
                found.append(m)

        for m in self.capital_surname.finditer(self.text, start, end):
            add(self._from_capital_surname(m))
        for m in self.appositive.finditer(self.text, start, end):
            add(self._from_appositive(m))
        for m in self.titled_org.finditer(self.text, start, end):
            add(self._from_titled_org(m))
        for m in self.titled.finditer(self.text, start, end):
            add(self._from_titled(m))
        for m in self.counterpart.finditer(self.text, start, end):
            add(self._from_counterpart(m))
        for m in self.honorific.finditer(self.text, start, end):
            add(self._bare(m.start(), m.group("name"), m.start("name")))
        # Known officials named without a title ("Biden and Yoon").
        for official in self.gazetteer.officials:
            for name in [official.name, *official.aliases]:
                if len(name_tokens(name)) < 2:
                    continue
                pattern = r"\b" + r"\W+".join(re.escape(t) for t in re.findall(r"\w+", name))
                for m in re.finditer(pattern + r"\b", self.text[start:end]):
                    add(self._bare(start + m.start(), m.group(), start + m.start()))
        return sorted(found, key=lambda m: m.start)

    def _trim_name(self, name: str) -> str:
        name = re.sub(r"'s$", "", name)
        # Forms of address are not part of the name: "the Honorable Jane Roe".
        name = re.sub(r"^(?:(?:His|Her)\s+)?(?:Honou?rable|Excellency)\s+", "", name)
        tokens = name.split()
        kept = []
        for token in tokens:
            if token.rstrip(",") in NAME_STOP_WORDS:
                break
            kept.append(token)
        result = " ".join(kept).rstrip(",")
        return re.sub(r",?\s+(?:Jr|Sr)$", "", result)

    def _country(self, qualifier, title, after, official, before="") -> str | None:
        if official is not None and official.country:
            return official.country
        if qualifier and (country := self.gazetteer.country_of_phrase(qualifier)):
            return country
        post = re.match(
            r"\s*,?\s*(?:of|from|at)\s+(?:the\s+)?((?:(?! and | to )[^,;()]){2,60})", after
        )
        if post and (country := self.gazetteer.country_of_phrase(post.group(1))):
            return country
        # An organisation written before the title: "Japanese National Security Secretariat
        # Secretary General Akiba Takeo".
        pre = re.search(r"(?:[A-Z][\w.'-]*\s+(?:(?:of|for|and)\s+)?){1,6}$", before)
        if pre and (country := self.gazetteer.country_of_phrase(pre.group())):
            return country
        if country := self.gazetteer.country_of_phrase(title):
            return country
        head = re.sub(rf"^{_TITLE_MODIFIER}", "", title.split(" and ")[-1]).strip()
        return self.gazetteer.country_of_title(head) or self.gazetteer.country_of_title(title)

    def _make(self, start, end, name, name_start, title, qualifier, after) -> _Mention | None:
        name = self._trim_name(name)
        if not name or not re.search(r"[A-Z][a-z]", name):
            return None
        official = self.gazetteer.find_official(name, on=self.on, title=title or None)
        # The words before a title qualify it only within its own paragraph.
        before = self.text[max(0, start - 80) : start].rpartition("\n")[2]
        country = self._country(qualifier, title, after, official, before)
        if official and not title:
            title = official.title_on(self.on)
        return _Mention(start, name_start + len(name), name, name_start, title, country, official)

    def _from_titled(self, m) -> _Mention | None:
        title = re.sub(r"\s+", " ", m.group("title")).strip()
        qualified = f"{m.group('q') or ''} {title}".strip()
        if m.group("q") and qualified.lower() in self.gazetteer.titles:
            title = qualified  # "Pentagon Press Secretary" is one title
        after = self.text[m.end() : m.end() + 80]
        return self._make(
            m.start(), m.end(), m.group("name"), m.start("name"), title, m.group("q") or "", after
        )

    def _from_counterpart(self, m) -> _Mention | None:
        mention = self._from_titled(m)
        # "counterpart" says which side, not which post: a known official's post is their own.
        if mention and mention.official is not None:
            mention.title = mention.official.title_on(self.on) or ""
        return mention

    def _from_titled_org(self, m) -> _Mention | None:
        plain = self.titled.match(self.text, m.start())
        if plain and plain.end("name") >= m.end("name"):
            return None  # a known title that merely contains "of": "Secretary of State Jane Roe"
        title = re.sub(r"\s+", " ", m.group("title")).strip()
        org = re.sub(r"\s+", " ", m.group("org")).strip()
        qualifier = m.group("q") or ""
        if not qualifier and (country := self.gazetteer.country_of_phrase(org)):
            qualifier = next(
                (q for q, c in self.gazetteer.qualifiers.items() if c == country), qualifier
            )
        mention = self._make(
            m.start(), m.end(), m.group("name"), m.start("name"), title, qualifier, ""
        )
        if mention and mention.country is None:
            mention.country = self.gazetteer.country_of_phrase(org)
        if mention and mention.official is None:
            # The title as written, organisation included: "Under Secretary of Commerce for …".
            mention.title = re.sub(r"\s+", " ", self.text[m.start("title") : m.start("name")])
            mention.title = mention.title.strip()
        return mention

    def _from_appositive(self, m) -> _Mention | None:
        name = m.group("name")
        if not m.group("hon") and len(name.split()) < 2:
            return None
        phrase = re.sub(r"\s+", " ", m.group("title")).strip()
        # The title proper ends where its organisation or country begins.
        title = re.split(r"\s+(?:of|at|in|from)\s+(?:the\s+)?(?=[A-Z])", phrase)[0]
        title = re.sub(r"\s*\(.*$", "", title).strip()
        mention = self._make(m.start(), m.end(), name, m.start("name"), title, "", "")
        country = self.gazetteer.country_of_phrase(phrase)
        if mention and country and mention.official is None:
            mention.country = country
        if mention:
            mention.end = m.end()
        return mention

    def _from_capital_surname(self, m) -> _Mention | None:
        name = f"{m.group('family').title()} {m.group('given')}"
        phrase = re.sub(r"\s+", " ", m.group("title") or "").strip()
        title = re.split(r"\s+(?:of|at|in|from)\s+(?:the\s+)?(?=[A-Z])", phrase)[0]
        official = self.gazetteer.find_official(name, on=self.on, title=title or None)
        country = (official.country if official else None) or self.gazetteer.country_of_phrase(
            phrase
        )
        return _Mention(m.start(), m.end(), name, m.start("family"), title, country, official)

    def _bare(self, start, name, name_start) -> _Mention | None:
        mention = self._make(start, start, name, name_start, "", "", self.text[start:][:80])
        if mention:
            mention.start = start
        return mention

    # People ------------------------------------------------------------------------------

    def resolve(self, mention: _Mention, *, create: bool = True) -> Person | None:
        """The Person a mention refers to, merging short references ("Minister Suh") into the
        full name found earlier; a new Person when ``create``."""
        tokens = set(name_tokens(mention.name))
        span = Span(mention.name_start, mention.end, self.text[mention.name_start : mention.end])
        for person in self.people:
            known = set(name_tokens(person.name))
            same_official = mention.official is not None and mention.official is person.official
            if same_official or (tokens and (tokens <= known or known <= tokens)):
                if len(tokens) > len(known) and mention.official is None:
                    person.name = mention.name  # the fuller form wins
                if not person.title and mention.title:
                    person.title = mention.title
                if not person.country and mention.country:
                    person.country = mention.country
                if span not in person.mentions:
                    person.mentions.append(span)
                return person
        if not create:
            return None
        name = mention.official.name if mention.official else mention.name
        if mention.official and len(tokens) >= 2 and not tokens <= set(name_tokens(name)):
            name = mention.name  # "Tony Blinken": the text's own full form, not "Antony J."
        elif mention.official and not self._written(name):
            # Named by title and family name here ("SECRETARY ROE:"), but written in full
            # elsewhere on the page under a recorded alias: the page's own form.
            name = next(
                (a for a in mention.official.aliases if self._written(a)),
                name,
            )
        person = Person(
            name=name,
            title=mention.title,
            country=mention.country,
            span=Span(mention.start, mention.end, self.text[mention.start : mention.end]),
            mentions=[span],
            official=mention.official,
        )
        self.people.append(person)
        return person

    def label_mentions(self, start: int, end: int) -> list[_Mention]:
        """Mentions in a transcript's all-capitals speaker label ("FOREIGN MINISTER ROE:"),
        read as if written in title case; offsets stay those of the text."""
        text = self.text
        self.text = text[:start] + text[start:end].title() + text[end:]
        try:
            found = self.mentions(start, end)
        finally:
            self.text = text
        for mention in found:  # "Secretary Of Defense" as a title is written
            mention.title = re.sub(
                r"(?<=\s)(Of|And|For|The|On|To)(?=\s)", lambda w: w.group().lower(), mention.title
            )
        return found

    def _written(self, name: str) -> bool:
        return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", self.text) is not None

    def find(self, reference: str) -> Person | None:
        """A person already seen whose name contains the tokens of ``reference``."""
        tokens = set(name_tokens(reference))
        if not tokens:
            return None
        for person in self.people:
            if tokens <= set(name_tokens(person.name)):
                return person
        return None
