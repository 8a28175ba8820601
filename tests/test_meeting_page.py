"""/meetings/<slug>/: everything about one meeting, and its neighbours."""

import datetime

import pytest

from engagements.models import Participation, Statement
from tests import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def pair():
    return f.alliance_pair()


@pytest.fixture
def full_meeting(pair):
    """A meeting with one of everything, as its page shows it."""
    rubio, cho = pair
    spokesperson = f.official(
        "Tommy Pigott", title="Principal Deputy Spokesperson", start=D(2025, 1, 21)
    )
    summit = f.meeting("APEC Leaders' Week", D(2025, 9, 1), location="Gyeongju")
    meeting = f.meeting(
        "Rubio meets Cho",
        D(2025, 9, 10),
        topics=("shipbuilding", "north-korea"),
        participants=(rubio, cho),
        location="Washington, D.C.",
        level="ministerial",
        parent=summit,
        summary="They discussed shipbuilding.",
    )
    f.participate(meeting, f.official("Kevin Kim", title="Chargé d'affaires"), role="delegation")
    f.meeting("Sideline call", D(2025, 9, 11), parent=meeting)
    f.meeting("Sideline draft", D(2025, 9, 12), parent=meeting, published=False)
    us_doc = f.source(
        "Secretary Rubio's Meeting",
        published_on=D(2025, 9, 10),
        archived_url="https://2021-2025.state.gov/archived/",
    )
    kr_doc = f.source("Outcome of the Meeting", publisher="ROK Ministry of Foreign Affairs")
    f.attach_source(meeting, us_doc)
    f.attach_source(meeting, kr_doc)
    f.statement(meeting, "The US readout says shipbuilding.", issuer="US", document=us_doc)
    f.statement(meeting, "The ROK readout says MASGA.", issuer="KR", document=kr_doc)
    f.statement(meeting, "A joint fact sheet.", kind=Statement.Kind.FACT_SHEET, issuer=None)
    f.statement(
        meeting, "We are ironclad.", kind=Statement.Kind.QUOTE, speaker=spokesperson, issuer="US"
    )
    f.commitment(
        meeting,
        "Follow up on shipbuilding.",
        statuses=(("not_yet_rated", D(2025, 9, 10)), ("in_progress", D(2025, 10, 1))),
    )
    f.commitment(meeting, "The ROK will invest.", party="KR")
    return meeting


def test_meeting_page_shows_date_modality_location_status_level_and_topics(client, full_meeting):
    response = client.get(full_meeting.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="meeting-title">Rubio meets Cho</h1>' in html
    assert '<time datetime="2025-09-10">10 September 2025</time>' in html
    assert "<dd>In person</dd>" in html
    assert "<dd>Washington, D.C.</dd>" in html
    assert "<dd>Ministerial</dd>" in html
    assert "Confirmed" in html
    assert 'href="/topics/shipbuilding/"' in html
    assert "They discussed shipbuilding." in html


def test_meeting_page_shows_parent_and_published_sideline_meetings_only(client, full_meeting):
    html = client.get(full_meeting.get_absolute_url()).content.decode()

    assert "Held on the sidelines of" in html
    assert "APEC Leaders&#x27; Week" in html
    assert "Sideline call" in html
    assert "Sideline draft" not in html


def test_meeting_page_hides_a_draft_parent(client, pair):
    parent = f.meeting("Secret summit", published=False)
    meeting = f.meeting("Bilateral", parent=parent)

    html = client.get(meeting.get_absolute_url()).content.decode()

    assert "Secret summit" not in html
    assert "sidelines" not in html


def test_meeting_page_groups_participants_by_country_with_titles_held_that_day(
    client, full_meeting
):
    html = client.get(full_meeting.get_absolute_url()).content.decode()

    us_part, kr_part = html.split("Republic of Korea</h3>", 1)
    assert "Marco Rubio" in us_part
    assert "Secretary of State" in us_part
    assert "Kevin Kim" in us_part
    assert "Delegation member" in us_part
    assert "Cho Hyun" in kr_part
    assert "Minister of Foreign Affairs" in kr_part


def test_meeting_page_puts_both_governments_readouts_side_by_side(client, full_meeting):
    response = client.get(full_meeting.get_absolute_url())

    html = response.content.decode()
    compare = html.split('<div class="compare">', 1)[1].split('<section class="statement-group"')[0]
    us_column, kr_column = compare.split('class="compare__column"')[1:3]
    assert "The US readout says shipbuilding." in us_column
    assert "The ROK readout says MASGA." in kr_column
    # Other statements are grouped by issuer below; quotes have their own section.
    assert "Joint and other statements" in html
    assert "A joint fact sheet." in html
    assert "We are ironclad." in html.split('id="quotes-heading"')[1]
    assert "Tommy Pigott</a>, Principal Deputy Spokesperson" in html


def test_meeting_page_without_both_readouts_groups_statements_by_government(client, pair):
    meeting = f.meeting("One-sided")
    f.statement(meeting, "Only the US spoke.", issuer="US")

    html = client.get(meeting.get_absolute_url()).content.decode()

    assert '<div class="compare">' not in html
    assert "Only the US spoke." in html.split("United States</h3>")[1]


def test_meeting_page_shows_commitments_with_party_and_current_status(client, full_meeting):
    html = client.get(full_meeting.get_absolute_url()).content.decode()

    commitments = html.split('id="commitments-heading"')[1].split('id="sources-heading"')[0]
    assert "Follow up on shipbuilding." in commitments
    assert "Joint" in commitments
    assert "In progress" in commitments  # the latest status, not the first
    assert '<time datetime="2025-10-01">1 Oct 2025</time>' in commitments
    assert "The ROK will invest." in commitments
    assert ">ROK</span>" in commitments
    assert "Not yet rated" in commitments  # the second has no status entry


def test_meeting_page_lists_sources_with_publisher_dates_and_links(client, full_meeting):
    html = client.get(full_meeting.get_absolute_url()).content.decode()

    sources = html.split('id="sources-heading"')[1]
    assert "U.S. Department of State" in sources
    assert "ROK Ministry of Foreign Affairs" in sources
    assert 'Published <time datetime="2025-09-10">10 September 2025</time>' in sources
    assert 'href="https://2021-2025.state.gov/archived/">Archived copy</a>' in sources


def test_meeting_page_links_previous_and_next_overall_and_between_the_same_principals(client, pair):
    rubio, cho = pair
    other = f.official("Someone Else", "JP")
    earlier_pair = f.meeting("Earlier pair", D(2025, 7, 1), participants=(rubio, cho))
    f.meeting("Earlier pair, draft", D(2025, 8, 1), participants=(rubio, cho), published=False)
    just_before = f.meeting("Just before", D(2025, 8, 20), participants=(rubio, other))
    meeting = f.meeting("This one", D(2025, 9, 10), participants=(rubio, cho))
    just_after = f.meeting("Just after", D(2025, 9, 11))
    f.meeting("Draft after", D(2025, 9, 10), published=False)
    later_pair = f.meeting(
        "Later pair, with a delegation",
        D(2025, 10, 1),
        participants=(rubio, cho, (other, Participation.Role.DELEGATION)),
    )

    context = client.get(meeting.get_absolute_url()).context

    assert context["previous"] == just_before
    assert context["next"] == just_after
    assert context["previous_same"] == earlier_pair
    assert context["next_same"] == later_pair


def test_meeting_page_same_day_neighbours_follow_timeline_order(client):
    first = f.meeting("First that day", D(2025, 9, 10))
    second = f.meeting("Second that day", D(2025, 9, 10))

    assert client.get(first.get_absolute_url()).context["next"] == second
    assert client.get(second.get_absolute_url()).context["previous"] == first


def test_a_draft_meeting_is_a_404_for_everyone_on_the_public_site(client, editor_client, pair):
    draft = f.meeting("Unreviewed import", published=False)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert editor_client.get(draft.get_absolute_url()).status_code == 404


def test_meeting_page_links_the_meetings_it_follows_up(client, full_meeting):
    summit = f.meeting("Trump–Lee summit", D(2025, 8, 25))
    draft = f.meeting("Unpublished talks", D(2025, 8, 26), published=False)
    full_meeting.related_meetings.add(summit, draft)

    body = client.get(full_meeting.get_absolute_url()).content.decode()

    assert "Meetings linked to this one" in body
    assert summit.get_absolute_url() in body
    assert "Unpublished talks" not in body


def test_an_unknown_meeting_is_a_404_page(client):
    response = client.get("/meetings/no-such-meeting/")

    assert response.status_code == 404
    assert "This page is not in the record" in response.content.decode()


# Meeting, sidelines, related meetings, participations, their appointments, topics,
# statements, speakers' appointments, commitments, their status entries, sources = 11;
# neighbours overall 2 and between the same principals 2.
MEETING_QUERIES = 15


@pytest.mark.parametrize("extra", [1, 10])
def test_meeting_page_query_count_does_not_grow_with_its_contents(
    client, django_assert_num_queries, full_meeting, extra
):
    for i in range(extra):
        person = f.official(f"Delegate {i}", title="Adviser", start=D(2020, 1, 1))
        f.participate(full_meeting, person, role="delegation")
        f.statement(full_meeting, f"Remark {i}", kind=Statement.Kind.QUOTE, speaker=person)
        f.commitment(full_meeting, f"Promise {i}", statuses=(("in_progress", D(2025, 9, 10)),))
        f.attach_source(full_meeting, f.source(f"Document {i}"))
        f.meeting(f"Sideline {i}", D(2025, 9, 10), parent=full_meeting)
        full_meeting.related_meetings.add(f.meeting(f"Earlier talks {i}", D(2024, 1, 1 + i)))

    with django_assert_num_queries(MEETING_QUERIES):
        response = client.get(full_meeting.get_absolute_url())
    assert response.status_code == 200


def test_side_by_side_marks_what_one_readout_mentions_and_the_other_leaves_out(client, pair):
    meeting = f.meeting(
        "Rubio – Cho Hyun", topics=("shipbuilding", "north-korea"), participants=pair
    )
    us = f.statement(meeting, "They discussed shipbuilding and North Korea.", issuer="US")
    f.statement(meeting, "The ministers discussed shipbuilding cooperation.", issuer="KR")
    made = f.commitment(meeting, "The two sides will cooperate on shipbuilding.")
    made.statement = us
    made.save()

    html = client.get(meeting.get_absolute_url()).content.decode()

    compare = html.split('<div class="compare">', 1)[1].split('id="commitments-heading"')[0]
    us_column, kr_column = compare.split('class="compare__column"')[1:3]
    assert 'chip chip--only" href="/topics/north-korea/"' in us_column
    assert "(only in this readout)" in us_column
    assert 'class="chip" href="/topics/shipbuilding/"' in us_column
    assert "north-korea" not in kr_column
    assert "only in this readout" not in kr_column
    assert "Commitments read from this readout: 1 (joint)" in us_column
    assert "Commitments read from this readout" not in kr_column
