"""Import the sample data's readouts through the ingestion pipeline: the White House posts of
data/wh-briefings-korea/, and the two governments' releases of data/rok-readouts/ and
data/us-readouts/, whose INDEX.csv gives what an editor would type on the paste path (address,
publisher, the government it speaks for, the meeting date when the text gives none). Releases of
a meeting already recorded attach to it, so that both governments' readouts show side by side.

The loader stands in for an editor here, and says so: a document that lands as a meeting between
US and ROK officials on a known day is published; a meeting it is less sure of stays a draft,
and a post it cannot place at all (no date in the text, no meeting found) is kept as a Source
awaiting review. Posts already kept (same content) are left alone, so a second run changes
nothing and costs no extraction.
"""

import csv
import dataclasses
import datetime
import html
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from engagements import services
from engagements.ingest import documents
from engagements.ingest.documents import IngestError
from engagements.ingest.gazetteer import Gazetteer
from engagements.ingest.importer import import_readout, keep_for_review
from engagements.ingest.pipeline import analyse
from engagements.models import Meeting, Source

BOTH_GOVERNMENTS = {"US", "KR"}


@dataclass
class DemoReport:
    published: list[str] = field(default_factory=list)
    drafts: list[str] = field(default_factory=list)
    attached: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def imported(self) -> int:
        return len(self.published) + len(self.drafts) + len(self.attached) + len(self.skipped)


# When the stored copies were collected (data/README.md): the Source's retrieval time, not the
# moment the loader happens to read the file.
WHITE_HOUSE_RETRIEVED_AT = datetime.datetime(2026, 11, 30, tzinfo=datetime.UTC)
RELEASES_RETRIEVED_AT = datetime.datetime(2026, 12, 2, tzinfo=datetime.UTC)


@dataclass
class _Item:
    name: str
    document: documents.RawDocument
    publisher: str = ""
    government: str | None = None  # None: inferred from the address or the publisher
    date: datetime.date | None = None  # an editor's date, used when the text gives none


def import_briefings(
    folder: Path, *, progress: Callable[[str], None] = lambda line: None
) -> DemoReport:
    """The White House posts: markdown with their address and date in the front matter."""
    if not folder.is_dir():
        return DemoReport()
    paths = sorted(folder.glob("[0-9]*.md"))  # the posts, not SOURCE.md
    items = [_Item(path.name, _read(path, retrieved_at=WHITE_HOUSE_RETRIEVED_AT)) for path in paths]
    return _import(items, progress)


def import_readouts(
    folder: Path, *, government: str, progress: Callable[[str], None] = lambda line: None
) -> DemoReport:
    """One government's releases, with the address, publisher, publication date and meeting
    date of each in the folder's INDEX.csv: the paste path, with an editor's answers."""
    index = folder / "INDEX.csv"
    if not index.is_file():
        return DemoReport()
    items = []
    with index.open(newline="", encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            path = folder / row["file"]
            document = dataclasses.replace(
                _read(path, retrieved_at=RELEASES_RETRIEVED_AT),
                url=html.unescape(row.get("source_url") or ""),
            )
            items.append(
                _Item(
                    path.name,
                    document,
                    publisher=row.get("publisher") or "",
                    government=government,
                    date=_iso(row.get("meeting_date")),
                )
            )
    return _import(items, progress)


def _read(path: Path, *, retrieved_at: datetime.datetime) -> documents.RawDocument:
    document = documents.from_path(path, max_bytes=settings.INGEST_MAX_BYTES)
    return dataclasses.replace(document, retrieved_at=retrieved_at)


def _iso(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _import(items: list[_Item], progress: Callable[[str], None]) -> DemoReport:
    report = DemoReport()
    # One query tells which documents are already in, so a second run costs almost nothing.
    known = set(
        Source.objects.filter(
            content_hash__in=[Source.hash_text(item.document.text) for item in items]
        ).values_list("content_hash", flat=True)
    )
    gazetteer = None
    for number, item in enumerate(items, start=1):
        document = item.document
        if Source.hash_text(document.text) in known:
            report.unchanged += 1
            continue
        progress(f"  [{number}/{len(items)}] {item.name[:90]}")
        # Officials created by earlier documents must be known to later ones: rebuild when needed.
        gazetteer = gazetteer if gazetteer is not None else Gazetteer.from_database()
        try:
            analysis = analyse(document, gazetteer=gazetteer)
            contract = analysis.contract
            result = import_readout(
                document=document,
                contract=contract,
                create_officials=True,
                meeting_date=None if contract.get("meeting_date") else item.date,
                publisher=item.publisher,
                issuing_country=item.government,
            )
        except IngestError as error:
            keep_for_review(document=document, publisher=item.publisher)
            reason = str(error)
            report.skipped.append(reason if item.name in reason else f"{item.name}: {reason}")
            continue
        if result.created_officials:
            gazetteer = None
        meeting = result.meeting
        sides = set(meeting.participations.values_list("side_id", flat=True))
        if result.attached_to_existing:
            # The other government's readout may name the side the first one left out.
            if sides >= BOTH_GOVERNMENTS and not meeting.is_published:
                services.publish_meetings(meetings=Meeting.objects.filter(pk=meeting.pk))
            report.attached.append(meeting.title)
            continue
        if sides >= BOTH_GOVERNMENTS:
            services.publish_meetings(meetings=Meeting.objects.filter(pk=meeting.pk))
            report.published.append(meeting.title)
        else:
            report.drafts.append(meeting.title)
    return report
