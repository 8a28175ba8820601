"""The curated supplement to the Office of the Historian's officials (`data/officials-supplement/`).

The Historian's pocom snapshot stops early: it has no Deputy Secretary of State after 2019, leaves
some tenures open that have ended, and knows nobody outside the State Department. The supplement
gives, one row each with the public page it rests on, the appointments the meetings' officials
held that the snapshot lacks or gets wrong, and a few short forms of their names.

``read_supplement`` is pure (files in, dataclasses out) and strict: a malformed row raises
``SampleDataError`` naming the file and line before anything is written. ``load_supplement``
writes it with the loader's machinery, idempotently:

- an official is found by the Historian's id, else by name (the form the readouts use, as the
  readout importer records it), and created only when neither finds one;
- an appointment is found by official, title and start; a missing one is created;
- one found with another end or organisation is corrected, unless an editor changed it since
  the loader last saved it (the editor's value stands);
- a second run changes nothing.
"""

import csv
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction

from engagements.sample_data import SampleDataError
from engagements.sample_data.historian import partial_date
from engagements.sample_data.plans import AppointmentPlan, OfficialPlan, OfficialRef

if TYPE_CHECKING:  # the loader imports this module: its machinery is imported where used
    from engagements.models import Official
    from engagements.sample_data.loader import LoadSummary, _Officials

FOLDER = "officials-supplement"
APPOINTMENTS = "appointments.csv"
ALIASES = "aliases.csv"
APPOINTMENT_COLUMNS = [
    "name", "historian_id", "title", "organisation", "start", "end", "source_url",
]  # fmt: skip
ALIAS_COLUMNS = ["name", "historian_id", "alias"]
COUNTRY = "US"  # every official in the supplement is a US official
CORRECTIONS = "Appointment corrections"  # the LoadSummary label for corrected appointments


@dataclass(frozen=True)
class SupplementAppointment:
    name: str
    historian_id: str
    title: str
    organisation: str
    start: datetime.date
    end: datetime.date | None
    source_url: str
    line: int

    @property
    def plan(self) -> AppointmentPlan:
        return AppointmentPlan(self.title, self.organisation, self.start, self.end)


@dataclass
class SupplementPerson:
    """One official: the appointments and aliases the supplement gives them."""

    name: str
    historian_id: str
    line: int  # where the file first names them, for errors found while loading
    file: str
    appointments: list[SupplementAppointment] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)

    @property
    def ref(self) -> OfficialRef:
        return OfficialRef(COUNTRY, self.historian_id or self.name)


@dataclass
class Supplement:
    people: list[SupplementPerson]

    @property
    def appointments(self) -> list[SupplementAppointment]:
        return [a for person in self.people for a in person.appointments]


# --- Reading --------------------------------------------------------------------------------


def _display(path: Path, data_dir: Path) -> str:
    """The path errors give: relative to the repository ("data/officials-supplement/…")."""
    root = data_dir.parent
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def _rows(path: Path, display: str, columns: list[str]):
    """(line, {column: value}) for each non-blank row, after checking the header."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SampleDataError(display, f"cannot be read ({exc.strerror})") from exc
    reader = csv.reader(text.splitlines(keepends=True))
    header = next(reader, None)
    if header != columns:
        raise SampleDataError(
            display,
            f"the header must be {','.join(columns)} (found {','.join(header or [])!r})",
            line=1,
        )
    for values in reader:
        line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(columns):
            raise SampleDataError(
                display, f"has {len(values)} fields, expected {len(columns)}", line=line
            )
        yield line, {column: value.strip() for column, value in zip(columns, values, strict=True)}


# Partial dates are read as the Historian's are.
parse_date = partial_date


_HISTORIAN_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _person(
    people: dict[str, SupplementPerson], row: dict, display: str, line: int
) -> SupplementPerson:
    name, historian_id = row["name"], row["historian_id"]
    if not name:
        raise SampleDataError(display, "the name is empty", line=line)
    if historian_id and not _HISTORIAN_ID.fullmatch(historian_id):
        raise SampleDataError(
            display, f"not an Office of the Historian id: {historian_id!r}", line=line
        )
    person = people.get(name)
    if person is None:
        person = people[name] = SupplementPerson(name, historian_id, line, display)
    elif person.historian_id != historian_id:
        raise SampleDataError(
            display,
            f"gives {name} the Historian id {historian_id!r}, but line {person.line} of "
            f"{person.file} gives {person.historian_id!r}",
            line=line,
        )
    return person


def read_supplement(data_dir: Path) -> Supplement:
    """Read ``data_dir/officials-supplement``: every appointment row and alias, checked."""
    folder = data_dir / FOLDER
    if not folder.is_dir():
        raise SampleDataError(
            _display(folder, data_dir), "no such folder (the officials supplement)"
        )
    people: dict[str, SupplementPerson] = {}
    seen: dict[tuple[str, str, datetime.date], int] = {}

    path = folder / APPOINTMENTS
    display = _display(path, data_dir)
    for line, row in _rows(path, display, APPOINTMENT_COLUMNS):
        person = _person(people, row, display, line)
        if not row["title"]:
            raise SampleDataError(display, "the title is empty", line=line)
        dates = {}
        for column in ("start", "end"):
            if not row[column] and column == "end":
                dates[column] = None  # still held
                continue
            try:
                dates[column] = parse_date(row[column], last=column == "end")
            except ValueError:
                raise SampleDataError(
                    display,
                    f"the {column} is not a date (YYYY-MM-DD, or YYYY-MM or YYYY when only "
                    f"that is known): {row[column]!r}",
                    line=line,
                ) from None
        if dates["end"] is not None and dates["end"] < dates["start"]:
            raise SampleDataError(
                display, f"ends ({dates['end']}) before it starts ({dates['start']})", line=line
            )
        if not re.fullmatch(r"https?://\S+", row["source_url"]):
            raise SampleDataError(
                display,
                f"every row needs the address of its public source (http… or https…), "
                f"not {row['source_url']!r}",
                line=line,
            )
        key = (person.name, row["title"], dates["start"])
        if key in seen:
            raise SampleDataError(
                display, f"repeats the appointment on line {seen[key]}", line=line
            )
        seen[key] = line
        person.appointments.append(
            SupplementAppointment(
                name=person.name,
                historian_id=person.historian_id,
                title=row["title"],
                organisation=row["organisation"],
                start=dates["start"],
                end=dates["end"],
                source_url=row["source_url"],
                line=line,
            )
        )

    path = folder / ALIASES
    display = _display(path, data_dir)
    for line, row in _rows(path, display, ALIAS_COLUMNS):
        person = _person(people, row, display, line)
        if not row["alias"]:
            raise SampleDataError(display, "the alias is empty", line=line)
        if row["alias"] not in person.aliases:
            person.aliases.append(row["alias"])
    return Supplement(list(people.values()))


# --- Loading --------------------------------------------------------------------------------


def load_supplement(*, data_dir: Path, summary: "LoadSummary | None" = None) -> "LoadSummary":
    """Read the supplement, then write it (see the module docstring); returns the summary.

    ``summary`` is the loader's ``LoadSummary`` when called from ``load_sample_data``."""
    supplement = read_supplement(data_dir)
    return apply_supplement(supplement, summary=summary)


def apply_supplement(
    supplement: Supplement, *, summary: "LoadSummary | None" = None
) -> "LoadSummary":
    from engagements.sample_data.loader import LoadSummary, _Officials

    summary = summary if summary is not None else LoadSummary()
    with transaction.atomic():
        officials = _Officials(summary, [person.ref for person in supplement.people])
        _find_by_name(officials, [p for p in supplement.people if officials.get(p.ref) is None])
        for person in supplement.people:
            existing = officials.get(person.ref)
            if existing is None and not person.appointments:
                raise SampleDataError(
                    person.file,
                    f"gives an alias to {person.name}, whom the database does not know and "
                    "appointments.csv gives no post",
                    line=person.line,
                )
            if existing is not None:
                _correct(summary, existing, person.appointments)
            officials.sync(
                OfficialPlan(
                    person.ref,
                    person.name,
                    person.historian_id,
                    aliases=tuple(person.aliases),
                    appointments=[a.plan for a in person.appointments],
                )
            )
    return summary


def _find_by_name(officials: "_Officials", people: list[SupplementPerson]) -> None:
    """Officials the Historian's id or the exact name did not find, found by their name as the
    readouts' resolver compares names (case, initials and suffixes aside): "Jake Sullivan",
    recorded by the readout importer before the supplement gave him the Historian's id."""
    if not people:
        return
    from engagements.ingest.gazetteer import compact
    from engagements.models import Official

    by_name: dict[str, list[Official]] = {}
    candidates = Official.objects.filter(country_id=COUNTRY).prefetch_related(
        "aliases", "appointments"
    )
    for official in candidates:
        for name in {official.name, *(a.alias for a in official.aliases.all())}:
            by_name.setdefault(compact(name), [])
            if official not in by_name[compact(name)]:
                by_name[compact(name)].append(official)
    for person in people:
        keys = {compact(person.name), *(compact(alias) for alias in person.aliases)}
        found = list(dict.fromkeys(o for key in keys for o in by_name.get(key, [])))
        if person.historian_id:
            # Someone else's Historian id means someone else.
            found = [o for o in found if o.historian_id in ("", person.historian_id)]
        if len(found) > 1:
            raise SampleDataError(
                person.file,
                f"names {person.name}, which could be any of "
                f"{', '.join(sorted(o.name for o in found))}: give the Historian id",
                line=person.line,
            )
        if found:
            officials.by_ref[person.ref] = found[0]


def _correct(
    summary: "LoadSummary", official: "Official", appointments: list[SupplementAppointment]
) -> None:
    """Set the end and organisation the supplement gives on the official's appointments it
    finds with other values: a tenure the snapshot leaves open, or closes on the wrong day."""
    from engagements.sample_data.loader import CREATED, LOADED_REASON, UNCHANGED, _save

    held = {(a.title, a.start): a for a in official.appointments.all()}
    for row in appointments:
        appointment = held.get((row.title, row.start))
        if appointment is None or (appointment.end, appointment.organisation) == (
            row.end,
            row.organisation,
        ):
            continue
        last = appointment.history.order_by("-history_date", "-history_id").first()
        if last is not None and last.history_change_reason != LOADED_REASON:
            summary.record(CORRECTIONS, UNCHANGED)  # an editor's value stands
            continue
        appointment.end, appointment.organisation = row.end, row.organisation
        _save(appointment)
        summary.record(CORRECTIONS, CREATED)
