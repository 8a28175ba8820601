"""Modality: whether the meeting was in person, by phone or by video.

The first two meeting sentences are read first: a video or phone word settles it, as does an
in-person word ("met", "visited") in a sentence that does not say "spoke". Then the title and
any body sentence about what happened "during the" call or meeting are searched for a video or
phone word. A bare "spoke with" counts as a phone call only if nothing better turns up, and the
title's in-person words are the last resort.
"""

import re

from engagements.ingest import rules
from engagements.ingest.fields.context import Context
from engagements.ingest.results import IN_PERSON, PHONE_CALL, VIDEO_CALL

# Video first: a video call is often also described as a "call".
_REMOTE = ((VIDEO_CALL, rules.VIDEO), (PHONE_CALL, rules.PHONE))


def find_modality(ctx: Context) -> None:
    """Set ``modality`` and its evidence on ``ctx.result``, if found."""
    text = ctx.text
    r = ctx.result
    places = [(s.start, s.end) for s in ctx.meeting_sentences[:2]]
    weak = None
    for start, end in places:
        for kind, pattern in _REMOTE:
            if m := pattern.search(text, start, end):
                r.modality, r.evidence["modality"] = kind, ctx.span(m.start(), m.end())
                r.confidence["modality"] = 0.9
                return
        if m := rules.SPOKE.search(text, start, end):
            weak = weak or m
            continue
        if m := rules.IN_PERSON_WORDS.search(text, start, end):
            r.modality, r.evidence["modality"] = IN_PERSON, ctx.span(m.start(), m.end())
            r.confidence["modality"] = 0.8
            return
    others = [ctx.title_span] if ctx.title_span else []
    others += [(s, e) for s, e in ctx.body if re.search(r"\bduring the\b", text[s:e])]
    for start, end in others:
        for kind, pattern in _REMOTE:
            if m := pattern.search(text, start, end):
                r.modality, r.evidence["modality"] = kind, ctx.span(m.start(), m.end())
                r.confidence["modality"] = 0.7
                return
    if weak:
        # Readouts say "spoke with" for calls; an in-person meeting says "met".
        r.modality, r.evidence["modality"] = PHONE_CALL, ctx.span(weak.start(), weak.end())
        r.confidence["modality"] = 0.5
        return
    if ctx.title_span and (m := rules.IN_PERSON_WORDS.search(text, *ctx.title_span)):
        r.modality, r.evidence["modality"] = IN_PERSON, ctx.span(m.start(), m.end())
        r.confidence["modality"] = 0.6
