"""Small display helpers for the analyst templates."""

from django import template

from engagements.models import DatePrecision, Meeting

register = template.Library()


@register.filter
def machine_date(meeting: Meeting) -> str:
    """The meeting date for ``<time datetime>``, at its precision (2025-09-10, 2025-09, 2025)."""
    if meeting.date_precision == DatePrecision.YEAR:
        return f"{meeting.date:%Y}"
    if meeting.date_precision == DatePrecision.MONTH:
        return f"{meeting.date:%Y-%m}"
    return meeting.date.isoformat()
