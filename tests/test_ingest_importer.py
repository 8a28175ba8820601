"""An extracted readout becomes a draft meeting; the same document again updates it without
undoing an editor's corrections; a second government's readout of the same meeting is attached
to it; failures write nothing."""

import copy
import datetime
import importlib
import threading

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection

from engagements import services
from engagements.ingest.documents import IngestError, RawDocument
from engagements.ingest.importer import import_readout
from engagements.models import (
    Commitment,
    Meeting,
    Official,
    OfficialAlias,
    Participation,
    PolicyTopic,
    Source,
    Statement,
)

pytestmark = pytest.mark.django_db

READOUT = """Secretary Rubio's Meeting With Republic of Korea Foreign Minister Cho

Secretary of State Marco Rubio met with Republic of Korea Foreign Minister Cho Hyun today in
Washington. The Secretary and Foreign Minister discussed shipbuilding and North Korea.
"""

CONTRACT = {
    "title": "Secretary Rubio's Meeting With Republic of Korea Foreign Minister Cho",
    "published_on": "2025-09-10",
    "meeting_date": "2025-09-10",
    "date_precision": "day",
    "modality": "in_person",
    "location": "Washington",
    "participants": [
        {"name": "Marco Rubio", "title": "Secretary of State", "country": "US"},
        {"name": "Cho Hyun", "title": "Foreign Minister", "country": "KR"},
    ],
    "speakers": [
        {"name": "Tommy Pigott", "title": "Principal Deputy Spokesperson", "country": "US"}
    ],
    "quotes": [{"speaker": "Tommy Pigott", "text": "The Secretary and Foreign Minister met."}],
    "topics": ["shipbuilding", "north-korea"],
    "commitments": [
        {"party": "joint", "text": "They reiterated their commitment.", "topics": ["north-korea"]},
        {"party": "US", "text": "The United States welcomes ROK investment.", "topics": []},
    ],
    "related_meetings": [
        {"text": "President Trump and President Lee on August 25", "date": "2025-08-25"}
    ],
    "evidence": {"meeting_date": "met with", "participants": ["Secretary of State Marco Rubio"]},
}

URL = "https://www.state.gov/releases/office-of-the-spokesperson/2025/09/rubio-cho"


def document(text=READOUT, url=URL):
    return RawDocument(text=text, content_type="text/plain", url=url)


@pytest.fixture
def rubio(db):
    return Official.objects.create(name="Marco Rubio", country_id="US")


def test_import_creates_a_draft_meeting_with_everything(rubio):
    trump_lee = Meeting.objects.create(
        title="Trump–Lee", date=datetime.date(2025, 8, 25), publication_state="published"
    )
    result = import_readout(document=document(), contract=CONTRACT)
    meeting = result.meeting
    assert result.created_meeting
    assert meeting.publication_state == Meeting.Publication.DRAFT
    assert meeting.date == datetime.date(2025, 9, 10)
    assert meeting.location == "Washington"
    # Cho Hyun is unknown: proposed for confirmation, not created.
    assert [p.official for p in meeting.participations.all()] == [rubio]
    assert [p["name"] for p in result.pending_officials] == ["Cho Hyun"]
    assert not Official.objects.filter(name="Cho Hyun").exists()

    source = Source.objects.get()
    assert source.url == URL
    assert source.publisher == "U.S. Department of State"
    readout = Statement.objects.get(meeting=meeting, kind="readout")
    assert readout.issuing_country_id == "US"
    assert readout.source == source
    quote = Statement.objects.get(meeting=meeting, kind="quote")
    assert quote.text == "The Secretary and Foreign Minister met."
    assert "Tommy Pigott" in quote.issuing_office
    assert set(meeting.topics.values_list("slug", flat=True)) == {"shipbuilding", "north-korea"}
    joint, american = meeting.commitments.order_by("pk")
    assert joint.is_joint
    assert list(joint.topics.values_list("slug", flat=True)) == ["north-korea"]
    assert american.party_id == "US"
    assert joint.statement == readout
    assert joint.latest_status.status == "not_yet_rated"
    assert list(meeting.related_meetings.all()) == [trump_lee]
    assert meeting.imports.get().extracted == CONTRACT


def test_confirmed_new_officials_are_created(rubio):
    result = import_readout(
        document=document(), contract=CONTRACT, confirmed_officials={"Cho Hyun"}
    )
    cho = Official.objects.get(name="Cho Hyun")
    assert cho.country_id == "KR"
    assert result.created_officials == [cho]
    participation = Participation.objects.get(official=cho)
    assert participation.title_held == "Foreign Minister"
    assert participation.side_id == "KR"


def test_known_officials_are_found_through_aliases(rubio):
    cho = Official.objects.create(name="Cho Hyun", country_id="KR")
    OfficialAlias.objects.create(official=cho, alias="조현")
    contract = copy.deepcopy(CONTRACT)
    contract["participants"][1]["name"] = "조현"
    result = import_readout(document=document(), contract=contract)
    assert {p.official for p in result.meeting.participations.all()} == {rubio, cho}
    assert result.pending_officials == []


def test_the_same_document_again_updates_its_draft(rubio):
    first = import_readout(document=document(), contract=CONTRACT).meeting
    changed = copy.deepcopy(CONTRACT)
    changed["location"] = "Washington, D.C."
    changed["topics"].append("trade")
    second = import_readout(document=document(), contract=changed)
    assert second.reimport
    assert second.meeting == first
    assert Meeting.objects.count() == 1
    assert Source.objects.count() == 1
    assert Statement.objects.filter(kind="readout").count() == 1
    assert Commitment.objects.count() == 2
    first.refresh_from_db()
    assert first.location == "Washington, D.C."
    assert "trade" in set(first.topics.values_list("slug", flat=True))


def test_reimport_keeps_what_an_editor_changed(rubio):
    meeting = import_readout(document=document(), contract=CONTRACT).meeting
    meeting.title = "Rubio–Cho talks (corrected by an editor)"
    meeting.save()
    changed = copy.deepcopy(CONTRACT)
    changed["title"] = "A different extracted title"
    changed["location"] = "New York"
    result = import_readout(document=document(), contract=changed)
    meeting.refresh_from_db()
    assert meeting.title == "Rubio–Cho talks (corrected by an editor)"
    assert meeting.location == "New York"
    assert result.kept_editor_values == ["title"]


def test_a_meeting_is_named_for_who_met_and_where_and_follows_its_people(rubio):
    meeting = import_readout(document=document(), contract=CONTRACT).meeting
    assert meeting.title == "Rubio – Cho Hyun, Washington"  # Cho Hyun still to be confirmed
    source = meeting.sources.get()
    assert source.title == CONTRACT["title"]  # the document keeps its own title
    Official.objects.create(name="Cho Hyun", country_id="KR")
    korean = copy.deepcopy(CONTRACT) | {"title": "Outcome of the Foreign Ministers' Meeting"}
    korean["participants"] = [
        {"name": "Cho Hyun", "title": "Foreign Minister", "country": "KR"},
        {"name": "Marco Rubio", "title": "Secretary of State", "country": "US"},
        {"name": "Kim Jin-a", "title": "Vice Minister", "country": "KR"},
    ]
    import_readout(
        document=document("Minister Cho met Secretary Rubio.", url="https://www.mofa.go.kr/1"),
        contract=korean,
        create_officials=True,
    )
    meeting.refresh_from_db()
    assert meeting.title == "Rubio – Cho Hyun, Kim Jin-a, Washington"


def test_statement_bodies_leave_out_the_repeated_title_and_the_dateline(rubio):
    text = "Rubio's Meeting\n\nWASHINGTON, Sept. 10, 2025 — Secretary Rubio met Minister Cho."
    meeting = import_readout(document=document(text), contract=CONTRACT).meeting
    assert meeting.statements.get(kind="readout").text == "Secretary Rubio met Minister Cho."


def test_same_content_at_another_address_is_the_same_document(rubio):
    import_readout(document=document(), contract=CONTRACT)
    result = import_readout(
        document=document(url="https://2021-2025.state.gov/rubio-cho"), contract=CONTRACT
    )
    assert result.reimport
    assert Source.objects.count() == 1


def test_a_second_readout_of_a_recorded_meeting_is_attached(rubio):
    cho = Official.objects.create(name="Cho Hyun", country_id="KR")
    meeting = import_readout(document=document(), contract=CONTRACT).meeting
    korean_readout = "Minister Cho Hyun met Secretary Rubio on September 10 in Washington."
    contract = copy.deepcopy(CONTRACT) | {"title": "Foreign Minister Cho meets Secretary Rubio"}
    result = import_readout(
        document=document(
            korean_readout, url="https://www.mofa.go.kr/eng/brd/m_5676/view.do?seq=1"
        ),
        contract=contract,
    )
    assert result.attached_to_existing
    assert result.meeting == meeting
    assert Meeting.objects.count() == 1
    assert meeting.sources.count() == 2
    korean = Statement.objects.get(source__url__contains="mofa.go.kr", kind="readout")
    assert korean.issuing_country_id == "KR"
    assert meeting.participations.filter(official=cho).exists()


def test_a_document_without_participants_describes_no_meeting():
    contract = copy.deepcopy(CONTRACT) | {"participants": []}
    with pytest.raises(IngestError, match="describes no meeting"):
        import_readout(document=document(), contract=contract)
    assert Source.objects.count() == 0
    assert Meeting.objects.count() == 0


def test_no_date_is_refused_unless_given(rubio):
    contract = copy.deepcopy(CONTRACT) | {"meeting_date": None, "date_precision": None}
    with pytest.raises(IngestError, match="meeting date could not be established"):
        import_readout(document=document(), contract=contract)
    assert Source.objects.count() == 0
    result = import_readout(
        document=document(), contract=contract, meeting_date=datetime.date(2025, 9, 10)
    )
    assert result.meeting.date == datetime.date(2025, 9, 10)


def test_failure_half_way_writes_nothing(rubio, monkeypatch):
    from engagements.ingest import importer

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer, "_commitments", explode)
    with pytest.raises(RuntimeError):
        import_readout(document=document(), contract=CONTRACT)
    assert Meeting.objects.count() == 0
    assert Source.objects.count() == 0
    assert Statement.objects.count() == 0


def test_month_precision_date_is_kept(rubio):
    contract = copy.deepcopy(CONTRACT) | {"meeting_date": "2025-09", "date_precision": "month"}
    meeting = import_readout(document=document(), contract=contract).meeting
    assert meeting.date == datetime.date(2025, 9, 1)
    assert meeting.date_display == "September 2025"


# --- A re-import adds only what is new since the last import ----------------------------------


def test_reimport_does_not_bring_back_what_an_editor_removed(rubio):
    cho = Official.objects.create(name="Cho Hyun", country_id="KR")
    Meeting.objects.create(title="Trump–Lee", date=datetime.date(2025, 8, 25))
    meeting = import_readout(document=document(), contract=CONTRACT).meeting
    # An editor removes a topic, the quote, a commitment, a participant and the linked meeting.
    meeting.topics.remove(PolicyTopic.objects.get(slug="shipbuilding"))
    meeting.statements.filter(kind="quote").delete()
    meeting.commitments.get(party_id="US").delete()
    meeting.participations.get(official=cho).delete()
    meeting.related_meetings.clear()

    changed = copy.deepcopy(CONTRACT)
    changed["topics"].append("trade")
    changed["quotes"].append({"speaker": "Tommy Pigott", "text": "They spoke of shipyards."})
    changed["commitments"].append({"party": "KR", "text": "Korea will invest.", "topics": []})
    changed["participants"].append(
        {"name": "Kim Jin-a", "title": "Vice Foreign Minister", "country": "KR"}
    )
    result = import_readout(document=document(), contract=changed, create_officials=True)
    assert result.reimport
    meeting.refresh_from_db()
    assert set(meeting.topics.values_list("slug", flat=True)) == {"north-korea", "trade"}
    quotes = meeting.statements.filter(kind="quote").values_list("text", flat=True)
    assert list(quotes) == ["They spoke of shipyards."]
    assert set(meeting.commitments.values_list("passage", flat=True)) == {
        "They reiterated their commitment.",
        "Korea will invest.",
    }
    assert set(meeting.participations.values_list("official__name", flat=True)) == {
        "Marco Rubio",
        "Kim Jin-a",
    }
    assert not meeting.related_meetings.exists()


def test_a_person_left_out_for_confirmation_is_added_when_confirmed_later(rubio):
    meeting = import_readout(document=document(), contract=CONTRACT).meeting
    assert not meeting.participations.filter(official__name="Cho Hyun").exists()
    result = import_readout(
        document=document(), contract=CONTRACT, confirmed_officials={"Cho Hyun"}
    )
    assert [o.name for o in result.created_officials] == ["Cho Hyun"]
    assert meeting.participations.filter(official__name="Cho Hyun").exists()


# --- Addresses a document gives for itself ------------------------------------------------------


def html_page(canonical: str, body: str = READOUT) -> RawDocument:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    text = (
        f'<html><head><title>Rubio meets Cho</title><link rel="canonical" href="{canonical}">'
        f"</head><body><article>{paragraphs}</article></body></html>"
    )
    return RawDocument(text=text, content_type="text/html")


@pytest.mark.parametrize(
    "canonical", ["/releases/2025/09/rubio-cho", "javascript:alert(1)", "ftp://x.org/a", "x" * 2000]
)
def test_a_canonical_link_that_is_no_web_address_is_ignored(rubio, canonical):
    result = import_readout(document=html_page(canonical), contract=CONTRACT)
    assert result.created_meeting
    assert Source.objects.get().url == ""


def test_a_canonical_address_already_kept_is_the_same_document(rubio):
    kept = Source.objects.create(title="An earlier copy", url=URL, raw_text="An earlier copy.")
    result = import_readout(document=html_page(URL), contract=CONTRACT)
    assert result.source == kept
    assert Source.objects.count() == 1
    assert list(kept.meetings.all()) == [result.meeting]


def test_text_of_one_document_at_the_address_of_another_is_refused(rubio):
    import_readout(document=document(url=""), contract=CONTRACT)
    other = Source.objects.create(title="Another release", url=URL, raw_text="Another text.")
    with pytest.raises(IngestError, match="already recorded"):
        import_readout(document=document(url=URL), contract=CONTRACT)
    assert Source.objects.count() == 2
    assert not other.meetings.exists()
    assert Meeting.objects.count() == 1


# --- Who may change a published meeting ---------------------------------------------------------


def test_an_import_that_would_change_a_published_meeting_waits_for_review(rubio):
    meeting = import_readout(document=document(), contract=CONTRACT).meeting
    services.publish_meetings(meetings=Meeting.objects.all())
    staff = User.objects.create_user("adder", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="add_meeting"))
    changed = copy.deepcopy(CONTRACT) | {"modality": "video_call", "location": "Seoul"}
    result = import_readout(document=document(), contract=changed, user=staff)
    assert result.held_for_review
    assert "Nothing was saved" in result.held_for_review
    meeting.refresh_from_db()
    assert (meeting.modality, meeting.location) == ("in_person", "Washington")
    assert meeting.imports.count() == 1


# --- Imports at the same moment (PostgreSQL: real concurrent transactions) --------------------


def import_at_once(jobs: list[dict]) -> tuple[list, list]:
    """Run ``import_readout(**job)`` for every job in its own thread and connection, all
    released at the same moment; return the results and the exceptions."""
    barrier = threading.Barrier(len(jobs))
    results, errors = [], []

    def run(job):
        try:
            barrier.wait()
            results.append(import_readout(**job))
        except Exception as error:  # every failure, whatever it is, fails the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


# Each thread commits on its own connection, so the test database cannot be rolled back: it
# is emptied afterwards and the migrations' rows (countries, topics, Editors) restored.
concurrent = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def baseline(transactional_db):
    """The migrations' countries and topics: an earlier transactional test may have flushed
    them, and serialized rollback restores only what it captured at set-up."""
    from django.apps import apps

    migration = importlib.import_module("engagements.migrations.0002_baseline_data")
    migration.create_countries_and_topics(apps, None)


@pytest.mark.postgres
@concurrent
def test_the_same_readout_saved_eight_times_at_once_is_one_meeting(baseline, rubio):
    results, errors = import_at_once([{"document": document(), "contract": CONTRACT}] * 8)
    assert errors == []
    assert Meeting.objects.count() == 1
    assert Source.objects.count() == 1
    assert sorted(r.created_meeting for r in results) == [False] * 7 + [True]
    assert all(r.reimport for r in results if not r.created_meeting)
    assert Statement.objects.filter(kind="readout").count() == 1
    assert Commitment.objects.count() == 2


@pytest.mark.postgres
@concurrent
def test_four_readouts_of_one_meeting_saved_at_once_are_one_meeting(baseline, rubio):
    Official.objects.create(name="Cho Hyun", country_id="KR")
    jobs = [
        {
            "document": document(f"Readout {n}: {READOUT}", url=f"{URL}-{n}"),
            "contract": CONTRACT | {"title": f"Readout {n}"},
        }
        for n in range(4)
    ]
    results, errors = import_at_once(jobs)
    assert errors == []
    assert Meeting.objects.count() == 1
    assert Source.objects.count() == 4
    assert sorted(r.attached_to_existing for r in results) == [False, True, True, True]
    meeting = Meeting.objects.get()
    assert meeting.participations.count() == 2
    assert meeting.statements.filter(kind="readout").count() == 4


def test_a_record_saved_by_someone_else_at_the_same_moment_is_a_sentence(rubio, monkeypatch):
    from engagements.ingest import importer

    # What a writer outside the importer's locks could do between its look-up and its save.
    Source.objects.create(title="Saved meanwhile", raw_text=READOUT)
    monkeypatch.setattr(importer, "matching_sources", lambda document, url: [])
    with pytest.raises(IngestError, match="recorded by someone else at the same moment"):
        import_readout(document=document(), contract=CONTRACT)
    assert Meeting.objects.count() == 0
    assert Source.objects.count() == 1
