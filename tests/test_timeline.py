"""The timeline at /: what an entry shows, the filters, htmx fragments, bad parameters and
query counts."""

import datetime

import pytest
from django.urls import reverse

from engagements import selectors
from engagements.models import Modality
from tests import factories as f

pytestmark = pytest.mark.django_db

URL = reverse("timeline")
HX = {"HX-Request": "true"}
D = datetime.date


def titles(response) -> list[str]:
    """Meeting titles in the order the page shows them."""
    html = response.content.decode()
    found = []
    for chunk in html.split('class="entry__title"')[1:]:
        link_text = chunk.split("</a>", 1)[0].rsplit(">", 1)[1]
        found.append(link_text.strip())
    return found


@pytest.fixture
def pair():
    return f.alliance_pair()


# --- what the page shows -----------------------------------------------------------------------


def test_timeline_lists_published_meetings_newest_first_grouped_by_month(client, pair):
    f.meeting("Older", D(2025, 8, 25))
    f.meeting("Newest", D(2025, 9, 10))
    f.meeting("Same month", D(2025, 9, 1))
    f.meeting("Unreviewed import", D(2025, 9, 30), published=False)

    response = client.get(URL)

    assert response.status_code == 200
    assert titles(response) == ["Newest", "Same month", "Older"]
    html = response.content.decode()
    assert html.count('<time datetime="2025-09">September 2025</time>') == 1
    assert '<time datetime="2025-08">August 2025</time>' in html
    assert "Unreviewed import" not in html
    assert "3 meetings" in html


def test_timeline_entry_shows_precision_modality_participants_titles_topics_and_counts(
    client, pair
):
    rubio, cho = pair
    meeting = f.meeting(
        "Rubio meets Cho",
        D(2025, 9, 10),
        modality=Modality.PHONE_CALL,
        topics=("shipbuilding", "north-korea"),
        participants=(rubio, cho),
    )
    f.statement(meeting, "US readout")
    f.statement(meeting, "KR readout", issuer="KR")
    f.commitment(meeting)
    f.attach_source(meeting, f.source())
    f.meeting("Known only by month", D(2024, 5, 1), precision="month")

    html = client.get(URL).content.decode()

    assert '<time datetime="2025-09-10">10 September 2025</time>' in html
    assert '<time datetime="2024-05">May 2024</time>' in html
    assert "Phone call" in html
    assert f'href="{meeting.get_absolute_url()}"' in html
    assert 'Marco Rubio</a><span class="person__title">, Secretary of State</span>' in html
    assert 'Cho Hyun</a><span class="person__title">, Minister of Foreign Affairs</span>' in html
    assert 'href="/topics/shipbuilding/">Shipbuilding</a>' in html
    assert "2 statements" in html
    assert "1 commitment<" in html
    assert "1 source<" in html


def test_timeline_shows_the_title_held_on_the_meeting_date(client):
    person = f.official("Antony J. Blinken", title="Deputy Secretary of State", start=D(2015, 1, 9))
    person.appointments.update(end=D(2017, 1, 20))
    f.appointment(person, "Secretary of State", start=D(2021, 1, 26))
    f.meeting("As deputy", D(2016, 3, 1), participants=(person,))
    f.meeting("As secretary", D(2022, 3, 1), participants=(person,))

    html = client.get(URL).content.decode()

    as_secretary, as_deputy = html.split("As deputy")
    assert ", Secretary of State<" in as_secretary
    assert ", Deputy Secretary of State<" in as_deputy


# --- filters -----------------------------------------------------------------------------------


def test_timeline_filters_by_topic_and_a_parent_topic_includes_its_subtopics(client):
    f.meeting("Ships", D(2025, 9, 1), topics=("shipbuilding",))
    f.meeting("Trade talks", D(2025, 8, 1), topics=("trade",))
    f.meeting("Deterrence", D(2025, 7, 1), topics=("nuclear-consultative-group",))

    assert titles(client.get(URL, {"topic": "shipbuilding"})) == ["Ships"]
    assert titles(client.get(URL, {"topic": "economy"})) == ["Ships", "Trade talks"]
    # Two levels down: Security › Deterrence › Nuclear Consultative Group.
    assert titles(client.get(URL, {"topic": "security"})) == ["Deterrence"]
    several = client.get(f"{URL}?topic=shipbuilding&topic=nuclear-consultative-group")
    assert titles(several) == ["Ships", "Deterrence"]


def test_timeline_filters_by_country_case_insensitively(client, pair):
    rubio, cho = pair
    kishida = f.official("Kishida Fumio", "JP")
    f.meeting("Bilateral", D(2025, 9, 1), participants=(rubio, cho))
    f.meeting("Trilateral", D(2025, 8, 1), participants=(rubio, cho, kishida))

    assert titles(client.get(URL, {"country": "JP"})) == ["Trilateral"]
    assert titles(client.get(URL, {"country": "jp"})) == ["Trilateral"]
    assert titles(client.get(URL, {"country": "KR"})) == ["Bilateral", "Trilateral"]


def test_timeline_filters_by_officials(client, pair):
    rubio, cho = pair
    trump = f.official("Donald J. Trump", title="President", start=D(2025, 1, 20))
    f.meeting("Ministers", D(2025, 9, 1), participants=(rubio, cho))
    f.meeting("Summit", D(2025, 8, 25), participants=(trump,))
    f.meeting("Nobody", D(2025, 7, 1))

    assert titles(client.get(URL, {"official": rubio.slug})) == ["Ministers"]
    both = client.get(f"{URL}?official={rubio.slug}&official={trump.slug}")
    assert titles(both) == ["Ministers", "Summit"]


def test_timeline_official_picker_lists_only_officials_of_published_meetings(client, pair):
    rubio, _cho = pair
    hidden = f.official("Only In A Draft")
    f.meeting("Published", participants=(rubio,))
    f.meeting("Draft", published=False, participants=(hidden,))

    html = client.get(URL).content.decode()

    assert f'value="{rubio.slug}"' in html
    assert "Only In A Draft" not in html
    response = client.get(URL, {"official": hidden.slug})
    assert response.status_code == 400


def test_timeline_filters_by_modality(client):
    f.meeting("Call", modality=Modality.PHONE_CALL)
    f.meeting("Visit", modality=Modality.IN_PERSON)

    assert titles(client.get(URL, {"modality": "phone_call"})) == ["Call"]


def test_timeline_date_range_treats_a_month_precision_meeting_as_the_whole_month(client):
    f.meeting("September, day unknown", D(2025, 9, 1), precision="month")
    f.meeting("1953, month unknown", D(1953, 1, 1), precision="year")
    f.meeting("Exact day", D(2025, 9, 10))
    f.meeting("Three-day visit", D(2025, 8, 30), end_date=D(2025, 9, 1))

    mid_september = {"date_from": "2025-09-20", "date_to": "2025-09-25"}
    assert titles(client.get(URL, mid_september)) == ["September, day unknown"]
    assert titles(client.get(URL, {"date_from": "2025-09-10"})) == [
        "Exact day",
        "September, day unknown",
    ]
    assert titles(client.get(URL, {"date_from": "2025-09-01", "date_to": "2025-09-01"})) == [
        "September, day unknown",
        "Three-day visit",
    ]
    assert titles(client.get(URL, {"date_from": "1953-06-30", "date_to": "1953-07-01"})) == [
        "1953, month unknown"
    ]
    assert titles(client.get(URL, {"date_to": "2025-08-31"})) == [
        "Three-day visit",
        "1953, month unknown",
    ]


def test_timeline_text_search_covers_title_summary_statements_and_people(client, pair):
    _rubio, cho = pair
    f.meeting("Shipbuilding talks", D(2025, 9, 10))
    f.meeting("Summary match", D(2025, 9, 9), summary="They discussed MASGA.")
    said = f.meeting("Statement match", D(2025, 9, 8))
    f.statement(said, "Cooperation on masga shipyards.")
    f.meeting("Person match", D(2025, 9, 7), participants=(cho,))
    f.meeting("Unrelated", D(2025, 9, 6))

    assert titles(client.get(URL, {"q": "masga"})) == ["Summary match", "Statement match"]
    assert titles(client.get(URL, {"q": "SHIPBUILDING"})) == ["Shipbuilding talks"]
    assert titles(client.get(URL, {"q": "cho hyun"})) == ["Person match"]
    assert titles(client.get(URL, {"q": "조현"})) == ["Person match"]


def test_timeline_filters_combine(client, pair):
    _rubio, cho = pair
    f.meeting("Ships, call", modality=Modality.PHONE_CALL, topics=("shipbuilding",))
    f.meeting("Ships, visit", topics=("shipbuilding",), participants=(cho,))
    f.meeting("Trade, call", modality=Modality.PHONE_CALL, topics=("trade",))

    response = client.get(URL, {"topic": "shipbuilding", "modality": "phone_call"})

    assert titles(response) == ["Ships, call"]


def test_active_filters_appear_as_removable_chips_with_clear_all(client, pair):
    rubio, _cho = pair
    f.meeting("Ships", topics=("shipbuilding",), participants=(rubio,))

    html = client.get(
        URL, {"topic": "shipbuilding", "official": rubio.slug, "q": "ships"}
    ).content.decode()

    chips = html.split('id="active-filters"', 1)[1].split("</div>", 1)[0]
    assert "Shipbuilding" in chips
    assert "Marco Rubio" in chips
    assert "“ships”" in chips
    # Removing a chip keeps the other filters.
    assert f'href="/?q=ships&amp;official={rubio.slug}"' in chips
    assert 'href="/?q=ships&amp;topic=shipbuilding"' in chips
    assert 'href="/" hx-get="/">Clear all</a>' in chips


def test_topic_and_country_options_show_counts_under_the_other_filters(client, pair):
    rubio, cho = pair
    kishida = f.official("Kishida Fumio", "JP")
    f.meeting("A", topics=("shipbuilding",), participants=(rubio, cho))
    f.meeting("B", topics=("shipbuilding", "trade"), participants=(rubio, kishida))
    f.meeting("C", topics=("trade",), participants=(rubio,), modality=Modality.PHONE_CALL)
    f.meeting("Draft", topics=("shipbuilding",), participants=(rubio, cho), published=False)

    context = client.get(URL, {"topic": "shipbuilding", "country": "KR"}).context
    topic_counts = {o["topic"].slug: o["count"] for o in context["topic_options"]}
    country_counts = {o["country"].code: o["count"] for o in context["country_options"]}

    # Topic counts apply every filter but the topic one: here, country=KR (meeting A only).
    assert topic_counts["shipbuilding"] == 1
    assert topic_counts["trade"] == 0
    assert topic_counts["economy"] == 1
    # Country counts apply the topic filter but not the country one: A and B.
    assert country_counts == {"US": 2, "KR": 1, "JP": 1}
    assert titles(client.get(URL, {"topic": "shipbuilding", "country": "KR"})) == ["A"]


# --- htmx --------------------------------------------------------------------------------------


def test_timeline_without_htmx_renders_the_full_page(client):
    f.meeting("Ships", topics=("shipbuilding",))

    response = client.get(URL, {"topic": "shipbuilding"})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith("<!doctype html>")
    assert '<form id="filter-form"' in html
    assert "hx-swap-oob" not in html
    assert "HX-Request" in response["Vary"]


def test_timeline_with_htmx_renders_only_the_results_and_out_of_band_updates(client):
    f.meeting("Ships", topics=("shipbuilding",))
    f.meeting("Trade", topics=("trade",))

    response = client.get(URL, {"topic": "shipbuilding"}, headers=HX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert '<form id="filter-form"' not in html
    assert html.lstrip().startswith('<div id="results"')
    assert titles(response) == ["Ships"]
    assert '<p id="result-count" hx-swap-oob="innerHTML">1 meeting match these filters' in html
    assert '<div id="active-filters" class="active-filters" hx-swap-oob="true">' in html
    assert '<fieldset class="facet" id="facet-topics" hx-swap-oob="true">' in html
    assert '<fieldset class="facet" id="facet-countries" hx-swap-oob="true">' in html
    assert "HX-Request" in response["Vary"]


def test_timeline_fragment_pushes_the_canonical_address(client):
    f.meeting("Ships", topics=("shipbuilding",))

    response = client.get(
        f"{URL}?q=&topic=shipbuilding&modality=&date_from=&date_to=&country=", headers=HX
    )

    assert response["HX-Push-Url"] == "/?topic=shipbuilding"


def test_timeline_history_restore_gets_the_full_page(client):
    f.meeting("Ships", topics=("shipbuilding",))

    response = client.get(
        URL, {"topic": "shipbuilding"}, headers={**HX, "HX-History-Restore-Request": "true"}
    )

    assert response.content.decode().startswith("<!doctype html>")


def test_load_more_returns_only_the_next_page_and_keeps_a_month_to_one_heading(client, monkeypatch):
    monkeypatch.setattr(selectors.timeline_page, "__kwdefaults__", {"per_page": 2})
    for day in (10, 9, 8):
        f.meeting(f"September {day}", D(2025, 9, day))
    f.meeting("August", D(2025, 8, 1))

    first = client.get(URL)
    assert titles(first) == ["September 10", "September 9"]
    assert 'href="/?page=2"' in first.content.decode()

    more = client.get(URL, {"page": 2}, headers={**HX, "HX-Target": "load-more"})
    html = more.content.decode()
    assert titles(more) == ["September 8", "August"]
    assert "<html" not in html
    assert 'id="results"' not in html
    assert '<time datetime="2025-09">' not in html  # the month continues from page 1
    assert '<time datetime="2025-08">August 2025</time>' in html
    assert "Load more" not in html  # that was the last page
    assert "autofocus" in html  # keyboard focus moves to the first new meeting

    no_js = client.get(URL, {"page": 2})
    assert titles(no_js) == ["September 8", "August"]
    assert "Newer meetings" in no_js.content.decode()


# --- bad parameters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("topic=no-such-topic", "No topic matches “no-such-topic”"),
        ("country=ZZ", "No country matches “ZZ”"),
        ("official=nobody", "No official matches “nobody”"),
        ("modality=teleportation", "Kind: choose in person, phone call or video call."),
        ("date_from=notadate", "From: not a date. Use YYYY-MM-DD"),
        ("date_to=2025-13-45", "To: not a date."),
        ("date_from=2025-09-10&date_to=2025-01-01", "The start date (10 September 2025) is after"),
        ("q=" + "x" * 10_000, "The search text is too long"),
        ("q=%00", "Null characters are not allowed"),
        ("page=-5", "Page: must be 1 or more."),
        ("page=0", "Page: must be 1 or more."),
        ("page=abc", "Page: not a whole number"),
        ("page=99999999999999999999", "Page: must be at most 10,000."),
        ("topic=" + "&topic=".join(f"t{i}" for i in range(60)), "Choose at most 50 values"),
    ],
)
def test_bad_parameters_give_a_clear_message_and_400(client, query, message):
    f.meeting("Ships", topics=("shipbuilding",))

    response = client.get(f"{URL}?{query}")

    html = response.content.decode()
    assert response.status_code == 400
    assert "These filters cannot be applied" in html
    assert message in html
    assert "Ships" not in titles(response)


def test_bad_parameters_with_htmx_give_the_message_in_the_fragment(client):
    response = client.get(URL, {"date_from": "notadate"}, headers=HX)

    assert response.status_code == 400
    assert "<html" not in response.content.decode()
    assert "not a date" in response.content.decode()


def test_a_page_past_the_end_says_so_and_offers_the_last_page(client, monkeypatch):
    monkeypatch.setattr(selectors.timeline_page, "__kwdefaults__", {"per_page": 2})
    for day in range(1, 6):
        f.meeting(f"Meeting {day}", D(2025, 9, day))

    response = client.get(URL, {"page": 9})

    html = response.content.decode()
    assert response.status_code == 400
    assert "There is no page 9: these filters give 5 meetings on 3 pages." in html
    assert 'href="/?page=3">Go to the last page (page 3)</a>' in html


def test_an_empty_result_is_not_an_error(client):
    response = client.get(URL, {"q": "nothing matches this"})

    assert response.status_code == 200
    assert "No published meeting matches these filters" in response.content.decode()


def test_timeline_refuses_post(client):
    assert client.post(URL).status_code == 405


# --- query counts ------------------------------------------------------------------------------

# Choices (topics, countries, officials) 3 + count 1 + page 1 + participations, appointments,
# topics 3 + facets 2.
TIMELINE_QUERIES = 10


@pytest.mark.parametrize("count", [3, 30])
def test_timeline_query_count_does_not_grow_with_results(client, django_assert_num_queries, count):
    rubio, cho = f.alliance_pair()
    f.many_meetings(count, participants=(rubio, cho), topics=("shipbuilding", "trade"))

    with django_assert_num_queries(TIMELINE_QUERIES):
        response = client.get(URL)
    assert len(titles(response)) == min(count, selectors.PAGE_SIZE)

    with django_assert_num_queries(TIMELINE_QUERIES):
        client.get(
            URL,
            {"topic": "economy", "country": "KR", "official": rubio.slug, "q": "bulk"},
            headers=HX,
        )


def test_timeline_query_count_is_the_same_for_an_editor(editor_client, django_assert_num_queries):
    # The public pages never read the session or the user.
    f.many_meetings(3, participants=f.alliance_pair())

    with django_assert_num_queries(TIMELINE_QUERIES):
        editor_client.get(URL)


def test_bad_parameters_cost_only_the_choices(client, django_assert_num_queries):
    with django_assert_num_queries(3):
        client.get(URL, {"date_from": "notadate"})
