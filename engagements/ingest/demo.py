"""Import the White House posts kept in data/wh-briefings-korea/ through the ingestion pipeline,
for the sample data.

The loader stands in for an editor here, and says so: a post that lands as a meeting between
US and ROK officials on a known day is published; a meeting it is less sure of stays a draft,
and a post it cannot place at all (no date in the text, no meeting found) is kept as a Source
awaiting review. Posts already kept (same content) are left alone, so a second run changes
nothing and costs no extraction.
"""

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


def import_briefings(
    folder: Path, *, progress: Callable[[str], None] = lambda line: None
) -> DemoReport:
    report = DemoReport()
    if not folder.is_dir():
        return report
    paths = sorted(folder.glob("[0-9]*.md"))  # the posts, not SOURCE.md
    posts = [documents.from_path(path, max_bytes=settings.INGEST_MAX_BYTES) for path in paths]
    # One query tells which posts are already in, so a second run costs almost nothing.
    known = set(
        Source.objects.filter(
            content_hash__in=[Source.hash_text(post.text) for post in posts]
        ).values_list("content_hash", flat=True)
    )
    gazetteer = None
    for number, (path, document) in enumerate(zip(paths, posts, strict=True), start=1):
        if Source.hash_text(document.text) in known:
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
            keep_for_review(document=document)
            reason = str(error)
            report.skipped.append(reason if path.name in reason else f"{path.name}: {reason}")
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
