"""Modality: whether the meeting was in person, by phone or by video.

The first two meeting sentences are read first: a video or phone word settles it, as does an
in-person word ("met", "visited") in a sentence that does not say "spoke". Then the title and
any body sentence about what happened "during the" call or meeting are searched for a video or
phone word. A bare "spoke with" counts as a phone call only if nothing better turns up, then the
title's in-person words. Failing all of these, a call or video link named anywhere in the body
decides, and otherwise people who met are taken to have met in person — each flagged as unsure.
"""

import re

from engagements.ingest import rules
from engagements.ingest.fields.context import Context, inside, related_spans
from engagements.ingest.results import IN_PERSON, PHONE_CALL, VIDEO_CALL, Span

# Video first: a video call is often also described as a "call".
_REMOTE = ((VIDEO_CALL, rules.VIDEO), (PHONE_CALL, rules.PHONE))


def find_modality(ctx: Context) -> None:
    """Set ``modality``, its evidence and confidence on ``ctx.result``, if found."""
    text = ctx.text

    def found(kind: str, m: re.Match | Span, sureness: float) -> None:
        r = ctx.result
        start, end = (m.start, m.end) if isinstance(m, Span) else (m.start(), m.end())
        r.modality, r.evidence["modality"] = kind, ctx.span(start, end)
        r.confidence["modality"] = sureness

    def remote(start: int, end: int) -> tuple[str, re.Match] | None:
        for kind, pattern in _REMOTE:
            if m := pattern.search(text, start, end):
                return kind, m
        return None

    weak = None
    for s in ctx.meeting_sentences[:2]:
        if hit := remote(s.start, s.end):
            return found(*hit, 0.9)
        if m := rules.SPOKE.search(text, s.start, s.end):
            weak = weak or m
            continue
        if m := rules.IN_PERSON_WORDS.search(text, s.start, s.end):
            return found(IN_PERSON, m, 0.8)
    # The title, then any "during the call" in the body.
    others = [ctx.title_span] if ctx.title_span else []
    others += [(s, e) for s, e in ctx.body if re.search(r"\bduring the\b", text[s:e])]
    for start, end in others:
        if hit := remote(start, end):
            return found(*hit, 0.7)
    if weak:
        # Readouts say "spoke with" for calls; an in-person meeting says "met".
        return found(PHONE_CALL, weak, 0.5)
    if ctx.title_span and (m := rules.IN_PERSON_WORDS.search(text, *ctx.title_span)):
        return found(IN_PERSON, m, 0.6)
    # Nothing in the sentences that report the meeting: a call or video link named anywhere
    # in the body, or else people who met, in person, unless the text says otherwise.
    related = [span for s, e in ctx.body for span in related_spans(text, s, e)]
    for start, end in ctx.body:
        for kind, pattern in _REMOTE:
            for m in pattern.finditer(text, start, end):
                if not inside(m.start(), related):
                    return found(kind, m, 0.5)
    if ctx.result.participants:
        return found(IN_PERSON, ctx.result.participants[0].span, 0.4)
    return None
