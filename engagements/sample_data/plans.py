"""What the database should hold, decided from the Historian's records: one meeting per US–ROK
engagement, with its participants and sources, and the officials with their posts.

Pure Python, no Django: ``engagements.sample_data.loader.load_historian_data`` writes the plans.
"""

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from engagements.sample_data.historian import (
    PRESIDENCY,
    PRESIDENT_TITLE,
    PUBLISHER,
    HistorianData,
    PresidentTerm,
    Trip,
    Visit,
)
from engagements.sample_data.rok_officials import (
    FOREIGN_MINISTER,
    LEADER,
    MENTION,
    ROK_BY_NAME,
    KoreanOfficial,
    korean_counterparts,
    mentions,
    normal_name,
    resolve_korean,
    sole_holder,
)

LEADERS, MINISTERIAL = "leaders", "ministerial"  # Meeting.Level values
PRINCIPAL, HOST, DELEGATION = "principal", "host", "delegation"  # Participation.Role values


@dataclass(frozen=True)
class OfficialRef:
    """Who, stably: a US official by the Historian's person id, an ROK one by name."""

    country: str
    key: str


@dataclass(frozen=True)
class AppointmentPlan:
    title: str
    organisation: str
    start: datetime.date
    end: datetime.date | None


@dataclass
class OfficialPlan:
    ref: OfficialRef
    name: str
    historian_id: str = ""
    native_name: str = ""
    aliases: tuple[str, ...] = ()
    appointments: list[AppointmentPlan] = field(default_factory=list)
    notes: str = ""


@dataclass(frozen=True)
class ParticipantPlan:
    official: OfficialRef
    side: str
    role: str
    title: str
    inferred_basis: str = ""  # why listed when the source names nobody on this side


@dataclass(frozen=True)
class SourcePlan:
    url: str
    title: str
    raw_text: str
    publisher: str = PUBLISHER


@dataclass
class MeetingPlan:
    title: str
    date: datetime.date
    end_date: datetime.date | None
    level: str
    location: str
    summary: str
    participants: list[ParticipantPlan]
    sources: list[SourcePlan]

    def add(self, participant: ParticipantPlan) -> None:
        if all(p.official != participant.official for p in self.participants):
            self.participants.append(participant)

    def add_inferred_host(self, participant: "ParticipantPlan | None") -> None:
        if participant is not None:
            self.add(participant)


def us_presidents_met(
    text: str, day: datetime.date, presidents: list[PresidentTerm]
) -> list[PresidentTerm]:
    """The sitting US President, if a visit's description says the visitor met him."""
    in_office = [term for term in presidents if term.covers(day)]
    met = []
    for title, name in mentions(text, after_with=True):
        for term in in_office:
            if title == "President" and name.split()[0] == term.surname and term not in met:
                met.append(term)
    return met


def _span(start: datetime.date, end: datetime.date) -> str:
    return str(start) if start == end else f"{start} to {end}"


def _kind(text: str, kinds: tuple[str, ...]) -> str:
    return next((kind for kind in kinds if text.lower().startswith(kind)), "visit")


def _counterparts(text: str, day: datetime.date, role: str) -> list[ParticipantPlan]:
    return [
        ParticipantPlan(OfficialRef("KR", c.official.name), "KR", role, c.title)
        for c in korean_counterparts(text, day)
    ]


def _traveller_names(data: HistorianData) -> dict[str, tuple[str, str]]:
    """who → (full name, name for titles). Titles use the surname ("Secretary Blinken")
    unless two travellers of the same rank share it (the two Presidents Bush)."""
    presidents = {term.id: term for term in data.presidents}
    names = {}
    for trip in data.trips:
        if trip.who in data.people:
            person = data.people[trip.who]
            names[trip.who] = (trip.role, person.name, person.surname)
        elif trip.who in presidents:
            term = presidents[trip.who]
            names[trip.who] = (trip.role, term.name, term.surname)
        else:
            names[trip.who] = (trip.role, trip.name, trip.name.split()[-1])
    shared = {
        (role, short)
        for role, _, short in names.values()
        if sum(1 for r, _, s in names.values() if (r, s) == (role, short)) > 1
    }
    return {
        who: (full, full if (role, short) in shared else short)
        for who, (role, full, short) in names.items()
    }


def _group_trips(trips: list[Trip]) -> list[list[Trip]]:
    """The data records some trips twice under different ids (Secretary Blinken's 2021 trip
    is both 3993 and 4020): one group per traveller and dates, lowest id first."""
    groups: dict[tuple, list[Trip]] = {}
    for trip in sorted(trips, key=lambda t: t.id):
        groups.setdefault((trip.who, trip.start, trip.end), []).append(trip)
    return sorted(groups.values(), key=lambda g: (g[0].start, g[0].role != "president", g[0].id))


def _trip_source(trip: Trip, full_name: str) -> SourcePlan:
    rank = "the President" if trip.role == "president" else "the Secretary of State"
    return SourcePlan(
        url=trip.url,
        title=f"Travels of {rank}: {full_name} — Republic of Korea, "
        f"{_span(trip.start, trip.end)} (trip {trip.id})",
        raw_text=trip.raw,
    )


def _trip_meeting(group: list[Trip], names: dict[str, tuple[str, str]]) -> MeetingPlan:
    trip = group[0]
    full, short = names[trip.who]
    if trip.role == "president":
        rank = "President-elect" if "President-elect" in trip.remarks else "President"
        traveller_title, level = rank, LEADERS
    else:
        rank, traveller_title, level = "Secretary", "Secretary of State", MINISTERIAL
    places = [place.strip() for place in trip.locale.split(",") if place.strip()]
    place = places[0] if len(places) == 1 else "the Republic of Korea"
    kind = _kind(trip.remarks, ("state visit", "official visit"))
    remarks = list(dict.fromkeys(t.remarks for t in group))
    plan = MeetingPlan(
        title=f"{rank} {short}'s {kind} to {place}",
        date=trip.start,
        end_date=trip.end if trip.end != trip.start else None,
        level=level,
        location=trip.locale,
        summary="\n\n".join(remarks),
        participants=[
            ParticipantPlan(OfficialRef("US", trip.who), "US", PRINCIPAL, traveller_title)
        ],
        sources=[_trip_source(t, full) for t in group],
    )
    for text in remarks:
        for participant in _counterparts(text, trip.start, HOST):
            plan.add(participant)
    if not any(p.side == "KR" for p in plan.participants):
        plan.add_inferred_host(_rok_host(trip))
    return plan


def _rok_host(trip: Trip) -> ParticipantPlan | None:
    """Whom a trip met when its record names nobody: the President of the Republic of Korea
    receives a visiting President; the Foreign Minister, a visiting Secretary of State."""
    if trip.role == "president":
        category, title, kind = LEADER, "President", "a visit of the President of the United States"
    else:
        category, title, kind = (
            FOREIGN_MINISTER,
            "Foreign Minister",
            "a visit of the Secretary of State",
        )
    host = sole_holder(category, title, trip.start)
    if host is None:
        return None
    basis = (
        f"Inferred: {title} of the Republic of Korea on {trip.start:%-d %B %Y}, the host of "
        f"{kind}; the Office of the Historian's record names no one."
    )
    return ParticipantPlan(OfficialRef("KR", host.official.name), "KR", HOST, host.title, basis)


_ACCOMPANIED = re.compile(r"^(Accompanied|Joined) President\b")


def _accompany(plan: MeetingPlan, group: list[Trip], names: dict[str, tuple[str, str]]) -> None:
    """A Secretary who "Accompanied President Clinton" was on the President's trip: one
    engagement, so the Secretary joins its delegation and its sources rather than counting
    as a second meeting."""
    trip = group[0]
    full, _ = names[trip.who]
    plan.add(ParticipantPlan(OfficialRef("US", trip.who), "US", DELEGATION, "Secretary of State"))
    plan.summary += f"\n\nSecretary of State {full}: {trip.remarks}"
    plan.sources += [_trip_source(t, full) for t in group]
    for participant in _counterparts(trip.remarks, trip.start, HOST):
        plan.add(participant)


_US_PLACES = (
    (r"Washington, D\.?C\.?|\bto Washington\b", "Washington, D.C."),
    (r"Camp David", "Camp David, Maryland"),
    (r"San Francisco", "San Francisco, California"),
    (r"Honolulu", "Honolulu, Hawaii"),
    (r"Seattle", "Seattle, Washington"),
    (r"New York City", "New York City"),
    (r"Pittsburgh", "Pittsburgh, Pennsylvania"),
)
# Clauses about travel before or after the visit proper ("Afterwards visited New York City",
# "Had met with Soviet President Gorbachev in San Francisco") do not locate it.
_ELSEWHERE = re.compile(
    r"\b(afterwards?|later|also|arrived|departed|visited|visiting|had met|in U\.S\.)", re.I
)


def visit_location(description: str) -> str:
    """Where a visit's description places it, from the places it names; "" when it does not
    say (the data often leaves Washington unsaid — we do not assume it)."""
    for clause in re.split(r"(?<=[.;])\s+", description):
        if _ELSEWHERE.search(clause):
            continue
        found = [(m.start(), label) for p, label in _US_PLACES if (m := re.search(p, clause))]
        if found:
            return min(found)[1]
    return ""


# Visits whose host is the President of the United States: a private or informal visit may
# meet nobody.
HOSTED_VISITS = ("state visit", "official working visit", "official visit", "working visit")


# "Attended the G-20 Economic Summit in Pittsburgh": a summit held in the United States, which
# its President hosts (a funeral or an inauguration has no host to infer).
US_HOSTED_SUMMIT = re.compile(
    r"^Attended (?:the )?[\w\s.&'’-]*?\b(?P<event>summit|APEC meeting|G-20)\b", re.IGNORECASE
)


def _us_host(visit: Visit, occasion: str, presidents: list[PresidentTerm]) -> list[ParticipantPlan]:
    """The President who received a visiting ROK President, when the record does not say."""
    in_office = [term for term in presidents if term.covers(visit.start)]
    if len(in_office) != 1:
        return []
    basis = (
        f"Inferred: President of the United States on {visit.start:%-d %B %Y}, the host of "
        f"{occasion}; the Office of the Historian's record names no one."
    )
    term = in_office[0]
    return [ParticipantPlan(OfficialRef("US", term.id), "US", HOST, "President", basis)]


def _visit_meeting(visit: Visit, presidents: list[PresidentTerm]) -> MeetingPlan:
    match = MENTION.match(visit.visitor)
    title, name = (match["title"], match["name"]) if match else ("", visit.visitor)
    counterpart = resolve_korean(title, name, visit.start) if title else None
    participants = []
    if counterpart:
        name = counterpart.official.name
        participants.append(
            ParticipantPlan(OfficialRef("KR", name), "KR", PRINCIPAL, counterpart.title)
        )
    elif len(name.split()) > 1:
        # Someone the gazetteer does not know, named in full: recorded as the data names them.
        participants.append(ParticipantPlan(OfficialRef("KR", name), "KR", PRINCIPAL, title))
    for term in us_presidents_met(visit.description, visit.start, presidents):
        participants.append(ParticipantPlan(OfficialRef("US", term.id), "US", HOST, "President"))
    kinds = (
        "state visit", "official working visit", "official visit", "working visit",
        "informal visit", "private visit",
    )  # fmt: skip
    kind = _kind(visit.description, kinds)
    is_president = counterpart is not None and counterpart.title == "President"
    summit = US_HOSTED_SUMMIT.search(visit.description)
    hosted = kind in HOSTED_VISITS or summit is not None
    if is_president and hosted and not any(p.side == "US" for p in participants):
        occasion = f"the {summit['event']} the visitor attended" if summit else f"a {kind}"
        participants += _us_host(visit, occasion, presidents)
    return MeetingPlan(
        title=f"{title} {name}'s {kind} to the United States".strip(),
        date=visit.start,
        end_date=visit.end if visit.end != visit.start else None,
        # The Historian lists these as "Visits by Foreign Leaders": heads of state and
        # government, Prime Ministers included.
        level=LEADERS,
        location=visit_location(visit.description),
        summary=visit.description,
        participants=participants,
        sources=[
            SourcePlan(
                url=visit.url,
                title=f"Visits by Foreign Leaders in {visit.start.year}: {visit.visitor}, "
                f"{_span(visit.start, visit.end)} (visit {visit.id})",
                raw_text=visit.raw,
            )
        ],
    )


def plan_meetings(data: HistorianData) -> list[MeetingPlan]:
    """Every US–ROK engagement in the data: trips of Presidents and Secretaries of State to
    South Korea (duplicates merged, accompanying Secretaries folded into the President's
    trip) and visits of ROK leaders to the US, in date order."""
    names = _traveller_names(data)
    plans: list[MeetingPlan] = []
    presidential: list[tuple[Trip, MeetingPlan]] = []
    # Presidents' trips first, so that an accompanying Secretary who arrived earlier
    # (Tillerson, two days before President Trump in 2017) finds the trip to join.
    for group in sorted(_group_trips(data.trips), key=lambda g: g[0].role != "president"):
        trip = group[0]
        if trip.role == "secretary" and _ACCOMPANIED.match(trip.remarks):
            host = next(
                (plan for t, plan in presidential if t.start <= trip.end and trip.start <= t.end),
                None,
            )
            if host:
                _accompany(host, group, names)
                continue
        plan = _trip_meeting(group, names)
        if trip.role == "president":
            presidential.append((trip, plan))
        plans.append(plan)
    plans += [_visit_meeting(visit, data.presidents) for visit in data.visits]
    return sorted(plans, key=lambda p: (p.date, p.sources[0].url))


def korean_official_plan(official: KoreanOfficial) -> OfficialPlan:
    # ROK officials get no appointments: we hold no appointment data for them, only the
    # titles the sources give, kept on each participation.
    return OfficialPlan(
        ref=OfficialRef("KR", official.name),
        name=official.name,
        native_name=official.hangul,
        aliases=(*official.aliases, official.hangul),
    )


def plan_officials(data: HistorianData, meetings: list[MeetingPlan]) -> list[OfficialPlan]:
    """Everyone pocom names with their posts, the Presidents the meetings involve with their
    terms, and the ROK officials the meetings name."""
    plans: dict[OfficialRef, OfficialPlan] = {}
    # A short name is an alias only if it names nobody else: "John Adams" is not John Quincy
    # Adams, and William P. Clark and William Clark Jr. are two people.
    people = data.people.values()
    names = Counter(normal_name(re.sub(r",? (Jr\.|II|III)$", "", p.name)) for p in people)
    names.update(normal_name(p.short_name) for p in people if p.short_name)
    names.update({normal_name(term.name) for term in data.presidents})
    for person in data.people.values():
        ref = OfficialRef("US", person.id)
        short = (person.short_name,) if names[normal_name(person.short_name)] == 1 else ()
        aliases = tuple(dict.fromkeys(a for a in (*person.aliases, *short) if a != person.name))
        plans[ref] = OfficialPlan(ref, person.name, person.id, aliases=aliases)
    for post in data.posts:
        plans[OfficialRef("US", post.person_id)].appointments.append(
            AppointmentPlan(post.title, post.organisation, post.start, post.end)
        )
    terms = {term.id: term for term in data.presidents}
    trip_names = {trip.who: trip.name for trip in data.trips}
    for ref in {p.official for plan in meetings for p in plan.participants}:
        if ref in plans:
            continue
        if ref.country == "KR":
            official = ROK_BY_NAME.get(ref.key)
            plans[ref] = korean_official_plan(official) if official else OfficialPlan(ref, ref.key)
        elif ref.key in terms:
            plans[ref] = OfficialPlan(ref, terms[ref.key].name, ref.key)
        else:
            plans[ref] = OfficialPlan(ref, trip_names.get(ref.key, ref.key), ref.key)
    for ref, plan in plans.items():
        # Presidents who served two terms (Trump) appear twice in presidents.xml.
        for term in data.presidents:
            if term.id == ref.key and ref.country == "US":
                plan.appointments.append(
                    AppointmentPlan(PRESIDENT_TITLE, PRESIDENCY, term.took_office, term.left_office)
                )
    return sorted(plans.values(), key=lambda p: (p.ref.country != "US", p.name))
