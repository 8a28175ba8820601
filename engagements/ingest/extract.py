"""Find a meeting's facts in a cleaned readout, each with the span of text it rests on.

Rules over sentences, not a model: a *meeting sentence* is one whose verb reports the
engagement ("met", "spoke by phone", "was convened by"); the people named as its subject or its
"with …" object are the participants, and everything else (spokespeople, people in a
"following the meeting between …" clause) is left out. Dates, modality and location are read
from the same sentences. When a rule is unsure it leaves the value out rather than guessing.

Each fact has its own module in `engagements.ingest.fields`; this one runs them in order, since
later fields read what earlier ones found.
"""

from engagements.ingest.clean import CleanedDocument
from engagements.ingest.fields.commitments import find_commitments
from engagements.ingest.fields.context import Context
from engagements.ingest.fields.location import find_location
from engagements.ingest.fields.meeting import find_meeting_sentences
from engagements.ingest.fields.modality import find_modality
from engagements.ingest.fields.participants import find_participants
from engagements.ingest.fields.quotes import find_quotes
from engagements.ingest.fields.related import find_related_meetings
from engagements.ingest.fields.speakers import find_speakers
from engagements.ingest.fields.topics import find_topics
from engagements.ingest.fields.when import find_meeting_date
from engagements.ingest.gazetteer import Gazetteer
from engagements.ingest.results import Extraction
from engagements.ingest.rules import split_sentences

__all__ = ["extract", "split_sentences"]

_FIELDS = (
    find_meeting_sentences,
    find_participants,
    find_speakers,  # after participants, whom it leaves out
    find_meeting_date,
    find_modality,
    find_location,  # after modality: calls have no location
    find_quotes,  # adds quoted people to the speakers
    find_topics,  # after all people, whose titles are not topics
    find_commitments,
    find_related_meetings,  # after the meeting date, which is not a related meeting's
)


def extract(doc: CleanedDocument, gazetteer: Gazetteer) -> Extraction:
    """Extract a meeting from a cleaned document. See the module docstring for the approach."""
    ctx = Context(doc, gazetteer)
    if ctx.title_span:
        ctx.result.evidence["title"] = ctx.span(*ctx.title_span)
    for find in _FIELDS:
        find(ctx)
    return ctx.result
