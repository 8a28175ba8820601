"""What extraction finds: each value with the span of cleaned text it rests on."""

import datetime
from dataclasses import dataclass, field

from engagements.ingest.gazetteer import KnownOfficial

IN_PERSON, PHONE_CALL, VIDEO_CALL = "in_person", "phone_call", "video_call"
JOINT = "joint"
LOW_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Span:
    """Offsets into ``CleanedDocument.text`` (end exclusive) and the text between them."""

    start: int
    end: int
    text: str


@dataclass
class Person:
    name: str
    title: str
    country: str | None
    span: Span
    mentions: list[Span] = field(default_factory=list)
    official: KnownOfficial | None = None


@dataclass
class Quote:
    speaker: str | None
    text: str
    span: Span
    speaker_span: Span | None = None


@dataclass
class TopicHit:
    slug: str
    span: Span  # the first keyword hit
    count: int = 1


@dataclass
class Commitment:
    party: str  # an ISO code, or "joint"
    text: str
    topics: list[str]
    span: Span


@dataclass
class RelatedMeeting:
    text: str
    date: datetime.date | None
    precision: str | None
    span: Span


@dataclass
class Extraction:
    text: str
    title: str
    published_on: datetime.date | None
    meeting_date: datetime.date | None = None
    date_precision: str | None = None
    modality: str | None = None
    location: str | None = None
    parent_event: str | None = None
    participants: list[Person] = field(default_factory=list)
    speakers: list[Person] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    topics: list[TopicHit] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    related_meetings: list[RelatedMeeting] = field(default_factory=list)
    # Field name → the span(s) behind single-valued fields (title, meeting_date, modality,
    # location, parent_event); list fields carry their spans on each item.
    evidence: dict[str, Span] = field(default_factory=dict)
    # Field name → how sure the rule that set it is (0..1): a value read from the sentence that
    # reports the meeting is surer than one taken from the title or a fallback. Fields below
    # LOW_CONFIDENCE are flagged for the editor.
    confidence: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
