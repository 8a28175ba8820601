"""Drafts appear nowhere on the public site: not for anonymous visitors, logged-in members,
editors or admins. Every page, list, count, facet and link is checked against one record that
holds a draft meeting touching everything a published one does."""

import datetime

import pytest

from engagements.models import Statement
from tests import factories as f

D = datetime.date
DRAFT_WORD = "Zanzibar"  # appears only in draft rows


@pytest.fixture
def record(db):
    rubio, cho = f.alliance_pair()
    published = f.meeting(
        "Published meeting", D(2025, 9, 10), topics=("shipbuilding",), participants=(rubio, cho)
    )
    f.commitment(published, "Published commitment", topics=("shipbuilding",))
    draft_person = f.official(f"{DRAFT_WORD} Person", "JP")
    draft = f.meeting(
        f"{DRAFT_WORD} draft meeting",
        D(2025, 9, 20),
        published=False,
        topics=("shipbuilding", "trade"),
        participants=(rubio, cho, draft_person),
        summary=f"{DRAFT_WORD} summary",
        parent=published,
    )
    f.statement(draft, f"{DRAFT_WORD} readout", kind=Statement.Kind.QUOTE, speaker=rubio)
    f.commitment(draft, f"{DRAFT_WORD} commitment", topics=("shipbuilding",))
    f.attach_source(draft, f.source(f"{DRAFT_WORD} source"))
    return {"published": published, "draft": draft, "rubio": rubio, "draft_person": draft_person}


@pytest.fixture(params=["anonymous", "member", "editor", "admin"])
def persona_client(request, client, record):
    if request.param != "anonymous":
        client.force_login(request.getfixturevalue(f"{request.param}_user"))
    return client


@pytest.fixture
def member_user(member):
    return member


@pytest.fixture
def editor_user(editor):
    return editor


def public_urls(record) -> list[str]:
    return [
        "/",
        "/?topic=shipbuilding",
        "/?topic=economy&country=kr",
        f"/?official={record['rubio'].slug}",
        "/?date_from=2025-09-15",
        "/?q=readout",  # only the draft's statement says it
        record["published"].get_absolute_url(),
        record["rubio"].get_absolute_url(),
        "/topics/shipbuilding/",
        "/topics/economy/",
        "/countries/kr/",
        "/countries/jp/",
        "/countries/us/",
    ]


def test_no_public_page_mentions_a_draft(persona_client, record):
    for url in public_urls(record):
        for headers in ({}, {"HX-Request": "true"}):
            response = persona_client.get(url, headers=headers)
            assert response.status_code in (200, 404), url
            assert DRAFT_WORD not in response.content.decode(), url


def test_draft_meeting_and_its_only_official_are_404(persona_client, record):
    assert persona_client.get(record["draft"].get_absolute_url()).status_code == 404
    assert persona_client.get(record["draft_person"].get_absolute_url()).status_code == 404


def test_counts_and_facets_ignore_drafts(persona_client, record):
    response = persona_client.get("/", {"topic": "shipbuilding"})

    context = response.context
    assert context["page"].total == 1
    topic_counts = {o["topic"].slug: o["count"] for o in context["topic_options"]}
    assert topic_counts["shipbuilding"] == 1
    assert topic_counts["trade"] == 0
    country_codes = {o["country"].code for o in context["country_options"]}
    assert "JP" not in country_codes  # only the draft had a Japanese participant
    assert "1 meeting match these filters" in response.content.decode()
    assert "0 statements" in response.content.decode()  # the draft's quote is not counted


def test_previous_next_and_sidelines_skip_drafts(persona_client, record):
    response = persona_client.get(record["published"].get_absolute_url())

    assert response.context["next"] is None
    assert response.context["next_same"] is None
    assert list(record["published"].sideline_meetings.all()) == [record["draft"]]
    assert "sidelines" not in response.content.decode()
