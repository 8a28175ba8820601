"""The officials supplement (data/officials-supplement/): the appointments the Historian's pocom
snapshot lacks or gets wrong, read strictly and loaded idempotently.

Fast: no whole sample-data load. The few Historian officials the supplement refers to are written
the way the loader writes them, then the supplement is loaded from the real files.
"""

import datetime
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from engagements.ingest.gazetteer import Gazetteer
from engagements.models import Appointment, Official, OfficialAlias
from engagements.sample_data import SampleDataError
from engagements.sample_data.historian import STATE
from engagements.sample_data.loader import LoadSummary, _Officials
from engagements.sample_data.plans import AppointmentPlan, OfficialPlan, OfficialRef
from engagements.sample_data.supplement import load_supplement, parse_date, read_supplement

D = datetime.date
DATA = Path(settings.BASE_DIR) / "data"
EAP = "Assistant Secretary of State for East Asian and Pacific Affairs"
DEPUTY = "Deputy Secretary of State"
AMBASSADOR = "Ambassador to the Republic of Korea"

# As load_historian_data writes them from the pocom snapshot (Biegun's tenure closed the day
# before Landau's began; Stilwell's and Harris's left open).
HISTORIAN = [
    ("campbell-kurt-m", "Kurt M. Campbell", EAP, D(2009, 6, 29), D(2013, 2, 8)),
    ("biegun-stephen-e", "Stephen E. Biegun", DEPUTY, D(2019, 12, 21), D(2025, 3, 24)),
    ("stilwell-david", "David Stilwell", EAP, D(2019, 6, 18), None),
    ("harris-harry-b-jr", "Harry B. Harris Jr.", AMBASSADOR, D(2018, 7, 25), None),
    ("pompeo-michael-r", "Michael R. Pompeo", "Secretary of State", D(2018, 4, 26), D(2021, 1, 20)),
]


@pytest.fixture
def historian_officials(db):
    summary = LoadSummary()
    officials = _Officials(summary, [OfficialRef("US", hid) for hid, *_ in HISTORIAN])
    for hid, name, title, start, end in HISTORIAN:
        officials.sync(
            OfficialPlan(
                OfficialRef("US", hid),
                name,
                hid,
                appointments=[AppointmentPlan(title, STATE, start, end)],
            )
        )
    # Recorded by the readout importer before the supplement existed: a name, nothing else.
    Official.objects.create(name="Jake Sullivan", country_id="US")


@pytest.fixture
def loaded(historian_officials):
    return load_supplement(data_dir=DATA)


def official(name: str) -> Official:
    return Official.objects.get(name=name)


def snapshot() -> dict:
    models = (Official, OfficialAlias, Appointment)
    state = {model.__name__: model.objects.count() for model in models}
    state |= {f"{model.__name__} history": model.history.count() for model in models[::2]}
    state["appointments"] = sorted(
        Appointment.objects.values_list("official__name", "title", "start", "end", "organisation")
    )
    return state


# --- Reading ------------------------------------------------------------------------------


def test_the_real_files_read():
    supplement = read_supplement(DATA)
    rows = {(a.name, a.title): a for a in supplement.appointments}
    campbell = rows[("Kurt M. Campbell", DEPUTY)]
    assert (campbell.historian_id, campbell.start, campbell.end) == (
        "campbell-kurt-m",
        D(2024, 2, 12),
        D(2025, 1, 20),
    )
    assert campbell.organisation == STATE
    assert all(a.source_url.startswith(("https://", "http://")) for a in supplement.appointments)
    people = {p.name: p for p in supplement.people}
    assert "Lloyd Austin" in people["Lloyd J. Austin III"].aliases
    assert people["Michael R. Pompeo"].appointments == []  # an alias only


def test_a_partial_date_covers_every_day_the_source_allows():
    assert parse_date("2023-07", last=True) == D(2023, 7, 31)
    assert parse_date("2023-07", last=False) == D(2023, 7, 1)
    assert parse_date("2024", last=True) == D(2024, 12, 31)
    assert parse_date("2024-02-12", last=True) == D(2024, 2, 12)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A data folder with only the supplement, to break."""
    shutil.copytree(DATA / "officials-supplement", tmp_path / "data" / "officials-supplement")
    return tmp_path / "data"


def break_row(data: Path, old: str, new: str, file: str = "appointments.csv") -> int:
    """Replace ``old`` by ``new`` on the first line holding it; return that line's number."""
    path = data / "officials-supplement" / file
    lines = path.read_text().splitlines()
    number = next(n for n, text in enumerate(lines, start=1) if old in text)
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    path.write_text("\n".join(lines) + "\n")
    return number


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("2024-02-12,2025-01-20", "2024-02-31,2025-01-20", "the start is not a date"),
        ("2021-04-28,2023-07", "2021-04-28,July 2023", "the end is not a date"),
        ("2021-07-22,2024-12-31", "2021-07-22,2020-12-31", "ends (2020-12-31) before it starts"),
        ("Secretary of Defense,", "Secretary of Defense,,", "has 8 fields, expected 7"),
        (",https://www.war.gov/", ",www.war.gov/", "every row needs the address of its public"),
        ("Jenkins,jenkins-bonnie-d,Under", "Jenkins,Jenkins B,Under", "not an Office of the"),
    ],
)
def test_a_malformed_row_names_file_and_line_and_writes_nothing(
    historian_officials, data_copy, old, new, message
):
    line = break_row(data_copy, old, new)
    before = snapshot()
    with pytest.raises(SampleDataError) as refused:
        load_supplement(data_dir=data_copy)
    assert f"data/officials-supplement/appointments.csv, line {line}: {message}" in str(
        refused.value
    )
    assert refused.value.line == line
    assert snapshot() == before


def test_a_bad_header_or_a_conflicting_alias_row_is_refused(db, data_copy):
    break_row(data_copy, "name,historian_id,title", "name,id,title")
    with pytest.raises(SampleDataError, match=r"appointments\.csv, line 1: the header must be"):
        read_supplement(data_copy)
    break_row(data_copy, "name,id,title", "name,historian_id,title")
    line = break_row(data_copy, "Jake Sullivan,sullivan-jacob-j", "Jake Sullivan,", "aliases.csv")
    with pytest.raises(SampleDataError) as refused:
        read_supplement(data_copy)
    assert f"aliases.csv, line {line}: gives Jake Sullivan the Historian id ''" in str(
        refused.value
    )


def test_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(SampleDataError, match="officials-supplement: no such folder"):
        read_supplement(tmp_path / "data")


# --- Loading ------------------------------------------------------------------------------


def test_officials_get_the_post_they_held_on_real_meeting_dates(loaded):
    campbell = Official.objects.get(historian_id="campbell-kurt-m")
    # Deputy Secretary Campbell met First Vice Foreign Minister Kim Hong Kyun in Washington.
    assert campbell.title_on(D(2024, 12, 23)) == "Deputy Secretary of State"
    # The first Nuclear Consultative Group meeting, which he convened from the NSC.
    assert campbell.title_on(D(2023, 7, 18)) == (
        "Deputy Assistant to the President and Coordinator for Indo-Pacific Affairs"
    )
    assert campbell.title_on(D(2010, 1, 1)) == EAP  # the Historian's record, kept
    assert official("Lloyd J. Austin III").title_on(D(2024, 6, 2)) == "Secretary of Defense"
    assert official("Lloyd J. Austin III").title_on(D(2025, 9, 10)) == ""
    assert official("Kamala Harris").title_on(D(2022, 9, 27)) == (
        "Vice President of the United States"
    )
    assert official("Bonnie Jenkins").title_on(D(2022, 9, 16)) == (
        "Under Secretary of State for Arms Control and International Security Affairs"
    )
    kahl = official("Colin Kahl")
    assert kahl.title_on(D(2022, 9, 16)) == "Under Secretary of Defense for Policy"
    assert kahl.title_on(D(2023, 8, 1)) == ""  # left in July 2023


def test_an_official_the_importer_recorded_is_completed_not_duplicated(loaded):
    [sullivan] = Official.objects.filter(name="Jake Sullivan")
    assert sullivan.title_on(D(2023, 12, 9)) == "National Security Advisor"
    assert "Jacob J. Sullivan" in set(sullivan.aliases.values_list("alias", flat=True))
    # New officials are US officials, with the Historian's id where it has one.
    jenkins = official("Bonnie Jenkins")
    assert (jenkins.country_id, jenkins.historian_id) == ("US", "jenkins-bonnie-d")
    assert official("Lloyd J. Austin III").historian_id == ""


def test_the_historians_open_or_inferred_tenures_are_corrected(loaded):
    biegun = Official.objects.get(historian_id="biegun-stephen-e")
    assert [(a.title, a.start, a.end) for a in biegun.appointments.all()] == [
        (DEPUTY, D(2019, 12, 21), D(2021, 1, 20))
    ]
    assert biegun.title_on(D(2024, 12, 23)) == ""
    assert Official.objects.get(historian_id="stilwell-david").title_on(D(2022, 1, 1)) == ""
    harris = Official.objects.get(historian_id="harris-harry-b-jr")
    assert harris.title_on(D(2020, 1, 1)) == AMBASSADOR
    assert harris.title_on(D(2022, 1, 1)) == ""
    assert loaded.counts["Appointment corrections"]["created"] == 3


def test_the_readouts_names_resolve_to_the_supplements_officials(loaded):
    gazetteer = Gazetteer.from_database()
    day = D(2022, 9, 27)
    assert gazetteer.find_official("Lloyd Austin").pk == official("Lloyd J. Austin III").pk
    assert gazetteer.find_official("Mike Pompeo").name == "Michael R. Pompeo"
    # A family name alone is resolved by the post held that day: not Ambassador Harris.
    harris = gazetteer.find_official("Harris", on=day, title="Vice President")
    assert harris.pk == official("Kamala Harris").pk
    sullivan = gazetteer.find_official("Sullivan", on=day, title="National Security Advisor")
    assert sullivan.pk == official("Jake Sullivan").pk
    assert gazetteer.find_official("Campbell", on=D(2024, 12, 23), title="Deputy Secretary").pk


def test_a_second_run_changes_nothing(loaded, django_assert_max_num_queries):
    before = snapshot()
    # The officials with their aliases and appointments (6 queries), the savepoint pair, and 3
    # to find by name the Jake Sullivan the importer recorded without the Historian's id.
    with django_assert_max_num_queries(11):
        summary = load_supplement(data_dir=DATA)
    assert snapshot() == before
    assert not summary.changed
    assert summary.counts["Appointments"]["created"] == 0
    assert "Appointment corrections" not in summary.counts


def test_an_editors_correction_survives_another_run(loaded):
    appointment = Appointment.objects.get(official__historian_id="biegun-stephen-e")
    appointment.end = D(2021, 1, 19)
    appointment.save()  # an editor's save, with no loader's change reason
    summary = load_supplement(data_dir=DATA)
    appointment.refresh_from_db()
    assert appointment.end == D(2021, 1, 19)
    assert summary.counts["Appointment corrections"]["unchanged"] == 1
