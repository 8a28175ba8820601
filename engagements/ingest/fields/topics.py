"""Topics: the gazetteer's topic keywords found in the text, where they name what was discussed.

Each topic is reported once, with the span of its first mention and a count of all of them. Not
a topic: a keyword inside a participant's or speaker's title ("Trade Representative") or
opening one ("Trade Minister", "Russian President"), inside the name of an institution
("Ministry of Energy and Mines", "Indo-Pacific Economic Framework"), or describing weapons
("missile technology" is about arms programmes, not technology cooperation).
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


# A keyword that opens a title names a post, not a subject: "Trade Minister", "Energy Secretary",
# "Russian President"; one that opens a proper name names it: "Asia-Pacific Economic Cooperation".
_TITLE_AFTER = re.compile(
    r"^\s+(?:Minister|Secretary|Representative|Adviser|Advisor|Envoy|Commissioner|President"
    r"|Prime Minister|Premier|Ambassador|Chancellor)\b"
)
_PROPER_NAME_AFTER = re.compile(r"^[\s-]+(?:Economic|Command|Affairs)\b")
# Stock phrases name a topic's words as background, not as what was discussed: the values the
# alliance rests on ("our shared democratic values").
_BACKGROUND_BEFORE = {
    "democracy": re.compile(
        r"(?:\b(?:shared|common)\s+|\bcommitment\s+to\s+|\bvalues\b[^.;]{0,40})$", re.IGNORECASE
    ),
}


def names_a_subject(text: str, start: int, end: int, slug: str) -> bool:
    """Whether the keyword at ``start``–``end`` names a subject discussed, rather than sitting
    in the name of an institution or a post, or describing weapons."""
    before = text[max(0, start - 80) : start]
    if text[start].isupper() and _INSTITUTION_BEFORE.search(before):
        return False
    after = text[end : end + 20]
    if _TITLE_AFTER.match(after) or (text[start].isupper() and _PROPER_NAME_AFTER.match(after)):
        return False
    if (background := _BACKGROUND_BEFORE.get(slug)) and background.search(before):
        return False
    return not (slug == "technology" and _WEAPONS_BEFORE.search(before))


def topics_in(text: str, gazetteer) -> list[str]:
    """The topics ``text`` names as subjects, each once, in reading order: the rules of
    ingestion, for text with no people found in it (a record's remarks)."""
    found = [
        slug for slug, start, end in gazetteer.find_topics(text)
        if names_a_subject(text, start, end, slug)
    ]  # fmt: skip
    return list(dict.fromkeys(found))


def find_topics(ctx: Context) -> None:
    """Fill ``ctx.result.topics``; participants and speakers must already be found."""
    r = ctx.result
    text = ctx.text
    titles = [(p.span.start, p.span.end) for p in r.participants + r.speakers if p.title]
    hits: dict[str, TopicHit] = {}
    for slug, start, end in ctx.gazetteer.find_topics(text):
        if inside(start, titles) or not names_a_subject(text, start, end, slug):
            continue
        if slug in hits:
            hits[slug].count += 1
        else:
            hits[slug] = TopicHit(slug, ctx.span(start, end))
    r.topics = list(hits.values())
    if r.topics:
        r.confidence["topics"] = 0.8
