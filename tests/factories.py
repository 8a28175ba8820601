"""Plain functions that build model rows for tests (no factory library: each one reads as the
row it makes). Countries and the baseline topics come from the migrations."""

import datetime
import itertools

from django.utils import timezone

from engagements.models import (
    Appointment,
    Commitment,
    CommitmentStatusEntry,
    Country,
    DatePrecision,
    Meeting,
    MeetingSource,
    Modality,
    Official,
    Participation,
    PolicyTopic,
    Source,
    Statement,
)

_counter = itertools.count(1)


def topic(slug: str) -> PolicyTopic:
    return PolicyTopic.objects.get(slug=slug)


def country(code: str) -> Country:
    return Country.objects.get(code=code)


def official(
    name: str,
    country_code: str = "US",
    *,
    title: str = "",
    start: datetime.date = datetime.date(2000, 1, 1),
    end: datetime.date | None = None,
    native_name: str = "",
) -> Official:
    person = Official.objects.create(
        name=name, country=country(country_code), native_name=native_name
    )
    if title:
        appointment(person, title, start=start, end=end)
    return person


def appointment(
    person: Official,
    title: str,
    *,
    start: datetime.date,
    end: datetime.date | None = None,
    organisation: str = "",
) -> Appointment:
    return Appointment.objects.create(
        official=person, title=title, start=start, end=end, organisation=organisation
    )


def meeting(
    title: str | None = None,
    date: datetime.date = datetime.date(2025, 9, 10),
    *,
    published: bool = True,
    precision: str = DatePrecision.DAY,
    modality: str = Modality.IN_PERSON,
    topics: tuple[str, ...] = (),
    participants: tuple[tuple[Official, str], ...] | tuple[Official, ...] = (),
    **fields,
) -> Meeting:
    """A meeting, published unless ``published=False``. ``participants`` are officials (each
    on their own country's side, as principal) or (official, role) pairs."""
    n = next(_counter)
    row = Meeting.objects.create(
        title=title or f"Meeting {n}",
        date=date,
        date_precision=precision,
        modality=modality,
        publication_state=Meeting.Publication.PUBLISHED if published else Meeting.Publication.DRAFT,
        published_at=timezone.now() if published else None,
        **fields,
    )
    if topics:
        row.topics.set(PolicyTopic.objects.filter(slug__in=topics))
    for item in participants:
        person, role = item if isinstance(item, tuple) else (item, Participation.Role.PRINCIPAL)
        participate(row, person, role=role)
    return row


def participate(
    row: Meeting, person: Official, *, role: str = Participation.Role.PRINCIPAL, title: str = ""
) -> Participation:
    return Participation.objects.create(
        meeting=row, official=person, side_id=person.country_id, role=role, title=title
    )


def source(title: str = "Readout", **fields) -> Source:
    n = next(_counter)
    fields.setdefault("url", f"https://www.state.gov/readout-{n}/")
    fields.setdefault("publisher", "U.S. Department of State")
    return Source.objects.create(title=title, **fields)


def attach_source(row: Meeting, document: Source) -> MeetingSource:
    return MeetingSource.objects.create(meeting=row, source=document)


def statement(
    row: Meeting,
    text: str = "The two sides discussed the alliance.",
    *,
    kind: str = Statement.Kind.READOUT,
    issuer: str | None = "US",
    speaker: Official | None = None,
    document: Source | None = None,
    **fields,
) -> Statement:
    return Statement.objects.create(
        meeting=row,
        text=text,
        kind=kind,
        issuing_country=country(issuer) if issuer else None,
        speaker=speaker,
        source=document,
        **fields,
    )


def commitment(
    row: Meeting,
    text: str = "The two sides will cooperate on shipbuilding.",
    *,
    party: str | None = None,
    statuses: tuple[tuple[str, datetime.date], ...] = (),
    topics: tuple[str, ...] = (),
) -> Commitment:
    made = Commitment.objects.create(
        meeting=row,
        text=text,
        passage=text,
        party=country(party) if party else None,
        is_joint=party is None,
    )
    if topics:
        made.topics.set(PolicyTopic.objects.filter(slug__in=topics))
    for status, day in statuses:
        CommitmentStatusEntry.objects.create(commitment=made, status=status, date=day)
    return made


def alliance_pair(*, start: datetime.date = datetime.date(2025, 1, 1)) -> tuple[Official, Official]:
    """Secretary Rubio and Foreign Minister Cho, with their posts."""
    rubio = official(
        "Marco Rubio", "US", title="Secretary of State", start=datetime.date(2025, 1, 21)
    )
    cho = official(
        "Cho Hyun",
        "KR",
        title="Minister of Foreign Affairs",
        start=datetime.date(2025, 7, 21),
        native_name="조현",
    )
    return rubio, cho


def many_meetings(
    count: int, *, start: datetime.date = datetime.date(2024, 1, 1), participants=(), topics=()
) -> list[Meeting]:
    """``count`` published meetings a week apart, each fully dressed (participants, topics, a
    statement, a commitment with a status, a source), for query-count tests."""
    rows = []
    for i in range(count):
        row = meeting(
            f"Bulk meeting {i}",
            start + datetime.timedelta(days=7 * i),
            topics=topics,
            participants=participants,
        )
        document = source(f"Readout {i}")
        attach_source(row, document)
        statement(row, f"Readout text {i}", document=document)
        commitment(row, f"Commitment {i}", statuses=(("in_progress", row.date),))
        rows.append(row)
    return rows


def demo_record() -> dict:
    """A small, realistic record for browser tests and screenshots: real US–ROK meetings and the
    officials' posts (names and dates from public sources; texts abridged), plus one draft."""
    d = datetime.date
    people = {
        "trump": official("Donald J. Trump", "US", title="President", start=d(2025, 1, 20)),
        "biden": official(
            "Joseph R. Biden", "US", title="President", start=d(2021, 1, 20), end=d(2025, 1, 20)
        ),
        "rubio": official("Marco Rubio", "US", title="Secretary of State", start=d(2025, 1, 21)),
        "blinken": official(
            "Antony J. Blinken",
            "US",
            title="Secretary of State",
            start=d(2021, 1, 26),
            end=d(2025, 1, 20),
        ),
        "lee": official(
            "Lee Jae Myung", "KR", title="President", start=d(2025, 6, 4), native_name="이재명"
        ),
        "yoon": official(
            "Yoon Suk Yeol",
            "KR",
            title="President",
            start=d(2022, 5, 10),
            end=d(2025, 4, 4),
            native_name="윤석열",
        ),
        "moon": official(
            "Moon Jae-in",
            "KR",
            title="President",
            start=d(2017, 5, 10),
            end=d(2022, 5, 9),
            native_name="문재인",
        ),
        "cho": official(
            "Cho Hyun",
            "KR",
            title="Minister of Foreign Affairs",
            start=d(2025, 7, 21),
            native_name="조현",
        ),
        "cho_ty": official(
            "Cho Tae-yul",
            "KR",
            title="Minister of Foreign Affairs",
            start=d(2024, 1, 12),
            end=d(2025, 7, 20),
            native_name="조태열",
        ),
        "kishida": official(
            "Kishida Fumio", "JP", title="Prime Minister", start=d(2021, 10, 4), end=d(2024, 10, 1)
        ),
        "dulles": official(
            "John Foster Dulles",
            "US",
            title="Secretary of State",
            start=d(1953, 1, 21),
            end=d(1959, 4, 22),
        ),
        "rhee": official(
            "Syngman Rhee",
            "KR",
            title="President",
            start=d(1948, 7, 24),
            end=d(1960, 4, 26),
            native_name="이승만",
        ),
    }
    p = people
    specs = [
        (
            "Secretary Rubio's Meeting With Republic of Korea Foreign Minister Cho",
            d(2025, 9, 10),
            {"location": "Washington, D.C.", "level": "ministerial"},
            (p["rubio"], p["cho"]),
            ("shipbuilding", "defense-burden-sharing", "north-korea", "investment"),
        ),
        (
            "President Trump's Meeting With President Lee Jae Myung",
            d(2025, 8, 25),
            {"location": "The White House", "level": "leaders"},
            (p["trump"], p["lee"]),
            ("shipbuilding", "trade", "investment", "north-korea", "energy"),
        ),
        (
            "Secretary Rubio's Call With Foreign Minister Cho",
            d(2025, 7, 23),
            {"modality": Modality.PHONE_CALL, "level": "ministerial"},
            (p["rubio"], p["cho"]),
            ("north-korea", "japan-trilateral"),
        ),
        (
            "President Trump's Call With President Lee",
            d(2025, 6, 6),
            {"modality": Modality.PHONE_CALL, "level": "leaders"},
            (p["trump"], p["lee"]),
            ("trade", "north-korea"),
        ),
        (
            "Trilateral Meeting of Foreign Ministers at the Munich Security Conference",
            d(2025, 2, 15),
            {"location": "Munich", "level": "ministerial"},
            (p["rubio"], p["cho_ty"]),
            ("japan-trilateral", "north-korea", "russia"),
        ),
        (
            "Secretary Blinken's Meeting With Foreign Minister Cho Tae-yul",
            d(2024, 11, 1),
            {"location": "Washington, D.C.", "level": "ministerial"},
            (p["blinken"], p["cho_ty"]),
            ("north-korea", "russia", "ukraine"),
        ),
        (
            "President Biden's Meeting With President Yoon on the Margins of the NATO Summit",
            d(2024, 7, 11),
            {"location": "Washington, D.C.", "level": "leaders"},
            (p["biden"], p["yoon"]),
            ("nuclear-consultative-group", "ukraine", "russia"),
        ),
        (
            "Camp David Trilateral Summit",
            d(2023, 8, 18),
            {"location": "Camp David, Maryland", "level": "leaders"},
            (p["biden"], p["yoon"], p["kishida"]),
            ("japan-trilateral", "north-korea", "economic-security"),
        ),
        (
            "State Visit of President Yoon: the Washington Declaration",
            d(2023, 4, 26),
            {"location": "The White House", "level": "leaders"},
            (p["biden"], p["yoon"]),
            ("nuclear-consultative-group", "deterrence", "technology", "supply-chains"),
        ),
        (
            "President Biden's Visit to Seoul",
            d(2022, 5, 21),
            {"location": "Seoul", "level": "leaders"},
            (p["biden"], p["yoon"]),
            ("supply-chains", "technology", "north-korea", "climate-change"),
        ),
        (
            "President Moon's Visit to Washington",
            d(2021, 5, 21),
            {"location": "The White House", "level": "leaders"},
            (p["biden"], p["moon"]),
            ("global-health", "climate-change", "north-korea"),
        ),
        (
            "Secretary Dulles's Visit to Seoul: the Mutual Defense Treaty",
            d(1953, 8, 1),
            {"location": "Seoul", "level": "ministerial", "date_precision": DatePrecision.MONTH},
            (p["dulles"], p["rhee"]),
            ("deterrence",),
        ),
    ]
    meetings = []
    for title, day, extra, participants, topic_slugs in specs:
        precision = extra.pop("date_precision", DatePrecision.DAY)
        meetings.append(
            meeting(
                title,
                day,
                precision=precision,
                topics=topic_slugs,
                participants=participants,
                **extra,
            )
        )
    rubio_cho = meetings[0]
    rubio_cho.summary = (
        "The Secretary and the Foreign Minister discussed shipbuilding cooperation, the "
        "alliance's defense posture and the denuclearization of North Korea."
    )
    rubio_cho.save()
    us_source = source(
        "Secretary Rubio's Meeting With Republic of Korea Foreign Minister Cho",
        url="https://www.state.gov/releases/office-of-the-spokesperson/2025/09/secretary-rubios-meeting-with-republic-of-korea-foreign-minister-cho",
        published_on=d(2025, 9, 10),
    )
    kr_source = source(
        "Outcome of the ROK-U.S. Foreign Ministers' Meeting",
        url="https://www.mofa.go.kr/eng/brd/m_5676/view.do?seq=999999",
        publisher="Ministry of Foreign Affairs, Republic of Korea",
        published_on=d(2025, 9, 11),
    )
    attach_source(rubio_cho, us_source)
    attach_source(rubio_cho, kr_source)
    statement(
        rubio_cho,
        "Secretary Rubio met with Republic of Korea Foreign Minister Cho Hyun in Washington. "
        "The Secretary and the Foreign Minister discussed ways to deepen cooperation on "
        "shipbuilding and to modernize the alliance, and reaffirmed their commitment to the "
        "complete denuclearization of North Korea.",
        issuer="US",
        document=us_source,
        issuing_office="Office of the Spokesperson",
        date=d(2025, 9, 10),
        title="Readout",
    )
    statement(
        rubio_cho,
        "Minister Cho and Secretary Rubio agreed to follow up on the outcomes of the August "
        "summit, including cooperation on shipbuilding (MASGA), and discussed the safety of "
        "Korean nationals detained in Georgia. (Unofficial translation.)",
        issuer="KR",
        document=kr_source,
        issuing_office="Ministry of Foreign Affairs",
        date=d(2025, 9, 11),
        title="Outcome of the ROK-U.S. Foreign Ministers' Meeting",
    )
    statement(
        rubio_cho,
        "The Secretary underscored the importance of the United States–Republic of Korea "
        "alliance as the linchpin of peace and security in the region.",
        kind=Statement.Kind.QUOTE,
        issuer="US",
        speaker=people["rubio"],
        document=us_source,
    )
    commitment(
        rubio_cho,
        "Both sides will follow up on the shipbuilding cooperation agreed at the summit.",
        statuses=(("in_progress", d(2025, 9, 10)),),
        topics=("shipbuilding",),
    )
    commitment(
        meetings[1],
        "The ROK will invest in U.S. shipbuilding capacity.",
        party="KR",
        statuses=(("in_progress", d(2025, 8, 25)),),
        topics=("shipbuilding", "investment"),
    )
    draft = meeting(
        "DRAFT Unreviewed import: Rubio meets Cho again",
        d(2025, 10, 1),
        published=False,
        topics=("shipbuilding",),
        participants=(people["rubio"], people["cho"]),
    )
    return {"people": people, "meetings": meetings, "draft": draft}
