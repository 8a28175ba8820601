"""/officials/<slug>/, /topics/<slug>/ and /countries/<code>/, and the chart helper."""

import datetime
import itertools

import pytest

from engagements import charts
from engagements.models import Statement
from tests import factories as f

D = datetime.date


@pytest.fixture
def pair(db):
    return f.alliance_pair()


# --- officials ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_official_page_shows_posts_meetings_and_quotes(client):
    blinken = f.official(
        "Antony J. Blinken",
        title="Deputy Secretary of State",
        start=D(2015, 1, 9),
        end=D(2017, 1, 20),
    )
    f.appointment(blinken, "Secretary of State", start=D(2021, 1, 26), end=D(2025, 1, 20))
    meeting = f.meeting("Blinken in Seoul", D(2021, 3, 18), participants=(blinken,))
    f.statement(meeting, "An ironclad alliance.", kind=Statement.Kind.QUOTE, speaker=blinken)
    f.meeting("Draft visit", D(2021, 4, 1), participants=(blinken,), published=False)

    response = client.get(blinken.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Antony J. Blinken" in html
    assert "Deputy Secretary of State" in html
    assert '<time datetime="2021-01-26">26 Jan 2021</time>' in html
    assert "Blinken in Seoul" in html
    assert "1 meeting attended" in html
    assert "An ironclad alliance." in html
    assert "Draft visit" not in html
    assert f'href="/?official={blinken.slug}"' in html


@pytest.mark.django_db
def test_an_official_known_only_from_drafts_is_a_404(client):
    ghost = f.official("Misread Name")
    f.meeting("Draft", participants=(ghost,), published=False)

    assert client.get(ghost.get_absolute_url()).status_code == 404
    assert client.get("/officials/nobody/").status_code == 404


# Official, posts, meetings (for_timeline: 4), statements.
OFFICIAL_QUERIES = 7


@pytest.mark.parametrize("count", [3, 30])
def test_official_page_query_count_does_not_grow(client, django_assert_num_queries, pair, count):
    rubio, cho = pair
    meetings = f.many_meetings(count, participants=(rubio, cho), topics=("shipbuilding",))
    for meeting in meetings:
        f.statement(meeting, "Quote", kind=Statement.Kind.QUOTE, speaker=rubio)

    with django_assert_num_queries(OFFICIAL_QUERIES):
        response = client.get(rubio.get_absolute_url())
    assert response.content.decode().count('class="entry"') == count


# --- topics ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_topic_page_shows_description_subtopics_meetings_commitments_and_chart(client):
    ships = f.meeting("Ships", D(2025, 9, 10), topics=("shipbuilding",))
    f.meeting("Trade", D(2025, 3, 1), topics=("trade",))
    f.meeting("Year only", D(2019, 1, 1), precision="year", topics=("investment",))
    f.meeting("Draft", D(2025, 9, 11), topics=("shipbuilding",), published=False)
    f.commitment(ships, "Build ships together.", topics=("shipbuilding",))

    response = client.get("/topics/economy/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Economy</h1>" in html
    assert "Investment, trade, industry and economic security." in html
    assert 'href="/topics/shipbuilding/">Shipbuilding</a>' in html  # a subtopic
    assert "3 meetings" in html
    assert "Ships" in html
    assert "Trade" in html
    assert "Draft" not in html
    assert "Build ships together." in html
    assert '<svg class="chart__svg"' in html
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in html
    assert "Meetings per quarter from Q1 2025 to Q3 2025" in html
    assert "<title>Q3 2025: 1 meeting</title>" in html
    assert '<th scope="row">Q1 2025</th><td>1</td>' in html  # the table fallback
    assert "1 meeting known only by year is not charted." in html
    assert "style=" not in html


@pytest.mark.django_db
def test_topic_page_of_a_subtopic_links_its_parent(client):
    html = client.get("/topics/nuclear-consultative-group/").content.decode()

    assert 'href="/topics/deterrence/">Deterrence</a>' in html
    assert "No published meeting on this topic yet." in html


@pytest.mark.django_db
def test_unknown_topic_is_a_404(client):
    assert client.get("/topics/no-such-topic/").status_code == 404


# All topics, chart dates, latest meetings (4), commitments, their status entries.
TOPIC_QUERIES = 8


@pytest.mark.parametrize("count", [3, 30])
def test_topic_page_query_count_does_not_grow(client, django_assert_num_queries, pair, count):
    meetings = f.many_meetings(count, participants=pair, topics=("shipbuilding",))
    for meeting in meetings:
        f.commitment(
            meeting, "Ships", topics=("shipbuilding",), statuses=(("stalled", meeting.date),)
        )

    with django_assert_num_queries(TOPIC_QUERIES):
        response = client.get("/topics/economy/")
    assert response.status_code == 200


# --- countries ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_country_page_lists_its_officials_and_meetings_and_accepts_any_case(client, pair):
    rubio, cho = pair
    f.meeting("Rubio meets Cho", participants=(rubio, cho))
    f.meeting("Draft", participants=(cho,), published=False)
    ghost = f.official("Draft Only Person", "KR")
    f.meeting("Another draft", participants=(ghost,), published=False)

    for code in ("kr", "KR", "Kr"):
        response = client.get(f"/countries/{code}/")
        html = response.content.decode()
        assert response.status_code == 200
        assert "<h1>Republic of Korea</h1>" in html
        assert "Cho Hyun" in html
        assert "Minister of Foreign Affairs" in html
        assert "Rubio meets Cho" in html
        assert "Draft" not in html
        assert "1 meeting" in html


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["zz", "usa", "u"])
def test_unknown_country_is_a_404(client, code):
    assert client.get(f"/countries/{code}/").status_code == 404


# Country, officials, their posts, meeting count, latest meetings (4).
COUNTRY_QUERIES = 8


@pytest.mark.parametrize("count", [3, 30])
def test_country_page_query_count_does_not_grow(client, django_assert_num_queries, pair, count):
    f.many_meetings(count, participants=pair)
    for i in range(count):
        f.official(f"Ambassador {i}", "KR", title="Ambassador", start=D(2000 + i % 20, 1, 1))

    with django_assert_num_queries(COUNTRY_QUERIES):
        response = client.get("/countries/kr/")
    assert response.status_code == 200


# --- the chart helper (no database) ------------------------------------------------------------


def test_quarterly_counts_fill_empty_quarters():
    series = charts.quarterly_counts([D(2024, 11, 5), D(2025, 5, 1), D(2025, 6, 30)])

    assert [(q.label, n) for q, n in series] == [
        ("Q4 2024", 1),
        ("Q1 2025", 0),
        ("Q2 2025", 2),
    ]
    assert charts.quarterly_counts([]) == []


def test_bar_chart_geometry_scales_bars_to_the_plot():
    series = charts.quarterly_counts([D(2025, 1, 1), D(2025, 4, 1), D(2025, 4, 2)])
    chart = charts.quarterly_bar_chart(series)

    tallest = max(chart.bars, key=lambda bar: bar.height)
    assert tallest.value == 2
    assert tallest.y == chart.plot_top
    assert tallest.y + tallest.height == chart.baseline
    assert chart.bars[0].height == pytest.approx(tallest.height / 2)
    assert [tick.label for tick in chart.y_ticks] == ["0", "1", "2"]
    assert [tick.label for tick in chart.x_ticks] == ["2025"]
    assert charts.quarterly_bar_chart([]) is None


def test_bar_chart_thins_year_labels_over_decades():
    series = charts.quarterly_counts([D(1953, 8, 1), D(2025, 9, 10)])
    chart = charts.quarterly_bar_chart(series)

    assert len(series) == 4 * (2025 - 1953) + 1
    labels = [int(tick.label) for tick in chart.x_ticks]
    assert labels[0] == 1954
    gaps = {b - a for a, b in itertools.pairwise(labels)}
    assert len(gaps) == 1
    assert gaps.pop() >= 1
    xs = [tick.x for tick in chart.x_ticks]
    assert min(b - a for a, b in itertools.pairwise(xs)) >= 40


@pytest.mark.parametrize(("maximum", "step"), [(1, 1), (4, 1), (7, 2), (12, 5), (45, 20)])
def test_nice_step(maximum, step):
    assert charts.nice_step(maximum) == step
