"""Writing the sample data: the Office of the Historian's records and the hand-curated seed
meeting, as plans made by the pure modules beside this one (`historian`, `plans`, `seed`)."""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models, transaction
from django.utils import timezone

from engagements.ingest.fields.topics import topics_in
from engagements.ingest.gazetteer import Gazetteer
from engagements.models import (
    Appointment,
    Commitment,
    CommitmentStatus,
    CommitmentStatusEntry,
    DatePrecision,
    Meeting,
    MeetingSource,
    Modality,
    Official,
    OfficialAlias,
    Participation,
    PolicyTopic,
    Source,
    Statement,
    unique_slug,
)
from engagements.sample_data import SampleDataError, seed
from engagements.sample_data.historian import (
    STATE,
    HistorianData,
    Progress,
    no_progress,
    read_historian_data,
)
from engagements.sample_data.plans import (
    AppointmentPlan,
    MeetingPlan,
    OfficialPlan,
    OfficialRef,
    ParticipantPlan,
    SourcePlan,
    korean_official_plan,
    plan_meetings,
    plan_officials,
)
from engagements.sample_data.rok_officials import ROK_BY_NAME
from engagements.sample_data.supplement import load_supplement

# --- Loading the sample data (`manage.py load_sample_data`) ---------------------------------
# Idempotent: every row is found again by a stable key and only missing rows are created, so a
# second run writes nothing (no `updated_at` bump, no history entry) and an editor's
# corrections to loaded rows survive. It never deletes.

CREATED, UNCHANGED = "created", "unchanged"
LOADED_REASON = "Loaded by load_sample_data"
# When the Historian's files were copied into data/ (from the commits named in SOURCE.md).
HISTORIAN_RETRIEVED_AT = datetime.datetime(2026, 11, 30, tzinfo=datetime.UTC)


@dataclass
class LoadSummary:
    """Created/unchanged counts per kind of row, in the order first seen."""

    counts: dict[str, Counter] = field(default_factory=dict)

    def record(self, label: str, action: str) -> None:
        self.counts.setdefault(label, Counter())[action] += 1

    @property
    def changed(self) -> bool:
        return any(c[CREATED] for c in self.counts.values())

    def lines(self) -> list[str]:
        return [
            f"{label}: {c[CREATED]} created, {c[UNCHANGED]} unchanged"
            for label, c in self.counts.items()
        ]


def _label(model: type[models.Model]) -> str:
    return str(model._meta.verbose_name_plural).capitalize()


def _save(instance: models.Model) -> None:
    instance.full_clean()
    instance._change_reason = LOADED_REASON  # shown in the admin's history
    instance.save()


def _sync[M: models.Model](
    summary: LoadSummary, model: type[M], existing: M | None, values: dict, **on_create
) -> M:
    """Create the row from ``values`` (plus ``on_create``) unless it exists; record which.

    A row that exists is left as it is, even where it differs from the data files: it may
    carry an editor's correction, and running the loader again must change nothing."""
    if existing is not None:
        summary.record(_label(model), UNCHANGED)
        return existing
    instance = model(**values, **on_create)
    if isinstance(instance, Meeting | Official) and not instance.slug:
        # full_clean() needs the slug that save() would otherwise make.
        text = f"{instance.date:%Y-%m-%d} {instance.title}" if model is Meeting else instance.name
        instance.slug = unique_slug(model, text)
    if isinstance(instance, Meeting) and instance.is_published:
        instance.published_at = timezone.now()
    _save(instance)
    summary.record(_label(model), CREATED)
    return instance


def _sync_set(summary: LoadSummary, label: str, present: set, wanted: Iterable, add) -> None:
    """Add the members of ``wanted`` not in ``present`` (by calling ``add``); count both."""
    for item in wanted:
        if item in present:
            summary.record(label, UNCHANGED)
        else:
            add(item)
            present.add(item)
            summary.record(label, CREATED)


class _Officials:
    """Officials by ``OfficialRef``, fetched in a few queries and kept for the whole load."""

    def __init__(self, summary: LoadSummary, refs: Iterable[OfficialRef]):
        self.summary = summary
        self.by_ref: dict[OfficialRef, Official] = {}
        refs = list(refs)
        officials = Official.objects.prefetch_related("aliases", "appointments")
        keys = [ref.key for ref in refs]
        # The Historian's officials are known by its id; everyone else (ROK officials, the
        # spokesperson) by country and name.
        for o in officials.filter(historian_id__in=keys):
            self.by_ref[OfficialRef(o.country_id, o.historian_id)] = o
        for o in officials.filter(historian_id="", name__in=keys):
            self.by_ref.setdefault(OfficialRef(o.country_id, o.name), o)

    def __getitem__(self, ref: OfficialRef) -> Official:
        return self.by_ref[ref]

    def get(self, ref: OfficialRef) -> Official | None:
        return self.by_ref.get(ref)

    def sync(self, plan: OfficialPlan) -> Official:
        values = {"name": plan.name, "country_id": plan.ref.country}
        # Only what the plan knows: an editor's native name or notes on a US official stay.
        for name in ("historian_id", "native_name", "notes"):
            if getattr(plan, name):
                values[name] = getattr(plan, name)
        official = _sync(self.summary, Official, self.by_ref.get(plan.ref), values)
        self.by_ref[plan.ref] = official
        self.sync_aliases(official, plan.aliases)
        self.sync_appointments(official, plan.appointments)
        return official

    def sync_appointments(self, official: Official, plans: Iterable[AppointmentPlan]) -> None:
        appointments = {(a.title, a.start): a for a in official.appointments.all()}
        for a in plans:
            _sync(
                self.summary,
                Appointment,
                appointments.get((a.title, a.start)),
                {"organisation": a.organisation, "end": a.end},
                official=official,
                title=a.title,
                start=a.start,
            )

    def sync_aliases(self, official: Official, aliases: Iterable[str]) -> None:
        _sync_set(
            self.summary,
            _label(OfficialAlias),
            {a.alias for a in official.aliases.all()},
            aliases,
            lambda alias: _save(OfficialAlias(official=official, alias=alias)),
        )


def _topics(slugs: Iterable[str]) -> list[PolicyTopic]:
    slugs = list(slugs)
    topics = {t.slug: t for t in PolicyTopic.objects.filter(slug__in=slugs)}
    missing = sorted(set(slugs) - set(topics))
    if missing:
        raise SampleDataError(
            "engagements/migrations/0002_baseline_data.py",
            f"the database has no topic {', '.join(missing)}: run `manage.py migrate`",
        )
    return [topics[slug] for slug in slugs]


def _sync_source(
    summary: LoadSummary, existing: Source | None, plan: SourcePlan, **extra
) -> Source:
    values = {
        "url": plan.url,
        "title": plan.title,
        "publisher": plan.publisher,
        "raw_text": plan.raw_text,
        # Kept in step with the text: save() only fills an empty hash.
        "content_hash": Source.hash_text(plan.raw_text or plan.url or plan.title),
        **extra,
    }
    return _sync(summary, Source, existing, values)


def _link_sources(summary: LoadSummary, meeting: Meeting, sources: list[Source], linked: set):
    _sync_set(
        summary,
        "Meeting sources",
        linked,
        [(meeting.pk, s.pk) for s in sources],
        lambda pair: _save(MeetingSource(meeting_id=pair[0], source_id=pair[1])),
    )


def _sync_participants(
    summary: LoadSummary,
    officials: _Officials,
    meeting: Meeting,
    participants: Iterable[ParticipantPlan],
    existing: dict[tuple[int, int], Participation],
) -> None:
    for p in participants:
        official = officials[p.official]
        _sync(
            summary,
            Participation,
            existing.get((meeting.pk, official.pk)),
            {
                "side_id": p.side,
                "role": p.role,
                "title": p.title,
                "inferred_basis": p.inferred_basis,
            },
            meeting=meeting,
            official=official,
        )


def _meeting_values(plan: MeetingPlan) -> dict:
    return {
        "title": plan.title,
        "date": plan.date,
        "date_precision": DatePrecision.DAY,
        "end_date": plan.end_date,
        "modality": Modality.IN_PERSON,
        "level": plan.level,
        "location": plan.location,
        "status": Meeting.Status.CONFIRMED,
        "summary": plan.summary,
        "publication_state": Meeting.Publication.PUBLISHED,
    }


def load_historian_data(
    *, data: HistorianData, summary: LoadSummary | None = None, progress: Progress = no_progress
) -> LoadSummary:
    """Officials with their appointments, then one published meeting per engagement.

    A meeting is found again through its Sources: each is one Historian record, at the page's
    URL with the trip or visit id as fragment (``…/travels/secretary/blinken-antony-j#trip-4020``)
    — the only stable key the data has, and one that keeps ``Source.url`` unique per record
    while titles and slugs stay free to improve.
    """
    summary = summary if summary is not None else LoadSummary()
    meetings = plan_meetings(data)
    officials_plan = plan_officials(data, meetings)
    with transaction.atomic():
        officials = _Officials(summary, [plan.ref for plan in officials_plan])
        for plan in officials_plan:
            officials.sync(plan)
        progress(f"Loaded {len(officials_plan)} officials and their appointments", 1)

        urls = [source.url for plan in meetings for source in plan.sources]
        sources = {s.url: s for s in Source.objects.filter(url__in=urls)}
        links = MeetingSource.objects.filter(source__url__in=urls)
        linked = set(links.values_list("meeting_id", "source_id"))
        meeting_of_url = dict(links.values_list("source__url", "meeting_id"))
        existing = Meeting.objects.in_bulk(set(meeting_of_url.values()))
        participations = {
            (p.meeting_id, p.official_id): p
            for p in Participation.objects.filter(meeting_id__in=list(existing))
        }
        # Topics the record's remarks name, by the rules readouts are read with.
        gazetteer = Gazetteer.from_database()
        topic_by_slug = {t.slug: t for t in PolicyTopic.objects.all()}
        topic_by_id = {t.pk: t for t in topic_by_slug.values()}
        topics_of: dict[int, set[PolicyTopic]] = {}
        for link in Meeting.topics.through.objects.filter(meeting_id__in=list(existing)):
            topics_of.setdefault(link.meeting_id, set()).add(topic_by_id[link.policytopic_id])
        for n, plan in enumerate(meetings, start=1):
            found = next(
                (meeting_of_url[s.url] for s in plan.sources if s.url in meeting_of_url), None
            )
            meeting = _sync(summary, Meeting, existing.get(found), _meeting_values(plan))
            loaded = [
                _sync_source(summary, sources.get(s.url), s, retrieved_at=HISTORIAN_RETRIEVED_AT)
                for s in plan.sources
            ]
            _link_sources(summary, meeting, loaded, linked)
            _sync_participants(summary, officials, meeting, plan.participants, participations)
            _sync_set(
                summary,
                "Meeting topics",
                topics_of.setdefault(meeting.pk, set()),
                [
                    topic_by_slug[s]
                    for s in topics_in(plan.summary, gazetteer)
                    if s in topic_by_slug
                ],
                meeting.topics.add,
            )
            progress(f"  {plan.date} {plan.title}", 2)
            if n % 25 == 0 or n == len(meetings):
                progress(f"Loaded {n} of {len(meetings)} meetings", 1)
    return summary


def load_seed_meeting(
    *, documents: seed.SeedDocuments, summary: LoadSummary | None = None
) -> Meeting:
    """The hand-curated Rubio–Cho meeting of 2025-09-10 and the Trump–Lee meeting it followed.

    Seed rows are found again by natural keys: meetings by date and title, the readout by URL,
    the article (which has no URL) by its content hash, statements by their text, commitments
    by their passage.
    """
    with transaction.atomic():
        rubio_ref, trump_ref = OfficialRef("US", seed.RUBIO_ID), OfficialRef("US", seed.TRUMP_ID)
        cho_ref, lee_ref = OfficialRef("KR", "Cho Hyun"), OfficialRef("KR", "Lee Jae Myung")
        pigott_ref = OfficialRef("US", seed.PIGOTT)
        summary = summary if summary is not None else LoadSummary()
        officials = _Officials(summary, [rubio_ref, trump_ref, cho_ref, lee_ref, pigott_ref])
        # Rubio and Trump come from the Historian's data; created here only if it lacks them.
        rubio_post = AppointmentPlan("Secretary of State", STATE, seed.RUBIO_TAKES_OFFICE, None)
        rubio = officials.get(rubio_ref) or officials.sync(
            OfficialPlan(rubio_ref, "Marco Rubio", seed.RUBIO_ID, appointments=[rubio_post])
        )
        if not rubio.title_on(seed.MEETING_DATE):
            officials.sync_appointments(rubio, [rubio_post])
        officials.sync_aliases(rubio, ["Secretary Rubio"])
        if officials.get(trump_ref) is None:
            officials.sync(OfficialPlan(trump_ref, "Donald J. Trump", seed.TRUMP_ID))
        officials.sync(korean_official_plan(ROK_BY_NAME["Cho Hyun"]))
        officials.sync(korean_official_plan(ROK_BY_NAME["Lee Jae Myung"]))
        # We know Pigott held the post on the meeting date, not when he took it up: the
        # appointment starts on the earliest date our documents attest, and the note says so.
        pigott = officials.sync(
            OfficialPlan(
                pigott_ref,
                seed.PIGOTT,
                notes=f"{seed.PIGOTT_TITLE}, U.S. Department of State. His appointment here "
                f"starts on {seed.MEETING_DATE}, the earliest date our sources show him in the "
                "post, not the day he took it up.",
                appointments=[AppointmentPlan(seed.PIGOTT_TITLE, STATE, seed.MEETING_DATE, None)],
            )
        )

        article_hash = Source.hash_text(documents.article)
        article = _sync_source(
            summary,
            Source.objects.filter(content_hash=article_hash).first(),
            SourcePlan(
                seed.ARTICLE_URL, seed.ARTICLE_TITLE, documents.article, seed.ARTICLE_PUBLISHER
            ),
        )
        readout_source = _sync_source(
            summary,
            Source.objects.filter(url=seed.READOUT_URL).first(),
            SourcePlan(
                seed.READOUT_URL, seed.READOUT_TITLE, documents.readout, seed.READOUT_PUBLISHER
            ),
            published_on=seed.MEETING_DATE,
        )
        linked = set(
            MeetingSource.objects.filter(source__in=[article, readout_source]).values_list(
                "meeting_id", "source_id"
            )
        )

        summit = _seed_meeting(
            summary,
            title=seed.SUMMIT_TITLE,
            date=seed.SUMMIT_DATE,
            level=Meeting.Level.LEADERS,
            location=seed.SUMMIT_LOCATION,
            summary_text=seed.SUMMIT_SUMMARY,
        )
        _link_sources(summary, summit, [article], linked)
        _sync_participants(
            summary,
            officials,
            summit,
            [
                ParticipantPlan(trump_ref, "US", "host", "President"),
                ParticipantPlan(lee_ref, "KR", "principal", "President of the Republic of Korea"),
            ],
            {(p.meeting_id, p.official_id): p for p in summit.participations.all()},
        )

        meeting = _seed_meeting(
            summary,
            title=seed.MEETING_TITLE,
            date=seed.MEETING_DATE,
            level=Meeting.Level.MINISTERIAL,
            location="",  # neither document says where they met
            summary_text=seed.MEETING_SUMMARY,
        )
        _link_sources(summary, meeting, [article, readout_source], linked)
        _sync_participants(
            summary,
            officials,
            meeting,
            [
                ParticipantPlan(rubio_ref, "US", "principal", "Secretary of State"),
                ParticipantPlan(cho_ref, "KR", "principal", "Foreign Minister"),
            ],
            {(p.meeting_id, p.official_id): p for p in meeting.participations.all()},
        )
        _sync_set(
            summary,
            "Meeting topics",
            set(meeting.topics.all()),
            _topics(seed.TOPICS),
            meeting.topics.add,
        )
        # Symmetrical: the summit lists the Rubio–Cho meeting as related too.
        _sync_set(
            summary,
            "Related meetings",
            set(meeting.related_meetings.all()),
            [summit],
            meeting.related_meetings.add,
        )

        statements = {(s.kind, s.text): s for s in meeting.statements.all()}
        common = {
            "issuing_country_id": "US",
            "issuing_office": seed.SPOKESPERSON_OFFICE,
            "language": "en",
            "date": seed.MEETING_DATE,
        }
        readout = _sync(
            summary,
            Statement,
            statements.get((Statement.Kind.READOUT, documents.readout_release)),
            {**common, "title": seed.READOUT_TITLE, "source_id": readout_source.pk},
            meeting=meeting,
            kind=Statement.Kind.READOUT,
            text=documents.readout_release,
        )
        for quote in seed.QUOTES:
            _sync(
                summary,
                Statement,
                statements.get((Statement.Kind.QUOTE, quote)),
                {**common, "speaker_id": pigott.pk, "source_id": article.pk},
                meeting=meeting,
                kind=Statement.Kind.QUOTE,
                text=quote,
            )

        commitments = {c.passage: c for c in meeting.commitments.prefetch_related("topics")}
        for item in seed.COMMITMENTS:
            joint = item.party == "joint"
            commitment = _sync(
                summary,
                Commitment,
                commitments.get(item.passage),
                {
                    "statement_id": readout.pk,
                    "text": item.text,
                    "party_id": None if joint else item.party,
                    "is_joint": joint,
                },
                meeting=meeting,
                passage=item.passage,
            )
            _sync_set(
                summary,
                "Commitment topics",
                set(commitment.topics.all()),
                _topics(item.topics),
                commitment.topics.add,
            )
            _sync(
                summary,
                CommitmentStatusEntry,
                commitment.status_entries.filter(
                    date=seed.MEETING_DATE, status=CommitmentStatus.NOT_YET_RATED
                ).first(),
                {"note": seed.FIRST_STATUS_NOTE, "evidence_source_id": readout_source.pk},
                commitment=commitment,
                date=seed.MEETING_DATE,
                status=CommitmentStatus.NOT_YET_RATED,
            )
    return meeting


def _seed_meeting(summary: LoadSummary, *, title, date, level, location, summary_text) -> Meeting:
    plan = MeetingPlan(title, date, None, level, location, summary_text, [], [])
    titles = [title, *seed.FORMER_TITLES.get(title, ())]
    existing = Meeting.objects.filter(date=date, title__in=titles).first()
    return _sync(summary, Meeting, existing, _meeting_values(plan))


def load_sample_data(*, data_dir: Path, progress: Progress = no_progress) -> LoadSummary:
    """Read every sample file, then load it all in one transaction: a malformed file raises
    ``SampleDataError`` before anything is written, and a failure while writing leaves the
    database as it was."""
    data = read_historian_data(data_dir, progress=progress)
    documents = seed.read_seed(data_dir)
    progress(f"Read {data.files_read} Historian files and the seed meeting's 2 documents", 1)
    summary = LoadSummary()
    with transaction.atomic():
        load_historian_data(data=data, summary=summary, progress=progress)
        load_supplement(data_dir=data_dir, summary=summary)
        load_seed_meeting(documents=documents, summary=summary)
        progress("Loaded the seed meeting", 1)
    return summary
