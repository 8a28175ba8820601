"""Meeting sentences: the body sentences whose verb reports the engagement.

A meeting sentence is one whose verb reports the engagement ("met", "spoke by phone", "was
convened by"). Most other fields read from these sentences: the participants are the people
named as the verb's subject or its "with …" object, and the meeting date, modality and location
are looked for there first. A verb inside a clause about another meeting ("following the
meeting between … on August 25") does not count, and a leading clause ("Following the summit,
…") is skipped so that it is not read as the subject.
"""

from engagements.ingest import rules
from engagements.ingest.fields.context import Context, MeetingSentence, inside, related_spans


def find_meeting_sentences(ctx: Context) -> None:
    """Fill ``ctx.meeting_sentences``, in document order."""
    text = ctx.text
    found = []
    for start, end in ctx.body:
        sentence = text[start:end]
        # "The following is attributable to Spokesperson Price:" introduces the readout.
        if rules.ATTRIBUTION.search(sentence) and sentence.rstrip().endswith(":"):
            continue
        lead = rules.LEADING_CLAUSE.match(sentence)
        offset = start + (lead.end() if lead else 0)
        verb = rules.MEETING_VERB.search(text, offset, end) or rules.DELEGATION.search(
            text, offset, end
        )
        if not verb or inside(verb.start(), related_spans(text, offset, end)):
            continue
        # The participants are named before the first clause break ("to discuss …", "on the
        # sidelines of …"); after it come purpose, place and topics.
        brk = rules.CLAUSE_BREAK.search(text, verb.end(), end)
        main_end = brk.start() if brk else end
        found.append(MeetingSentence(offset, end, verb, main_end, start))
    ctx.meeting_sentences = found
