"""Page-shaped reads for the analyst pages: each function returns what one page shows, in a
fixed number of queries whatever the number of rows (tests pin the counts).

Everything here starts from published meetings, so drafts cannot leak into a list, a count, a
facet or a previous/next link.
"""

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404

from engagements import charts
from engagements.filters import MeetingFilter, descendant_ids
from engagements.ingest.gazetteer import keyword_pattern
from engagements.models import (
    Commitment,
    Country,
    DatePrecision,
    Meeting,
    Official,
    Participation,
    PolicyTopic,
    Statement,
)

PAGE_SIZE = 20
ENTITY_PAGE_MEETINGS = 20  # topic and country pages show the latest; the timeline has the rest
ALLIANCE = ("US", "KR")  # the two governments whose readouts are compared side by side


def alliance_rank(code: str | None) -> int:
    """Sort order for countries: the US, then the ROK, then others, then "joint" (None)."""
    if code is None:
        return len(ALLIANCE) + 1
    return ALLIANCE.index(code) if code in ALLIANCE else len(ALLIANCE)


# --- the timeline ----------------------------------------------------------------------------


@dataclass
class MonthGroup:
    label: str
    iso: str  # for <time datetime>
    continued: bool = False  # the month began on the previous page (no second heading)
    meetings: list = field(default_factory=list)


def month_key(meeting: Meeting) -> tuple[int, int]:
    # Year-precision meetings form their own group at the end of their year.
    month = 0 if meeting.date_precision == DatePrecision.YEAR else meeting.date.month
    return meeting.date.year, month


def group_by_month(meetings: list[Meeting], previous: Meeting | None = None) -> list[MonthGroup]:
    """Consecutive meetings of one month in one group. ``previous`` is the meeting shown just
    before these (on the page before): if it is of the same month, the first group continues
    it and gets no second heading."""
    groups: list[MonthGroup] = []
    last_key = month_key(previous) if previous else None
    for meeting in meetings:
        key = month_key(meeting)
        if not groups or key != last_key:
            if key[1]:
                label, iso = f"{meeting.date:%B %Y}", f"{meeting.date:%Y-%m}"
            else:
                label, iso = f"{meeting.date:%Y} (month not known)", f"{meeting.date:%Y}"
            groups.append(MonthGroup(label, iso, continued=not groups and key == last_key))
            last_key = key
        groups[-1].meetings.append(meeting)
    return groups


@dataclass
class TimelinePage:
    total: int = 0
    number: int = 1
    num_pages: int = 1
    per_page: int = PAGE_SIZE
    groups: list[MonthGroup] = field(default_factory=list)
    past_end: bool = False

    @property
    def first_index(self) -> int:
        return (self.number - 1) * self.per_page + 1

    @property
    def last_index(self) -> int:
        return min(self.number * self.per_page, self.total)

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.number > 1 and not self.past_end


def timeline_page(filterset: MeetingFilter, *, per_page: int = PAGE_SIZE) -> TimelinePage:
    """One page of the filtered timeline. Five queries: the count, then ``for_timeline``'s four.

    From page 2 on, the meeting just before the page is fetched in the same query, so that a
    month running across pages gets one heading."""
    queryset = filterset.qs
    total = queryset.count()
    page = TimelinePage(total=total, number=filterset.page_number, per_page=per_page)
    page.num_pages = max(1, math.ceil(total / per_page))
    if page.number > page.num_pages:
        page.past_end = True
        return page
    start = (page.number - 1) * per_page
    rows = list(queryset.for_timeline()[max(start - 1, 0) : start + per_page])
    previous = rows.pop(0) if start else None
    page.groups = group_by_month(rows, previous)
    return page


def topic_facets(filterset: MeetingFilter) -> dict[int, int]:
    """For each topic, how many meetings choosing it would give under the other filters. One
    query for the (topic, meeting) pairs; subtopics are folded into their parents in Python."""
    meetings = filterset.apply(filterset.queryset, without="topic")
    pairs = Meeting.topics.through.objects.filter(meeting__in=meetings.values("pk")).values_list(
        "policytopic_id", "meeting_id"
    )
    meetings_by_topic: dict[int, set[int]] = defaultdict(set)
    for topic_id, meeting_id in pairs:
        meetings_by_topic[topic_id].add(meeting_id)
    counts = {}
    for topic in filterset.topics:
        tree = descendant_ids({topic.pk}, filterset.parent_of)
        counts[topic.pk] = len(set().union(*(meetings_by_topic[pk] for pk in tree)))
    return counts


def country_facets(filterset: MeetingFilter) -> dict[str, int]:
    """For each country, how many meetings it took part in under the other filters (one query)."""
    meetings = filterset.apply(filterset.queryset, without="country")
    rows = (
        Participation.objects.filter(meeting__in=meetings.values("pk"))
        .order_by()
        .values("side_id")
        .annotate(n=Count("meeting_id", distinct=True))
    )
    return {row["side_id"]: row["n"] for row in rows}


def topic_options(filterset: MeetingFilter, counts: dict[int, int] | None) -> list[dict]:
    """The topic tree in display order (parents, then their subtopics), with counts."""
    chosen = set(filterset.value_list("topic"))
    children = defaultdict(list)
    for topic in filterset.topics:  # already ordered by name
        children[topic.parent_id].append(topic)
    options = []

    def walk(parent_id, depth):
        for topic in children[parent_id]:
            options.append(
                {
                    "topic": topic,
                    "depth": depth,
                    "checked": topic.slug in chosen,
                    "count": None if counts is None else counts.get(topic.pk, 0),
                }
            )
            walk(topic.pk, depth + 1)

    walk(None, 0)
    return options


def country_options(filterset: MeetingFilter, counts: dict[str, int] | None) -> list[dict]:
    """Countries that took part in a published meeting (or are chosen): the alliance first."""
    chosen = {value.upper() for value in filterset.value_list("country")}
    present = set(counts or {}) | {o.country_id for o in filterset.officials}
    options = [
        {
            "country": country,
            "checked": country.code in chosen,
            "count": None if counts is None else counts.get(country.code, 0),
        }
        for country in filterset.countries
        if country.code in present or country.code in chosen
    ]
    options.sort(key=lambda o: alliance_rank(o["country"].code))
    return options


def official_options(filterset: MeetingFilter) -> list[dict]:
    """Officials who took part in a published meeting, grouped by country."""
    chosen = set(filterset.value_list("official"))
    groups: dict[str, dict] = {}
    for official in filterset.officials:
        group = groups.setdefault(
            official.country_id, {"country": official.country, "officials": []}
        )
        group["officials"].append({"official": official, "checked": official.slug in chosen})
    return sorted(groups.values(), key=lambda g: alliance_rank(g["country"].code))


def timeline_context(filterset: MeetingFilter) -> dict:
    """Everything the timeline template shows, valid request or not."""
    valid = filterset.is_valid()
    page = timeline_page(filterset) if valid else None
    topic_counts = topic_facets(filterset) if valid else None
    country_counts = country_facets(filterset) if valid else None
    errors = filterset.error_messages() if not valid else []
    if page and page.past_end:
        errors = [
            f"There is no page {page.number:,}: these filters give {page.total:,} "
            f"meeting{'s' if page.total != 1 else ''} on {page.num_pages:,} "
            f"page{'s' if page.num_pages != 1 else ''}."
        ]
    return {
        "filterset": filterset,
        "form": filterset.form,
        "page": page,
        "errors": errors,
        "active_filters": filterset.active_filters() if valid else [],
        "topic_options": topic_options(filterset, topic_counts),
        "country_options": country_options(filterset, country_counts),
        "official_groups": official_options(filterset),
        "next_query": filterset.query_string(page=page.number + 1) if page else "",
        "previous_query": filterset.query_string(page=page.number - 1) if page else "",
        "last_page_query": filterset.query_string(page=page.num_pages) if page else "",
    }


# --- one meeting -----------------------------------------------------------------------------


@dataclass
class CountryParticipants:
    country: Country
    participations: list


def participants_by_country(meeting: Meeting) -> list[CountryParticipants]:
    groups: dict[str, CountryParticipants] = {}
    for participation in meeting.participations.all():
        groups.setdefault(
            participation.side_id, CountryParticipants(participation.side, [])
        ).participations.append(participation)
    return sorted(groups.values(), key=lambda g: alliance_rank(g.country.code))


@dataclass
class StatementGroup:
    label: str
    country: Country | None
    statements: list
    # Side by side only: the meeting's topics this government's readout mentions, each with
    # whether the other readout leaves it out, and the commitments read from this readout.
    topics: list = field(default_factory=list)
    commitments: list = field(default_factory=list)


def _topics_mentioned(text: str, topics) -> list:
    """Which of ``topics`` ``text`` mentions, by the topics' own keywords."""
    found = []
    for topic in topics:
        patterns = (keyword_pattern(k) for k in topic.keyword_list)
        if any(p is not None and p.search(text) for p in patterns):
            found.append(topic)
    return found


def _compare(groups: list[StatementGroup], meeting: Meeting) -> None:
    """Mark what each government's readout mentions that the other's leaves out."""
    topics = list(meeting.topics.all())
    mentioned = {
        g.country.code: _topics_mentioned(" ".join(s.text for s in g.statements), topics)
        for g in groups
    }
    commitments = list(meeting.commitments.all())
    for group in groups:
        others = {t.pk for code, ts in mentioned.items() if code != group.country.code for t in ts}
        group.topics = [(t, t.pk not in others) for t in mentioned[group.country.code]]
        ids = {s.pk for s in group.statements}
        group.commitments = [c for c in commitments if c.statement_id in ids]


def statements_by_government(meeting: Meeting) -> dict:
    """Readouts of both governments side by side when both exist; every other statement grouped
    by the government that issued it; quotes on their own."""
    statements = list(meeting.statements.all())
    quotes = [s for s in statements if s.kind == Statement.Kind.QUOTE]
    others = [s for s in statements if s.kind != Statement.Kind.QUOTE]
    readouts = {
        code: [
            s for s in others if s.kind == Statement.Kind.READOUT and s.issuing_country_id == code
        ]
        for code in ALLIANCE
    }
    side_by_side = []
    if all(readouts.values()):
        for code in ALLIANCE:
            side_by_side.append(
                StatementGroup(
                    readouts[code][0].issuing_country.name,
                    readouts[code][0].issuing_country,
                    readouts[code],
                )
            )
        _compare(side_by_side, meeting)
        shown = {s.pk for group in side_by_side for s in group.statements}
        others = [s for s in others if s.pk not in shown]
    groups: dict[str | None, StatementGroup] = {}
    for statement in others:
        country = statement.issuing_country
        label = country.name if country else "Joint and other statements"
        groups.setdefault(
            statement.issuing_country_id, StatementGroup(label, country, [])
        ).statements.append(statement)
    ordered = sorted(groups.values(), key=lambda g: alliance_rank(g.country and g.country.code))
    for statement in quotes:
        speaker = statement.speaker
        statement.speaker_title = (
            speaker.title_on(statement.date or meeting.date) if speaker else ""
        )
    return {"side_by_side": side_by_side, "groups": ordered, "quotes": quotes}


def _neighbours(meeting: Meeting, queryset) -> tuple[Meeting | None, Meeting | None]:
    """The meetings just before and after ``meeting`` in timeline order (date, then id)."""
    same_day = Q(date=meeting.date)
    before = (
        queryset.filter(Q(date__lt=meeting.date) | same_day & Q(pk__lt=meeting.pk))
        .order_by("-date", "-pk")
        .first()
    )
    after = (
        queryset.filter(Q(date__gt=meeting.date) | same_day & Q(pk__gt=meeting.pk))
        .order_by("date", "pk")
        .first()
    )
    return before, after


def counterpart_ids(meeting: Meeting) -> list[int]:
    """The officials who define "the same counterparts": the meeting's principals and hosts
    (or everyone, when no one is marked principal)."""
    participations = list(meeting.participations.all())
    leading = [
        p.official_id
        for p in participations
        if p.role in (Participation.Role.PRINCIPAL, Participation.Role.HOST)
    ]
    return leading or [p.official_id for p in participations]


def meeting_neighbours(meeting: Meeting) -> dict:
    """Previous/next published meeting overall (two queries), and previous/next between the
    same counterparts (two more).

    "Same counterparts" means: a meeting that *every* principal of this one attended (in any
    role). For a bilateral that is the same pair of principals meeting again, whoever else was
    in the room; a large summit only matches meetings of that whole group. Chosen over "the
    same set of officials" because delegations change from meeting to meeting while the
    principals' relationship is what analysts follow."""
    published = Meeting.objects.published()
    previous, following = _neighbours(meeting, published)
    officials = counterpart_ids(meeting)
    counterparts = (None, None)
    if officials:
        same = published
        for official_id in officials:
            same = same.filter(
                pk__in=Participation.objects.filter(official_id=official_id).values("meeting_id")
            )
        counterparts = _neighbours(meeting, same)
    return {
        "previous": previous,
        "next": following,
        "previous_same": counterparts[0],
        "next_same": counterparts[1],
        "has_counterparts": bool(officials),
    }


# --- officials, topics, countries ------------------------------------------------------------


def meetings_attended(official: Official):
    return Meeting.objects.published().filter(
        pk__in=Participation.objects.filter(official=official).values("meeting_id")
    )


def official_page(slug: str) -> dict:
    """Seven queries: the official, their posts, the meetings (four), their statements.

    An official known only from draft records (no post, no published meeting) is a 404: drafts
    must not surface through the people they mention."""
    try:
        official = Official.objects.select_related("country").with_appointments().get(slug=slug)
    except Official.DoesNotExist:
        raise Http404("No official has this address.") from None
    meetings = list(meetings_attended(official).for_timeline())
    appointments = list(official.appointments.all())
    if not meetings and not appointments:
        raise Http404("No official has this address.")
    statements = list(
        Statement.objects.filter(
            speaker=official, meeting__publication_state=Meeting.Publication.PUBLISHED
        )
        .select_related("meeting", "source")
        .order_by("-meeting__date", "-pk")
    )
    return {
        "official": official,
        "appointments": appointments,
        "groups": group_by_month(meetings),
        "meeting_count": len(meetings),
        "statements": statements,
    }


def topic_page(slug: str) -> dict:
    """Eight queries: every topic (the tree, in one query), the chart dates, the latest
    meetings (four), the commitments and their status entries."""
    topics = list(PolicyTopic.objects.order_by("name"))
    topic = next((t for t in topics if t.slug == slug), None)
    if topic is None:
        raise Http404("No topic has this address.")
    by_pk = {t.pk: t for t in topics}
    parent_of = {t.pk: t.parent_id for t in topics}
    ids = descendant_ids({topic.pk}, parent_of)
    topic.parent_topic = by_pk.get(topic.parent_id)
    subtopics = [t for t in topics if t.parent_id == topic.pk]
    tagged = Meeting.topics.through.objects.filter(policytopic_id__in=ids).values("meeting_id")
    meetings = Meeting.objects.published().filter(pk__in=tagged)
    dates = list(meetings.values_list("date", "date_precision"))
    series = charts.quarterly_counts(
        day for day, precision in dates if precision != DatePrecision.YEAR
    )
    latest = list(meetings.for_timeline()[:ENTITY_PAGE_MEETINGS])
    commitments = list(
        Commitment.objects.published()
        .filter(
            pk__in=Commitment.topics.through.objects.filter(policytopic_id__in=ids).values(
                "commitment_id"
            )
        )
        .select_related("meeting", "party")
        .prefetch_related("status_entries")
        .order_by("-meeting__date", "pk")
    )
    chart = charts.quarterly_bar_chart(series)
    summary = ""
    if series:
        busiest, most = max(series, key=lambda item: (item[1], item[0].year, item[0].number))
        summary = (
            f"Meetings per quarter from {series[0][0].label} to {series[-1][0].label}; "
            f"the busiest quarter was {busiest.label} with {most}."
        )
    return {
        "topic": topic,
        "subtopics": subtopics,
        "meeting_count": len(dates),
        "groups": group_by_month(latest),
        "shown": len(latest),
        "series": [(quarter, value) for quarter, value in series if value],
        "chart": chart,
        "chart_summary": summary,
        "year_only": sum(1 for _day, precision in dates if precision == DatePrecision.YEAR),
        "commitments": commitments,
    }


def country_page(code: str) -> dict:
    """Seven queries: the country, its officials and their posts, the meeting count and the
    latest meetings (four)."""
    # Checked before any query: PostgreSQL refuses a NUL character with an error (a 500), and
    # str.upper() turns some non-ASCII letters into two ASCII ones ("ß" into "SS").
    if not (len(code) == 2 and code.isascii() and code.isalpha()):
        raise Http404("Country codes are two letters, such as KR.")
    code = code.upper()
    try:
        country = Country.objects.get(code=code)
    except Country.DoesNotExist:
        raise Http404("No country has this code.") from None
    officials = list(
        Official.objects.filter(country=country)
        .filter(
            Q(appointments__isnull=False)
            | Q(participations__meeting__publication_state=Meeting.Publication.PUBLISHED)
        )
        .distinct()
        .with_appointments()
        .order_by("name")
    )
    today = datetime.date.today()
    for official in officials:
        posts = list(official.appointments.all())
        official.current_post = official.appointment_on(today)
        official.latest_post = posts[0] if posts else None
    meetings = Meeting.objects.published().filter(
        pk__in=Participation.objects.filter(side=country).values("meeting_id")
    )
    total = meetings.count()
    latest = list(meetings.for_timeline()[:ENTITY_PAGE_MEETINGS])
    return {
        "country": country,
        "officials": officials,
        "meeting_count": total,
        "groups": group_by_month(latest),
        "shown": len(latest),
    }
