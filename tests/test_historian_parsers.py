"""Reading the Office of the Historian's XML and deciding what it becomes — pure Python, no
database."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings

from engagements.sample_data import SampleDataError
from engagements.sample_data.historian import (
    Person,
    XMLFile,
    read_country_mission,
    read_historian_data,
    read_principal_position,
    read_trips,
)
from engagements.sample_data.plans import (
    plan_meetings,
    plan_officials,
    us_presidents_met,
    visit_location,
)
from engagements.sample_data.rok_officials import korean_counterparts, resolve_korean

D = datetime.date
DATA = Path(settings.BASE_DIR) / "data"

TRIP = """<?xml version="1.0" encoding="UTF-8"?>
<trips>
    <trip role="secretary" who="blinken-antony-j">
        <id>4182</id>
        <role>secretary</role>
        <name>Antony John Blinken</name>
        <start-date>2023-11-08</start-date>
        <end-date>2023-11-09</end-date>
        <country id="korea-south">Korea, Republic of</country>
        <locale>Seoul</locale>
        <remarks>Met with President Yoon Suk Yeol, Foreign Minister Park Jin, and National
            Security Advisor Cho Tae-yong.</remarks>
    </trip>
</trips>
"""


def xml_file(tmp_path, text: str, name: str = "trips.xml") -> XMLFile:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return XMLFile(path, name)


@pytest.fixture(scope="module")
def historian_data():
    return read_historian_data(DATA)


@pytest.fixture(scope="module")
def meetings(historian_data):
    return plan_meetings(historian_data)


def meeting_on(meetings, day, title_start):
    [found] = [m for m in meetings if m.date == day and m.title.startswith(title_start)]
    return found


# --- Reading ------------------------------------------------------------------------------


def test_a_trip_is_read_with_its_exact_xml_as_raw_text(tmp_path):
    [trip] = read_trips(xml_file(tmp_path, TRIP))
    assert (trip.id, trip.role, trip.who) == (4182, "secretary", "blinken-antony-j")
    assert (trip.start, trip.end, trip.locale) == (D(2023, 11, 8), D(2023, 11, 9), "Seoul")
    assert trip.remarks.endswith("National Security Advisor Cho Tae-yong.")
    assert trip.raw.startswith('<trip role="secretary" who="blinken-antony-j">\n    <id>4182</id>')
    assert trip.raw.endswith("</trip>")
    assert trip.url == (
        "https://history.state.gov/departmenthistory/travels/secretary/blinken-antony-j#trip-4182"
    )


def test_malformed_xml_names_the_file_and_line(tmp_path):
    broken = TRIP.replace("</locale>", "</locales>")
    with pytest.raises(SampleDataError, match=r"^trips\.xml, line 10: malformed XML: mismatched"):
        read_trips(xml_file(tmp_path, broken))


def test_a_missing_element_names_the_file_and_the_records_line(tmp_path):
    broken = TRIP.replace("        <start-date>2023-11-08</start-date>\n", "")
    with pytest.raises(SampleDataError, match=r"^trips\.xml, line 3: <trip> has no <start-date>$"):
        read_trips(xml_file(tmp_path, broken))


def test_a_bad_date_names_the_line_of_the_element(tmp_path):
    broken = TRIP.replace("2023-11-09", "2023-11-31")
    with pytest.raises(SampleDataError, match=r"line 8: <end-date> is not a date"):
        read_trips(xml_file(tmp_path, broken))


CHIEFS = """<country-mission>
    <chiefs>
        <chief>
            <person-id>christenson-richard-a</person-id>
            <role-title-id>charge-daffaires-ad-interim</role-title-id>
            <appointed><date/></appointed>
            <started><date>1996-02</date></started>
            <ended><date>1997-12</date></ended>
        </chief>
        <chief>
            <person-id>harris-harry-b-jr</person-id>
            <role-title-id>ambassador-e-p</role-title-id>
            <appointed><date>2018-06-29</date></appointed>
            <started><date>2018-07-25</date></started>
            <ended><date/></ended>
        </chief>
    </chiefs>
</country-mission>
"""


def test_partial_dates_cover_the_whole_month_and_open_tenures_stay_open(tmp_path):
    chargé, ambassador = read_country_mission(xml_file(tmp_path, CHIEFS, "korea.xml"))
    assert chargé.title == "Chargé d'Affaires ad interim to the Republic of Korea"
    assert (chargé.start, chargé.end) == (D(1996, 2, 1), D(1997, 12, 31))
    assert ambassador.title == "Ambassador to the Republic of Korea"
    assert (ambassador.start, ambassador.end) == (D(2018, 7, 25), None)


def test_an_unknown_chief_title_is_refused(tmp_path):
    text = CHIEFS.replace("ambassador-e-p", "consul-general")
    with pytest.raises(SampleDataError, match=r"korea\.xml, line 10: unknown role-title-id"):
        read_country_mission(xml_file(tmp_path, text, "korea.xml"))


def test_a_tenure_left_open_ends_when_the_next_holder_starts():
    xml = XMLFile(DATA / "history-at-state/pocom/positions-principals/deputy-secretary.xml", "d")
    sullivan = next(p for p in read_principal_position(xml) if p.person_id == "sullivan-john-j")
    assert (sullivan.start, sullivan.end) == (D(2017, 5, 24), D(2019, 12, 20))


def test_people_are_named_in_natural_order_with_safe_aliases():
    kissinger = Person(
        "k", "Kissinger", "Henry A. (Heinz Alfred)", altnames=("Henry A. Kissinger",)
    )
    assert kissinger.name == "Henry A. Kissinger"
    assert kissinger.aliases == ()
    clay = Person("clay-henry", "Clay", "Henry", altnames=("Henry Clay Ide",))
    assert clay.aliases == ()  # another man
    baker = Person("b", "Baker", "James Addison", gen_name="III")
    assert (baker.name, baker.short_name) == ("James Addison Baker III", "James Baker")


def test_the_repository_data_reads_in_full(historian_data):
    assert len(historian_data.trips) == 76  # 21 by Presidents, 55 by Secretaries
    assert len(historian_data.visits) == 44
    assert len(historian_data.posts) == 153  # 73 + 21 + 26 principals, 33 chiefs of mission
    assert len(historian_data.people) == 141


# --- Who was met --------------------------------------------------------------------------


def test_full_names_and_titles_are_picked_out_of_remarks():
    text = (
        "Met with President Yoon Suk Yeol, Foreign Minister Park Jin, and National Security "
        "Advisor Cho Tae-yong."
    )
    found = [(c.official.name, c.title) for c in korean_counterparts(text, D(2023, 11, 8))]
    assert found == [
        ("Yoon Suk Yeol", "President"),
        ("Park Jin", "Foreign Minister"),
        ("Cho Tae-yong", "National Security Advisor"),
    ]


def test_a_family_name_means_whoever_held_the_post_that_day():
    assert resolve_korean("President", "Kim", D(1993, 7, 10)).official.name == "Kim Young-sam"
    assert resolve_korean("President", "Kim", D(1998, 5, 1)).official.name == "Kim Dae-jung"
    assert resolve_korean("Premier", "Kim", D(1973, 11, 16)).title == "Prime Minister"
    assert resolve_korean("Foreign Minister", "Yoo", D(1997, 2, 21)).official.name == (
        "Yoo Chong-ha"
    )
    # Nobody we know of: a Prime Minister Kim in 1983 is left out rather than guessed.
    assert resolve_korean("Prime Minister", "Kim", D(1983, 2, 6)) is None


def test_park_chung_hee_is_titled_as_he_was_on_the_day():
    assert resolve_korean("President", "Park", D(1961, 11, 4)).title == (
        "Chairman of the Supreme Council for National Reconstruction"
    )
    assert resolve_korean("Acting President", "Park", D(1963, 11, 24)).title == "Acting President"
    assert resolve_korean("President", "Park", D(1966, 7, 8)).title == "President"


def test_misspellings_resolve_and_the_post_held_wins_over_a_wrong_title():
    found = korean_counterparts(
        "Met with President Park Gyeun-hye and Prime Minister Yun Byun-se.", D(2013, 4, 12)
    )
    assert [(c.official.name, c.title) for c in found] == [
        ("Park Geun-hye", "President"),
        ("Yun Byung-se", "Foreign Minister"),
    ]


def test_only_people_met_count_not_funerals_inaugurations_or_foreign_leaders():
    day = D(1979, 11, 1)
    assert korean_counterparts("Attended the funeral of President Park.", day) == []
    assert korean_counterparts("Attended the inauguration of President Roh Moo-Hyun.", day) == []
    remark = "Attended APEC Summit meeting and met with Russian President Putin."
    assert korean_counterparts(remark, D(2005, 11, 16)) == []
    remark = "Met with President Moon Jae-in, and spoke to Chairman Kim Jong-un."
    assert [c.official.name for c in korean_counterparts(remark, D(2019, 6, 30))] == ["Moon Jae-in"]


def test_the_sitting_us_president_is_a_host_only_when_the_visit_says_so(historian_data):
    presidents = historian_data.presidents
    met = us_presidents_met(
        "Met with President Bush at Camp David, MD.", D(2008, 4, 16), presidents
    )
    assert [term.id for term in met] == ["bush-george-w"]
    assert (
        us_presidents_met("Attended funeral of President Kennedy.", D(1963, 11, 24), presidents)
        == []
    )


@pytest.mark.parametrize(
    ("description", "location"),
    [
        ("Attended NATO 75th Anniversary Summit in Washington, DC.", "Washington, D.C."),
        ("Official working visit to Washington; private visit to Los Angeles afterward.",
         "Washington, D.C."),
        ("Attended APEC meeting in Seattle. Visited Washington, D.C. November 21–23.",
         "Seattle, Washington"),
        ("State visit. Afterwards visited New York City, Philadelphia (Pennsylvania).", ""),
        ("Informal visit. In U.S. November 12–23, visiting New York City and Honolulu.", ""),
        ("Private visit. Had met with Soviet President Gorbachev in San Francisco, June 4.", ""),
        ("State Visit.", ""),
    ],
)  # fmt: skip
def test_a_visit_is_located_only_where_its_description_says(description, location):
    assert visit_location(description) == location


# --- Plans --------------------------------------------------------------------------------


def test_every_engagement_becomes_one_meeting(meetings):
    # 76 trip records − 1 duplicate − 10 Secretaries accompanying a President = 65 trips,
    # plus 44 visits.
    assert len(meetings) == 109
    assert sum(m.level == "leaders" for m in meetings) == 21 + 44
    assert sum(len(m.sources) for m in meetings) == 76 + 44


def test_a_trip_recorded_twice_is_one_meeting_with_both_records(meetings):
    blinken = meeting_on(meetings, D(2021, 3, 17), "Secretary Blinken")
    assert [s.url.rsplit("#", 1)[1] for s in blinken.sources] == ["trip-3993", "trip-4020"]
    assert [(p.official.key, p.title) for p in blinken.participants] == [
        ("blinken-antony-j", "Secretary of State"),
        ("Chung Eui-yong", "Foreign Minister"),
    ]


def test_an_accompanying_secretary_joins_the_presidents_trip(meetings):
    trump = meeting_on(meetings, D(2017, 11, 7), "President Trump")
    assert [(p.official.key, p.role) for p in trump.participants] == [
        ("trump-donald-j", "principal"),
        ("Moon Jae-in", "host"),
        ("tillerson-rex-w", "delegation"),
    ]
    assert "Secretary of State Rex W. Tillerson: Accompanied President Trump." in trump.summary
    assert not [
        m for m in meetings if m.title.startswith("Secretary Tillerson") and m.date.month == 11
    ]


def test_meeting_titles_read_naturally(meetings):
    titles = {m.title for m in meetings}
    assert "President Yoon Suk Yeol's state visit to the United States" in titles
    assert "President-elect Eisenhower's visit to Seoul" in titles
    assert "President George H.W. Bush's official visit to Seoul" in titles
    assert "Chairman Park Chung-hee's informal visit to the United States" in titles


def test_officials_are_planned_with_their_posts(historian_data, meetings):
    plans = {plan.ref.key: plan for plan in plan_officials(historian_data, meetings)}
    # pocom people, Presidents, ROK officials named, ROK Foreign Ministers inferred as hosts
    assert len(plans) == 141 + 12 + 28 + 6
    trump = plans["trump-donald-j"]
    assert [(a.title, a.start, a.end) for a in trump.appointments] == [
        ("President of the United States", D(2017, 1, 20), D(2021, 1, 20)),
        ("President of the United States", D(2025, 1, 20), None),
    ]
    assert plans["blinken-antony-j"].aliases == ("Antony Blinken",)
    assert "John Adams" not in plans["adams-john-quincy"].aliases
    assert plans["Yoon Suk Yeol"].native_name == "윤석열"
