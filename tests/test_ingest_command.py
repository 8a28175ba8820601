"""`manage.py ingest_readout`: the dry run prints the contract and writes nothing; a real run
makes drafts, never published; bad input exits non-zero with a sentence and writes nothing."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from engagements.ingest.demo import import_briefings
from engagements.models import Meeting, Source

pytestmark = pytest.mark.django_db

READOUTS = Path(__file__).parent / "ingest" / "readouts"
CONTRACT_KEYS = [
    "title",
    "published_on",
    "meeting_date",
    "date_precision",
    "modality",
    "location",
    "participants",
    "speakers",
    "quotes",
    "topics",
    "commitments",
    "related_meetings",
    "evidence",
    "confidence",
]


def run(*args):
    from io import StringIO

    out, err = StringIO(), StringIO()
    call_command("ingest_readout", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_dry_run_prints_exactly_the_contract_and_writes_nothing():
    out, _ = run(
        "--dry-run", "--format", "json", str(READOUTS / "22-state-rubio-cho-hyun-sept-2025.txt")
    )
    contract = json.loads(out)
    assert list(contract) == CONTRACT_KEYS
    assert contract["meeting_date"] == "2025-09-10"
    assert contract["modality"] == "in_person"
    assert {(p["name"], p["country"]) for p in contract["participants"]} == {
        ("Marco Rubio", "US"),
        ("Cho Hyun", "KR"),
    }
    assert contract["speakers"][0]["name"] == "Tommy Pigott"
    assert "shipbuilding" in contract["topics"]
    assert Meeting.objects.count() == 0
    assert Source.objects.count() == 0


def test_import_makes_a_draft_and_never_publishes():
    out, _ = run("--create-officials", str(READOUTS / "01-wh-biden-moon-call-2021.txt"))
    meeting = Meeting.objects.get()
    assert meeting.publication_state == Meeting.Publication.DRAFT
    assert meeting.modality == "phone_call"
    assert "Created the draft" in out
    again, _ = run(str(READOUTS / "01-wh-biden-moon-call-2021.txt"))
    assert "Updated the draft" in again
    assert Meeting.objects.count() == 1


def test_a_batch_shows_progress_and_reports_each_failure(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    with pytest.raises(CommandError, match="1 of 2 documents could not be imported"):
        call_command(
            "ingest_readout",
            "--dry-run",
            str(empty),
            str(READOUTS / "03-dod-austin-suh-call-2021.txt"),
        )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x00\x01binary", "binary file"),
        ("회담".encode("euc-kr"), "not valid UTF-8"),
        (b"<html><script>alert(1)</script></html>", "no readable text"),
        (b"The weather in Seoul was fine today.", "describes no meeting"),
    ],
)
def test_bad_file_exits_non_zero_with_a_sentence(tmp_path, capsys, content, message):
    path = tmp_path / "readout.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError):
        call_command("ingest_readout", str(path))
    assert message in capsys.readouterr().err
    assert Source.objects.count() == 0


def test_non_http_address_is_refused(capsys):
    with pytest.raises(CommandError):
        call_command("ingest_readout", "file:///etc/passwd")
    assert "Only http:// and https:// addresses" in capsys.readouterr().err


def test_demo_briefings_are_imported_once(tmp_path):
    for name in ("01-wh-biden-moon-call-2021.txt", "05-wh-biden-yoon-unga-2022.txt"):
        (tmp_path / name.replace(".txt", ".md")).write_bytes((READOUTS / name).read_bytes())
    first = import_briefings(tmp_path)
    assert len(first.published) == 2
    assert Meeting.objects.published().count() == 2
    second = import_briefings(tmp_path)
    assert second.unchanged == 2
    assert second.published == []
    assert Meeting.objects.count() == 2


def test_demo_posts_that_cannot_be_placed_wait_for_review(tmp_path):
    (tmp_path / "2021-01-01-statement.md").write_text("The weather in Seoul was fine today.\n")
    report = import_briefings(tmp_path)
    assert len(report.skipped) == 1
    kept = Source.objects.get()
    assert not kept.meetings.exists()
    assert import_briefings(tmp_path).unchanged == 1
