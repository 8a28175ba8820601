"""The patterns the extraction rules are built from: sentence splitting, meeting verbs,
modality words, commitment triggers and attributions. Pure regular expressions, no state."""

import re

# --- sentences ---------------------------------------------------------------------------

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "jr", "sr", "st", "gen", "lt", "col", "maj", "sgt", "capt", "adm",
    "gov", "sen", "rep", "amb", "no", "vol", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "vs", "etc", "inc", "co", "corp", "ltd", "approx", "hon",
}  # fmt: skip
SENTENCE_END = re.compile(r"[.!?][\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; paragraphs always end one. Abbreviations, initials and
    dotted acronyms ("U.S.", "J.") do not end a sentence."""
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for m in SENTENCE_END.finditer(text, para.start(), para.end()):
            token = re.search(r"[\w.]+$", text[start : m.start() + 1])
            word = token.group().rstrip(".") if token else ""
            if text[m.start()] == "." and (
                word.lower() in ABBREVIATIONS
                or re.fullmatch(r"[A-Z]", word)
                or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word)
            ):
                continue
            spans.append((start, m.end()))
            start = m.end()
            while start < para.end() and text[start] == " ":
                start += 1
        if start < para.end():
            spans.append((start, para.end()))
    return spans


# --- meeting sentences -------------------------------------------------------------------

# What a meeting is called, after "held" or "had": "talks", "a telephone conversation", "a
# Japan-U.S.-ROK Foreign Ministers' Video Conference Meeting".
_MEETING_KIND = (
    r"(?:call|talks|meeting|conversation|consultations?|discussion|summit|dialogue"
    r"|(?:video|tele)?conference|videoconference)"
)
_DETERMINER = r"(?:(?:a|an|the|his|her|their|its|our)\s+)?"
MEETING_VERB = re.compile(
    r"\b(?:met|meets|meet with|spoke|speaks|talked|talks with|"
    rf"(?:held|had|having|holding|(?<!to )(?<!will )(?:hold|holds|has|have)) {_DETERMINER}"
    rf"(?:(?![Ww]ith\b|on\b|and\b)[\w'().-]+\s+){{0,8}}?{_MEETING_KIND}"
    r"|convened|co-?chaired|chaired|hosted|hosts|to host|received"
    r"|welcom(?:e|es|ed|ing) \S+(?: \S+){0,6} to (?:the )?(?-i:[A-Z])\w*"
    r"|participated in"
    r"|joined by|accompanied by|sat down with|phoned|telephoned|visited"
    # The engagement named as a noun: "In a telephone conversation with X, Y said …", "agreed
    # in their first phone talks", "the meeting between A and B".
    rf"|(?:in|during|at) {_DETERMINER}(?:[\w'-]+\s+){{0,4}}?{_MEETING_KIND}"
    r"(?=\s+(?:with|between)\b)"
    rf"|in {_DETERMINER}(?:[\w'-]+\s+){{0,3}}?(?:phone |telephone |video )?"
    r"(?:talks|call|conversation)\b"
    rf"|{_MEETING_KIND} between"
    rf"|{_MEETING_KIND} (?:was|were) (?:held|convened)"
    r"|attended|also took part)\b",
    re.IGNORECASE,
)
# Sentences that add people to those the first meeting sentence named: "They were joined by
# …", "X led the ROK delegation", "The U.S. delegation was led by Y", "Z also attended".
ADDING_VERB = re.compile(
    r"(?:joined|accompanied) by|participated|attended|also took part|led\b|headed\b"
    r"|(?:was|were) (?:led|headed) by",
    re.IGNORECASE,
)
# "ROK Vice Minister X and Under Secretary Y led their respective delegations", "The ROK
# delegation was headed by Z": the people at the head of each side are the participants.
DELEGATION = re.compile(
    r"\b(?:(?:led|headed|leading|heading) (?:the |their (?:respective )?|its |his |her )?"
    r"(?:[\w.'-]+\s+){0,3}?delegations?|delegations? (?:was|were) (?:led|headed) by)\b",
    re.IGNORECASE,
)
# Where the clause that names the participants ends.
CLAUSE_BREAK = re.compile(
    r"(?:\s|,\s)(?:following|after|ahead of|before|since|in advance of|in the lead-up to"
    r"|during which|where|who|which|in order to|as part of|about|regarding|to (?!the\b)"
    r"(?![A-Z])[a-z]+|on the (?:sidelines|margins)|for (?:a|an|their)\b"
    r"|and (?:discussed|underscored|reaffirmed|agreed|expressed|welcomed|emphasized|emphasised"
    r"|highlighted|exchanged|noted|condemned|congratulated))\b"
)
LEADING_CLAUSE = re.compile(
    r"^(?:following|after|on the (?:sidelines|margins) of|during|ahead of|in line with"
    r"|building on|in advance of|at the invitation of|on behalf of)\b[^,]*,\s*",
    re.IGNORECASE,
)
RELATED_TRIGGER = re.compile(
    r"\b(?:following|after|since|ahead of|before|in advance of|in the lead-up to|in line with"
    r"|building on|follow(?:ed|ing)? up on|the (?:recent|previous|last|upcoming|next|prior)"
    r"|(?:progress|outcomes?|results?) (?:made |achieved )?(?:at|during|of))\b",
    re.IGNORECASE,
)
MEETING_NOUN = re.compile(
    r"\b(?:meeting|summit|talks|call|dialogue|consultations?|conference|visit)\b", re.IGNORECASE
)

VIDEO = re.compile(
    r"\b(?:video ?conferenc(?:e|es|ing)|videoconferenc(?:e|es|ing)"
    r"|video[- ]teleconferenc(?:e|es|ing)|video call|via video"
    r"|by video|video link|virtual(?:ly)?|VTC|online (?:meeting|talks|summit|conference))\b",
    re.IGNORECASE,
)
PHONE = re.compile(
    r"\b(?:(?:by|on the) (?:tele)?phone|(?:tele)?phone (?:call|conversation|talks|consultation)s?"
    r"|over the (?:tele)?phone|phoned|telephoned|(?i:telephone)"
    r"|(?:a|an|the|their|this|introductory|first|brief|second) (?:\w+ )?call\b(?! (?:on|for|upon))"
    r"|call with|(?<![a-z] )Call\b)"
)
IN_PERSON_WORDS = re.compile(
    r"\b(?:met|meets|meet with|meeting|hosted|hosts|visited|visit|on the (?:sidelines|margins)"
    r" of|in-person|in person|face-to-face|convened|sat down|received|welcomed|summit"
    r"|trilateral|bilateral|talks|(?:news|press) conference|press availability)\b",
    re.IGNORECASE,
)
SPOKE = re.compile(r"\b(?:spoke|speaks|talked)\b")

SIDELINES = re.compile(
    r"\bon the (?:sidelines|margins) of (?:the )?(?P<event>[A-Z0-9][\w.'-]*"
    r"(?:\s+(?:(?:of|the|and|for|on)\s+)?[A-Z0-9][\w.'-]*)*)"
)
PLACE = re.compile(
    r"\b(?:in|at)\s+(?P<place>(?:the\s+(?=White House|Pentagon|Blue House|State Department"
    r"|Presidential Office|Kantei|Yongsan))?[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}"
    r"(?:,\s+[A-Z][\w.'-]*(?:\s+(?:of\s+)?[A-Z][\w.'-]*){0,2})?)"
)
NOT_PLACES = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Indo-Pacific|Asia"
    r"|Northeast|Southeast|Europe|Africa|Washington Declaration|English|Korean|Japanese"
    r"|Seoul and|Tokyo and)\b"
)


# --- commitments -------------------------------------------------------------------------

# What makes a passage an undertaking (corpus/ANNOTATION.md): a future or conditional verb with
# a party behind it ("will fully phase out", "would keep"), an agreement or decision to act, a
# commitment or pledge restated, support expressed, an invitation extended, instructions given.
# Not: welcoming something, agreeing on a view ("agreed that the Alliance is strong"), a future
# that only describes ("will be a milestone").
_ADVERBS = r"(?:(?:[a-z]+ly|also|further|jointly|together|not|continue to|all)\s+){0,3}"
_OWNER = r"(?:(?:their|its|his|her|our|the|a|an)\s+)?(?:[\w.'-]+\s+){0,3}?"
COMMIT = re.compile(
    rf"\b(?:(?:will|would|shall)\s+[\"\u201c]?{_ADVERBS}"
    r"(?!be\s+(?:a|an|the|its|their|one|to|no\s+\w+er)\b)"
    # Verbs that describe what something will do, not what a party undertakes.
    # "Their will to …" is a noun.
    r"(?!(?:like|say|mark|allow|contribute|play|serve|become|represent|reflect|signal|result"
    r"|lead|mean|depend|demonstrate|show|help|bring|to)\b)[a-z]{2,}"
    rf"|agree(?:s|d)?\s+{_ADVERBS}to\b|agree(?:s|d)?\s+on\s+the\s+(?:need|importance)"
    r"|agree(?:s|d)?\s+that\b[^.;]{0,160}?\b(?:will|would|should|shall|must)\b"
    r"|concurr(?:ed|s)?\s+(?:on\s+the\s+(?:need|importance)|to\b)"
    rf"|commit(?:s|ted)?\s+{_ADVERBS}to\b|commitments?\s+to\b"
    rf"|(?:reaffirm|reiterat|renew|restat|underscor|stress|emphasi[sz])(?:e|es|ed|ing|s)?\s+{_OWNER}"
    r"(?:commitments?|pledges?|resolve|determination)\b"
    r"|pledg(?:e|es|ed|ing)\s+to\b|pledged\b|vow(?:s|ed)?\s+to\b|promis(?:e|es|ed)\s+to\b"
    r"|resolved to|decided to|determined to|intends? to|plans? to|undert(?:ook|akes)"
    rf"|expressed\s+(?:\w+\s+){{0,2}}support\s+for|extended\s+an\s+invitation"
    r"|instructed\s+(?:their|his|her|the)\b|(?:has|have|had)\s+approved|established\b"
    r"|(?:interest|desire|willingness|readiness)\s+(?:in|to)\s+(?:\w+\s+){0,2}?(?:work|deepen"
    r"|expand|strengthen|cooperat)\w*"
    # Welcoming an undertaking ("welcomed Japan's plan to invest"), not an event.
    # Welcoming someone to a place is hospitality.
    r"|welcom(?:e|es|ed|ing)\s+(?![^.;]{0,80}?\bto\s+(?:the\s+)?[A-Z][a-z])"
    r"(?!(?:the|his|her|their|this|a|an)\s+(?:[\w.'-]+\s+){0,4}?"
    r"(?:announcement|visit|appointment|results?|outcomes?|election|inauguration|progress|remarks"
    r"|statement|decision|launch|meeting|summit|talks|call|opportunity|efforts?)\b)"
    r"|remains?\s+(?:fully\s+)?(?:ironclad|committed|steadfast|unwavering))\b"
)
# Where a sentence with two undertakings is cut in two: "…, and agreed to …", "…; the ROK will …".
COMMIT_CLAUSE_BREAK = re.compile(
    # Reported speech starts a clause with its own subject: "…, adding that Seoul will …".
    r",?\s+(?:adding|saying|noting|stressing|and added|and said)\s+that\s+"
    r"|;\s+|,?\s+(?:and|while|but)\s+(?:also\s+)?(?=(?:agreed|pledged|committed|reaffirmed"
    r"|reiterated|vowed|decided|expressed|concurred|promised|instructed|extended)\b)"
)
# Photo captions ("President X (second from left) is welcomed …") report no undertaking.
CAPTION_MARK = re.compile(
    r"\((?:(?:first|second|third|fourth|far)\s+)?(?:left|right|center|centre)(?:\s+\w+){0,3}\)"
    r"|\bPhotos?\s*(?:=|:|by\b)",
    re.IGNORECASE,
)
JOINT_SUBJECT = re.compile(
    r"\b(?:(?:both|the two|two|all three|the three)\s+(?:(?:top|senior|ranking|foreign|defense"
    r"|defence|vice)\s+){0,2}(?:sides|leaders|countries|governments|nations|presidents|ministers"
    r"|secretaries|officials|delegations|parties|allies|advisors|advisers|counterparts|principals"
    r"|heads|diplomats|envoys|chiefs|men|women)|they|we|the leaders|the presidents|the ministers"
    r"|the delegations|the sides|the allies|both|(?:the two|the three|the pair)(?=\s+(?:also\s+)?"
    r"[a-z]+ed\b)|their (?:shared|mutual|joint|common))\b",
    re.IGNORECASE,
)
PREPOSITION_BEFORE = re.compile(
    r"\b(?:of|by|with|to|against|from|into|in|for|between|toward|towards|on|at|about"
    r"|regarding|across|throughout|among|posed by)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
TITLE_WORDS_BEFORE = re.compile(r"(?:(?:[A-Z][\w.'-]*|of|the|\([A-Z.]+\))\s+)+$")
PRONOUN = re.compile(r"\b(?:he|she|his|her)\b", re.IGNORECASE)
COUNTRY_WORDS = {
    "US": r"(?<![-\w.])(?:the\s+)?(?:United States|U\.S\.|US|America)(?![-\w])(?!\.-)",
    "KR": r"(?<![-\w.])(?:the\s+)?(?:Republic of Korea|ROK|South Korea|(?<!North )Korea"
    r"|Korean (?:government|side))(?![-\w])",
    "JP": r"(?<![-\w.])(?:the\s+)?Japan(?![-\w])",
}
# A capital standing for its government, as news prose writes: "Seoul's pledge".
CAPITALS = {"US": r"\bWashington(?='s\b)", "KR": r"\bSeoul(?='s\b)", "JP": r"\bTokyo(?='s\b)"}
PAIR = re.compile(
    r"(?:the\s+)?(?:U\.S\.|United States|US|ROK|Republic of Korea|Japan)\s+and\s+(?:the\s+)?"
    r"(?:U\.S\.|United States|US|ROK|Republic of Korea|Japan)\b"
)

# A transcript's turn: "SECRETARY ROE:" at the start of a paragraph.
SPEAKER_LABEL = re.compile(r"^(?:[A-Z][A-Z.'-]+ ){1,6}[A-Z][A-Z.'-]+(?=:)", re.MULTILINE)

# --- quotes and attributions -------------------------------------------------------------

SAY = (
    r"(?:said|says|saying|stated|states|stating|noted|notes|noting|added|adds|adding|remarked"
    r"|explained|replied|responded by saying|wrote|told\s+[\w\s]+?)"
)
ATTRIBUTION = re.compile(
    r"(?:attributable to|according to|statement (?:from|by)|readout (?:from|by))\s+(?P<who>[^:,.]"
    r"[^:]{2,120}?)(?=\s*[:,]|\.\s|\.$)|(?P<who2>[^.:]{3,120}?)\s+(?:provided|issued|released)"
    r" the following (?:readout|statement)",
    re.IGNORECASE,
)

# Titles of transcripts: remarks and press events, dated the day they were given.
TRANSCRIPT_TITLE = re.compile(
    r"\b(?:Remarks|Press (?:Briefing|Availability|Conference)|News Conference|Transcript)\b"
)
