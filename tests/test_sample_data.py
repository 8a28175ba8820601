"""`manage.py load_sample_data`: what it loads, that a second run changes nothing, and that a
bad file loads nothing.

The load runs once for the module (a few seconds) inside a transaction rolled back at the end;
each test runs in a savepoint inside it.
"""

import datetime
import io
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction

from engagements.models import (
    Appointment,
    Commitment,
    CommitmentStatus,
    CommitmentStatusEntry,
    Meeting,
    MeetingSource,
    Official,
    OfficialAlias,
    Participation,
    Source,
    Statement,
)
from engagements.sample_data import SampleDataError, loader

D = datetime.date
DATA = Path(settings.BASE_DIR) / "data"
HISTORIAN = "U.S. Department of State, Office of the Historian"
MODELS = [
    Official,
    OfficialAlias,
    Appointment,
    Meeting,
    Source,
    MeetingSource,
    Participation,
    Statement,
    Commitment,
    CommitmentStatusEntry,
]


# The White House posts and the two governments' releases go through the extraction pipeline,
# whose results are tested on their own (tests/test_ingest_command.py, and the whole record in
# tests/test_sample_record.py); the counts here are the Historian's and the seed's.
WITHOUT_POSTS = shutil.ignore_patterns("wh-briefings-korea", "rok-readouts", "us-readouts")


def load(*args) -> str:
    out = io.StringIO()
    call_command("load_sample_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def historian_data(tmp_path_factory) -> Path:
    return Path(
        shutil.copytree(DATA, tmp_path_factory.mktemp("sample") / "data", ignore=WITHOUT_POSTS)
    )


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker, historian_data):
    with django_db_blocker.unblock(), transaction.atomic():
        yield load("--data-dir", str(historian_data))
        transaction.set_rollback(True)


@pytest.fixture
def loaded(first_run, db):
    return first_run


def snapshot() -> dict:
    """Every row count, every edit-history count, and every meeting's last update."""
    state = {model.__name__: model.objects.count() for model in MODELS}
    for model in MODELS:
        if hasattr(model, "history"):
            state[f"{model.__name__} history"] = model.history.count()
    state["meetings updated"] = sorted(Meeting.objects.values_list("pk", "updated_at"))
    return state


def meeting(day: datetime.date, title_start: str) -> Meeting:
    return Meeting.objects.get(date=day, title__startswith=title_start)


def participants(meeting: Meeting) -> set[tuple[str, str, str, str]]:
    return {
        (p.official.name, p.side_id, p.role, p.title)
        for p in meeting.participations.select_related("official")
    }


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A copy of data/ to break."""
    return Path(shutil.copytree(DATA, tmp_path / "data", ignore=WITHOUT_POSTS))


# --- What is loaded -----------------------------------------------------------------------


def test_loads_every_engagement_official_and_source(loaded):
    # Meetings: 76 trips to South Korea − 1 recorded twice − 10 by Secretaries accompanying
    # the President = 65; 44 visits from South Korea; the seed meeting and the Trump–Lee one.
    assert Meeting.objects.count() == 65 + 44 + 2
    assert Meeting.objects.published().count() == 111
    assert not Meeting.objects.filter(published_at__isnull=True).exists()
    # Officials: 141 people in pocom, 12 Presidents (11 who travelled, and Nixon, met in
    # 1969), 28 ROK officials named by the Historian and 6 Foreign Ministers inferred as the
    # hosts of Secretaries of State, then Pigott, Cho Hyun and Lee Jae Myung. The officials
    # supplement (data/officials-supplement/) adds 5 US officials pocom does not name: Austin,
    # Sullivan, Harris, Jenkins and Kahl.
    assert Official.objects.filter(country="US").count() == 141 + 12 + 1 + 5
    assert Official.objects.filter(country="KR").count() == 28 + 6 + 2
    # Appointments: 153 pocom tenures; 13 presidential terms of those 12 (Trump twice) and
    # 5 of Secretaries who became President (Jefferson … Buchanan); Pigott's; and the 7 posts
    # the officials supplement adds (its 3 other rows correct the end of pocom tenures).
    assert Appointment.objects.count() == 153 + 13 + 5 + 1 + 7
    # Sources: one per Historian record (76 trips, 44 visits); the article and the readout.
    assert Source.objects.count() == 76 + 44 + 2
    assert Source.objects.filter(publisher=HISTORIAN).count() == 120
    # 199 named by the sources; 44 hosts inferred from the post held that day.
    assert Participation.objects.count() == 199 + 44
    assert Participation.objects.exclude(inferred_basis="").count() == 44
    assert "Meetings: 111 created, 0 unchanged" in loaded
    assert "Sample data loaded" in loaded


def test_shows_progress(loaded):
    assert "Read visits/data: 44 visits from South Korea" in loaded
    assert "Loaded 100 of 109 meetings" in loaded


def test_a_trip_becomes_a_published_meeting_with_its_source(loaded):
    blinken = meeting(D(2023, 11, 8), "Secretary Blinken")
    assert blinken.title == "Secretary Blinken's visit to Seoul"
    assert (blinken.end_date, blinken.location, blinken.level) == (
        D(2023, 11, 9),
        "Seoul",
        "ministerial",
    )
    assert (blinken.modality, blinken.date_precision) == ("in_person", "day")
    assert blinken.summary.startswith("Met with President Yoon Suk Yeol, Foreign Minister Park Jin")
    assert participants(blinken) == {
        ("Antony John Blinken", "US", "principal", "Secretary of State"),
        ("Yoon Suk Yeol", "KR", "host", "President"),
        ("Park Jin", "KR", "host", "Foreign Minister"),
        ("Cho Tae-yong", "KR", "host", "National Security Advisor"),
    }
    [source] = blinken.sources.all()
    assert source.url == (
        "https://history.state.gov/departmenthistory/travels/secretary/blinken-antony-j#trip-4182"
    )
    assert source.publisher == HISTORIAN
    assert source.retrieved_at is not None
    assert "<id>4182</id>" in source.raw_text


def test_a_trip_recorded_twice_is_loaded_once(loaded):
    [blinken] = Meeting.objects.filter(date=D(2021, 3, 17))
    assert sorted(s.url[-9:] for s in blinken.sources.all()) == ["trip-3993", "trip-4020"]


def test_a_visit_becomes_a_leaders_meeting(loaded):
    yoon = meeting(D(2023, 4, 26), "President Yoon")
    assert yoon.title == "President Yoon Suk Yeol's state visit to the United States"
    assert (yoon.level, yoon.location, yoon.summary) == ("leaders", "", "State Visit.")
    assert participants(yoon) == {
        ("Yoon Suk Yeol", "KR", "principal", "President"),
        ("Joseph R. Biden", "US", "host", "President"),
    }
    biden = yoon.participations.get(side="US")
    assert biden.inferred_basis == (
        "Inferred: President of the United States on 26 April 2023, the host of a state visit; "
        "the Office of the Historian's record names no one."
    )
    assert yoon.sources.get().url.endswith("/departmenthistory/visits/2023#visit-3157")
    assert meeting(D(2024, 7, 10), "President Yoon").location == "Washington, D.C."


def test_rok_officials_carry_their_hangul_names(loaded):
    yoon = Official.objects.get(name="Yoon Suk Yeol")
    assert (yoon.country_id, yoon.native_name) == ("KR", "윤석열")
    assert "윤석열" in set(yoon.aliases.values_list("alias", flat=True))


def test_title_on_follows_the_loaded_appointments(loaded):
    blinken = Official.objects.get(historian_id="blinken-antony-j")
    assert blinken.title_on(D(2021, 3, 17)) == "Secretary of State"
    assert blinken.title_on(D(2016, 1, 1)) == "Deputy Secretary of State"
    powell = Official.objects.get(historian_id="powell-colin-luther")
    assert powell.title_on(D(1990, 1, 1)) != "Secretary of State"
    assert powell.title_on(D(2003, 2, 24)) == "Secretary of State"
    trump = Official.objects.get(historian_id="trump-donald-j")
    assert trump.title_on(D(2019, 6, 30)) == "President of the United States"
    assert trump.title_on(D(2022, 1, 1)) == ""
    kim = Official.objects.get(historian_id="kim-sung-y")
    assert kim.title_on(D(2012, 1, 1)) == "Ambassador to the Republic of Korea"
    eisenhower_1952 = meeting(D(1952, 12, 2), "President-elect")
    [ike] = eisenhower_1952.participations.filter(side="US")
    assert ike.title_held == "President-elect"  # no appointment covers 1952


# --- The seed meeting ---------------------------------------------------------------------


def test_the_seed_meeting_is_curated_in_full(loaded):
    seed = Meeting.objects.get(date=D(2025, 9, 10))
    assert seed.title == "Rubio – Cho Hyun, Washington"
    assert (seed.modality, seed.level, seed.publication_state) == (
        "in_person",
        "ministerial",
        "published",
    )
    assert seed.parent is None
    assert participants(seed) == {
        ("Marco Rubio", "US", "principal", "Secretary of State"),
        ("Cho Hyun", "KR", "principal", "Foreign Minister"),
    }
    cho = Official.objects.get(name="Cho Hyun")
    assert cho.native_name == "조현"
    assert {"FM Cho", "조현"} <= set(cho.aliases.values_list("alias", flat=True))
    assert set(seed.topics.values_list("slug", flat=True)) == {
        "investment",
        "deterrence",
        "indo-pacific",
        "defense-burden-sharing",
        "shipbuilding",
        "trade",
        "north-korea",
    }


def test_the_seed_meeting_rests_on_the_article_and_the_readout(loaded):
    seed = Meeting.objects.get(date=D(2025, 9, 10))
    readout, article = sorted(seed.sources.all(), key=lambda s: s.url)
    assert article.url.startswith("https://thefederalnewswire.com/stories/675290845-")
    assert article.publisher == "The Federal Newswire"
    assert article.raw_text.startswith("Secretary Rubio meets South Korean foreign minister")
    assert readout.url.startswith("https://menafn.com/1110044464/")
    assert (readout.publisher, readout.published_on) == ("U.S. Department of State", D(2025, 9, 10))


def test_the_seed_meeting_has_the_readout_and_the_spokespersons_quotes(loaded):
    seed = Meeting.objects.get(date=D(2025, 9, 10))
    readout = seed.statements.get(kind=Statement.Kind.READOUT)
    assert (readout.issuing_country_id, readout.issuing_office, readout.date) == (
        "US",
        "Office of the Spokesperson",
        D(2025, 9, 10),
    )
    assert readout.text.startswith("The below is attributable to Principal Deputy Spokesperson")
    assert readout.source.url.startswith("https://menafn.com/")
    quotes = seed.statements.filter(kind=Statement.Kind.QUOTE).select_related("speaker")
    assert [q.speaker.name for q in quotes] == ["Tommy Pigott", "Tommy Pigott"]
    assert quotes[0].text.startswith("The Secretary and Foreign Minister underscored")
    assert quotes[1].text.startswith("The Secretary Rubio and Foreign Minister Cho discussed")
    assert quotes[0].speaker.title_on(D(2025, 9, 10)) == "Principal Deputy Spokesperson"


def test_the_seed_meeting_has_both_commitments_not_yet_rated(loaded):
    seed = Meeting.objects.get(date=D(2025, 9, 10))
    readout = seed.statements.get(kind=Statement.Kind.READOUT)
    us, joint = seed.commitments.order_by("pk")
    assert (us.party_id, us.is_joint, us.statement) == ("US", False, readout)
    assert "welcomes ROK investment" in us.passage
    assert list(us.topics.values_list("slug", flat=True)) == ["investment"]
    assert (joint.party_id, joint.is_joint, joint.statement) == (None, True, readout)
    assert "North Korea’s unlawful nuclear and missile programs" in joint.passage
    assert "reiterated their commitment" in joint.text
    assert list(joint.topics.values_list("slug", flat=True)) == ["north-korea"]
    for commitment in (us, joint):
        assert [(e.status, e.date) for e in commitment.status_entries.all()] == [
            (CommitmentStatus.NOT_YET_RATED, D(2025, 9, 10))
        ]
        assert commitment.passage in readout.text


def test_the_seed_meeting_links_to_the_trump_lee_meeting(loaded):
    seed = Meeting.objects.get(date=D(2025, 9, 10))
    summit = seed.related_meetings.get()
    assert summit.date == D(2025, 8, 25)
    assert "Lee Jae Myung on 25 August 2025" in seed.summary
    assert (summit.level, summit.location, summit.modality) == (
        "leaders",
        "Washington, D.C.",
        "in_person",
    )
    assert summit.is_published
    assert participants(summit) == {
        ("Donald J. Trump", "US", "host", "President"),
        ("Lee Jae Myung", "KR", "principal", "President of the Republic of Korea"),
    }
    assert summit.sources.get().publisher == "The Federal Newswire"
    assert list(summit.related_meetings.all()) == [seed]


# --- Idempotent, all or nothing -----------------------------------------------------------


def test_a_second_run_changes_nothing(loaded, historian_data, django_assert_max_num_queries):
    before = snapshot()
    # Quick: existing rows are fetched in bulk and compared in Python, and nothing is saved
    # (40 queries, 6 to read the topic keywords and the topics already recorded, 3 to find no
    # duplicates to settle, and the savepoint pair of the command's transaction), and 8 for the
    # officials supplement (its officials with their aliases and appointments, 6, and the
    # savepoint pair of its own transaction).
    with django_assert_max_num_queries(59):
        output = load("--data-dir", str(historian_data))
    assert snapshot() == before
    assert "Nothing to change: the sample data is already loaded" in output
    assert "Meetings: 0 created, 111 unchanged" in output


def test_a_seed_meeting_loaded_under_its_former_name_is_found_again(loaded, historian_data):
    seed_meeting = Meeting.objects.get(date=D(2025, 9, 10))
    Meeting.objects.filter(pk=seed_meeting.pk).update(
        title="Secretary Rubio's Meeting With Republic of Korea Foreign Minister Cho Hyun"
    )
    load("--data-dir", str(historian_data))
    # Found again, not recorded twice; and, like any row that exists, left as it is.
    assert list(Meeting.objects.filter(date=D(2025, 9, 10))) == [seed_meeting]


def test_an_editors_correction_survives_another_load(loaded, historian_data):
    corrected = meeting(D(2024, 3, 17), "Secretary Blinken")
    corrected.summary = "Corrected by an editor."
    corrected.save()
    output = load("--data-dir", str(historian_data))
    corrected.refresh_from_db()
    assert corrected.summary == "Corrected by an editor."
    assert "Meetings: 0 created, 111 unchanged" in output


def test_a_malformed_file_stops_the_command_naming_file_and_line(loaded, data_copy):
    path = data_copy / "history-at-state/travels/secretary-travels/blinken-antony-j.xml"
    lines = path.read_text().splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if "<locale>Seoul</locale>" in text)
    lines[line - 1] = lines[line - 1].replace("</locale>", "</local>")
    path.write_text("\n".join(lines))
    before = snapshot()
    with pytest.raises(CommandError) as refused:
        load("--data-dir", str(data_copy))
    assert f"blinken-antony-j.xml, line {line}: malformed XML" in str(refused.value)
    assert "nothing was loaded" in str(refused.value)
    assert snapshot() == before


def test_a_missing_element_stops_the_command_naming_file_and_line(loaded, data_copy):
    path = data_copy / "history-at-state/visits/data/2020.xml"
    text = path.read_text()
    visit_line = text[: text.index("<id>3157</id>")].count("\n")  # the <visit> line above it
    path.write_text(text.replace("<visitor>President Yoon Suk Yeol</visitor>", "", 1))
    before = snapshot()
    with pytest.raises(
        CommandError, match=rf"2020\.xml, line {visit_line}: <visit> has no <visitor>"
    ):
        load("--data-dir", str(data_copy))
    assert snapshot() == before


def test_a_failure_while_writing_leaves_nothing_half_loaded(loaded, data_copy, monkeypatch):
    # A new record the first half of the load would write…
    path = data_copy / "history-at-state/travels/secretary-travels/blinken-antony-j.xml"
    path.write_text(
        path.read_text().replace(
            "</trips>",
            '<trip role="secretary" who="blinken-antony-j"><id>99999</id><role>secretary</role>'
            "<name>Antony John Blinken</name><start-date>2026-01-05</start-date>"
            '<end-date>2026-01-06</end-date><country id="korea-south">Korea, South</country>'
            "<locale>Seoul</locale><remarks>Met with Foreign Minister Cho Hyun.</remarks>"
            "<created-by>x</created-by><created-datetime/><last-modified-by>x</last-modified-by>"
            "<last-modified-datetime/></trip></trips>",
        )
    )

    # …and a failure in the second half.
    def fail(**kwargs):
        raise SampleDataError("readouts", "simulated failure")

    monkeypatch.setattr(loader, "load_seed_meeting", fail)
    before = snapshot()
    with pytest.raises(CommandError, match="simulated failure"):
        load("--data-dir", str(data_copy))
    assert snapshot() == before
    assert not Meeting.objects.filter(date=D(2026, 1, 5)).exists()


def test_a_missing_data_folder_is_refused(loaded, tmp_path):
    with pytest.raises(CommandError, match="history-at-state: no such folder"):
        load("--data-dir", str(tmp_path))
