"""The meeting date: the first date in a meeting sentence, or next to a meeting noun.

A date in a clause about another meeting ("following the meeting between … on August 25") is
not this meeting's. The evidence span covers the verb or noun together with the date when the
two are close, and the date alone when they are not.
"""

import re

from engagements.ingest import rules
from engagements.ingest.fields.context import Context, inside, related_spans


def find_meeting_date(ctx: Context) -> None:
    """Set ``meeting_date``, ``date_precision`` and their evidence on ``ctx.result``, if found."""
    text = ctx.text
    r = ctx.result

    def pick(start: int, end: int, anchor: re.Match, sureness: float) -> bool:
        related = related_spans(text, start, end)
        if ctx.dateline:  # the dateline dates the story, not the meeting
            related.append((ctx.dateline.start(), ctx.dateline.end()))
        for d in ctx.dates:
            if start <= d.start < end and d.value and not inside(d.start, related):
                r.meeting_date, r.date_precision = d.value, d.precision
                # "today" or "on Tuesday" rests on the publication date as well.
                r.confidence["meeting_date"] = sureness - (0.15 if d.relative else 0)
                lo = min(anchor.start(), d.start)
                hi = max(d.end, anchor.end())
                if hi - lo > 60:
                    lo, hi = d.start, d.end
                r.evidence["meeting_date"] = ctx.span(lo, hi)
                return True
        return False

    for sentence in ctx.meeting_sentences:
        if pick(sentence.start, sentence.end, sentence.verb, 0.9):
            return
    # "opened the first round of the dialogue on March 3, 2026": a meeting noun with a date
    # right after it, in the opening paragraph.
    for start, end in ctx.body[:3]:
        for noun in rules.MEETING_NOUN.finditer(text, start, end):
            before = text[max(start, noun.start() - 40) : noun.start()]
            if rules.RELATED_TRIGGER.search(before):
                continue
            if pick(noun.start(), min(end, noun.end() + 80), noun, 0.65):
                return
    # Remarks and press conferences are dated the day they were given, and the meeting they
    # open or close is that day's: the transcript's date line is the meeting date.
    published = ctx.doc.published_on
    if published and (
        rules.TRANSCRIPT_TITLE.search(ctx.doc.title) or rules.SPEAKER_LABEL.search(text)
    ):
        r.meeting_date, r.date_precision = published, "day"
        r.confidence["meeting_date"] = 0.6
