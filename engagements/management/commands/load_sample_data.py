"""``manage.py load_sample_data``: the real sample data, loaded idempotently.

Reads data/ (the Office of the Historian's records, the seed meeting's documents and the White
House posts about US–ROK meetings; see data/README.md) and loads it in one transaction. Run it
again and nothing changes.
"""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from engagements import dedupe
from engagements.ingest.demo import import_briefings, import_readouts
from engagements.sample_data import SampleDataError
from engagements.sample_data.loader import load_sample_data


class Command(BaseCommand):
    help = (
        "Load the real sample data: US–ROK meetings and US officials from the Office of the "
        "Historian, and the hand-curated seed meeting. Idempotent; all or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=None,
            help="Folder with history-at-state/ and readouts/ (default: the repository data/).",
        )

    def handle(self, *args, data_dir: Path | None, verbosity: int, **options):
        data_dir = (data_dir or Path(settings.BASE_DIR) / "data").resolve()
        started = time.monotonic()

        def progress(message: str, level: int) -> None:
            if verbosity >= level:
                self.stdout.write(message)

        try:
            with transaction.atomic():
                summary = load_sample_data(data_dir=data_dir, progress=progress)
                progress("Importing White House posts through the readout pipeline", 1)
                briefings = import_briefings(
                    data_dir / "wh-briefings-korea", progress=lambda line: progress(line, 2)
                )
                progress("Importing the two governments' releases through the pipeline", 1)
                releases = {
                    government: import_readouts(
                        data_dir / folder,
                        government=government,
                        progress=lambda line: progress(line, 2),
                    )
                    for folder, government in (("us-readouts", "US"), ("rok-readouts", "KR"))
                }
                settled = dedupe.settle()
        except SampleDataError as exc:
            raise CommandError(f"{exc} — nothing was loaded.") from exc
        if verbosity >= 1:
            for line in summary.lines():
                self.stdout.write(f"  {line}")
            self._report_briefings("White House posts", briefings)
            self._report_briefings("US releases", releases["US"])
            self._report_briefings("ROK releases", releases["KR"])
            self._report_settled(settled)
        elapsed = f"{time.monotonic() - started:.1f} s"
        imported = briefings.imported + sum(r.imported for r in releases.values())
        if summary.changed or imported:
            self.stdout.write(self.style.SUCCESS(f"Sample data loaded in {elapsed}."))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Nothing to change: the sample data is already loaded ({elapsed})."
                )
            )

    def _report_settled(self, settled):
        self.stdout.write(
            f"  One event, one meeting: merged {len(settled.merged)} records of the same event, "
            f"linked {len(settled.parented)} meetings to the visit they took place during, "
            f"recorded {len(settled.distinct)} pairs as distinct events; "
            f"{len(settled.unsure)} pairs wait for an editor (Meetings, possible duplicates)."
        )
        for line in settled.merged:
            self.stdout.write(f"    - merged {line}")

    def _report_briefings(self, label, report):
        if not report.imported:
            self.stdout.write(f"  {label}: {report.unchanged} already imported")
            return
        # This command stands in for an editor here; say so, since publishing is otherwise an
        # editor's explicit act.
        self.stdout.write(
            f"  {label}: published {len(report.published)} meetings on the editors' "
            f"behalf, attached {len(report.attached)} to meetings already recorded, left "
            f"{len(report.drafts)} as drafts for review; {len(report.skipped)} could not be "
            "placed and wait in the review queue (Sources, 'Placed: no')"
            + (":" if report.skipped else ".")
        )
        for reason in report.skipped:
            self.stdout.write(f"    - {reason}")
