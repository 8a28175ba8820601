"""Import readout documents (files or URLs) as draft meetings, or show what would be extracted.

    manage.py ingest_readout PATH_OR_URL... [--dry-run] [--format json|text]

`--dry-run --format json FILE` prints exactly the ingestion contract (DESIGN.md) and writes
nothing. Nothing this command imports is published: an editor does that in the admin.
"""

import datetime
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from engagements.ingest import documents
from engagements.ingest.documents import IngestError
from engagements.ingest.gazetteer import Gazetteer
from engagements.ingest.importer import import_readout
from engagements.ingest.pipeline import analyse


class Command(BaseCommand):
    help = "Import readout documents as draft meetings (never published), or preview them."

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument(
            "--dry-run", action="store_true", help="Extract and print; write nothing."
        )
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument(
            "--create-officials",
            action="store_true",
            help="Create officials the database does not know yet (otherwise they are listed "
            "for confirmation and left out).",
        )
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            help="The meeting date (YYYY-MM-DD) when the text does not establish it.",
        )

    def handle(self, *args, inputs, dry_run, format, create_officials, date, **options):
        gazetteer = Gazetteer.from_database()
        failures = 0
        many = len(inputs) > 1
        for number, item in enumerate(inputs, start=1):
            if many:
                self.stderr.write(f"[{number}/{len(inputs)}] {item}")
            try:
                document = documents.load(
                    item,
                    max_bytes=settings.INGEST_MAX_BYTES,
                    allow_private=settings.INGEST_ALLOW_PRIVATE_ADDRESSES,
                )
                analysis = analyse(document, gazetteer=gazetteer)
                if dry_run:
                    self._print(analysis.contract, format)
                    continue
                result = import_readout(
                    document=document,
                    contract=analysis.contract,
                    create_officials=create_officials,
                    meeting_date=date,
                )
            except IngestError as error:
                failures += 1
                message = str(error) if item in str(error) else f"{item}: {error}"
                self.stderr.write(self.style.ERROR(message))
                continue
            self._report(result, format)
        if failures:
            noun = "document" if len(inputs) == 1 else "documents"
            raise CommandError(f"{failures} of {len(inputs)} {noun} could not be imported.")

    def _print(self, contract, format):
        if format == "json":
            self.stdout.write(json.dumps(contract, ensure_ascii=False, indent=2))
            return
        people = ", ".join(
            f"{p['name']} ({p.get('title') or '?'}, {p.get('country') or '?'})"
            for p in contract["participants"]
        )
        lines = [
            f"Title:        {contract['title']}",
            f"Published:    {contract['published_on'] or 'unknown'}",
            f"Meeting date: {contract['meeting_date'] or 'not established'}"
            f" ({contract['date_precision'] or '-'})",
            f"Modality:     {contract['modality'] or 'unknown'}",
            f"Location:     {contract['location'] or '-'}",
            f"Participants: {people or 'none found'}",
            f"Topics:       {', '.join(contract['topics']) or '-'}",
            f"Quotes:       {len(contract['quotes'])}",
            f"Commitments:  {len(contract['commitments'])}",
        ]
        self.stdout.write("\n".join(lines))

    def _report(self, result, format):
        if format == "json":
            payload = {
                "meeting": result.meeting.slug,
                "publication_state": result.meeting.publication_state,
                "created": result.created_meeting,
                "attached_to_existing": result.attached_to_existing,
                "reimport": result.reimport,
                "kept_editor_values": result.kept_editor_values,
                "pending_officials": result.pending_officials,
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        self.stdout.write(self.style.SUCCESS(result.summary))
        if result.kept_editor_values:
            kept = ", ".join(result.kept_editor_values)
            self.stdout.write(f"  Kept the editor's values for: {kept}.")
        for person in result.pending_officials:
            self.stdout.write(
                f"  Unknown official left out, to confirm: {person.get('name')} "
                f"({person.get('title') or 'no title'}, {person.get('country') or '?'}); "
                "re-run with --create-officials or confirm in the admin import screen."
            )
