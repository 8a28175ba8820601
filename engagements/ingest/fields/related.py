"""Related meetings: other meetings the readout refers to, with their dates when it gives them.

A dated related meeting is a meeting noun ("the recent summit") up to 160 characters before a
date other than the meeting date; the span runs from the noun phrase's determiner to the
date. A relative date ("last week") that resolves to the meeting date is this meeting again. A
numbered meeting ("the 24th Korea-Japan Security Dialogue") counts even without a date.
"""

import re

from engagements.ingest import rules
from engagements.ingest.fields.context import Context
from engagements.ingest.results import RelatedMeeting

_DETERMINER = re.compile(r"\b(?:the|a|an|his|her|their|our)\s")
_NUMBERED_MEETING = re.compile(
    r"\b\d+(?:st|nd|rd|th)\s+(?:[A-Z][\w-]*\s+){1,5}(?:Meeting|Dialogue|Summit"
    r"|Talks|Consultations?|Conference)(?:\s+\([A-Z]+\))?"
)


def find_related_meetings(ctx: Context) -> None:
    """Fill ``ctx.result.related_meetings``; the meeting date must already be found."""
    text = ctx.text
    r = ctx.result
    used = r.evidence.get("meeting_date")
    related = []
    for start, end in ctx.body:
        for d in ctx.dates:
            if not (start <= d.start < end) or (used and used.start <= d.start < used.end):
                continue
            window_start = max(start, d.start - 160)
            window = text[window_start : d.start]
            nouns = list(rules.MEETING_NOUN.finditer(window))
            if not nouns:
                continue
            noun = nouns[-1]
            head = window_start + noun.start()
            # Back to the determiner that opens the noun phrase ("the recent meeting").
            opener = list(_DETERMINER.finditer(window[: noun.start()]))
            if opener and noun.start() - opener[-1].start() < 60:
                head = window_start + opener[-1].start()
            if d.value is not None and d.value == r.meeting_date and d.relative:
                continue
            related.append(
                RelatedMeeting(text[head : d.end], d.value, d.precision, ctx.span(head, d.end))
            )
        for m in _NUMBERED_MEETING.finditer(text[start:end]):
            s, e = start + m.start(), start + m.end()
            if not any(x.span.start <= s < x.span.end for x in related):
                related.append(RelatedMeeting(m.group(), None, None, ctx.span(s, e)))
    r.related_meetings = related
