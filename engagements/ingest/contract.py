"""Render an Extraction as the "Ingestion output" JSON object of DESIGN.md.

The keys and their order are the contract the scorer and the import command rely on; the spans
behind each value go under ``evidence`` as the exact text, in the same order as the values.
"""

from engagements.ingest.dates import format_date
from engagements.ingest.extract import Extraction

CONTRACT_KEYS = (
    "title", "published_on", "meeting_date", "date_precision", "modality", "location",
    "participants", "speakers", "quotes", "topics", "commitments", "related_meetings", "evidence",
    "confidence",
)  # fmt: skip


def _person(person) -> dict:
    return {"name": person.name, "title": person.title or None, "country": person.country}


def to_contract(extraction: Extraction) -> dict:
    """The JSON-ready dict for one extraction (dates as ISO strings, nulls where unknown)."""
    e = extraction
    evidence: dict = {}
    for key in ("title", "meeting_date", "modality", "location"):
        if key in e.evidence:
            evidence[key] = e.evidence[key].text
    evidence["participants"] = [p.span.text for p in e.participants]
    evidence["speakers"] = [p.span.text for p in e.speakers]
    evidence["quotes"] = [q.span.text for q in e.quotes]
    evidence["topics"] = {t.slug: t.span.text for t in e.topics}
    evidence["commitments"] = [c.span.text for c in e.commitments]
    evidence["related_meetings"] = [m.span.text for m in e.related_meetings]
    return {
        "title": e.title or None,
        "published_on": e.published_on.isoformat() if e.published_on else None,
        "meeting_date": format_date(e.meeting_date, e.date_precision),
        "date_precision": e.date_precision if e.meeting_date else None,
        "modality": e.modality,
        "location": e.location,
        "participants": [_person(p) for p in e.participants],
        "speakers": [_person(p) for p in e.speakers],
        "quotes": [{"speaker": q.speaker, "text": q.text} for q in e.quotes],
        "topics": [t.slug for t in e.topics],
        "commitments": [
            {"party": c.party, "text": c.text, "topics": c.topics} for c in e.commitments
        ],
        "related_meetings": [
            {"text": m.text, "date": format_date(m.date, m.precision)} for m in e.related_meetings
        ],
        "evidence": evidence,
        "confidence": {key: round(value, 2) for key, value in e.confidence.items()},
    }
