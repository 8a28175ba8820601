"""Dates in readout prose, explicit or relative to the publication date.

Every result carries its precision (day, month or year) and the span of text it came from.
Relative expressions ("today", "on Tuesday", "on August 25") need the publication date; without
it they are reported with ``value=None`` rather than guessed.
"""

import datetime
import re
from dataclasses import dataclass

DAY, MONTH, YEAR = "day", "month", "year"

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?"
    r"|Dec\.?)"
)
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_DAYNUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEARNUM = r"(?P<year>(?:19|20)\d\d)"

# Most specific first: a span taken by one pattern is not matched again by a later one.
_EXPLICIT = [
    (DAY, re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")),
    (DAY, re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAYNUM},?\s+{_YEARNUM}\b")),
    (DAY, re.compile(rf"\b{_WEEKDAY}{_DAYNUM}\s+{_MONTH},?\s+{_YEARNUM}\b")),
    (MONTH, re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEARNUM}\b")),
    # Day and month without a year: the year comes from the publication date.
    (DAY, re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAYNUM}\b(?!\s*(?:,\s*)?(?:19|20)\d\d)")),
    (DAY, re.compile(rf"\b{_WEEKDAY}(?<![\d.])(?P<day>[0-3]?\d)\s+{_MONTH}\b(?!,?\s*(?:19|20)\d)")),
    # A bare year only after a preposition that makes it a time ("in 2021"), not a quantity.
    (YEAR, re.compile(rf"\b(?:in|during|since|throughout|until|early|late|mid-?)\s*{_YEARNUM}\b")),
]

_RELATIVE = re.compile(
    r"\b(?:(?P<today>(?i:today|this morning|this afternoon|this evening|tonight|earlier today))"
    r"|(?P<yesterday>(?i:yesterday|last night))"
    r"|(?P<tomorrow>(?i:tomorrow))"
    r"|(?:(?P<last>last)\s+|(?:on|this|earlier this)\s+)?(?P<weekday>Monday|Tuesday|Wednesday"
    r"|Thursday|Friday|Saturday|Sunday)(?!,?\s+(?:[A-Z][a-z]+\.?\s+\d|\d)))\b"
)


@dataclass(frozen=True)
class DateMention:
    """A date found in text. ``value`` is the first day of the period (for month and year
    precision), or None when the text is relative and no publication date was given."""

    value: datetime.date | None
    precision: str
    start: int
    end: int
    text: str
    relative: bool = False

    def as_tuple(self) -> tuple[datetime.date | None, str, str]:
        return self.value, self.precision, self.text


def format_date(value: datetime.date | None, precision: str | None) -> str | None:
    """YYYY-MM-DD, YYYY-MM or YYYY for day, month or year precision."""
    if value is None:
        return None
    if precision == YEAR:
        return f"{value.year:04d}"
    if precision == MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def _month_number(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _year_for(
    month: int, day: int, published_on: datetime.date, weekday: str | None = None
) -> datetime.date | None:
    """A month and day take the publication year, unless that falls after publication, in
    which case the previous year: a readout reports what already happened. A weekday given
    with the date ("Sunday, March 8") overrides that when it fits another year, which
    happens when a release is dated in Washington for a meeting already held in Asia."""
    if weekday:
        wanted = WEEKDAYS.index(weekday.lower())
        for year in (published_on.year, published_on.year - 1, published_on.year + 1):
            candidate = _safe_date(year, month, day)
            if candidate is not None and candidate.weekday() == wanted:
                return candidate
    candidate = _safe_date(published_on.year, month, day)
    if candidate is not None and candidate > published_on:
        candidate = _safe_date(published_on.year - 1, month, day)
    return candidate


def find_dates(text: str, published_on: datetime.date | None = None) -> list[DateMention]:
    """All date mentions in ``text``, in reading order."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    for precision, pattern in _EXPLICIT:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            groups = m.groupdict()
            relative = False
            if groups.get("mnum"):
                month = int(groups["mnum"])
            elif groups.get("month"):
                month = _month_number(groups["month"])
            else:
                month = 1
            day = int(groups["day"]) if groups.get("day") else 1
            if groups.get("year"):
                value = _safe_date(int(groups["year"]), month, day)
                if value is None:
                    continue
            else:
                relative = True
                if _safe_date(2000, month, day) is None:  # 2000 is a leap year
                    continue
                weekday = re.match(r"[A-Z][a-z]+day\b", m.group())
                weekday = weekday.group() if weekday else None
                value = _year_for(month, day, published_on, weekday) if published_on else None
            taken.append((m.start(), m.end()))
            found.append(DateMention(value, precision, m.start(), m.end(), m.group(), relative))

    for m in _RELATIVE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        value = None
        if published_on is not None:
            if m.group("today"):
                value = published_on
            elif m.group("yesterday"):
                value = published_on - datetime.timedelta(days=1)
            elif m.group("tomorrow"):
                value = published_on + datetime.timedelta(days=1)
            else:
                wanted = WEEKDAYS.index(m.group("weekday").lower())
                back = (published_on.weekday() - wanted) % 7
                # "last Tuesday" never means the publication day itself.
                if back == 0 and m.group("last"):
                    back = 7
                value = published_on - datetime.timedelta(days=back)
        found.append(DateMention(value, DAY, m.start(), m.end(), m.group(), True))

    # Korean news style: "on the 10th" is a day of the publication month (or the month before).
    for m in re.finditer(
        r"\bon the (?P<day>[0-3]?\d)(?:st|nd|rd|th)\b(?! (?:of|anniversary))", text
    ):
        if not free(m.start(), m.end()):
            continue
        value = None
        if published_on is not None:
            day = int(m.group("day"))
            value = _safe_date(published_on.year, published_on.month, day)
            if value is None or value > published_on:
                before = published_on.replace(day=1) - datetime.timedelta(days=1)
                value = _safe_date(before.year, before.month, day)
        found.append(DateMention(value, DAY, m.start(), m.end(), m.group(), True))

    found.sort(key=lambda d: d.start)
    return found


def parse_date(
    text: str, published_on: datetime.date | None = None
) -> tuple[datetime.date, str, str] | None:
    """The first resolvable date in ``text`` as (date, precision, span_text), or None."""
    for mention in find_dates(text, published_on):
        if mention.value is not None:
            return mention.as_tuple()
    return None


_DATE_ONLY_LINE = re.compile(
    r"^\s*(?:(?:date|dated|posted(?: on)?|published(?: on)?|released(?: on)?|updated"
    r"|last updated)\s*:?\s*)?(?P<date>.+?)\s*$",
    re.IGNORECASE,
)


def date_line(line: str) -> datetime.date | None:
    """The date a line consists of ("Monday, March 2, 2026", " date 2026-03-02 "), or None
    when the line holds anything besides one explicit, day-precise date."""
    m = _DATE_ONLY_LINE.match(line)
    if not m or not m.group("date"):
        return None
    body = m.group("date")
    mentions = find_dates(body)
    if len(mentions) != 1:
        return None
    mention = mentions[0]
    if mention.relative or mention.precision != DAY or mention.value is None:
        return None
    # Nothing but the date (and an optional time of day) may be on the line.
    rest = (body[: mention.start] + body[mention.end :]).strip(" ,.|-")
    rest = re.sub(r"^(?:at\s+)?\d{1,2}:\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?$", "",
                  rest, flags=re.IGNORECASE)  # fmt: skip
    return mention.value if not rest else None
