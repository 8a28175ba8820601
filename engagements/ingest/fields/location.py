"""Location: where an in-person meeting took place, and the event it was on the sidelines of.

Only the first two meeting sentences and the sentence holding the meeting date are read, so a
place named elsewhere ("to host the next summit in Seoul") is not taken for the venue. "On the
sidelines of the G20 Summit" gives the parent event; "in Tokyo" or "at the White House" gives a
place if the gazetteer knows it or it looks like a place name, and it is not a month, a region,
a person or an organisation. With no place, the parent event stands in for one. Calls have no
location.
"""

import re

from engagements.ingest import rules
from engagements.ingest.fields.context import Context, inside, related_spans
from engagements.ingest.people import NAME_STOP_WORDS
from engagements.ingest.results import IN_PERSON

# A place the gazetteer does not know must at least look like one: "Jeju", "Anchorage,
# Alaska".
_PLACE_NAME = re.compile(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?:,\s+[A-Z][a-z]+)?$")
_ORGANISATION = re.compile(r"\b(?:Council|Ministry|Department|Group|Alliance|Agreement|Strategy)\b")


def find_location(ctx: Context) -> None:
    """Set ``location`` and ``parent_event`` and their evidence on ``ctx.result``, if found."""
    text = ctx.text
    r = ctx.result
    if r.modality not in (IN_PERSON, None):
        return
    zones = [(s.start, s.end) for s in ctx.meeting_sentences[:2]]
    if "meeting_date" in r.evidence:
        ev = r.evidence["meeting_date"]
        for s, e in ctx.body:
            if s <= ev.start < e and (s, e) not in zones:
                zones.append((s, e))
    for start, end in zones:
        related = related_spans(text, start, end)
        if (m := rules.SIDELINES.search(text, start, end)) and not r.parent_event:
            event = re.sub(r"\s+in\s+.*$", "", m.group("event")).removesuffix(".")
            r.parent_event = event
            r.evidence["parent_event"] = ctx.span(m.start(), m.start("event") + len(event))
        for m in rules.PLACE.finditer(text, start, end):
            place = re.sub(r"(?<=[a-z])\.$", "", m.group("place"))
            head, _, region = place.partition(", ")
            # "in Tokyo, Japan" keeps its country; "in Tokyo Japan, National Security
            # Advisor …" does not run on into the next phrase.
            if region and (
                ctx.gazetteer.country_of_phrase(region) is None
                and any(w in NAME_STOP_WORDS for w in region.split())
            ):
                place = head
            if inside(m.start(), related) or rules.NOT_PLACES.match(place):
                continue
            if ctx.gazetteer.country_of_phrase(place) is None and not _PLACE_NAME.match(place):
                continue
            # A place in the event's name ("Munich Security Conference") is not a venue of its own.
            if r.parent_event and place in r.parent_event:
                continue
            # Person names and organisations are not places.
            if ctx.people.find(place) or _ORGANISATION.search(place):
                continue
            r.location = place.removeprefix("the ")
            r.confidence["location"] = 0.7
            r.evidence["location"] = ctx.span(m.start(), m.end())
            return
    if r.parent_event:
        r.location = r.parent_event
        r.confidence["location"] = 0.5
        r.evidence["location"] = r.evidence["parent_event"]
