"""Readers for the U.S. Department of State Office of the Historian's XML.

Three datasets (see data/README.md): ``travels/`` (trips abroad of Presidents and Secretaries
of State), ``visits/`` (visits of foreign leaders to the US) and a subset of ``pocom/`` (who held
which State Department post). Readers return plain dataclasses; ``plans`` decides what the
database should hold. No Django here: everything is tested without a database, and
``engagements.sample_data.loader.load_sample_data`` does the writing.

The readers are strict: a malformed file, a missing element or a bad date raises
``SampleDataError`` naming the file and line, before anything is written.
"""

import datetime
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.parsers import expat

from engagements.sample_data import SampleDataError

SOUTH_KOREA = "korea-south"  # the Historian's country id for the ROK, in travels and visits
PUBLISHER = "U.S. Department of State, Office of the Historian"
SITE = "https://history.state.gov/departmenthistory"
STATE = "Department of State"
PRESIDENCY = "Executive Office of the President"
PRESIDENT_TITLE = "President of the United States"

Progress = Callable[[str, int], None]  # (message, verbosity at which to show it)


def no_progress(message: str, level: int) -> None:
    pass


# --- Reading XML with line numbers --------------------------------------------------------
# ElementTree forgets where elements were; expat tells us, so errors can name the line and
# each record's raw text can be the exact lines it occupies in the file.


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    line: int
    end_line: int = 0
    children: list["Node"] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())

    def find(self, tag: str) -> "Node | None":
        return next((child for child in self.children if child.tag == tag), None)

    def findall(self, tag: str) -> list["Node"]:
        return [child for child in self.children if child.tag == tag]


class XMLFile:
    """One parsed file: its root ``Node``, its lines, and the name errors should give."""

    def __init__(self, path: Path, display: str):
        self.display = display
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SampleDataError(display, f"cannot be read ({exc.strerror})") from exc
        parser = expat.ParserCreate()
        parser.buffer_text = True
        stack: list[Node] = []
        roots: list[Node] = []

        def start(tag: str, attrs: dict[str, str]) -> None:
            node = Node(tag, attrs, parser.CurrentLineNumber)
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)

        def end(tag: str) -> None:
            stack.pop().end_line = parser.CurrentLineNumber

        def characters(text: str) -> None:
            if stack:
                stack[-1].parts.append(text)

        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = characters
        try:
            parser.Parse(data, True)
        except expat.ExpatError as exc:
            raise SampleDataError(
                display,
                f"malformed XML: {expat.ErrorString(exc.code)} (column {exc.offset + 1})",
                line=exc.lineno,
            ) from exc
        self.root = roots[0]
        self.lines = data.decode("utf-8").splitlines()

    def error(self, node: Node, message: str) -> SampleDataError:
        return SampleDataError(self.display, message, line=node.line)

    def required(self, node: Node, tag: str) -> Node:
        child = node.find(tag)
        if child is None:
            raise self.error(node, f"<{node.tag}> has no <{tag}>")
        return child

    def required_text(self, node: Node, tag: str) -> str:
        text = self.required(node, tag).text
        if not text:
            raise SampleDataError(self.display, f"<{tag}> is empty", line=node.find(tag).line)
        return text

    def day(self, node: Node, tag: str) -> datetime.date:
        child = self.required(node, tag)
        try:
            return datetime.date.fromisoformat(child.text)
        except ValueError:
            raise SampleDataError(
                self.display, f"<{tag}> is not a date (YYYY-MM-DD): {child.text!r}", line=child.line
            ) from None

    def raw(self, node: Node) -> str:
        """The record exactly as the file has it (its lines, dedented)."""
        return textwrap.dedent("\n".join(self.lines[node.line - 1 : node.end_line])).strip()


def partial_date(text: str, *, last: bool) -> datetime.date:
    """ "1996-02-12", or a partial "1996-02" / "1996": a start is read as the first day of the
    month or year and an end (``last``) as the last, so that it covers every day the source
    allows. Raises ValueError for anything else."""
    match = re.fullmatch(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", text)
    if not match:
        raise ValueError(text)
    year, month, day = (int(part) if part else None for part in match.groups())
    if day:
        return datetime.date(year, month, day)
    if not last:
        return datetime.date(year, month or 1, 1)
    if month:
        following = datetime.date(year + month // 12, month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)
    return datetime.date(year, 12, 31)


def _partial_date(xml: XMLFile, node: Node | None, *, last: bool) -> datetime.date | None:
    """A pocom date, which may be partial ("1996-02", "1996") or missing.

    A partial start is read as the first day of the month or year and a partial end as the
    last, so the appointment covers every day the source allows; a missing date is None.
    """
    text = node.text if node is not None else ""
    if not text:
        return None
    try:
        return partial_date(text, last=last)
    except ValueError:
        raise SampleDataError(xml.display, f"not a date: {text!r}", line=node.line) from None


# --- Records ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """A person in pocom/people."""

    id: str
    surname: str
    forename: str
    gen_name: str = ""
    altnames: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """Natural order, without pocom's parenthesised full forms: "Henry A. Kissinger"."""
        forename = " ".join(re.sub(r"\([^)]*\)", " ", self.forename).split())
        return " ".join(part for part in (forename, self.surname, self.gen_name) if part)

    @property
    def aliases(self) -> tuple[str, ...]:
        """pocom's other forms of the name. One whose last word is not the surname is left
        out: pocom gives "Henry Clay Ide" (another man) as an alternative for Henry Clay."""
        found = []
        for alt in self.altnames:
            words = [w for w in re.split(r"[\s,]+", alt) if w not in {"Jr.", "II", "III", ""}]
            if words and words[-1] == self.surname and alt != self.name:
                found.append(alt)
        return tuple(dict.fromkeys(found))

    @property
    def short_name(self) -> str:
        """First forename and surname ("Antony Blinken"), the form readouts use; "" when the
        first forename is an initial."""
        first = self.forename.split()[0] if self.forename else ""
        if not first or first.endswith(".") or first.startswith("("):
            return ""
        return f"{first} {self.surname}"


@dataclass(frozen=True)
class Post:
    """One person's tenure in a post (pocom principal or chief of mission)."""

    person_id: str
    title: str
    start: datetime.date
    end: datetime.date | None
    file: str
    line: int
    organisation: str = STATE


@dataclass(frozen=True)
class PresidentTerm:
    id: str
    name: str
    took_office: datetime.date
    left_office: datetime.date | None

    @property
    def surname(self) -> str:
        return self.name.split()[-1]

    def covers(self, day: datetime.date) -> bool:
        return self.took_office <= day and (self.left_office is None or day < self.left_office)


@dataclass(frozen=True)
class Trip:
    id: int
    role: str  # "president" or "secretary"
    who: str  # the traveller's id, shared with pocom/people and presidents.xml
    name: str
    start: datetime.date
    end: datetime.date
    country_id: str
    locale: str
    remarks: str
    raw: str
    file: str

    @property
    def url(self) -> str:
        return f"{SITE}/travels/{self.role}/{self.who}#trip-{self.id}"


@dataclass(frozen=True)
class Visit:
    id: int
    start: datetime.date
    end: datetime.date
    visitor: str
    from_id: str
    description: str
    raw: str
    file: str

    @property
    def url(self) -> str:
        return f"{SITE}/visits/{self.start.year}#visit-{self.id}"


@dataclass
class HistorianData:
    people: dict[str, Person]
    posts: list[Post]
    presidents: list[PresidentTerm]
    trips: list[Trip]  # to South Korea only
    visits: list[Visit]  # from South Korea only
    files_read: int = 0


# --- Readers ------------------------------------------------------------------------------


def read_trips(xml: XMLFile) -> list[Trip]:
    trips = []
    for node in xml.root.findall("trip"):
        country = xml.required(node, "country")
        start, end = xml.day(node, "start-date"), xml.day(node, "end-date")
        if end < start:
            raise xml.error(node, f"trip ends ({end}) before it starts ({start})")
        trip_id = xml.required_text(node, "id")
        if not trip_id.isdigit():
            raise xml.error(node, f"trip id is not a number: {trip_id!r}")
        role = node.attrs.get("role") or xml.required_text(node, "role")
        if role not in {"president", "secretary"}:
            raise xml.error(node, f"unknown traveller role {role!r}")
        trips.append(
            Trip(
                id=int(trip_id),
                role=role,
                who=node.attrs.get("who") or "",
                name=xml.required_text(node, "name"),
                start=start,
                end=end,
                country_id=country.attrs.get("id", ""),
                locale=xml.required(node, "locale").text,
                remarks=xml.required(node, "remarks").text,
                raw=xml.raw(node),
                file=xml.display,
            )
        )
        if not trips[-1].who:
            raise xml.error(node, "<trip> has no who= attribute")
    return trips


def read_visits(xml: XMLFile) -> list[Visit]:
    visits = []
    for node in xml.root.findall("visit"):
        start, end = xml.day(node, "start-date"), xml.day(node, "end-date")
        if end < start:
            raise xml.error(node, f"visit ends ({end}) before it starts ({start})")
        visit_id = xml.required_text(node, "id")
        if not visit_id.isdigit():
            raise xml.error(node, f"visit id is not a number: {visit_id!r}")
        visits.append(
            Visit(
                id=int(visit_id),
                start=start,
                end=end,
                visitor=xml.required_text(node, "visitor"),
                from_id=xml.required(node, "from").attrs.get("id", ""),
                description=xml.required(node, "description").text,
                raw=xml.raw(node),
                file=xml.display,
            )
        )
    return visits


def read_presidents(xml: XMLFile) -> list[PresidentTerm]:
    terms = []
    for node in xml.root.findall("president"):
        left = xml.required(node, "left-office-date")
        terms.append(
            PresidentTerm(
                id=xml.required_text(node, "id"),
                name=xml.required_text(node, "name"),
                took_office=xml.day(node, "took-office-date"),
                # Empty (with still-in-office="true") for the sitting President.
                left_office=xml.day(node, "left-office-date") if left.text else None,
            )
        )
    return terms


def read_person(xml: XMLFile) -> Person:
    names = xml.required(xml.root, "persName")
    return Person(
        id=xml.required_text(xml.root, "id"),
        surname=xml.required_text(names, "surname"),
        forename=xml.required(names, "forename").text,
        gen_name=names.find("genName").text if names.find("genName") is not None else "",
        altnames=tuple(alt.text for alt in names.findall("altname") if alt.text),
    )


# Chiefs of mission in Korea by role-title-id. The Legation of 1883–1905 was accredited to the
# Joseon court ("Korea"); the Embassy since 1949 to the Republic of Korea.
CHIEF_TITLES = {
    "envoy-extraordinary-minister-plenipotentiary": (
        "Envoy Extraordinary and Minister Plenipotentiary to Korea"
    ),
    "minister-resident-consul-general": "Minister Resident and Consul General to Korea",
    "ambassador-e-p": "Ambassador to the Republic of Korea",
    "charge-daffaires-ad-interim": "Chargé d'Affaires ad interim to the Republic of Korea",
}


def _tenure(xml: XMLFile, node: Node, title: str) -> Post | None:
    """A principal's or chief's tenure. Start: entry on duty (``started``), else the
    appointment date; end: ``ended``, which may be missing (see ``_close_open_tenures``).
    A tenure with neither start date never began (a declined or withdrawn nomination)."""
    start = _partial_date(xml, xml.required(node, "started").find("date"), last=False)
    if start is None:
        start = _partial_date(xml, xml.required(node, "appointed").find("date"), last=False)
    if start is None:
        return None
    end = _partial_date(xml, xml.required(node, "ended").find("date"), last=True)
    if end is not None and end < start:
        raise xml.error(node, f"tenure ends ({end}) before it starts ({start})")
    return Post(xml.required_text(node, "person-id"), title, start, end, xml.display, node.line)


def _close_open_tenures(posts: list[Post]) -> list[Post]:
    """A post with one holder at a time: a tenure the data leaves open ends the day before the
    next holder's starts (e.g. Deputy Secretary Sullivan, succeeded by Biegun on 2019-12-21).
    The latest tenure stays open — the data says nothing after it."""
    posts = sorted(posts, key=lambda p: p.start)
    closed = []
    for post, successor in zip(posts, [*posts[1:], None], strict=True):
        if post.end is None and successor is not None and successor.start > post.start:
            post = replace(post, end=successor.start - datetime.timedelta(days=1))
        closed.append(post)
    return closed


def read_principal_position(xml: XMLFile) -> list[Post]:
    """Secretary, Deputy Secretary, Assistant Secretary for East Asian and Pacific Affairs.

    Everyone is given the post's present title (pocom's ``names/singular``), as pocom does;
    earlier holders of the Assistant Secretaryship were titled for "Far Eastern Affairs".
    ``other-appointees`` (nominations withdrawn or declined) are not tenures and are skipped.
    """
    title = xml.required_text(xml.required(xml.root, "names"), "singular")
    principals = xml.required(xml.root, "principals").findall("principal")
    return _close_open_tenures([p for n in principals if (p := _tenure(xml, n, title))])


def read_country_mission(xml: XMLFile) -> list[Post]:
    """US chiefs of mission to Korea (``other-nominees`` never served and are skipped)."""
    posts = []
    for node in xml.required(xml.root, "chiefs").findall("chief"):
        role = xml.required_text(node, "role-title-id")
        if role not in CHIEF_TITLES:
            raise xml.error(node, f"unknown role-title-id {role!r}: add its title to CHIEF_TITLES")
        if post := _tenure(xml, node, CHIEF_TITLES[role]):
            posts.append(post)
    return _close_open_tenures(posts)


def read_historian_data(data_dir: Path, *, progress: Progress = no_progress) -> HistorianData:
    """Read every file the loader uses from ``data_dir/history-at-state``."""
    root = data_dir / "history-at-state"
    if not root.is_dir():
        raise SampleDataError(root, "no such folder (the Office of the Historian's data)")
    files_read = 0

    def load(path: Path) -> XMLFile:
        nonlocal files_read
        files_read += 1
        display = (
            str(path.relative_to(data_dir.parent))
            if path.is_relative_to(data_dir.parent)
            else str(path)
        )
        return XMLFile(path, display)

    def xml_files(folder: str) -> list[Path]:
        paths = sorted((root / folder).glob("*.xml"))
        if not paths:
            raise SampleDataError(root / folder, "no XML files here")
        return paths

    trips: list[Trip] = []
    for folder in ("travels/president-travels", "travels/secretary-travels"):
        before = len(trips)
        for path in xml_files(folder):
            found = [t for t in read_trips(load(path)) if t.country_id == SOUTH_KOREA]
            progress(f"  {folder}/{path.name}: {len(found)} trips to South Korea", 2)
            trips += found
        progress(f"Read {folder}: {len(trips) - before} trips to South Korea", 1)

    presidents = read_presidents(load(root / "travels/presidents/presidents.xml"))
    progress(f"Read travels/presidents/presidents.xml: {len(presidents)} terms", 1)

    visits: list[Visit] = []
    for path in xml_files("visits/data"):
        found = [v for v in read_visits(load(path)) if v.from_id == SOUTH_KOREA]
        progress(f"  visits/data/{path.name}: {len(found)} visits from South Korea", 2)
        visits += found
    progress(f"Read visits/data: {len(visits)} visits from South Korea", 1)

    posts: list[Post] = []
    for path in xml_files("pocom/positions-principals"):
        posts += read_principal_position(load(path))
        progress(f"  pocom/positions-principals/{path.name}", 2)
    posts += read_country_mission(load(root / "pocom/missions-countries/korea.xml"))
    progress(f"Read pocom positions and the mission to Korea: {len(posts)} tenures", 1)

    people: dict[str, Person] = {}
    for post in posts:
        if post.person_id in people:
            continue
        path = root / "pocom/people" / f"{post.person_id}.xml"
        if not path.is_file():
            raise SampleDataError(
                post.file,
                f"names {post.person_id!r}, who has no file in pocom/people",
                line=post.line,
            )
        people[post.person_id] = read_person(load(path))
    progress(f"Read pocom/people: {len(people)} people", 1)
    return HistorianData(people, posts, presidents, trips, visits, files_read)
