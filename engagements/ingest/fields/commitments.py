"""Commitments: body sentences in which a party commits to something, and which party.

A sentence commits if it has a commitment word ("reaffirmed", "pledged", "agreed", …). The
party is the subject nearest before that word: both sides together ("the two leaders",
"Secretary Rubio and Foreign Minister Cho"), one country ("the United States", a participant by
name or title), or, for "commitment" and "pledge", the owner of the noun ("Seoul's pledge"). A
pronoun ("he", "his") takes the country of the subject before it, or else of the last party
named in an earlier sentence. With no subject at all the commitment is joint. Each commitment
also lists the topics mentioned in it.
"""

import re

from engagements.ingest import rules
from engagements.ingest.fields.context import Context
from engagements.ingest.results import JOINT, Commitment, Person


def find_commitments(ctx: Context) -> None:
    """Fill ``ctx.result.commitments``; participants must already be found."""
    text = ctx.text
    commitments = []
    last_party = None
    for start, end in ctx.body:
        sentence = text[start:end]
        # A sentence ending in a colon introduces a list; the items commit, not it.
        if sentence.rstrip().endswith(":"):
            continue
        trigger = rules.COMMIT.search(sentence)
        if not trigger:
            last_party = _party(ctx, start, start + len(sentence), last_party) or last_party
            continue
        party = _committing_party(ctx, start, start + trigger.start(), trigger, last_party)
        if party != JOINT:
            last_party = party
        # Quotation marks around a quoted sentence are not part of the passage.
        lead = len(sentence) - len(sentence.lstrip('" '))
        tail = len(sentence.rstrip()) - len(sentence.rstrip().rstrip('" '))
        s, e = start + lead, start + len(sentence.rstrip()) - tail
        if e - s < 15:
            continue
        commitments.append(Commitment(party, text[s:e], ctx.topics_in(s, e), ctx.span(s, e)))
    ctx.result.commitments = commitments


def _committing_party(
    ctx: Context, start: int, end: int, trigger: re.Match, last_party: str | None
) -> str:
    """Who commits in a sentence whose commitment word starts at ``end``."""
    before = ctx.text[start:end]
    # "Seoul's pledge", "the United States' ironclad commitment": the owner of the noun.
    if re.match(r"(?:commitment|pledge)", trigger.group()):
        for code, pattern in {**rules.COUNTRY_WORDS, **rules.CAPITALS}.items():
            owner = pattern.removesuffix(r"(?='s\b)") + r"(?:'s|')?\s+(?:\w+,?\s+){0,2}$"
            if re.search(owner, before):
                return code
    # "X congratulated Y on … and reaffirmed …": the verbs share the clause's first subject.
    if re.search(r"\band\s+(?:also\s+)?$", before) and not re.search(r"[,;]\s*and\s+$", before):
        lead = rules.LEADING_CLAUSE.match(before)
        first = lead.end() if lead else 0
        head = re.match(r"[^,;]*?\b(?:[a-z]+ed|said)\b", before[first:])
        if head and (
            party := _party(
                ctx, start + first, start + first + head.start() + len(head.group()), None
            )
        ):
            return party
    return _party(ctx, start, end, last_party) or JOINT


def _party(ctx: Context, start: int, end: int, last_party: str | None) -> str | None:
    """The party of the nearest subject before ``end``: joint, a country, or None."""
    text = ctx.text
    markers: list[tuple[int, str | None]] = []
    prefix = text[start:end]

    def subject(pos: int) -> bool:
        # Skip a title or qualifier before the name: "with ROK Minister Suh" is an object.
        before = rules.TITLE_WORDS_BEFORE.sub("", text[max(start, pos - 80) : pos])
        return not rules.PREPOSITION_BEFORE.search(before)

    # Look a little past ``end``: "the two agreed" needs its verb to be a subject.
    for m in rules.JOINT_SUBJECT.finditer(text[start : end + 20]):
        if m.end() <= len(prefix):
            markers.append((m.end(), JOINT))
    for m in rules.PAIR.finditer(prefix):
        if subject(start + m.start()):
            markers.append((m.end(), JOINT))
    for code, pattern in rules.COUNTRY_WORDS.items():
        for m in re.finditer(pattern, prefix):
            # "the United States and the ROK" is a pair, counted above, not one country.
            if subject(start + m.start()) and not any(
                p.start() <= m.start() < p.end() for p in rules.PAIR.finditer(prefix)
            ):
                markers.append((m.end(), code))
    refs = []
    for person in ctx.result.participants:
        for reference in _references(person):
            for m in re.finditer(reference, prefix):
                # "Prime Minister Kishida's commitment": a possessive is not the subject.
                if subject(start + m.start()) and not prefix.startswith("'s", m.end()):
                    refs.append((m.start(), m.end(), person.country))
    for m in re.finditer(r"\b(?:he|she)\b", prefix, re.IGNORECASE):
        refs.append((m.start(), m.end(), "pronoun"))
    refs.sort()
    for i, (_, e, country) in enumerate(refs):
        if country != "pronoun":
            markers.append((e, country))
        # "Secretary Rubio and Foreign Minister Cho", "Sullivan, Cho, and Akiba", "he and
        # Mr. Cho": two sides together.
        if i + 1 < len(refs):
            s2, e2, c2 = refs[i + 1]
            if c2 != country and re.fullmatch(
                r"\s*(?:,|,?\s+and)\s+(?:the\s+)?(?:[A-Z][\w.'-]*\s+){0,5}", prefix[e:s2]
            ):
                markers.append((e2 + 1, JOINT))
    for m in rules.PRONOUN.finditer(prefix):
        earlier = [c for pos, c in markers if pos <= m.start() and c and c != JOINT]
        markers.append((m.end(), earlier[-1] if earlier else last_party))
    markers = [(pos, c) for pos, c in markers if c]
    return max(markers)[1] if markers else None


def _references(person: Person) -> list[str]:
    """Patterns for the ways a readout refers back to a participant: by name or "the Minister"."""
    refs = [re.escape(t) for t in person.name.replace(",", " ").split() if len(t) > 2]
    refs = [rf"\b{t}\b" for t in refs if t not in {"Jr", "III"}]
    if person.title:
        head = person.title.split(" of ")[0].split()[-1]
        refs.append(rf"\b[Tt]he (?:\w+ ){{0,2}}{re.escape(head)}\b")
    return refs
