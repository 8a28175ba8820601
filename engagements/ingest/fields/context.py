"""What every field shares while one readout is extracted, and the helpers they all use.

A `Context` is built once per document: it works out whose government issued the readout (so a
bare "President" can be given a country) and who the other side is, splits the text into
sentences, finds its dates, and starts the `Extraction` that the field modules fill in.
"""

import dataclasses
import re
from dataclasses import dataclass

from engagements.ingest import dates as dates_mod
from engagements.ingest import rules
from engagements.ingest.clean import CleanedDocument
from engagements.ingest.dates import date_line
from engagements.ingest.gazetteer import Gazetteer
from engagements.ingest.people import PeopleFinder
from engagements.ingest.results import Extraction, Span
from engagements.ingest.rules import split_sentences

# A related clause runs to a semicolon or a comma, but not one before "and" or a number, which
# continue a list of people or a date ("August 25, 2025").
_RELATED_CLAUSE_END = re.compile(r"[;]|,\s(?!and\b|\d)|$")


@dataclass
class MeetingSentence:
    start: int  # after a leading clause ("Following the summit, …")
    end: int
    verb: re.Match
    main_end: int  # where the participant clause ends
    sentence_start: int


def related_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses about another meeting ("following the meeting between … on August 25")."""
    spans = []
    for m in rules.RELATED_TRIGGER.finditer(text, start, end):
        stop = _RELATED_CLAUSE_END.search(text, m.end(), end)
        spans.append((m.start(), stop.start() if stop else end))
    return spans


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _home_country(doc: CleanedDocument) -> str:
    """Whose government issued the document, for titles with no qualifier ("President")."""
    url = (doc.source_url or "").lower()
    if re.search(r"\.go\.kr\b|korea\.kr|mofa\.go|president\.go", url):
        return "KR"
    if "unofficial translation" in doc.notes:
        return "KR"
    if re.search(r"\.go\.jp\b", url):
        return "JP"
    return "US"


def _counterpart(text: str, home: str) -> str:
    """The other government the readout is about: the one it names most often."""
    counts = {
        "KR": len(re.findall(r"Republic of Korea|ROK|South Korea|Korean(?! Peninsula)", text)),
        "JP": len(re.findall(r"Japan", text)),
        "US": len(re.findall(r"United States|U\.S\.|American", text)),
    }
    counts.pop(home, None)
    return max(counts, key=counts.get)


# "WASHINGTON, Aug. 30, 2017 —", "SEOUL, March 4, 2026 --": a place in capitals and a full date
# opening the body, before a dash.
_LEAD_CHARS = 400
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'-]+(?:[ ,]+[A-Z][A-Z.'-]+){0,3}),\s+"
    r"(?P<date>[A-Z][a-z]{2,8}\.?\s+[0-3]?\d,\s+(?:19|20)\d\d)\s*(?:—|–|--?)\s+",
    re.MULTILINE,
)


class Context:
    """One document being extracted; the field modules read it and fill in ``result``."""

    def __init__(self, doc: CleanedDocument, gazetteer: Gazetteer):
        self.doc = doc
        self.text = doc.text
        self.gazetteer = gazetteer
        self.home = _home_country(doc)
        self.counterpart = _counterpart(doc.text, self.home)
        # A news story's dateline ("WASHINGTON, Aug. 30, 2017 —") dates its own "today" and
        # "yesterday"; a mirror's date line above it is the repost's, often a day later.
        # It opens one of the first paragraphs (a byline or a banner may come first).
        self.dateline = _DATELINE.search(doc.text, doc.body_start, doc.body_start + _LEAD_CHARS)
        published = date_line(self.dateline["date"]) if self.dateline else None
        doc = dataclasses.replace(doc, published_on=published) if published else doc
        self.doc = doc
        self.people = PeopleFinder(doc.text, gazetteer, doc.published_on, self.home)
        self.sentences = split_sentences(doc.text)
        self.body = [(s, e) for s, e in self.sentences if s >= doc.body_start]
        self.title_span = (0, len(doc.title)) if doc.title else None
        self.dates = dates_mod.find_dates(doc.text, doc.published_on)
        self.result = Extraction(text=doc.text, title=doc.title, published_on=doc.published_on)
        self.result.notes = list(doc.notes)
        self.meeting_sentences: list[MeetingSentence] = []  # filled in by `meeting`

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def topics_in(self, start: int, end: int) -> list[str]:
        """The topics mentioned between ``start`` and ``end``, each once, in order."""
        return list(
            dict.fromkeys(s for s, a, _ in self.gazetteer.find_topics(self.text[start:end]))
        )
