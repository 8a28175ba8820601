"""One real-world event is one Meeting: the rule that says when two records are the same event.

Two records (two meetings, or a meeting and a document being imported) are compared on their
days, their principals on each side and their kind:

1. **Days.** A record covers every day from its date to its end date (a visit) or its date
   alone. Two records *overlap* when their days meet, allowing one day either side: releases
   come out the next day, and Seoul is a day ahead of Washington.
2. **Principals.** The people who met, on each government's side: principals and hosts,
   including a host inferred from the post held that day; delegation members do not count.
   Two records are about the same people when they share a principal and, on every side where
   both name someone, share someone there too. A different counterpart on one side ("Harris
   met Han", "Harris met Yoon") is another meeting.
3. **Kind.** A phone or video call is not an in-person meeting, and vice versa.

What follows:

- **Same event**: overlapping days, the same people, the same kind. An import attaches to the
  existing meeting; an editor can merge two such meetings.
- **Part of**: a single-day meeting within a multi-day visit, sharing a principal with it but
  with another counterpart (the Vice President's meeting during a state visit), is a meeting
  *during* the visit: the visit is its parent.
- **Distinct**: overlapping or close (two days apart at most), sharing a principal, but with a
  different counterpart on a side where both name people, or a different kind: certainly
  different events, recorded as such so that they are not offered as duplicates.
- **Possible duplicate**: within two days and sharing a principal, but the rule cannot tell
  (one record names nobody on a side the other names): an editor decides, by merging the pair or
  marking it distinct.

Place breaks ties only: when a document matches several meetings, the one at the same place
wins. Places are written too variously ("Washington" or "the White House") to decide alone.
"""

import datetime
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from engagements.models import DistinctMeetings, Meeting, Modality, Participation

SLACK = datetime.timedelta(days=1)
CLOSE = datetime.timedelta(days=2)
PRINCIPAL_ROLES = {Participation.Role.PRINCIPAL, Participation.Role.HOST}


class Relation(enum.Enum):
    SAME = "same event"
    PART_OF = "part of"
    DISTINCT = "distinct"
    POSSIBLE = "possible duplicate"
    UNRELATED = "unrelated"


@dataclass
class Record:
    """What the rule looks at: days, principals by side, kind and place."""

    first_day: datetime.date
    last_day: datetime.date
    modality: str
    principals: dict[str, set[int]] = field(default_factory=dict)  # side code → official ids
    location: str = ""
    meeting: Meeting | None = None

    @property
    def people(self) -> set[int]:
        return set().union(*self.principals.values()) if self.principals else set()

    @property
    def is_visit(self) -> bool:
        return self.last_day > self.first_day

    @classmethod
    def of(cls, meeting: Meeting) -> "Record":
        """A meeting's record; reads ``meeting.participations`` (prefetch it for many)."""
        principals: dict[str, set[int]] = {}
        for p in meeting.participations.all():
            if p.role in PRINCIPAL_ROLES:
                principals.setdefault(p.side_id, set()).add(p.official_id)
        return cls(
            first_day=meeting.date,
            last_day=meeting.last_day,
            modality=meeting.modality,
            principals=principals,
            location=meeting.location,
            meeting=meeting,
        )


def _is_call(modality: str) -> bool:
    return modality in (Modality.PHONE_CALL, Modality.VIDEO_CALL)


def _gap(a: Record, b: Record) -> datetime.timedelta:
    """Days between two records' spans; zero or less when they meet."""
    return max(a.first_day, b.first_day) - min(a.last_day, b.last_day)


def _within(inner: Record, outer: Record) -> bool:
    return outer.first_day - SLACK <= inner.first_day and inner.last_day <= outer.last_day + SLACK


def relation(a: Record, b: Record) -> Relation:
    """How two records relate, by the rule in the module docstring."""
    shared = a.people & b.people
    gap = _gap(a, b)
    if not shared or gap > CLOSE:
        return Relation.UNRELATED
    if _is_call(a.modality) != _is_call(b.modality):
        return Relation.DISTINCT
    sides_named_by_both = set(a.principals) & set(b.principals)
    other_counterpart = any(
        not (a.principals[side] & b.principals[side]) for side in sides_named_by_both
    )
    overlap = gap <= SLACK
    if overlap and not other_counterpart:
        # One record may name a side the other leaves out (the visitor only): nothing
        # contradicts it, and they share someone.
        return Relation.SAME
    if overlap and other_counterpart:
        if a.is_visit != b.is_visit and (_within(b, a) if a.is_visit else _within(a, b)):
            return Relation.PART_OF
        return Relation.DISTINCT
    if other_counterpart:
        return Relation.DISTINCT
    return Relation.POSSIBLE


def candidates(record: Record, *, exclude: int | None = None):
    """Meetings whose days come within two days of ``record``'s and that share a principal."""
    start, end = record.first_day - CLOSE, record.last_day + CLOSE
    qs = (
        Meeting.objects.filter(date__lte=end)
        .filter(Q(end_date__gte=start) | Q(end_date__isnull=True, date__gte=start))
        .filter(participations__official_id__in=record.people or {0})
        .distinct()
        .prefetch_related("participations")
        .order_by("date", "pk")
    )
    return qs.exclude(pk=exclude) if exclude else qs


def _same_place(a: Record, b: Record) -> bool:
    first = (a.location or "").split(",")[0].strip().lower()
    return bool(first) and first in (b.location or "").lower()


def find_same_event(
    record: Record, *, exclude: int | None = None
) -> tuple[Relation, Meeting | None]:
    """The recorded meeting ``record`` is, or is part of.

    Returns (SAME, meeting) to attach to, (PART_OF, visit) for a meeting during a visit, or
    (UNRELATED, None). When several meetings are the same event, the one at the same place and
    then the longest (a visit over a single day) wins.
    """
    same, part_of = [], []
    for meeting in candidates(record, exclude=exclude):
        other = Record.of(meeting)
        found = relation(record, other)
        if found is Relation.SAME:
            same.append(other)
        elif found is Relation.PART_OF and other.is_visit:
            part_of.append(other)
    if same:
        best = max(same, key=lambda o: (_same_place(record, o), o.last_day - o.first_day))
        return Relation.SAME, best.meeting
    if part_of:
        return Relation.PART_OF, part_of[0].meeting
    return Relation.UNRELATED, None


def distinct_pairs() -> set[tuple[int, int]]:
    return set(DistinctMeetings.objects.values_list("first_id", "second_id"))


def related_pairs(meetings: Iterable[Meeting]) -> list[tuple[Meeting, Meeting, Relation]]:
    """Every pair among ``meetings`` (with participations prefetched, in date order) that the
    rule relates, except pairs already settled: parent and sideline, or marked distinct."""
    records = [Record.of(m) for m in meetings]
    settled = distinct_pairs()
    found = []
    for i, a in enumerate(records):
        for b in records[i + 1 :]:
            if b.first_day - a.last_day > CLOSE:
                break  # in date order: later ones start later still
            ma, mb = a.meeting, b.meeting
            if ma.parent_id == mb.pk or mb.parent_id == ma.pk:
                continue
            if (min(ma.pk, mb.pk), max(ma.pk, mb.pk)) in settled:
                continue
            found_relation = relation(a, b)
            if found_relation is not Relation.UNRELATED:
                found.append((ma, mb, found_relation))
    return found


def possible_duplicates(queryset=None) -> list[tuple[Meeting, Meeting, Relation]]:
    """Pairs an editor should look at: the same event recorded twice (to merge), meetings
    during a visit not yet linked to it, and pairs the rule cannot tell apart."""
    queryset = queryset if queryset is not None else Meeting.objects.all()
    meetings = queryset.prefetch_related("participations").order_by("date", "pk")
    return [pair for pair in related_pairs(meetings) if pair[2] is not Relation.DISTINCT]


def mark_distinct(a: Meeting, b: Meeting, *, note: str = "") -> DistinctMeetings:
    first, second = sorted((a, b), key=lambda m: m.pk)
    pair, _ = DistinctMeetings.objects.get_or_create(
        first=first, second=second, defaults={"note": note[:300]}
    )
    return pair


@dataclass
class Settled:
    merged: list[str] = field(default_factory=list)
    parented: list[str] = field(default_factory=list)
    distinct: list[str] = field(default_factory=list)
    unsure: list[str] = field(default_factory=list)


def settle(queryset=None, *, user=None) -> Settled:
    """Apply the rule where it is sure, as an editor would: merge records of the same event
    (keeping the longer, published, older one), make meetings during a visit its sideline
    meetings, and record certainly distinct pairs. Pairs it cannot tell apart are left for an
    editor (`possible_duplicates`). Used by the sample-data loader, which stands in for one."""
    from engagements.services import merge_meetings  # services uses this module's models only

    done = Settled()
    queryset = queryset if queryset is not None else Meeting.objects.all()
    while True:
        meetings = queryset.prefetch_related("participations").order_by("date", "pk")
        pairs = related_pairs(meetings)
        same = [(a, b) for a, b, r in pairs if r is Relation.SAME]
        if not same:
            break
        a, b = same[0]
        keep, other = sorted(
            (a, b), key=lambda m: (-(m.last_day - m.date).days, not m.is_published, m.pk)
        )
        done.merged.append(f"{other} into {keep}")
        merge_meetings(keep=keep, other=other, user=user)
    for a, b, found in pairs:
        if found is Relation.PART_OF:
            child, visit = (a, b) if b.last_day > b.date else (b, a)
            child.parent = visit
            child._history_user = user
            child.save(update_fields=["parent", "updated_at"])
            done.parented.append(f"{child} during {visit}")
        elif found is Relation.DISTINCT:
            mark_distinct(a, b, note="Different counterparts or kinds (the duplicate rule).")
            done.distinct.append(f"{a} / {b}")
        else:
            done.unsure.append(f"{a} / {b}")
    return done
