"""Commitments: body sentences in which a party commits to something, and which party.

A sentence commits if it has a commitment word ("reaffirmed", "pledged", "agreed", …). The
party is the subject nearest before that word: both sides together ("the two leaders",
"Secretary Roe and Minister Park"), one country ("the United States", a participant by
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
        if sentence.rstrip().endswith(":") or rules.CAPTION_MARK.search(sentence):
            continue
        if not rules.COMMIT.search(sentence):
            last_party = _party(ctx, start, end, last_party) or last_party
            continue
        for s, e in _clauses(text, start, end):
            trigger = rules.COMMIT.search(text, s, e)
            if not trigger:
                continue
            # The whole sentence before the trigger: a later clause shares the first subject.
            # "…, and pledged to …": a clause cut before its verb keeps the sentence's subject.
            shared = s > start and re.search(r"\b(?:and|while|but)\s+(?:also\s+)?$", text[start:s])
            party = _committing_party(
                ctx, start, trigger.start(), trigger, last_party, shares_subject=bool(shared)
            )
            if party != JOINT:
                last_party = party
            # Quotation marks around a quoted sentence are not part of the passage.
            clause = text[s:e]
            s += len(clause) - len(clause.lstrip('" '))
            e -= len(clause.rstrip()) - len(clause.rstrip().rstrip('" '))
            e -= len(clause) - len(clause.rstrip())
            if e - s < 15:
                continue
            commitments.append(Commitment(party, text[s:e], ctx.topics_in(s, e), ctx.span(s, e)))
    ctx.result.commitments = commitments


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut where a second undertaking begins ("…, and agreed to …")."""
    cuts = [start]
    for m in rules.COMMIT_CLAUSE_BREAK.finditer(text, start, end):
        cuts += [m.start(), m.end()]
    cuts.append(end)
    return list(zip(cuts[0::2], cuts[1::2], strict=True))


def _committing_party(
    ctx: Context,
    start: int,
    end: int,
    trigger: re.Match,
    last_party: str | None,
    *,
    shares_subject: bool = False,
) -> str:
    """Who commits in a sentence whose commitment word starts at ``end``."""
    before = ctx.text[start:end]
    # "Seoul's pledge", "restated Japan's firm commitment": the noun's owner.
    if noun := re.search(r"(?:commitment|pledge|resolve)", trigger.group()):
        owned = ctx.text[start : trigger.start() + noun.start()]
        # Both tables name the same countries, so they are read one after the other, not merged.
        for code, pattern in [*rules.COUNTRY_WORDS.items(), *rules.CAPITALS.items()]:
            owner = pattern.removesuffix(r"(?='s\b)") + r"(?:'s|')?\s+(?:\w+,?\s+){0,2}$"
            if re.search(owner, owned):
                return code
        if party := _owner_after(ctx.text[trigger.end() : trigger.end() + 40]):
            return party
    # "welcomed the offer made by Japan": an offer belongs to whoever made it.
    if re.match(r"welcom", trigger.group()) and (
        offer := re.search(
            r"\b(?:invitation|offer|proposal)\s+(?:extended|made)?", ctx.text[trigger.end() :]
        )
    ):
        following = ctx.text[offer.end() : offer.end() + 40]
        if offer.start() < 40 and (party := _owner_after(following)):
            return party
    # "X congratulated Y on … and reaffirmed …": the verbs share the clause's first subject.
    if shares_subject or (
        re.search(r"\band\s+(?:also\s+)?$", before) and not re.search(r"[,;]\s*and\s+$", before)
    ):
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


def _owner_after(following: str) -> str | None:
    """The party named right after a noun: "commitment of the United States", "by both"."""
    if re.match(r"\s*(?:of|by)\s+(?:both|the two|all three)\b", following):
        return JOINT
    for code, pattern in rules.COUNTRY_WORDS.items():
        if re.match(r"\s*(?:of|by)\s+" + pattern, following):
            return code
    return None


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
        # "Secretary Roe and Minister Park", "Roe, Park, and Sato", "he and Mr. Park": two
        # sides together.
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
