"""Topics: the gazetteer's topic keywords found anywhere in the text.

Each topic is reported once, with the span of its first mention and a count of all of them. A
keyword inside a participant's or speaker's title ("Trade Representative") is not a topic.
"""

from engagements.ingest.fields.context import Context, inside
from engagements.ingest.results import TopicHit


def find_topics(ctx: Context) -> None:
    """Fill ``ctx.result.topics``; participants and speakers must already be found."""
    r = ctx.result
    titles = [(p.span.start, p.span.end) for p in r.participants + r.speakers if p.title]
    hits: dict[str, TopicHit] = {}
    for slug, start, end in ctx.gazetteer.find_topics(ctx.text):
        if inside(start, titles):
            continue
        if slug in hits:
            hits[slug].count += 1
        else:
            hits[slug] = TopicHit(slug, ctx.span(start, end))
    r.topics = list(hits.values())
