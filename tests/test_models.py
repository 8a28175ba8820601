"""The database keeps the record right, and officials' titles follow their appointments."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from engagements.models import (
    Appointment,
    Commitment,
    CommitmentStatus,
    CommitmentStatusEntry,
    Country,
    Meeting,
    Official,
    Participation,
    PolicyTopic,
    Source,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def make_meeting(**fields):
    defaults = {"title": "Foreign ministers meet", "date": D(2025, 9, 10)}
    return Meeting.objects.create(**defaults | fields)


def assert_refused(constraint_name, create):
    # PostgreSQL names the violated constraint; SQLite names it for CHECK constraints only, and
    # for UNIQUE ones lists the columns instead.
    expected = constraint_name
    if connection.vendor == "sqlite":
        expected = f"{constraint_name}|UNIQUE constraint failed"
    with pytest.raises(IntegrityError, match=expected), transaction.atomic():
        create()


def test_meeting_cannot_end_before_it_starts():
    assert_refused(
        "meeting_ends_after_start",
        lambda: make_meeting(date=D(2025, 9, 10), end_date=D(2025, 9, 9)),
    )


def test_month_precision_date_is_stored_as_the_first_of_the_month():
    assert_refused(
        "meeting_date_matches_precision",
        lambda: make_meeting(date=D(2025, 9, 10), date_precision="month"),
    )
    meeting = make_meeting(date=D(2025, 9, 1), date_precision="month")
    assert meeting.date_display == "September 2025"
    assert meeting.last_day == D(2025, 9, 30)


def test_year_precision_date_is_stored_as_the_first_of_january():
    assert_refused(
        "meeting_date_matches_precision",
        lambda: make_meeting(date=D(2025, 3, 1), date_precision="year"),
    )
    assert make_meeting(date=D(2025, 1, 1), date_precision="year").date_display == "2025"


def test_full_clean_normalises_a_month_precision_date():
    meeting = Meeting(title="Talks", slug="talks", date=D(2025, 9, 17), date_precision="month")
    meeting.full_clean()
    assert meeting.date == D(2025, 9, 1)


def test_meeting_cannot_sit_on_its_own_sidelines():
    meeting = make_meeting()
    meeting.parent = meeting
    with pytest.raises(ValidationError, match="own sidelines"):
        meeting.full_clean()
    assert_refused(
        "meeting_not_its_own_parent",
        lambda: Meeting.objects.filter(pk=meeting.pk).update(parent=meeting),
    )


def test_published_meeting_records_when():
    meeting = make_meeting(publication_state="published")
    assert meeting.published_at is not None
    assert_refused(
        "published_meeting_has_published_at",
        lambda: Meeting.objects.filter(pk=meeting.pk).update(published_at=None),
    )


def test_meeting_slug_is_made_unique():
    first = make_meeting(title="Talks")
    second = make_meeting(title="Talks")
    assert first.slug == "2025-09-10-talks"
    assert second.slug == "2025-09-10-talks-2"


def test_official_attends_a_meeting_once():
    meeting = make_meeting()
    rubio = Official.objects.create(name="Marco Rubio", country_id="US")
    Participation.objects.create(meeting=meeting, official=rubio, side_id="US")
    assert_refused(
        "participation_unique_per_meeting",
        lambda: Participation.objects.create(meeting=meeting, official=rubio, side_id="US"),
    )


def test_deleting_an_official_who_attended_a_meeting_is_refused():
    rubio = Official.objects.create(name="Marco Rubio", country_id="US")
    Participation.objects.create(meeting=make_meeting(), official=rubio, side_id="US")
    with pytest.raises(ProtectedError):
        rubio.delete()


def test_deleting_a_meeting_with_commitments_is_refused():
    meeting = make_meeting()
    Commitment.objects.create(meeting=meeting, party_id="US", text="Invest", passage="Invest")
    with pytest.raises(ProtectedError):
        meeting.delete()


def test_commitment_is_by_one_party_or_joint():
    meeting = make_meeting()
    assert_refused(
        "commitment_party_or_joint",
        lambda: Commitment.objects.create(meeting=meeting, text="x", passage="x"),
    )
    assert_refused(
        "commitment_party_or_joint",
        lambda: Commitment.objects.create(
            meeting=meeting, party_id="US", is_joint=True, text="x", passage="x"
        ),
    )
    joint = Commitment.objects.create(meeting=meeting, is_joint=True, text="x", passage="x")
    assert joint.party_label == "Joint"


def test_commitment_latest_status_follows_history():
    commitment = Commitment.objects.create(
        meeting=make_meeting(), party_id="KR", text="Invest", passage="Invest"
    )
    assert commitment.latest_status is None
    CommitmentStatusEntry.objects.create(
        commitment=commitment, status=CommitmentStatus.NOT_YET_RATED, date=D(2025, 9, 10)
    )
    CommitmentStatusEntry.objects.create(
        commitment=commitment, status=CommitmentStatus.IN_PROGRESS, date=D(2025, 11, 1)
    )
    assert commitment.latest_status.status == CommitmentStatus.IN_PROGRESS
    annotated = Commitment.objects.with_status().get(pk=commitment.pk)
    assert annotated.current_status == CommitmentStatus.IN_PROGRESS


def test_appointment_cannot_end_before_it_starts():
    rubio = Official.objects.create(name="Marco Rubio", country_id="US")
    assert_refused(
        "appointment_ends_after_start",
        lambda: Appointment.objects.create(
            official=rubio, title="Secretary of State", start=D(2025, 1, 21), end=D(2024, 1, 1)
        ),
    )


def test_topic_cannot_be_its_own_parent():
    topic = PolicyTopic.objects.get(slug="shipbuilding")
    topic.parent = topic
    with pytest.raises(ValidationError, match="under itself"):
        topic.full_clean()
    assert_refused(
        "topic_not_its_own_parent",
        lambda: PolicyTopic.objects.filter(pk=topic.pk).update(parent=topic),
    )


def test_deleting_a_parent_topic_is_refused():
    with pytest.raises(ProtectedError):
        PolicyTopic.objects.get(slug="security").delete()


def test_source_content_hash_is_unique():
    Source.objects.create(title="Readout", raw_text="The Secretary met the Minister.")
    assert_refused(
        "content_hash",
        lambda: Source.objects.create(title="Copy", raw_text="The Secretary met the Minister."),
    )


def test_country_code_must_be_iso_alpha2():
    assert_refused(
        "country_code_is_iso_alpha2",
        lambda: Country.objects.create(code="kr", name="Korea?", short_name="?"),
    )


class TestTitleOn:
    @pytest.fixture
    def blinken(self):
        official = Official.objects.create(name="Antony J. Blinken", country_id="US")
        Appointment.objects.create(
            official=official,
            title="Deputy Secretary of State",
            start=D(2015, 1, 9),
            end=D(2017, 1, 20),
        )
        Appointment.objects.create(
            official=official, title="Secretary of State", start=D(2021, 1, 26), end=D(2025, 1, 20)
        )
        return official

    def test_title_held_on_the_day(self, blinken):
        assert blinken.title_on(D(2016, 6, 1)) == "Deputy Secretary of State"
        assert blinken.title_on(D(2021, 3, 17)) == "Secretary of State"

    def test_first_and_last_day_count(self, blinken):
        assert blinken.title_on(D(2021, 1, 26)) == "Secretary of State"
        assert blinken.title_on(D(2025, 1, 20)) == "Secretary of State"

    def test_no_title_between_posts(self, blinken):
        assert blinken.title_on(D(2019, 1, 1)) == ""
        assert blinken.title_on(D(2025, 1, 21)) == ""

    def test_open_ended_post_is_held_until_today(self):
        rubio = Official.objects.create(name="Marco Rubio", country_id="US")
        Appointment.objects.create(official=rubio, title="Secretary of State", start=D(2025, 1, 21))
        assert rubio.title_on(D(2026, 11, 30)) == "Secretary of State"

    def test_prefetched_appointments_cost_no_query(self, blinken, django_assert_num_queries):
        official = Official.objects.with_appointments().get(pk=blinken.pk)
        with django_assert_num_queries(0):
            assert official.title_on(D(2021, 3, 17)) == "Secretary of State"

    def test_participation_falls_back_to_the_title_the_source_gave(self, blinken):
        cho = Official.objects.create(name="Cho Hyun", country_id="KR")
        meeting = make_meeting()
        theirs = Participation.objects.create(
            meeting=meeting, official=cho, side_id="KR", title="Foreign Minister"
        )
        ours = Participation.objects.create(meeting=meeting, official=blinken, side_id="US")
        assert theirs.title_held == "Foreign Minister"
        assert ours.title_held == ""
