"""Participants: the people named as a meeting sentence's subject or its "with …" object.

The first meeting sentence that names anyone gives the participants; sentences that only add
people ("They were joined by …", "accompanied by …") add to them. Spokespeople and people inside
a clause about another meeting ("following the meeting between …") are left out. If no meeting
sentence names anyone, the title's opening clause does; if still only one side is named, the
officials of both sides in the opening sentences, or those speaking in a transcript's labels,
are offered instead, with a low confidence. A participant without a stated country gets the
issuing government's, except that a minister in a US readout belongs to the counterpart: the US
government has no ministers.
"""

import re

from engagements.ingest import rules
from engagements.ingest.fields.context import Context, inside, related_spans
from engagements.ingest.people import NON_US_HEAD_TITLES, SPOKESPERSON
from engagements.ingest.results import Person


def find_participants(ctx: Context) -> None:
    """Fill ``ctx.result.participants`` and resolve every other person mention."""
    text = ctx.text
    people = ctx.people
    participants: list[Person] = []

    def take(start: int, end: int, sentence_start: int | None = None) -> None:
        previous_country = None
        related = related_spans(text, sentence_start or start, end)
        for mention in people.mentions(start, end):
            if SPOKESPERSON.search(mention.title) or inside(mention.start, related):
                continue
            between = text[start : mention.start]
            # "ROK Vice Foreign Minister Cho and Vice Defense Minister Shin": the second
            # shares the first's qualifier.
            if mention.country is None and previous_country and re.search(r"\band\s*$", between):
                mention.country = previous_country
            person = people.resolve(mention)
            previous_country = mention.country
            start = mention.end
            if person not in participants:
                participants.append(person)

    # A transcript's title names who spoke ("Secretary Roe and Foreign Minister Park at a Joint
    # Press Availability"); its body's meeting words are about other meetings as often as not.
    if ctx.title_span and _is_transcript(ctx):
        title_end = ctx.title_span[1]
        named = [m for m in people.mentions(0, title_end) if not SPOKESPERSON.search(m.title)]
        # A title may name someone by family name alone ("Roe Meets Foreign Minister Park"):
        # the speaker labels give them in full.
        title_words = set(re.findall(r"[A-Za-z][\w-]+", ctx.doc.title))
        speakers = [s for s in _transcript_speakers(ctx) if set(s.name.split()) & title_words]
        sides = {m.country or _default_country(ctx, m.title) for m in named}
        if len(sides | _sides(ctx, speakers)) >= 2:
            take(0, title_end)
            participants += [s for s in speakers if s not in participants]
    first = None
    for index, sentence in enumerate([] if participants else ctx.meeting_sentences):
        take(sentence.start, sentence.main_end, sentence.sentence_start)
        if participants and not rules.ADDING_VERB.match(sentence.verb.group()):
            first = index
            break
    # Later sentences add to the first: "They were joined by …", "X led the ROK delegation".
    # (When no sentence named anyone, the loop above has read them all already.)
    later = ctx.meeting_sentences[first + 1 :] if first is not None else []
    sureness = 0.9 if participants else 0.0
    for sentence in later:
        verb = sentence.verb.group()
        if re.match(r"joined by|accompanied by", verb, re.IGNORECASE):
            take(sentence.verb.end(), sentence.main_end)
        elif rules.DELEGATION.match(verb) or rules.ADDING_VERB.match(verb):
            take(sentence.start, sentence.main_end, sentence.sentence_start)
    if not participants and ctx.title_span:
        title_end = ctx.title_span[1]
        brk = rules.CLAUSE_BREAK.search(text, 0, title_end)
        take(0, brk.start() if brk else title_end)
        sureness = 0.6 if participants else 0.0
    elif ctx.title_span:
        # The title often names people more fully ("Secretary of Commerce Jane Roe").
        for mention in people.mentions(*ctx.title_span):
            people.resolve(mention, create=False)

    if len(participants) < 2:
        # No sentence says who met, yet a document naming officials of both sides in its
        # opening is about their meeting more often than not: offer them, flagged for review.
        found = _officials_in_opening(ctx)
        if len(_sides(ctx, participants + found)) >= 2:
            participants += [p for p in found if p not in participants]
            sureness = 0.4
    if len(_sides(ctx, participants)) < 2:
        # A transcript names who spoke in its labels: "SECRETARY ROE:", "MINISTER PARK:".
        speakers = _transcript_speakers(ctx)
        if len(_sides(ctx, participants + speakers)) >= 2:
            participants += [p for p in speakers if p not in participants]
            sureness = sureness or 0.6
    for person in participants:
        if person.country is None:
            person.country = _default_country(ctx, person.title)
    ctx.result.participants = [p for p in participants if p.name]
    if ctx.result.participants:
        ctx.result.confidence["participants"] = sureness
    # Record every later reference ("Mr. Kim") so the review screen can highlight them.
    for mention in people.mentions(ctx.doc.body_start, len(text)):
        people.resolve(mention, create=False)


def _default_country(ctx: Context, title: str) -> str | None:
    """The country of a participant whose mention states none, from the title alone."""
    if not title:
        return ctx.home  # "Gen. Jane Roe": with nothing else to go on, the issuer's own
    # A US readout's "Foreign Minister" is the other side's: US officials are not ministers.
    if NON_US_HEAD_TITLES.search(title):
        return ctx.counterpart if ctx.home == "US" else ctx.home
    return ctx.home


# How many opening sentences the fallback reads: the lead of a release or a news story.
_OPENING_SENTENCES = 6


def _officials_in_opening(ctx: Context) -> list[Person]:
    """People named with a title in the opening sentences, spokespeople and people in a clause
    about another meeting left out."""
    found: list[Person] = []
    for start, end in ctx.body[:_OPENING_SENTENCES]:
        related = related_spans(ctx.text, start, end)
        for mention in ctx.people.mentions(start, end):
            if not mention.title or SPOKESPERSON.search(mention.title):
                continue
            if inside(mention.start, related):
                continue
            person = ctx.people.resolve(mention)
            if person.country is None:
                person.country = _default_country(ctx, person.title)
            if person not in found:
                found.append(person)
    return found


def _sides(ctx: Context, people: list[Person]) -> set[str | None]:
    return {p.country or _default_country(ctx, p.title) for p in people}


def _is_transcript(ctx: Context) -> bool:
    return bool(
        rules.TRANSCRIPT_TITLE.search(ctx.doc.title)
        or rules.SPEAKER_LABEL.search(ctx.text, ctx.doc.body_start)
    )


def _transcript_speakers(ctx: Context) -> list[Person]:
    """Officials speaking in a transcript, from its speaker labels; moderators, spokespeople
    and reporters (labels with no title) are not among them."""
    found: list[Person] = []
    for label in rules.SPEAKER_LABEL.finditer(ctx.text, ctx.doc.body_start):
        for mention in ctx.people.label_mentions(label.start(), label.end()):
            if not mention.title or SPOKESPERSON.search(mention.title):
                continue
            person = ctx.people.resolve(mention)
            if person not in found:
                found.append(person)
    return found
