"""Writes that span several rows or models, shared by the admin, commands and importers.

Each is one keyword-only function that validates, then saves inside one transaction.
"""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from engagements.models import Meeting

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
