"""Quotes: statements in double quotation marks, and who made them.

Quotes are paired within a paragraph; an unpaired mark opens a quote that runs to the end of
the paragraph. Fewer than six words is a scare quote or a name, not a statement. The speaker is
read from the words just before or after the quote ("according to X,", "X said", "said X"), and
a following "he said" refers to the previous quote's speaker. A quoted person who is not a
participant is added to the speakers.
"""

import re

from engagements.ingest import rules
from engagements.ingest.fields.context import Context
from engagements.ingest.results import Person, Quote, Span

_WHO = r"(?P<who>[A-Z][^,.\"]{1,120}?)"
# The words before a quote end with the attribution, the words after it start with it.
_BEFORE = [
    re.compile(r"according to\s+(?P<who>[^,\"]{2,120}?),\s*$", re.I),
    re.compile(rf"{_WHO}\s+{rules.SAY}\s*[,:]?\s*$"),
    # "Roe said in her opening remarks, …" / "Roe told reporters after the talks:"
    re.compile(rf"{_WHO}\s+{rules.SAY}\b[^\"]{{0,80}}?[,:]\s*$"),
]
_AFTER = [
    re.compile(rf"^\s*,?\s*{_WHO}\s+{rules.SAY}\b"),
    re.compile(rf"^\s*,?\s*{rules.SAY}\s+{_WHO}(?=[,.]|$)"),
]


def find_quotes(ctx: Context) -> None:
    """Fill ``ctx.result.quotes``; participants and speakers must already be found."""
    text = ctx.text
    quotes = []
    last_speaker: Person | None = None
    for para in re.finditer(r"[^\n]+", text):
        if para.start() < ctx.doc.body_start:
            continue
        # A paragraph that opens with a quotation goes on with the last speaker's words unless
        # it names another ("…," Roe said. / "And more."); one that opens with prose may not.
        continuing = para.group().lstrip().startswith('"')
        if not continuing:
            last_speaker = None
        marks = [m.start() for m in re.finditer('"', para.group())]
        pairs = list(zip(marks[0::2], marks[1::2], strict=False))
        if len(marks) % 2:  # a quote running to the end of the paragraph
            pairs.append((marks[-1], len(para.group())))
        for i, (a, b) in enumerate(pairs):
            start, end = para.start() + a + 1, para.start() + b
            inner = text[start:end].strip()
            if _is_a_name(inner):
                continue  # "the vision of a Free and Open Partnership": a name, not speech
            fragment_speaker = None
            closed = b < len(para.group())
            if len(inner.split()) < 6:
                if not closed:
                    continue  # a page cut inside a short quote
                # A few quoted words are a scare quote, unless the sentence gives them to
                # someone: 'X called Y a "peacemaker"', 'X stressed that … is "ironclad."'.
                fragment_speaker = _fragment_speaker(ctx, start - 1)
                if fragment_speaker is None:
                    continue
            prev_end = para.start() + (pairs[i - 1][1] + 1 if i else 0)
            next_start = para.start() + (
                pairs[i + 1][0] if i + 1 < len(pairs) else len(para.group())
            )
            before = text[prev_end : start - 1]
            after = text[min(end + 1, next_start) : next_start]
            speaker, speaker_span = _quote_speaker(ctx, before, prev_end, after, end + 1)
            if speaker is None and fragment_speaker is not None:
                speaker, speaker_span = fragment_speaker
            if speaker is None and re.search(r"\b(?:he|she)\s+" + rules.SAY, after[:40]):
                speaker = last_speaker
            if speaker is None and (i or continuing) and not re.search(rf"\b{rules.SAY}", after):
                speaker = last_speaker  # the next sentence of the same speaker's words
            if speaker is not None:
                last_speaker = speaker
            quotes.append(
                Quote(
                    speaker=speaker.name if speaker else None,
                    text=inner.rstrip(",.") if fragment_speaker else inner.rstrip(","),
                    span=ctx.span(start, start + len(text[start:end].rstrip(", "))),
                    speaker_span=speaker_span,
                )
            )
    ctx.result.quotes = quotes
    if quotes:
        attributed = sum(1 for q in quotes if q.speaker) / len(quotes)
        ctx.result.confidence["quotes"] = round(0.4 + 0.5 * attributed, 2)


# Verbs that give quoted words to the sentence's subject.
_STANCE = re.compile(
    rf"\b(?:{rules.SAY}|called|describ(?:ed|es)|stress(?:ed|es)|emphasi[sz](?:ed|es)|affirm(?:ed|s)"
    r"|reaffirm(?:ed|s)|underscor(?:ed|es)|vow(?:ed|s)|warn(?:ed|s)|pledg(?:ed|es)|hail(?:ed|s)"
    r"|prais(?:ed|es)|termed|labell?ed)\b"
)


# Words a title keeps in lower case ("Alliance toward the Future").
_SMALL_WORDS = {"toward", "towards", "with", "from", "into", "over", "upon", "through", "across"}


def _is_a_name(quoted: str) -> bool:
    """Title Case words in quotation marks name a document, a vision or an event."""
    words = [
        w
        for w in re.findall(r"[A-Za-z][\w'-]*", quoted)
        if len(w) > 3 and w.lower() not in _SMALL_WORDS
    ]
    return len(words) >= 2 and all(w[0].isupper() for w in words)


def _fragment_speaker(ctx: Context, mark: int) -> tuple[Person, Span] | None:
    """The person a few quoted words belong to: the subject of the sentence they stand in,
    when a participant or speaker is named before a verb of speech or stance."""
    sentence_start = max((s for s, e in ctx.sentences if s <= mark < e), default=None)
    if sentence_start is None:
        return None
    # Named in full or, as news prose does after the first mention, by family name alone.
    for person in ctx.result.participants + ctx.result.speakers:
        family = person.name.replace(",", " ").split()
        names = [re.escape(person.name)] + [re.escape(w) for w in family if len(w) > 2]
        for name in names:
            m = re.compile(rf"\b{name}\b").search(ctx.text, sentence_start, mark)
            if m and _STANCE.search(ctx.text, m.end(), mark):
                return person, ctx.span(m.start(), m.end())
    return None


def _quote_speaker(
    ctx: Context, before: str, before_at: int, after: str, after_at: int
) -> tuple[Person | None, Span | None]:
    """The person a quote is attributed to, from the words just before or after it.

    ``before_at`` and ``after_at`` are the offsets of ``before`` and ``after`` in the text.
    """
    patterns = [(before, before_at, p) for p in _BEFORE] + [(after, after_at, p) for p in _AFTER]
    for segment, offset, pattern in patterns:
        m = pattern.search(segment)
        if not m:
            continue
        who_start, who_end = offset + m.start("who"), offset + m.end("who")
        mentions = ctx.people.mentions(who_start, who_end)
        person = ctx.people.resolve(mentions[0]) if mentions else None
        person = person or ctx.people.find(m.group("who"))
        if person is not None:
            r = ctx.result
            if person not in r.participants and person not in r.speakers:
                if person.country is None:
                    person.country = ctx.home
                r.speakers.append(person)
            return person, ctx.span(who_start, who_end)
    return None, None
