"""Topics: the gazetteer's topic keywords found in the text, where they name what was discussed.

Each topic is reported once, with the span of its first mention and a count of all of them. Not
a topic: a keyword inside a participant's or speaker's title ("Trade Representative"), inside
the name of an institution ("Ministry of Energy and Mines"), or describing weapons ("missile
technology" is about arms programmes, not technology cooperation).
"""

import re

from engagements.ingest.fields.context import Context, inside
from engagements.ingest.results import TopicHit

# A capitalised institution name running up to the keyword: "Ministry of Energy and".
_INSTITUTION_BEFORE = re.compile(
    r"\b(?:Ministry|Department|Office|Agency|Bureau|Commission|Council|Committee|Institute"
    r"|Administration|Center|Centre)\s+(?:of|for)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'-]*,?\s+(?:and\s+|&\s+|of\s+|for\s+)?){0,5}$"
)
_WEAPONS_BEFORE = re.compile(
    r"\b(?:missiles?|weapons?|warheads?)\b[^.;]{0,30}$",
    re.IGNORECASE,
)


def find_topics(ctx: Context) -> None:
    """Fill ``ctx.result.topics``; participants and speakers must already be found."""
    r = ctx.result
    text = ctx.text
    titles = [(p.span.start, p.span.end) for p in r.participants + r.speakers if p.title]
    hits: dict[str, TopicHit] = {}
    for slug, start, end in ctx.gazetteer.find_topics(text):
        if inside(start, titles):
            continue
        before = text[max(0, start - 80) : start]
        if text[start].isupper() and _INSTITUTION_BEFORE.search(before):
            continue
        if slug == "technology" and _WEAPONS_BEFORE.search(before):
            continue
        if slug in hits:
            hits[slug].count += 1
        else:
            hits[slug] = TopicHit(slug, ctx.span(start, end))
    r.topics = list(hits.values())
    if r.topics:
        r.confidence["topics"] = 0.8
