"""Turn an extracted readout (the ingestion contract, possibly corrected by an editor) into a
*draft* meeting with its participants, statements, quotes, topics, commitments and Source.

Nothing here publishes. The whole import is one transaction: it lands completely or not at all.

Re-imports: the same document (same URL or content hash) updates the meeting it produced, but a
field an editor changed since the last import keeps the editor's value, and only what is new
since the last import is added: a topic, quote, commitment, participant or linked meeting an
editor removed stays removed. A document about a meeting already recorded (the same event by the
rule of `engagements.dedupe`) is attached to that meeting as another source and statement; one
held during a recorded visit gets the visit as its parent.

Who may do what: anyone who may add meetings creates drafts; attaching a document to a recorded
meeting or importing it again needs the permission to change meetings, and also to publish them
when that meeting is published (what is added to it is public at once); creating officials needs
the permission to add them. An import the user may not make changes nothing: a new document
waits in the review queue for an editor who may (`keep_for_review`).

Imports of the same document, or of documents about the same event, run one after the other
(PostgreSQL advisory locks held until the transaction ends), so that saving at the same moment
gives one Source and one Meeting, as saving one after the other does.
"""

import datetime
import hashlib
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from engagements import dedupe
from engagements.ingest.clean import clean_document
from engagements.ingest.documents import IngestError, RawDocument
from engagements.ingest.gazetteer import Gazetteer
from engagements.models import (
    Commitment,
    CommitmentStatus,
    CommitmentStatusEntry,
    Country,
    DatePrecision,
    Meeting,
    MeetingSource,
    Modality,
    Official,
    Participation,
    PolicyTopic,
    ReadoutImport,
    Source,
    Statement,
)
from engagements.naming import meeting_name

# Meeting fields an import sets, and so may refresh on a re-import. The title is named for who
# met and where, and follows them while no editor has renamed the meeting.
TRACKED_FIELDS = ["date", "date_precision", "modality", "location"]
FIELD_NAMES = {
    "date": "date",
    "date_precision": "date precision",
    "modality": "kind of meeting",
    "location": "location",
}

# Publishers we can name from the address, and the government each speaks for.
PUBLISHERS = [
    ("whitehouse.gov", "The White House", "US"),
    ("bidenwhitehouse.archives.gov", "The White House (archived)", "US"),
    ("state.gov", "U.S. Department of State", "US"),
    ("defense.gov", "U.S. Department of Defense", "US"),
    ("war.gov", "U.S. Department of War", "US"),
    ("treasury.gov", "U.S. Department of the Treasury", "US"),
    ("commerce.gov", "U.S. Department of Commerce", "US"),
    ("mofa.go.kr", "ROK Ministry of Foreign Affairs", "KR"),
    ("mnd.go.kr", "ROK Ministry of National Defense", "KR"),
    ("president.go.kr", "ROK Office of the President", "KR"),
    ("korea.kr", "Korea.net (ROK Government)", "KR"),
]

STATEMENT_KINDS = [
    (re.compile(r"\bjoint (statement|readout|declaration|fact sheet)\b", re.I), "joint_statement"),
    (re.compile(r"\bfact ?sheet\b", re.I), "fact_sheet"),
    (re.compile(r"\bremarks\b", re.I), "remarks"),
    (re.compile(r"\b(press briefing|gaggle|press conference)\b", re.I), "press_briefing"),
    (re.compile(r"\breadout\b", re.I), "readout"),
]


@dataclass
class ImportResult:
    meeting: Meeting
    source: Source
    created_meeting: bool = False
    attached_to_existing: bool = False
    reimport: bool = False
    kept_editor_values: list[str] = field(default_factory=list)
    pending_officials: list[dict] = field(default_factory=list)
    created_officials: list[Official] = field(default_factory=list)
    # What this import added to or changed on an existing meeting, in an editor's words.
    changes: list[str] = field(default_factory=list)
    # Why the import changed no meeting (the user may not change ``meeting``), or "".
    held_for_review: str = ""

    @property
    def summary(self) -> str:
        if self.held_for_review:
            return self.held_for_review
        if self.reimport:
            verb = "Updated the draft"
        elif self.attached_to_existing:
            verb = "Attached the document to the existing meeting"
        else:
            verb = "Created the draft"
        state = self.meeting.get_publication_state_display().lower()
        return f"{verb} “{self.meeting.title}” ({self.meeting.date_display}, {state})."


def normalise_name(name: str) -> str:
    text = unicodedata.normalize("NFKD", name)
    text = unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))
    text = re.sub(r"[.,]", " ", text.lower()).replace("-", " ")
    return re.sub(r"\s+", " ", text).strip()


def find_official(
    name: str,
    *,
    gazetteer: Gazetteer | None = None,
    on: datetime.date | None = None,
    title: str | None = None,
) -> Official | None:
    """The recorded official ``name`` refers to, by the rules extraction recognises people with
    (`Gazetteer.find_official`): the person the review screen calls known is the person saved.
    Builds the gazetteer (three queries) unless one is passed in."""
    gazetteer = gazetteer or Gazetteer.from_database()
    known = gazetteer.find_official(name, on=on, title=title or None)
    if known is None or known.pk is None:
        return None  # unknown, ambiguous, or only in the built-in list: not recorded yet
    return Official.objects.filter(pk=known.pk).first()


def publisher_for(url: str) -> tuple[str, str | None]:
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    for domain, publisher, country in PUBLISHERS:
        if host == domain or host.endswith("." + domain):
            return publisher, country
    return (host.removeprefix("www."), None) if host else ("", None)


# A publisher named by an editor (text pasted without its address) speaks for a government when
# its name is a government body's ("ROK Ministry of Foreign Affairs"); a newspaper named after a
# country ("Korea Herald") speaks for none.
GOVERNMENT_BODY = re.compile(
    r"\b(?:Ministry|Ministries|Department|Office|Embassy|Consulate|Mission|Government|"
    r"President|Presidential|White House|Pentagon|Cheong Wa Dae|USTR|Forces)\b|Korea\.net",
    re.IGNORECASE,
)
PUBLISHER_GOVERNMENTS = {
    "KR": re.compile(r"\b(?:ROK|Korean?)\b"),
    "US": re.compile(r"\bU\.S\.|\b(?:US|USA|United States|American|White House|Pentagon|USTR)\b"),
    "JP": re.compile(r"\b(?:Japan|Japanese)\b"),
}


def government_for_publisher(publisher: str) -> str | None:
    """The government a publisher named by an editor speaks for, when its name says so. The
    government named first owns the name: "U.S. Embassy in the Republic of Korea" is American,
    "Embassy of the Republic of Korea in the United States" Korean."""
    for domain, name, country in PUBLISHERS:
        if publisher.strip().lower() in {domain, name.lower()}:
            return country
    if not GOVERNMENT_BODY.search(publisher):
        return None
    found = [
        (match.start(), country)
        for country, pattern in PUBLISHER_GOVERNMENTS.items()
        if (match := pattern.search(publisher))
    ]
    return min(found)[1] if found else None


def statement_kind(title: str, *, official_publisher: bool) -> str:
    for pattern, kind in STATEMENT_KINDS:
        if pattern.search(title or ""):
            return kind
    return Statement.Kind.READOUT if official_publisher else Statement.Kind.NEWS_REPORT


def parse_contract_date(value: str | None) -> tuple[datetime.date | None, str]:
    """'2025-09-10' / '2025-09' / '2025' → (date stored as the model expects, precision)."""
    if not value:
        return None, DatePrecision.DAY
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return datetime.date(*parts), DatePrecision.DAY
    if len(parts) == 2:
        return datetime.date(parts[0], parts[1], 1), DatePrecision.MONTH
    return datetime.date(parts[0], 1, 1), DatePrecision.YEAR


_WEB_ADDRESS = URLValidator(schemes=["http", "https"])
_URL_LENGTH = Source._meta.get_field("url").max_length


def canonical_address(value: str | None) -> str:
    """The address a document gives for itself (its canonical link, its front matter) when it is
    an absolute http(s) address a Source can keep; anything else ("/releases/1", "javascript:…",
    an address longer than the field) is ignored rather than stored or refused."""
    value = (value or "").strip()
    if not value or len(value) > _URL_LENGTH:
        return ""
    try:
        _WEB_ADDRESS(value)
    except ValidationError:
        return ""
    return value


def document_address(document: RawDocument, cleaned) -> str:
    """Where the document is kept as being from: where it was fetched, or where the editor says
    it was published; otherwise the address it gives for itself."""
    return document.url or canonical_address(cleaned.source_url)


def matching_sources(document: RawDocument, *, url: str | None = None) -> list[Source]:
    """The Sources that are this document: the same text, or the same address (``url``, by
    default the document's own) as a Source's address or archived address."""
    url = document.url if url is None else url
    query = Q(content_hash=Source.hash_text(document.text))
    if url:
        query |= Q(url=url) | Q(archived_url=url)
    return list(Source.objects.filter(query).order_by("pk"))


def find_source(document: RawDocument, *, url: str | None = None) -> Source | None:
    matches = matching_sources(document, url=url)
    return matches[0] if matches else None


def advisory_lock(*keys: str) -> None:
    """Wait for, then hold until the transaction ends, a PostgreSQL advisory lock on each key:
    transactions locking a common key run one after the other. Keys are taken in one order, so
    two transactions never wait for each other. A no-op on SQLite, which runs one writing
    transaction at a time anyway. Costs a query per key; call it inside `transaction.atomic`."""
    if connection.vendor != "postgresql":
        return
    ids = sorted({int.from_bytes(_digest(key), "big", signed=True) for key in keys})
    with connection.cursor() as cursor:
        for lock_id in ids:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_id])


def _digest(key: str) -> bytes:
    return hashlib.blake2b(f"alliance-tracker import:{key}".encode(), digest_size=8).digest()


def _document_keys(document: RawDocument, url: str) -> list[str]:
    return [f"text:{Source.hash_text(document.text)}", *([f"address:{url}"] if url else [])]


def _meeting_keys(day: datetime.date, officials: list[Official]) -> list[str]:
    # Records of one event are at most a day apart and share a principal (`engagements.dedupe`):
    # two dates a day apart always share one of "the day or the next", so two imports that
    # could be about one event always lock a common key.
    days = (day, day + datetime.timedelta(days=1))
    return [f"meeting:{d.isoformat()}:{o.pk}" for d in days for o in officials]


def find_recorded_meeting(
    *,
    meeting_date: datetime.date,
    precision: str,
    modality: str,
    officials: list[Official],
    exclude: int | None = None,
) -> tuple[dedupe.Relation, Meeting | None]:
    """The recorded meeting this document is about, or the visit it took place during, by the
    duplicate rule of `engagements.dedupe` (same days give or take one, the same people, the
    same kind)."""
    if precision != DatePrecision.DAY or not officials:
        return dedupe.Relation.UNRELATED, None
    principals: dict[str, set[int]] = {}
    for official in officials:
        principals.setdefault(official.country_id, set()).add(official.pk)
    record = dedupe.Record(
        first_day=meeting_date, last_day=meeting_date, modality=modality, principals=principals
    )
    return dedupe.find_same_event(record, exclude=exclude)


class _Held(Exception):
    """The user may not make this import: what it wrote is rolled back, and ``reason`` says why."""

    def __init__(self, reason: str, *, meeting: Meeting, source: Source | None):
        super().__init__(reason)
        self.reason, self.meeting, self.source = reason, meeting, source


def _may(user, *actions: str) -> bool:
    # No user is the command line or the sample-data loader: whoever runs them on the server can
    # change the database directly anyway.
    return user is None or all(user.has_perm(f"engagements.{action}") for action in actions)


def _needed_to_change(meeting: Meeting) -> tuple[str, ...]:
    # Whatever is added to a published meeting is public at once: that is publishing.
    if meeting.is_published:
        return ("change_meeting", "publish_meeting")
    return ("change_meeting",)


def import_readout(
    *,
    document: RawDocument,
    contract: dict,
    user=None,
    create_officials: bool = False,
    confirmed_officials: set[str] | None = None,
    meeting_date: datetime.date | None = None,
    publisher: str = "",
    issuing_country: str | None = None,
    meeting_title: str = "",
) -> ImportResult:
    """Write ``contract`` (the ingestion JSON, possibly edited) as a draft meeting.

    Unknown people are created only when ``create_officials`` is set or their name is in
    ``confirmed_officials``; otherwise they are returned in ``pending_officials`` for an editor
    to confirm. ``meeting_date`` overrides the extracted date (an editor's answer when the text
    did not establish one).

    ``meeting_title`` is an editor's name for the meeting; by default it is named for who met
    and where (`engagements.naming`). ``publisher`` and ``issuing_country`` are an editor's
    word on who published the document and which government it speaks for (a code, or "" for
    none); when not given they are inferred from its address, and the government also from the
    publisher's name.

    ``user`` is who imports (None: the command line or the sample-data loader). An import that
    would attach the document to a recorded meeting, or update the meeting it produced, that
    ``user`` may not change (or publish, when it is published) writes nothing of the kind: the
    result's ``held_for_review`` says why, and a document not yet recorded is kept for review.
    Input that cannot be saved — including a conflict with another document or with an import
    saved at the same moment — is an `IngestError`, and nothing is written.
    """
    confirmed = {normalise_name(n) for n in (confirmed_officials or set())}
    date, precision = parse_contract_date(contract.get("meeting_date"))
    if meeting_date is not None:
        date, precision = meeting_date, DatePrecision.DAY
    if date is None:
        raise IngestError(
            "The meeting date could not be established from the text; give it explicitly."
        )
    if not contract.get("participants"):
        raise IngestError(
            f"{document.label} describes no meeting: no participants were found in it."
        )
    cleaned = clean_document(document.text, content_type=document.content_type)
    url = document_address(document, cleaned)[:_URL_LENGTH]
    try:
        with transaction.atomic():
            # Held until the import commits: the same document saved twice at once is found
            # by the second save instead of being created twice.
            advisory_lock(*_document_keys(document, url))
            try:
                # A savepoint, so that an import held for review leaves nothing behind but
                # the document kept for review.
                with transaction.atomic():
                    return _write(
                        document=document,
                        contract=contract,
                        user=user,
                        cleaned=cleaned,
                        url=url,
                        date=date,
                        precision=precision,
                        create_officials=create_officials,
                        confirmed=confirmed,
                        publisher=publisher,
                        issuing_country=issuing_country,
                        meeting_title=meeting_title,
                    )
            except _Held as held:
                source = held.source or _keep(
                    document, cleaned=cleaned, url=url, publisher=publisher
                )
                return ImportResult(
                    meeting=held.meeting, source=source, held_for_review=held.reason
                )
    except IntegrityError as error:
        raise IngestError(_conflict(error, document, url)) from None
    except ValidationError as error:
        raise IngestError(
            f"{document.label} could not be saved: {' '.join(error.messages)}"
        ) from None


def _write(
    *,
    document: RawDocument,
    contract: dict,
    user,
    cleaned,
    url: str,
    date: datetime.date,
    precision: str,
    create_officials: bool,
    confirmed: set[str],
    publisher: str,
    issuing_country: str | None,
    meeting_title: str,
) -> ImportResult:
    """The import itself, inside the transaction and the document's lock (`import_readout`)."""
    title = (contract.get("title") or cleaned.title or "").strip()[:300] or "Untitled readout"
    # The meeting is named for the event (or as the editor named it); the document keeps its
    # own title on its source.
    inferred_publisher, issuing_code = publisher_for(url)
    publisher = publisher.strip()
    if issuing_country is not None:
        issuing_code = issuing_country or None
    elif issuing_code is None:
        issuing_code = government_for_publisher(publisher)

    matches = matching_sources(document, url=url)
    if len(matches) > 1:
        titles = ", ".join(f"“{s.title}”" for s in matches)
        raise IngestError(
            f"The text and the address {url} are already recorded as different documents "
            f"({titles}): nothing was saved. Correct the address, or leave it empty."
        )
    source = matches[0] if matches else None
    previous = source.imports.select_related("meeting").first() if source else None
    if previous is not None and not _may(user, *_needed_to_change(previous.meeting)):
        raise _Held(_reimport_refused(previous.meeting), meeting=previous.meeting, source=source)

    # Two imports creating the same person one after the other: the second finds the first's.
    advisory_lock(
        *(
            f"official:{name}"
            for person in contract.get("participants", [])
            if (name := normalise_name(person.get("name") or ""))
            and (create_officials or name in confirmed)
        )
    )
    gazetteer = Gazetteer.from_database()
    participants, pending, created = _resolve_people(
        contract.get("participants", []),
        create=create_officials,
        confirmed=confirmed,
        may_create=_may(user, "add_official"),
        gazetteer=gazetteer,
        on=date,
    )
    if not participants and not pending:
        raise IngestError(f"{document.label} describes no meeting: nobody who met was found.")
    officials = [official for official, _, _ in participants]
    if precision == DatePrecision.DAY:
        # Two documents about one event saved at once: the second finds the first's meeting.
        advisory_lock(*_meeting_keys(date, officials))
    editor_title = meeting_title.strip()[:300]

    kept, changes = [], []
    name_before = ""
    result_kwargs = {}
    if previous is not None:
        meeting = previous.meeting
        name_before = name_of(meeting)
        before = {name: getattr(meeting, name) for name in TRACKED_FIELDS}
        kept = _refresh_tracked_fields(
            meeting,
            previous.extracted,
            {
                "date": date,
                "date_precision": precision,
                "modality": contract.get("modality") or Modality.IN_PERSON,
                "location": (contract.get("location") or "")[:200],
            },
        )
        changes = [FIELD_NAMES[n] for n in TRACKED_FIELDS if getattr(meeting, n) != before[n]]
        result_kwargs["reimport"] = True
    else:
        modality = contract.get("modality") or Modality.IN_PERSON
        relation, recorded = find_recorded_meeting(
            meeting_date=date, precision=precision, modality=modality, officials=officials
        )
        if relation is dedupe.Relation.SAME:
            if not _may(user, *_needed_to_change(recorded)):
                raise _Held(_attach_refused(recorded), meeting=recorded, source=None)
            meeting = recorded
            name_before = name_of(meeting)
            result_kwargs["attached_to_existing"] = True
        else:
            meeting = Meeting(
                title=editor_title
                or proposed_meeting_name(contract, gazetteer, date, fallback=title),
                named_for_participants=not editor_title,
                date=date,
                date_precision=precision,
                modality=modality,
                location=(contract.get("location") or "")[:200],
                # A meeting during a recorded visit is one of the visit's meetings.
                parent=recorded if relation is dedupe.Relation.PART_OF else None,
                publication_state=Meeting.Publication.DRAFT,
            )
            result_kwargs["created_meeting"] = True

    if source is None:
        source = Source(url=url, content_hash=Source.hash_text(document.text))
    shown_before = (source.title, source.publisher, source.published_on)
    source.title = title[:500]
    source.publisher = publisher or source.publisher or inferred_publisher
    source.published_on = _date_or_none(contract.get("published_on")) or source.published_on
    source.retrieved_at = _retrieved_at(document) or source.retrieved_at
    source.raw_text = document.text
    source.full_clean(validate_unique=False)
    source.save()
    if previous is not None and (source.title, source.publisher, source.published_on) != (
        shown_before
    ):
        changes.append("the source’s title, publisher or date")

    # A summary is the first import's, or an editor's: a re-import never refills one an editor
    # emptied, and nothing is added to a published meeting's.
    if previous is None and not meeting.is_published:
        meeting.summary = meeting.summary or _summary(statement_body(cleaned))
    title_before = meeting.title
    meeting._history_user = user
    meeting.full_clean(exclude=["slug"])
    meeting.save()
    _, linked = MeetingSource.objects.get_or_create(meeting=meeting, source=source)
    if linked and previous is None and not result_kwargs.get("created_meeting"):
        changes.append(f"the source “{source.title}”")

    # On a re-import only people the last import did not name are added — and those it named
    # but could not add then (left out until confirmed): anyone an editor removed stays out.
    named_before = {
        normalise_name(p.get("name") or "")
        for p in (previous.extracted.get("participants") or [] if previous else [])
    }
    added_people = []
    for official, title_given, name in participants:
        if (
            normalise_name(name) in named_before
            and Participation.history.filter(
                meeting_id=meeting.pk, official_id=official.pk
            ).exists()
        ):
            continue
        _, added = Participation.objects.get_or_create(
            meeting=meeting,
            official=official,
            defaults={"side_id": official.country_id, "title": title_given[:200]},
        )
        if added:
            added_people.append(official.name)
    # A meeting named for who met follows its participants as they grow, until an editor
    # renames it; people still to be confirmed are named too.
    # A family name alone ("Yoon") names nobody for certain: it is not put in the name.
    pending_people = [
        (str(p.get("name") or ""), str(p.get("country") or ""))
        for p in pending
        if len(str(p.get("name") or "").split()) > 1
    ]
    renamed = name_of(meeting, also=pending_people)
    if editor_title:
        meeting.title = editor_title
        meeting.named_for_participants = False
    elif meeting.named_for_participants and renamed:
        meeting.rename_for_participants(renamed)
    elif previous is not None and renamed and renamed != name_before:
        kept.append("title")  # the editor's name stays though the people changed
    meeting.save(update_fields=["title", "named_for_participants", "updated_at"])

    # Only what the last import of this document did not have is added: what an editor removed
    # since stays removed.
    new = _new_since(previous.extracted if previous else None, contract)
    # The document's own title says what kind of statement it is, whatever the meeting is called.
    document_title = cleaned.title or title
    readout, readout_added = _readout_statement(
        meeting,
        source,
        statement_body(cleaned),
        document_title,
        contract,
        issuing_code,
        create=previous is None,
    )
    quotes = _quote_statements(meeting, source, new, issuing_code, date, gazetteer, officials)
    topics = list(
        PolicyTopic.objects.filter(slug__in=new.get("topics", [])).exclude(meetings=meeting)
    )
    meeting.topics.add(*topics)
    commitments = _commitments(meeting, readout, new, date)
    related = _related_meetings(meeting, new)

    ReadoutImport.objects.create(
        source=source, meeting=meeting, extracted=contract, imported_by=user
    )
    if not result_kwargs.get("created_meeting"):
        changes += _described_changes(
            readout=readout if readout_added else None,
            renamed=meeting.title != title_before,
            people=added_people,
            quotes=quotes,
            topics=[t.name for t in topics],
            commitments=commitments,
            related=related,
        )
    return ImportResult(
        meeting=meeting,
        source=source,
        kept_editor_values=kept,
        pending_officials=pending,
        created_officials=created,
        changes=changes,
        **result_kwargs,
    )


def _described_changes(*, readout, renamed, people, quotes, topics, commitments, related):
    """What an import added to a recorded meeting, as the message after saving lists it."""

    def count(n: int, one: str, many: str) -> list[str]:
        return [] if n == 0 else [one if n == 1 else f"{n} {many}"]

    return [
        *(["the name"] if renamed else []),
        *([f"the {readout.get_kind_display().lower()}"] if readout else []),
        *([f"participants ({', '.join(people)})"] if people else []),
        *count(quotes, "a quote", "quotes"),
        *([f"topics ({', '.join(topics)})"] if topics else []),
        *count(commitments, "a commitment", "commitments"),
        *count(related, "a linked meeting", "linked meetings"),
    ]


def _new_since(last: dict | None, contract: dict) -> dict:
    """``contract`` with only the topics, quotes, commitments and mentioned meetings that the
    last import of the same document (``last``, its contract) did not have."""
    if last is None:
        return contract

    def seen(key: str, part: str) -> set:
        return {normalise_name(str(item.get(part) or "")) for item in last.get(key) or []}

    def unseen(key: str, part: str) -> list[dict]:
        before = seen(key, part)
        return [
            item
            for item in contract.get(key) or []
            if normalise_name(str(item.get(part) or "")) not in before
        ]

    return contract | {
        "topics": [
            t for t in contract.get("topics") or [] if t not in set(last.get("topics") or [])
        ],
        "quotes": unseen("quotes", "text"),
        "commitments": unseen("commitments", "text"),
        "related_meetings": unseen("related_meetings", "date"),
    }


def _attach_refused(meeting: Meeting) -> str:
    where = f"“{meeting.title}” ({meeting.date_display})"
    if meeting.is_published:
        return (
            f"This document is about {where}, which is published: adding it would change the "
            "public page at once, and that needs the permissions to change and to publish "
            "meetings. The document is kept in the review queue (Sources, “Placed: no”) for an "
            "editor who has them. Nothing of it is public."
        )
    return (
        f"This document is about {where}, already recorded: adding it to that meeting needs "
        "the permission to change meetings. The document is kept in the review queue (Sources, "
        "“Placed: no”) for an editor who has it. Nothing of it is public."
    )


def _reimport_refused(meeting: Meeting) -> str:
    where = f"“{meeting.title}” ({meeting.date_display})"
    if meeting.is_published:
        return (
            f"This document is already recorded as a source of {where}, which is published: "
            "updating that meeting from it would change the public page at once, and that "
            "needs the permissions to change and to publish meetings. Nothing was saved: ask "
            "an editor who has them to import the document again."
        )
    return (
        f"This document is already recorded as a source of {where}: updating that meeting "
        "from it needs the permission to change meetings. Nothing was saved: ask an editor "
        "who has it to import the document again."
    )


def _conflict(error: IntegrityError, document: RawDocument, url: str) -> str:
    """A sentence for a unique constraint another transaction won, despite the locks (a record
    written outside the importer at the same moment)."""
    detail = str(error)
    # The constraint as PostgreSQL names it, or the column as SQLite does.
    if url and ("source_unique_url" in detail or "engagements_source.url" in detail):
        return (
            f"The address {url} already belongs to another document in the record: nothing was "
            "saved. Correct the address, or leave it empty."
        )
    if "content_hash" in detail:
        return (
            f"{document.label} was recorded by someone else at the same moment: nothing was "
            "saved this time. Import it again to update what they saved."
        )
    return (
        f"{document.label} conflicts with a record saved at the same moment: nothing was "
        "saved. Try again."
    )


@transaction.atomic
def keep_for_review(*, document: RawDocument, publisher: str = "") -> Source:
    """Keep a document no meeting could be made from as a Source with no meeting: the review
    queue (the admin's sources filtered by "Placed: no") from which an editor imports it.
    ``publisher`` is who published it, when known better than from its address."""
    cleaned = clean_document(document.text, content_type=document.content_type)
    url = document_address(document, cleaned)[:_URL_LENGTH]
    advisory_lock(*_document_keys(document, url))
    return _keep(document, cleaned=cleaned, url=url, publisher=publisher)


def _keep(document: RawDocument, *, cleaned, url: str, publisher: str) -> Source:
    existing = find_source(document, url=url)
    if existing is not None:
        return existing
    source = Source(
        url=url,
        title=(cleaned.title or document.label)[:500],
        publisher=(publisher.strip() or publisher_for(url)[0])[:200],
        published_on=cleaned.published_on,
        retrieved_at=_retrieved_at(document),
        raw_text=document.text,
        content_hash=Source.hash_text(document.text),
    )
    source.full_clean(validate_unique=False)
    source.save()
    return source


def _retrieved_at(document: RawDocument) -> datetime.datetime | None:
    """When the document was retrieved: a fetched page says when; a file is retrieved as it is
    read. Pasted text was never retrieved here, and an invented time would be passed on as a
    fact about the source."""
    if document.retrieved_at is not None:
        return document.retrieved_at
    return timezone.now() if document.name else None


def _date_or_none(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _summary(text: str) -> str:
    first = next((p.strip() for p in text.split("\n\n") if len(p.strip()) > 80), "")
    return first[:1000]


def _resolve_people(people, *, create: bool, confirmed: set[str], may_create: bool, gazetteer, on):
    """The recorded officials ``people`` name, as (official, title given, name given); the
    people to confirm; and the officials created. Creating one needs ``may_create``: asked to
    create someone without it is an `IngestError`, before anything is written."""
    found, pending, created, refused = [], [], [], []
    for person in people:
        name = (person.get("name") or "").strip()
        if not name:
            continue
        official = find_official(name, gazetteer=gazetteer, on=on, title=person.get("title"))
        # A family name alone ("Harris") names nobody for certain: never a new official.
        creatable = len(name.split()) > 1
        if official is None and creatable and (create or normalise_name(name) in confirmed):
            country = Country.objects.filter(code=(person.get("country") or "").upper()).first()
            if country is None:
                pending.append(person)
                continue
            if not may_create:
                refused.append(name)
                continue
            official = Official.objects.create(name=name[:200], country=country)
            created.append(official)
        if official is None:
            pending.append(person)
        elif official not in [o for o, _, _ in found]:
            found.append((official, person.get("title") or "", name))
    if refused:
        raise IngestError(
            f"Creating officials needs the permission to add them: untick “Create this "
            f"official” for {', '.join(refused)}, or ask an editor who may add officials."
        )
    return found, pending, created


def name_of(meeting: Meeting, *, also: list[tuple[str, str]] = ()) -> str:
    """The name `engagements.naming` gives a recorded meeting from its participants (and
    ``also`` these people, named but not recorded yet)."""
    people = [
        (p.official.name, p.side_id)
        for p in meeting.participations.select_related("official").order_by("pk")
        if p.role != Participation.Role.DELEGATION
    ]
    return meeting_name([*people, *also], location=meeting.location, modality=meeting.modality)


def proposed_meeting_name(contract: dict, gazetteer, on, *, fallback: str) -> str:
    """The name an extraction proposes for its meeting: who met and where, each person as
    recorded when known (the review screen shows it; the import gives it)."""
    people = []
    for person in contract.get("participants") or []:
        name = str(person.get("name") or "")
        known = gazetteer.find_official(name, on=on, title=person.get("title") or None)
        recorded = known is not None and known.pk is not None
        people.append((known.name if recorded else name, str(person.get("country") or "")))
    return meeting_name(
        people,
        location=str(contract.get("location") or ""),
        modality=str(contract.get("modality") or ""),
        fallback=fallback,
    )


def _refresh_tracked_fields(meeting: Meeting, last: dict, new: dict) -> list[str]:
    """Set each field to its new extracted value unless an editor changed it since ``last``."""
    last_date, last_precision = parse_contract_date(last.get("meeting_date"))
    previous = {
        "date": last_date,
        "date_precision": last_precision,
        "modality": last.get("modality") or Modality.IN_PERSON,
        "location": (last.get("location") or "")[:200],
    }
    kept = []
    for name in TRACKED_FIELDS:
        if getattr(meeting, name) == previous[name]:
            setattr(meeting, name, new[name])
        elif getattr(meeting, name) != new[name]:
            kept.append(name)
    return kept


# "WASHINGTON, Sept. 10, 2025 —", "SEOUL (Yonhap) --": where the body begins, not its words.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'-]+(?:[ ,]+[A-Z][A-Z.'-]+){0,3}"
    r"(?:,?\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?|\([A-Za-z. ]+\)))?\s*(?:—|–|--?)\s*"
)


def statement_body(cleaned) -> str:
    """A document's text as its statement shows it: without the title the page repeats above
    it, and without the dateline that opens the first paragraph."""
    body = cleaned.text[cleaned.body_start :].strip() or cleaned.text
    return _DATELINE.sub("", body, count=1)


def _readout_statement(meeting, source, text, title, contract, issuing_code, *, create: bool):
    """The document itself as a statement, and whether it was added now. Once created it is the
    editors' to correct — or to delete: a re-import (``create`` false) does not bring it back."""
    existing = Statement.objects.filter(meeting=meeting, source=source).exclude(kind="quote")
    if statement := existing.first():
        return statement, False
    if not create:
        return None, False
    kind = statement_kind(title, official_publisher=issuing_code is not None)
    statement = Statement(
        meeting=meeting,
        source=source,
        kind=kind,
        title=title[:500],
        text=text,
        # A joint statement speaks for both governments, so no single issuing country.
        issuing_country_id=None if kind == Statement.Kind.JOINT_STATEMENT else issuing_code,
        date=_date_or_none(contract.get("published_on")),
    )
    statement.full_clean()
    statement.save()
    return statement, True


def _quote_statements(meeting, source, contract, issuing_code, date, gazetteer, participants):
    """Add the quotes the meeting does not have yet; return how many were added."""
    added = 0
    existing = {
        normalise_name(t)
        for t in Statement.objects.filter(meeting=meeting, kind="quote").values_list(
            "text", flat=True
        )
    }
    speakers = {s.get("name"): s for s in contract.get("speakers", []) if s.get("name")}
    for quote in contract.get("quotes", []):
        text = (quote.get("text") or "").strip()
        if not text or normalise_name(text) in existing:
            continue
        speaker_name = quote.get("speaker") or ""
        # A speaker who is a participant created by this import is not in the gazetteer yet.
        speaker = next(
            (o for o in participants if normalise_name(o.name) == normalise_name(speaker_name)),
            None,
        )
        if speaker is None and speaker_name:
            speaker = find_official(speaker_name, gazetteer=gazetteer, on=date)
        office = speakers.get(speaker_name, {}).get("title", "")
        Statement.objects.create(
            meeting=meeting,
            source=source,
            kind=Statement.Kind.QUOTE,
            speaker=speaker,
            issuing_country_id=(speaker.country_id if speaker else issuing_code),
            issuing_office=(f"{office}, {speaker_name}" if office else speaker_name)[:200],
            text=text,
            date=_date_or_none(contract.get("published_on")) or date,
        )
        existing.add(normalise_name(text))
        added += 1
    return added


def _commitments(meeting, readout, contract, date):
    """Add the commitments the meeting does not have yet; return how many were added."""
    added = 0
    existing = {normalise_name(t) for t in meeting.commitments.values_list("passage", flat=True)}
    countries = set(Country.objects.values_list("code", flat=True))
    for item in contract.get("commitments", []):
        passage = (item.get("text") or "").strip()
        party = (item.get("party") or "").strip()
        if not passage or normalise_name(passage) in existing:
            continue
        is_joint = party.lower() == "joint" or party.upper() not in countries
        commitment = Commitment.objects.create(
            meeting=meeting,
            statement=readout,
            passage=passage,
            text=passage,
            party_id=None if is_joint else party.upper(),
            is_joint=is_joint,
        )
        commitment.topics.set(PolicyTopic.objects.filter(slug__in=item.get("topics", [])))
        CommitmentStatusEntry.objects.create(
            commitment=commitment,
            status=CommitmentStatus.NOT_YET_RATED,
            date=date,
            note="Recorded from the readout on import.",
        )
        existing.add(normalise_name(passage))
        added += 1
    return added


def _related_meetings(meeting, contract):
    """Link the recorded meetings of the dates mentioned; return how many were newly linked."""
    linked = set(meeting.related_meetings.values_list("pk", flat=True))
    before = len(linked)
    for mention in contract.get("related_meetings", []):
        day = _date_or_none(mention.get("date"))
        if day is None:
            continue
        related = (
            Meeting.objects.filter(date=day, date_precision=DatePrecision.DAY)
            .exclude(pk=meeting.pk)
            .first()
        )
        if related is not None and related.pk not in linked:
            meeting.related_meetings.add(related)
            linked.add(related.pk)
    return len(linked) - before
