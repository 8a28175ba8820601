"""Speakers: people who speak for a side without taking part in the meeting.

Those are the people a readout is attributed to ("attributable to Spokesperson Price", "… issued
the following statement") and anyone with a spokesperson's title. Participants are not repeated
here. A speaker whose country is not stated belongs to the issuing government. `quotes` adds the
people quoted statements are attributed to.
"""

from engagements.ingest import rules
from engagements.ingest.fields.context import Context
from engagements.ingest.people import SPOKESPERSON
from engagements.ingest.results import Person


def find_speakers(ctx: Context) -> None:
    """Fill ``ctx.result.speakers``; participants must already be found."""
    text = ctx.text
    speakers: list[Person] = []
    participants = ctx.result.participants

    def add(mention):
        person = ctx.people.resolve(mention)
        if person not in participants and person not in speakers:
            if person.country is None:
                person.country = ctx.home
            speakers.append(person)

    for start, end in ctx.sentences:
        for m in rules.ATTRIBUTION.finditer(text, start, end):
            group = "who" if m.group("who") else "who2"
            for mention in ctx.people.mentions(m.start(group), m.end(group)):
                add(mention)
        for mention in ctx.people.mentions(start, end):
            if SPOKESPERSON.search(mention.title):
                add(mention)
    ctx.result.speakers = speakers
