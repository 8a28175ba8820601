"""Import the White House posts kept in data/wh-briefings-korea/ through the ingestion pipeline,
for the sample data.

The loader stands in for an editor here, and says so: a post that lands as a meeting between
US and ROK officials on a known day is published; anything it cannot place stays a draft in the
review queue. Posts already imported (same content) are left alone, so a second run changes
nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from engagements import services
from engagements.ingest import documents
from engagements.ingest.documents import IngestError
from engagements.ingest.gazetteer import Gazetteer
from engagements.ingest.importer import import_readout
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


def import_briefings(
    folder: Path, *, progress: Callable[[str], None] = lambda line: None
) -> DemoReport:
    report = DemoReport()
    paths = sorted(folder.glob("[0-9]*.md"))  # the posts, not SOURCE.md
    gazetteer = None
    for number, path in enumerate(paths, start=1):
        document = documents.from_path(path, max_bytes=settings.INGEST_MAX_BYTES)
        if Source.objects.filter(content_hash=Source.hash_text(document.text)).exists():
            report.unchanged += 1
            continue
        progress(f"  [{number}/{len(paths)}] {path.name[:90]}")
        # Officials created by earlier posts must be known to later ones: rebuild when needed.
        gazetteer = gazetteer if gazetteer is not None else Gazetteer.from_database()
        try:
            analysis = analyse(document, gazetteer=gazetteer)
            result = import_readout(
                document=document, contract=analysis.contract, create_officials=True
            )
        except IngestError as error:
            report.skipped.append(f"{path.name}: {error}")
            continue
        if result.created_officials:
            gazetteer = None
        meeting = result.meeting
        if result.attached_to_existing:
            report.attached.append(meeting.title)
            continue
        sides = set(meeting.participations.values_list("side_id", flat=True))
        if sides >= BOTH_GOVERNMENTS:
            services.publish_meetings(meetings=Meeting.objects.filter(pk=meeting.pk))
            report.published.append(meeting.title)
        else:
            report.drafts.append(meeting.title)
    return report
