"""Writes that span several rows or models, shared by the admin, commands and importers.

Each is one keyword-only function that validates, then saves inside one transaction.
"""

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from engagements.models import (
    Commitment,
    DatePrecision,
    DistinctMeetings,
    Meeting,
    MeetingAddress,
    MeetingSource,
    ReadoutImport,
    Statement,
)

# --- Publishing -----------------------------------------------------------------------------


def _locked(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    # The caller's queryset may carry annotations (the admin's participant count), and
    # PostgreSQL refuses FOR UPDATE with GROUP BY: lock a plain queryset of the same rows.
    ids = list(meetings.values_list("pk", flat=True))
    return Meeting.objects.select_for_update().filter(pk__in=ids).order_by("pk")


@transaction.atomic
def publish_meetings(*, meetings: QuerySet[Meeting], user=None) -> int:
    """Publish the given meetings that are drafts; return how many changed.

    Saves one by one (not ``update()``) so each change lands in the edit history with its
    author.
    """
    changed = 0
    for meeting in _locked(meetings).filter(publication_state=Meeting.Publication.DRAFT):
        meeting.publication_state = Meeting.Publication.PUBLISHED
        meeting.published_at = timezone.now()
        meeting._history_user = user
        meeting.full_clean()
        meeting.save()
        changed += 1
    return changed


@transaction.atomic
def unpublish_meetings(*, meetings: QuerySet[Meeting], user=None) -> int:
    """Move published meetings back to draft; return how many changed."""
    changed = 0
    for meeting in _locked(meetings).filter(publication_state=Meeting.Publication.PUBLISHED):
        meeting.publication_state = Meeting.Publication.DRAFT
        meeting.published_at = None
        meeting._history_user = user
        meeting.save()
        changed += 1
    return changed


# --- Merging duplicates -----------------------------------------------------------------------


@transaction.atomic
def merge_meetings(*, keep: Meeting, other: Meeting, user=None) -> Meeting:
    """Fold ``other`` into ``keep`` (one real-world event recorded twice) and delete ``other``.

    Everything recorded about ``other`` moves: sources, statements, commitments, participations
    (a person already on ``keep`` stays once, a named participation winning over an inferred
    one), topics, related and sideline meetings, imports. Its days widen ``keep``'s span. Its
    address answers with a permanent redirect to ``keep``, and both edit histories stay: the
    deleted record's in the history tables, the merge in ``keep``'s with its reason.
    """
    if keep.pk == other.pk:
        raise ValueError("A meeting cannot be merged into itself.")
    keep, other = (Meeting.objects.select_for_update().get(pk=m.pk) for m in (keep, other))

    for link in MeetingSource.objects.filter(meeting=other):
        MeetingSource.objects.get_or_create(meeting=keep, source_id=link.source_id)
    Statement.objects.filter(meeting=other).update(meeting=keep)
    Commitment.objects.filter(meeting=other).update(meeting=keep)
    ReadoutImport.objects.filter(meeting=other).update(meeting=keep)
    present = {p.official_id: p for p in keep.participations.all()}
    for participation in other.participations.all():
        mine = present.get(participation.official_id)
        if mine is None:
            participation.meeting = keep
            participation.save()
        elif mine.inferred_basis and not participation.inferred_basis:
            mine.inferred_basis, mine.role = "", participation.role
            mine.title = mine.title or participation.title
            mine.save()
    keep.topics.add(*other.topics.all())
    keep.related_meetings.add(*other.related_meetings.exclude(pk=keep.pk))
    Meeting.objects.filter(parent=other).exclude(pk=keep.pk).update(parent=keep)
    DistinctMeetings.objects.filter(Q(first=other) | Q(second=other)).delete()
    MeetingAddress.objects.filter(meeting=other).update(meeting=keep)
    MeetingAddress.objects.create(slug=other.slug, meeting=keep)

    first = min(keep.date, other.date)
    last = max(keep.last_day, other.last_day)
    if keep.date_precision == other.date_precision == DatePrecision.DAY:
        keep.date, keep.end_date = first, (last if last > first else None)
    keep.summary = keep.summary or other.summary
    keep.location = keep.location or other.location
    keep.level = keep.level or other.level
    # The kept meeting takes the other's parent if it has none, or if the other was its parent.
    takes_parent = keep.parent_id is None and other.parent_id not in (None, keep.pk)
    if keep.parent_id == other.pk or takes_parent:
        keep.parent_id = other.parent_id
    if other.is_published and not keep.is_published:
        keep.publication_state = Meeting.Publication.PUBLISHED
    keep._history_user = user
    keep._change_reason = f"Merged “{other.title}” ({other.date_display}, #{other.pk}) into it"
    keep.full_clean()
    other._history_user = user
    other._change_reason = f"Merged into “{keep.title}” (#{keep.pk})"
    other.delete()
    keep.save()
    return keep
