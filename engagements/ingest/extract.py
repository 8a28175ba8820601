"""Find a meeting's facts in a cleaned readout, each with the span of text it rests on.

Rules over sentences, not a model: a *meeting sentence* is one whose verb reports the
engagement ("met", "spoke by phone", "was convened by"); the people named as its subject or its
"with …" object are the participants, and everything else (spokespeople, people in a
"following the meeting between …" clause) is left out. Dates, modality and location are read
from the same sentences. When a rule is unsure it leaves the value out rather than guessing.
"""

import re
from dataclasses import dataclass

from engagements.ingest import dates as dates_mod
from engagements.ingest import rules
from engagements.ingest.clean import CleanedDocument
from engagements.ingest.gazetteer import Gazetteer
from engagements.ingest.people import (
    NAME_STOP_WORDS,
    NON_US_HEAD_TITLES,
    SPOKESPERSON,
    PeopleFinder,
)
from engagements.ingest.results import (
    IN_PERSON,
    JOINT,
    PHONE_CALL,
    VIDEO_CALL,
    Commitment,
    Extraction,
    Person,
    Quote,
    RelatedMeeting,
    Span,
    TopicHit,
)
from engagements.ingest.rules import split_sentences

__all__ = ["extract", "split_sentences"]


@dataclass
class _MeetingSentence:
    start: int  # after a leading clause ("Following the summit, …")
    end: int
    verb: re.Match
    main_end: int  # where the participant clause ends
    sentence_start: int


def _related_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses about another meeting ("following the meeting between … on August 25")."""
    spans = []
    for m in rules.RELATED_TRIGGER.finditer(text, start, end):
        stop = re.compile(r"[;]|,\s(?!and\b|\d)|$").search(text, m.end(), end)
        spans.append((m.start(), stop.start() if stop else end))
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _home_country(doc: CleanedDocument) -> str:
    """Whose government issued the document, for titles with no qualifier ("President")."""
    url = (doc.source_url or "").lower()
    if re.search(r"\.go\.kr\b|korea\.kr|mofa\.go|president\.go", url):
        return "KR"
    if "unofficial translation" in doc.notes:
        return "KR"
    if re.search(r"\.go\.jp\b", url):
        return "JP"
    return "US"


def _counterpart(text: str, home: str) -> str:
    counts = {
        "KR": len(re.findall(r"Republic of Korea|ROK|South Korea|Korean(?! Peninsula)", text)),
        "JP": len(re.findall(r"Japan", text)),
        "US": len(re.findall(r"United States|U\.S\.|American", text)),
    }
    counts.pop(home, None)
    return max(counts, key=counts.get)


def extract(doc: CleanedDocument, gazetteer: Gazetteer) -> Extraction:
    """Extract a meeting from a cleaned document. See the module docstring for the approach."""
    return _Extractor(doc, gazetteer).run()


class _Extractor:
    def __init__(self, doc: CleanedDocument, gazetteer: Gazetteer):
        self.doc = doc
        self.text = doc.text
        self.gazetteer = gazetteer
        self.home = _home_country(doc)
        self.counterpart = _counterpart(doc.text, self.home)
        self.people = PeopleFinder(doc.text, gazetteer, doc.published_on, self.home)
        self.sentences = split_sentences(doc.text)
        self.body = [(s, e) for s, e in self.sentences if s >= doc.body_start]
        self.title_span = (0, len(doc.title)) if doc.title else None
        self.dates = dates_mod.find_dates(doc.text, doc.published_on)
        self.result = Extraction(text=doc.text, title=doc.title, published_on=doc.published_on)
        self.result.notes = list(doc.notes)

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def run(self) -> Extraction:
        r = self.result
        if self.title_span:
            r.evidence["title"] = self.span(*self.title_span)
        self.meeting_sentences = self._meeting_sentences()
        self._participants()
        self._speakers()
        self._meeting_date()
        self._modality()
        self._location()
        self._quotes()
        self._topics()
        self._commitments()
        self._related_meetings()
        return r

    # Meeting sentences ---------------------------------------------------------------------

    def _meeting_sentences(self) -> list[_MeetingSentence]:
        found = []
        for start, end in self.body:
            sentence = self.text[start:end]
            if rules.ATTRIBUTION.search(sentence) and sentence.rstrip().endswith(":"):
                continue
            lead = rules.LEADING_CLAUSE.match(sentence)
            offset = start + (lead.end() if lead else 0)
            verb = rules.MEETING_VERB.search(self.text, offset, end)
            if not verb or _inside(verb.start(), _related_spans(self.text, offset, end)):
                continue
            brk = rules.CLAUSE_BREAK.search(self.text, verb.end(), end)
            main_end = brk.start() if brk else end
            found.append(_MeetingSentence(offset, end, verb, main_end, start))
        return found

    # Participants --------------------------------------------------------------------------

    def _participants(self):
        people = self.people
        participants: list[Person] = []

        def take(start: int, end: int, sentence_start: int | None = None) -> None:
            previous_country = None
            related = _related_spans(self.text, sentence_start or start, end)
            for mention in people.mentions(start, end):
                if SPOKESPERSON.search(mention.title) or _inside(mention.start, related):
                    continue
                between = self.text[start : mention.start]
                # "ROK Vice Foreign Minister Cho and Vice Defense Minister Shin": the second
                # shares the first's qualifier.
                if (
                    mention.country is None
                    and previous_country
                    and re.search(r"\band\s*$", between)
                ):
                    mention.country = previous_country
                person = people.resolve(mention)
                previous_country = mention.country
                start = mention.end
                if person not in participants:
                    participants.append(person)

        for sentence in self.meeting_sentences:
            take(sentence.start, sentence.main_end, sentence.sentence_start)
            if participants and not re.match(
                r"(?:joined|accompanied) by|participated", sentence.verb.group()
            ):
                break
        # Later sentences add to the first: "They were joined by …", "also met with …".
        for sentence in self.meeting_sentences[1:]:
            if re.match(r"joined by|accompanied by", sentence.verb.group()):
                take(sentence.verb.end(), sentence.main_end)
        if not participants and self.title_span:
            title_end = self.title_span[1]
            brk = rules.CLAUSE_BREAK.search(self.text, 0, title_end)
            take(0, brk.start() if brk else title_end)
        elif self.title_span:
            # The title often names people more fully ("Secretary of State Marco Rubio").
            for mention in people.mentions(*self.title_span):
                people.resolve(mention, create=False)

        for person in participants:
            if person.country is None:
                person.country = self._default_country(person.title)
        self.result.participants = [p for p in participants if p.name]
        # Record every later reference ("Mr. Kim") so the review screen can highlight them.
        for mention in people.mentions(self.doc.body_start, len(self.text)):
            people.resolve(mention, create=False)

    def _default_country(self, title: str) -> str | None:
        if not title:
            return None
        if NON_US_HEAD_TITLES.search(title):
            return self.counterpart if self.home == "US" else self.home
        return self.home

    # Speakers ------------------------------------------------------------------------------

    def _speakers(self):
        speakers: list[Person] = []
        participants = self.result.participants

        def add(mention):
            person = self.people.resolve(mention)
            if person not in participants and person not in speakers:
                if person.country is None:
                    person.country = self.home
                speakers.append(person)

        for start, end in self.sentences:
            for m in rules.ATTRIBUTION.finditer(self.text, start, end):
                group = "who" if m.group("who") else "who2"
                for mention in self.people.mentions(m.start(group), m.end(group)):
                    add(mention)
            for mention in self.people.mentions(start, end):
                if SPOKESPERSON.search(mention.title):
                    add(mention)
        self.result.speakers = speakers

    # Meeting date --------------------------------------------------------------------------

    def _meeting_date(self):
        r = self.result

        def pick(start: int, end: int, anchor: re.Match) -> bool:
            related = _related_spans(self.text, start, end)
            for d in self.dates:
                if start <= d.start < end and d.value and not _inside(d.start, related):
                    r.meeting_date, r.date_precision = d.value, d.precision
                    lo = min(anchor.start(), d.start)
                    hi = max(d.end, anchor.end())
                    if hi - lo > 60:
                        lo, hi = d.start, d.end
                    r.evidence["meeting_date"] = self.span(lo, hi)
                    return True
            return False

        for sentence in self.meeting_sentences:
            if pick(sentence.start, sentence.end, sentence.verb):
                return
        # "launched the inaugural meeting of the NCG on July 18, 2023": a meeting noun with a
        # date right after it, in the opening paragraph.
        for start, end in self.body[:3]:
            for noun in rules.MEETING_NOUN.finditer(self.text, start, end):
                before = self.text[max(start, noun.start() - 40) : noun.start()]
                if rules.RELATED_TRIGGER.search(before):
                    continue
                if pick(noun.start(), min(end, noun.end() + 80), noun):
                    return

    # Modality ------------------------------------------------------------------------------

    def _modality(self):
        r = self.result
        places = [(s.start, s.end) for s in self.meeting_sentences[:2]]
        weak = None
        for start, end in places:
            for kind, pattern in ((VIDEO_CALL, rules.VIDEO), (PHONE_CALL, rules.PHONE)):
                if m := pattern.search(self.text, start, end):
                    r.modality, r.evidence["modality"] = kind, self.span(m.start(), m.end())
                    return
            if m := rules.SPOKE.search(self.text, start, end):
                weak = weak or m
                continue
            if m := rules.IN_PERSON_WORDS.search(self.text, start, end):
                r.modality, r.evidence["modality"] = IN_PERSON, self.span(m.start(), m.end())
                return
        # The title, then any "during the call" in the body.
        others = [self.title_span] if self.title_span else []
        others += [(s, e) for s, e in self.body if re.search(r"\bduring the\b", self.text[s:e])]
        for start, end in others:
            for kind, pattern in ((VIDEO_CALL, rules.VIDEO), (PHONE_CALL, rules.PHONE)):
                if m := pattern.search(self.text, start, end):
                    r.modality, r.evidence["modality"] = kind, self.span(m.start(), m.end())
                    return
        if weak:
            # Readouts say "spoke with" for calls; an in-person meeting says "met".
            r.modality, r.evidence["modality"] = PHONE_CALL, self.span(weak.start(), weak.end())
            return
        if self.title_span and (m := rules.IN_PERSON_WORDS.search(self.text, *self.title_span)):
            r.modality, r.evidence["modality"] = IN_PERSON, self.span(m.start(), m.end())

    # Location ------------------------------------------------------------------------------

    def _location(self):
        r = self.result
        if r.modality not in (IN_PERSON, None):
            return
        zones = [(s.start, s.end) for s in self.meeting_sentences[:2]]
        if "meeting_date" in r.evidence:
            ev = r.evidence["meeting_date"]
            for s, e in self.body:
                if s <= ev.start < e and (s, e) not in zones:
                    zones.append((s, e))
        for start, end in zones:
            related = _related_spans(self.text, start, end)
            if (m := rules.SIDELINES.search(self.text, start, end)) and not r.parent_event:
                event = re.sub(r"\s+in\s+.*$", "", m.group("event")).removesuffix(".")
                r.parent_event = event
                r.evidence["parent_event"] = self.span(m.start(), m.start("event") + len(event))
            for m in rules.PLACE.finditer(self.text, start, end):
                place = re.sub(r"(?<=[a-z])\.$", "", m.group("place"))
                head, _, region = place.partition(", ")
                # "in Tokyo, Japan" keeps its country; "in Tokyo Japan, National Security
                # Advisor …" does not run on into the next phrase.
                if region and (
                    self.gazetteer.country_of_phrase(region) is None
                    and any(w in NAME_STOP_WORDS for w in region.split())
                ):
                    place = head
                if _inside(m.start(), related) or rules.NOT_PLACES.match(place):
                    continue
                if self.gazetteer.country_of_phrase(place) is None and not re.match(
                    r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?:,\s+[A-Z][a-z]+)?$", place
                ):
                    continue
                if r.parent_event and place in r.parent_event:
                    continue
                # Person names and organisations are not places.
                if self.people.find(place) or re.search(
                    r"\b(?:Council|Ministry|Department|Group|Alliance|Agreement|Strategy)\b", place
                ):
                    continue
                r.location = place.removeprefix("the ")
                r.evidence["location"] = self.span(m.start(), m.end())
                return
        if r.parent_event:
            r.location = r.parent_event
            r.evidence["location"] = r.evidence["parent_event"]

    # Quotes --------------------------------------------------------------------------------

    def _quotes(self):
        quotes = []
        last_speaker: Person | None = None
        for para in re.finditer(r"[^\n]+", self.text):
            if para.start() < self.doc.body_start:
                continue
            marks = [m.start() for m in re.finditer('"', para.group())]
            pairs = list(zip(marks[0::2], marks[1::2], strict=False))
            if len(marks) % 2:  # a quote running to the end of the paragraph
                pairs.append((marks[-1], len(para.group())))
            for i, (a, b) in enumerate(pairs):
                start, end = para.start() + a + 1, para.start() + b
                inner = self.text[start:end].strip()
                if len(inner.split()) < 6:
                    continue  # a scare quote or a name, not a statement
                prev_end = para.start() + (pairs[i - 1][1] + 1 if i else 0)
                next_start = para.start() + (
                    pairs[i + 1][0] if i + 1 < len(pairs) else len(para.group())
                )
                before = self.text[prev_end : start - 1]
                after = self.text[min(end + 1, next_start) : next_start]
                speaker, speaker_span = self._quote_speaker(before, prev_end, after, end + 1)
                if speaker is None and re.search(r"\b(?:he|she)\s+" + rules.SAY, after[:40]):
                    speaker = last_speaker
                if speaker is not None:
                    last_speaker = speaker
                text = inner.rstrip(",")
                quotes.append(
                    Quote(
                        speaker=speaker.name if speaker else None,
                        text=text,
                        span=self.span(start, start + len(self.text[start:end].rstrip(", "))),
                        speaker_span=speaker_span,
                    )
                )
        self.result.quotes = quotes

    def _quote_speaker(self, before, before_at, after, after_at):
        """The person a quote is attributed to, from the words just before or after it."""
        who = r"(?P<who>[A-Z][^,.\"]{1,120}?)"
        patterns = [
            (before, before_at, re.compile(r"according to\s+(?P<who>[^,\"]{2,120}?),\s*$", re.I)),
            (before, before_at, re.compile(rf"{who}\s+{rules.SAY}\s*[,:]?\s*$")),
            (after, after_at, re.compile(rf"^\s*,?\s*{who}\s+{rules.SAY}\b")),
            (after, after_at, re.compile(rf"^\s*,?\s*{rules.SAY}\s+{who}(?=[,.]|$)")),
        ]  # fmt: skip
        for segment, offset, pattern in patterns:
            m = pattern.search(segment)
            if not m:
                continue
            who_start, who_end = offset + m.start("who"), offset + m.end("who")
            mentions = self.people.mentions(who_start, who_end)
            person = self.people.resolve(mentions[0]) if mentions else None
            person = person or self.people.find(m.group("who"))
            if person is not None:
                if person not in self.result.participants and person not in self.result.speakers:
                    if person.country is None:
                        person.country = self.home
                    self.result.speakers.append(person)
                return person, self.span(who_start, who_end)
        return None, None

    # Topics --------------------------------------------------------------------------------

    def _topics(self):
        # A keyword inside someone's title ("Trade Representative") is not a topic.
        titles = [
            (p.span.start, p.span.end)
            for p in self.result.participants + self.result.speakers
            if p.title
        ]
        hits: dict[str, TopicHit] = {}
        for slug, start, end in self.gazetteer.find_topics(self.text):
            if _inside(start, titles):
                continue
            if slug in hits:
                hits[slug].count += 1
            else:
                hits[slug] = TopicHit(slug, self.span(start, end))
        self.result.topics = list(hits.values())

    def topics_in(self, start: int, end: int) -> list[str]:
        return list(
            dict.fromkeys(s for s, a, _ in self.gazetteer.find_topics(self.text[start:end]))
        )

    # Commitments ---------------------------------------------------------------------------

    def _commitments(self):
        commitments = []
        last_party = None
        for start, end in self.body:
            sentence = self.text[start:end]
            if sentence.rstrip().endswith(":"):
                continue
            trigger = rules.COMMIT.search(sentence)
            if not trigger:
                last_party = self._party(start, start + len(sentence), last_party) or last_party
                continue
            party = self._committing_party(start, start + trigger.start(), trigger, last_party)
            if party != JOINT:
                last_party = party
            # Quotation marks around a quoted sentence are not part of the passage.
            lead = len(sentence) - len(sentence.lstrip('" '))
            tail = len(sentence.rstrip()) - len(sentence.rstrip().rstrip('" '))
            s, e = start + lead, start + len(sentence.rstrip()) - tail
            if e - s < 15:
                continue
            commitments.append(
                Commitment(party, self.text[s:e], self.topics_in(s, e), self.span(s, e))
            )
        self.result.commitments = commitments

    def _committing_party(self, start: int, end: int, trigger: re.Match, last_party) -> str:
        """Who commits in a sentence whose commitment word starts at ``end``."""
        before = self.text[start:end]
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
                party := self._party(
                    start + first, start + first + head.start() + len(head.group()), None
                )
            ):
                return party
        return self._party(start, end, last_party) or JOINT

    def _party(self, start: int, end: int, last_party: str | None) -> str | None:
        """The party of the nearest subject before ``end``: joint, a country, or None."""
        markers: list[tuple[int, str | None]] = []
        prefix = self.text[start:end]

        def subject(pos: int) -> bool:
            # Skip a title or qualifier before the name: "with ROK Minister Suh" is an object.
            before = rules.TITLE_WORDS_BEFORE.sub("", self.text[max(start, pos - 80) : pos])
            return not rules.PREPOSITION_BEFORE.search(before)

        # Look a little past ``end``: "the two agreed" needs its verb to be a subject.
        for m in rules.JOINT_SUBJECT.finditer(self.text[start : end + 20]):
            if m.end() <= len(prefix):
                markers.append((m.end(), JOINT))
        for m in rules.PAIR.finditer(prefix):
            if subject(start + m.start()):
                markers.append((m.end(), JOINT))
        for code, pattern in rules.COUNTRY_WORDS.items():
            for m in re.finditer(pattern, prefix):
                if subject(start + m.start()) and not any(
                    p.start() <= m.start() < p.end() for p in rules.PAIR.finditer(prefix)
                ):
                    markers.append((m.end(), code))
        refs = []
        for person in self.result.participants:
            for reference in self._references(person):
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

    def _references(self, person: Person) -> list[str]:
        refs = [re.escape(t) for t in person.name.replace(",", " ").split() if len(t) > 2]
        refs = [rf"\b{t}\b" for t in refs if t not in {"Jr", "III"}]
        if person.title:
            head = person.title.split(" of ")[0].split()[-1]
            refs.append(rf"\b[Tt]he (?:\w+ ){{0,2}}{re.escape(head)}\b")
        return refs

    # Related meetings ----------------------------------------------------------------------

    def _related_meetings(self):
        r = self.result
        used = r.evidence.get("meeting_date")
        related = []
        for start, end in self.body:
            for d in self.dates:
                if not (start <= d.start < end) or (used and used.start <= d.start < used.end):
                    continue
                window = self.text[max(start, d.start - 160) : d.start]
                nouns = list(rules.MEETING_NOUN.finditer(window))
                if not nouns:
                    continue
                noun = nouns[-1]
                head = max(start, d.start - 160) + noun.start()
                # Back to the determiner that opens the noun phrase ("the recent meeting").
                opener = list(
                    re.finditer(r"\b(?:the|a|an|his|her|their|our)\s", window[: noun.start()])
                )
                if opener and noun.start() - opener[-1].start() < 60:
                    head = max(start, d.start - 160) + opener[-1].start()
                if d.value is not None and d.value == r.meeting_date and d.relative:
                    continue
                related.append(
                    RelatedMeeting(
                        self.text[head : d.end], d.value, d.precision, self.span(head, d.end)
                    )
                )
            for m in re.finditer(
                r"\b\d+(?:st|nd|rd|th)\s+(?:[A-Z][\w-]*\s+){1,5}(?:Meeting|Dialogue|Summit"
                r"|Talks|Consultations?|Conference)(?:\s+\([A-Z]+\))?",
                self.text[start:end],
            ):
                s, e = start + m.start(), start + m.end()
                if not any(x.span.start <= s < x.span.end for x in related):
                    related.append(RelatedMeeting(m.group(), None, None, self.span(s, e)))
        r.related_meetings = related
