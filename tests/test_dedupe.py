"""One event, one meeting: the duplicate rule, the merge and its redirect, the duplicates screen
for editors, and hosts inferred from the post held that day."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from engagements import dedupe
from engagements.ingest.documents import RawDocument
from engagements.ingest.importer import import_readout
from engagements.models import DistinctMeetings, Meeting, MeetingAddress, Participation
from engagements.sample_data.historian import PresidentTerm, Visit
from engagements.sample_data.plans import _visit_meeting
from tests import factories as f

pytestmark = pytest.mark.django_db

DAY = datetime.date(2023, 4, 26)


@pytest.fixture
def people():
    return {
        "biden": f.official("Joseph R. Biden", "US", title="President"),
        "harris": f.official("Kamala Harris", "US", title="Vice President"),
        "yoon": f.official("Yoon Suk Yeol", "KR"),
        "han": f.official("Han Duck-soo", "KR"),
    }


def record(meeting):
    return dedupe.Record.of(Meeting.objects.prefetch_related("participations").get(pk=meeting.pk))


def test_a_visit_and_a_readout_of_its_summit_are_one_event(people):
    visit = f.meeting(
        "State visit", DAY - datetime.timedelta(days=2), end_date=DAY + datetime.timedelta(days=3),
        participants=(people["yoon"],),
    )  # fmt: skip
    readout = f.meeting("Readout", DAY, participants=(people["biden"], people["yoon"]))
    assert dedupe.relation(record(visit), record(readout)) is dedupe.Relation.SAME


def test_a_release_dated_the_next_day_is_the_same_event(people):
    first = f.meeting(
        "Call", DAY, modality="phone_call", participants=(people["biden"], people["yoon"])
    )
    second = f.meeting(
        "Call (Seoul)", DAY + datetime.timedelta(days=1), modality="phone_call",
        participants=(people["yoon"], people["biden"]),
    )  # fmt: skip
    assert dedupe.relation(record(first), record(second)) is dedupe.Relation.SAME


def test_another_counterpart_or_another_kind_is_another_meeting(people):
    with_han = f.meeting("Harris–Han", DAY, participants=(people["harris"], people["han"]))
    with_yoon = f.meeting(
        "Harris–Yoon",
        DAY + datetime.timedelta(days=2),
        participants=(people["harris"], people["yoon"]),
    )
    call = f.meeting(
        "Call", DAY, modality="phone_call", participants=(people["harris"], people["han"])
    )
    assert dedupe.relation(record(with_han), record(with_yoon)) is dedupe.Relation.DISTINCT
    assert dedupe.relation(record(with_han), record(call)) is dedupe.Relation.DISTINCT


def test_a_meeting_during_a_visit_with_another_counterpart_is_part_of_it(people):
    visit = f.meeting(
        "State visit", DAY - datetime.timedelta(days=2), end_date=DAY + datetime.timedelta(days=3),
        participants=(people["biden"], people["yoon"]),
    )  # fmt: skip
    harris = f.meeting("Harris–Yoon", DAY, participants=(people["harris"], people["yoon"]))
    assert dedupe.relation(record(harris), record(visit)) is dedupe.Relation.PART_OF


def test_meetings_far_apart_or_without_a_shared_principal_are_unrelated(people):
    a = f.meeting("A", DAY, participants=(people["biden"], people["yoon"]))
    b = f.meeting(
        "B", DAY + datetime.timedelta(days=5), participants=(people["biden"], people["yoon"])
    )
    c = f.meeting("C", DAY, participants=(people["harris"], people["han"]))
    assert dedupe.relation(record(a), record(b)) is dedupe.Relation.UNRELATED
    assert dedupe.relation(record(a), record(c)) is dedupe.Relation.UNRELATED


def test_pairs_the_rule_cannot_tell_apart_are_listed_until_settled(people):
    a = f.meeting("Yoon visit", DAY, participants=(people["yoon"],))
    b = f.meeting(
        "Readout", DAY + datetime.timedelta(days=2), participants=(people["biden"], people["yoon"])
    )
    assert [(x, y, r) for x, y, r in dedupe.possible_duplicates()] == [
        (a, b, dedupe.Relation.POSSIBLE)
    ]
    dedupe.mark_distinct(b, a, note="Two visits")
    assert dedupe.possible_duplicates() == []
    assert DistinctMeetings.objects.get().first == a  # stored lower id first


def test_an_import_attaches_to_the_visit_it_reports_on(people):
    visit = f.meeting(
        "President Yoon's state visit", DAY - datetime.timedelta(days=2),
        end_date=DAY + datetime.timedelta(days=3), participants=(people["yoon"],),
    )  # fmt: skip
    contract = {
        "title": "Readout of President Biden's Meeting with President Yoon",
        "meeting_date": DAY.isoformat(),
        "modality": "in_person",
        "participants": [
            {"name": "Joseph R. Biden", "country": "US", "title": "President"},
            {"name": "Yoon Suk Yeol", "country": "KR", "title": "President"},
        ],
    }
    document = RawDocument(
        text="President Biden met President Yoon today.", content_type="text/plain"
    )
    result = import_readout(document=document, contract=contract)
    assert result.attached_to_existing
    assert result.meeting == visit
    assert Meeting.objects.count() == 1
    assert set(visit.participations.values_list("official__name", flat=True)) == {
        "Joseph R. Biden", "Yoon Suk Yeol",
    }  # fmt: skip


def test_settle_merges_one_event_links_sideline_meetings_and_records_distinct_pairs(people):
    visit = f.meeting(
        "State visit", DAY - datetime.timedelta(days=2), end_date=DAY + datetime.timedelta(days=3),
        participants=(people["yoon"], people["biden"]),
    )  # fmt: skip
    again = f.meeting("Joint statement", DAY, participants=(people["biden"], people["yoon"]))
    f.statement(
        again, "We, the leaders, reaffirm the alliance.", kind="joint_statement", issuer=None
    )
    harris = f.meeting("Harris–Yoon", DAY, participants=(people["harris"], people["yoon"]))
    han = f.meeting(
        "Harris–Han",
        DAY + datetime.timedelta(days=5),
        participants=(people["harris"], people["han"]),
    )
    han_again = f.meeting(
        "Harris–Yoon dinner", DAY + datetime.timedelta(days=6),
        participants=(people["harris"], people["yoon"]),
    )  # fmt: skip

    settled = dedupe.settle()

    assert len(settled.merged) == 1
    assert not Meeting.objects.filter(pk=again.pk).exists()
    assert visit.statements.get().text == "We, the leaders, reaffirm the alliance."
    harris.refresh_from_db()
    assert harris.parent == visit
    assert DistinctMeetings.objects.filter(first=han, second=han_again).exists()
    assert dedupe.possible_duplicates() == []


def test_merge_moves_everything_and_the_old_address_redirects_permanently(client, people):
    keep = f.meeting("Summit", DAY, participants=(people["biden"], people["yoon"]))
    other = f.meeting("Summit (ROK readout)", DAY, participants=(people["yoon"], people["han"]))
    document = f.source("ROK readout")
    f.attach_source(other, document)
    f.statement(
        other, "The two leaders agreed to deepen cooperation.", issuer="KR", document=document
    )
    f.commitment(other, "The ROK will expand its investment.", party="KR")
    other.topics.set([f.topic("investment")])
    old_address = other.get_absolute_url()

    from engagements.services import merge_meetings

    merge_meetings(keep=keep, other=other)

    keep.refresh_from_db()
    assert keep.sources.get() == document
    assert keep.statements.get().issuing_country_id == "KR"
    assert keep.commitments.get().text == "The ROK will expand its investment."
    assert list(keep.topics.values_list("slug", flat=True)) == ["investment"]
    assert Participation.objects.filter(meeting=keep).count() == 3
    response = client.get(old_address)
    assert response.status_code == 301
    assert response["Location"] == keep.get_absolute_url()
    assert MeetingAddress.objects.get().slug == other.slug
    # Both edit histories stay: the merge on the kept meeting, the deletion of the other.
    assert keep.history.first().history_change_reason.startswith("Merged “Summit (ROK readout)”")
    assert Meeting.history.filter(id=other.pk, history_type="-").exists()


def test_a_merged_draft_address_is_not_revealed(client, people):
    keep = f.meeting("Draft summit", DAY, published=False, participants=(people["biden"],))
    other = f.meeting("Other", DAY, published=False, participants=(people["biden"],))
    address = other.get_absolute_url()
    from engagements.services import merge_meetings

    merge_meetings(keep=keep, other=other)
    assert client.get(address).status_code == 404


def test_the_duplicates_screen_follows_the_persona_rules(editor_client, member, people):
    a = f.meeting("Yoon visit", DAY, participants=(people["yoon"],))
    b = f.meeting(
        "Readout", DAY + datetime.timedelta(days=2), participants=(people["biden"], people["yoon"])
    )
    url = reverse("admin:engagements_meeting_duplicates")
    anonymous, analyst = Client(), Client()
    analyst.force_login(member)
    assert anonymous.get(url).status_code == 302  # to the login page
    assert analyst.get(url).status_code == 302  # not staff: the admin login again
    page = editor_client.get(url)
    assert page.status_code == 200
    assert "1 pair to settle" in page.text
    assert "Yoon visit" in page.text
    assert "possible duplicate" in page.text

    merge = reverse("admin:engagements_meeting_merge", args=[a.pk, b.pk])
    assert "Which meeting to keep" in editor_client.get(merge).text
    response = editor_client.post(merge, {"keep": b.pk})
    assert response.status_code == 302
    assert not Meeting.objects.filter(pk=a.pk).exists()
    assert editor_client.get(url).text.count("to settle") == 0


def test_marking_a_pair_distinct_takes_a_post_from_an_editor(editor_client, people):
    a = f.meeting("Yoon visit", DAY, participants=(people["yoon"],))
    b = f.meeting(
        "Readout", DAY + datetime.timedelta(days=2), participants=(people["biden"], people["yoon"])
    )
    url = reverse("admin:engagements_meeting_distinct", args=[a.pk, b.pk])
    editor_client.get(url)
    assert not DistinctMeetings.objects.exists()
    editor_client.post(url, {"note": "A second visit"})
    assert DistinctMeetings.objects.get().note == "A second visit"


def test_staff_without_change_rights_cannot_merge(client, people):
    from django.contrib.auth.models import Permission, User

    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client.force_login(viewer)
    a = f.meeting("A", DAY, participants=(people["yoon"],))
    b = f.meeting("B", DAY, participants=(people["yoon"], people["biden"]))
    assert client.get(reverse("admin:engagements_meeting_duplicates")).status_code == 200
    merge = reverse("admin:engagements_meeting_merge", args=[a.pk, b.pk])
    assert client.post(merge, {"keep": a.pk}).status_code == 403
    assert Meeting.objects.count() == 2


# --- Hosts inferred from the post held that day ------------------------------------------------

BIDEN_TERM = PresidentTerm(
    "biden-joseph-robinette",
    "Joseph R. Biden",
    datetime.date(2021, 1, 20),
    datetime.date(2025, 1, 20),
)


def _visit(description: str) -> Visit:
    return Visit(
        id=1, start=DAY, end=DAY, visitor="President Yoon Suk Yeol", from_id="korea-south",
        description=description, raw="<visit/>", file="2020-2029.xml",
    )  # fmt: skip


def test_a_state_visit_whose_record_names_no_host_gets_the_president_inferred():
    plan = _visit_meeting(_visit("State Visit. Attended a State Dinner."), [BIDEN_TERM])
    (host,) = [p for p in plan.participants if p.side == "US"]
    assert host.official.key == "biden-joseph-robinette"
    assert host.inferred_basis.startswith(
        "Inferred: President of the United States on 26 April 2023"
    )


def test_a_funeral_or_a_private_visit_gets_no_inferred_host():
    for description in ("Attended the funeral of a former President.", "Private visit."):
        plan = _visit_meeting(_visit(description), [BIDEN_TERM])
        assert [p.side for p in plan.participants] == ["KR"]


def test_a_summit_held_in_the_united_states_has_its_president_as_host():
    plan = _visit_meeting(
        _visit("Attended the APEC Leaders' Summit at San Francisco, CA."), [BIDEN_TERM]
    )
    (host,) = [p for p in plan.participants if p.side == "US"]
    assert "the host of the Summit the visitor attended" in host.inferred_basis


def test_the_meeting_page_shows_an_inferred_participant_as_inferred(client, people):
    row = f.meeting("State visit", DAY, participants=(people["yoon"],))
    Participation.objects.create(
        meeting=row, official=people["biden"], side_id="US", role="host",
        inferred_basis="Inferred: President of the United States on 26 April 2023.",
    )  # fmt: skip
    page = client.get(row.get_absolute_url()).text
    assert "inferred" in page
    assert "Inferred: President of the United States on 26 April 2023." in page


def test_the_meeting_list_action_takes_exactly_two_meetings_to_the_merge_page(
    editor_client, people
):
    a = f.meeting("A", DAY, participants=(people["yoon"],))
    b = f.meeting("B", DAY, participants=(people["yoon"], people["biden"]))
    c = f.meeting("C", DAY, participants=(people["han"],))
    url = reverse("admin:engagements_meeting_changelist")
    two = editor_client.post(url, {"action": "merge", "_selected_action": [b.pk, a.pk]})
    assert two.status_code == 302
    assert two["Location"] == reverse("admin:engagements_meeting_merge", args=[a.pk, b.pk])
    three = editor_client.post(
        url, {"action": "merge", "_selected_action": [a.pk, b.pk, c.pk]}, follow=True
    )
    assert "Select exactly two meetings to merge them." in three.text
    assert Meeting.objects.count() == 3
