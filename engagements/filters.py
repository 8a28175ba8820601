"""The timeline's filters: the only code that reads the analyst-facing query string.

Parameter names are the contract of DESIGN.md (shared with exports and feeds): ``topic``,
``country`` and ``official`` (repeatable), ``modality``, ``date_from``, ``date_to``, ``q`` and
``page``. Every value is validated against what the published record holds; anything else is a
form error that the view turns into a clear message and a 400.

Choices are loaded once per request (one query each for topics, countries and officials) and
checked in memory, so validating a request costs no further queries however many values it
repeats.
"""

import datetime
from urllib.parse import urlencode

import django_filters
from django import forms
from django.db.models import Q, QuerySet

from engagements.models import (
    Country,
    DatePrecision,
    Meeting,
    Modality,
    Official,
    Participation,
    PolicyTopic,
    Statement,
)

MAX_QUERY_LENGTH = 200
MAX_PAGE = 10_000
MAX_VALUES = 50  # per repeatable parameter; more is not a real request

DATE_FORMATS = ["%Y-%m-%d"]
DATE_HELP = "Use YYYY-MM-DD, e.g. 2025-09-10."


def descendant_ids(topic_ids: set[int], parent_of: dict[int, int | None]) -> set[int]:
    """``topic_ids`` and every topic below them, from an in-memory ``{id: parent_id}`` map
    (no query per level of the hierarchy)."""
    found = set(topic_ids)
    frontier = set(topic_ids)
    while frontier:
        frontier = {pk for pk, parent in parent_of.items() if parent in frontier} - found
        found |= frontier
    return found


class RepeatableChoiceField(forms.MultipleChoiceField):
    """A repeatable parameter checked against known values, with messages an analyst can act
    on. ``normalise`` maps what people type (``kr``) to the stored form (``KR``)."""

    def __init__(self, *, noun: str, normalise=None, **kwargs):
        self.noun = noun
        self.normalise = normalise
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        values = super().to_python(value)
        values = [v.strip() for v in values if v.strip()]
        if self.normalise:
            values = [self.normalise(v) for v in values]
        return list(dict.fromkeys(values))  # drop repeats, keep order

    def validate(self, value):
        if len(value) > MAX_VALUES:
            raise forms.ValidationError(
                f"Choose at most {MAX_VALUES} values for {self.noun}.", code="too_many"
            )
        known = {str(key) for key, _label in self.choices}
        unknown = [v for v in value if v not in known]
        if unknown:
            shown = ", ".join(f"“{v[:60]}”" for v in unknown[:3])
            raise forms.ValidationError(
                f"No {self.noun} matches {shown} in the published record.", code="unknown"
            )


class RepeatableChoiceFilter(django_filters.MultipleChoiceFilter):
    field_class = RepeatableChoiceField


class TimelineForm(forms.Form):
    """The FilterSet's form, plus ``page`` and the cross-field date check."""

    page = forms.IntegerField(
        label="Page",
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={
            "invalid": "not a whole number (use e.g. page=2).",
            "min_value": "must be 1 or more.",
            "max_value": f"must be at most {MAX_PAGE:,}.",
        },
    )

    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            raise forms.ValidationError(
                f"The start date ({date_from:%-d %B %Y}) is after the end date "
                f"({date_to:%-d %B %Y}).",
                code="date_order",
            )
        return cleaned


def _date_filter(label: str, method: str) -> django_filters.DateFilter:
    return django_filters.DateFilter(
        label=label,
        method=method,
        input_formats=DATE_FORMATS,
        error_messages={"invalid": f"{label}: not a date. {DATE_HELP}"},
    )


class MeetingFilter(django_filters.FilterSet):
    """Filters published meetings. Several values of one parameter widen the result (any of
    these topics); different parameters narrow it (this topic *and* this country)."""

    topic = RepeatableChoiceFilter(label="Topics", method="filter_topic", noun="topic")
    country = RepeatableChoiceFilter(
        label="Countries",
        method="filter_country",
        noun="country",
        normalise=str.upper,
    )
    official = RepeatableChoiceFilter(label="Officials", method="filter_official", noun="official")
    modality = django_filters.ChoiceFilter(
        label="Kind",
        choices=Modality.choices,
        empty_label="Any kind",
        error_messages={"invalid_choice": "Kind: choose in person, phone call or video call."},
    )
    date_from = _date_filter("From", "filter_date_from")
    date_to = _date_filter("To", "filter_date_to")
    q = django_filters.CharFilter(
        label="Search text",
        method="filter_text",
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"The search text is too long: use at most {MAX_QUERY_LENGTH} "
            "characters.",
        },
    )

    class Meta:
        model = Meeting
        fields = []  # every filter is declared above
        form = TimelineForm

    def __init__(self, data=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = Meeting.objects.published()
        super().__init__(data, queryset, **kwargs)
        # Three queries, once per request: the choices, which also serve the form's display
        # and the facet counts.
        self.topics = list(PolicyTopic.objects.order_by("name"))
        self.countries = list(Country.objects.order_by("name"))
        self.officials = list(
            Official.objects.filter(
                participations__meeting__publication_state=Meeting.Publication.PUBLISHED
            )
            .select_related("country")
            .distinct()
            .order_by("name")
        )
        self.topic_by_slug = {t.slug: t for t in self.topics}
        self.parent_of = {t.pk: t.parent_id for t in self.topics}
        self.country_by_code = {c.code: c for c in self.countries}
        self.official_by_slug = {o.slug: o for o in self.officials}
        self.filters["topic"].extra["choices"] = [(t.slug, t.name) for t in self.topics]
        self.filters["country"].extra["choices"] = [(c.code, c.name) for c in self.countries]
        self.filters["official"].extra["choices"] = [(o.slug, o.name) for o in self.officials]

    # --- filtering -------------------------------------------------------------------------

    def filter_queryset(self, queryset):
        return self.apply(queryset)

    def apply(self, queryset: QuerySet, *, without: str | None = None) -> QuerySet:
        """Apply every valid filter except ``without`` (facet counts leave their own out)."""
        for name, value in self.form.cleaned_data.items():
            if name in self.filters and name != without:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_topic(self, queryset, name, slugs):
        # A parent topic includes its subtopics.
        chosen = {self.topic_by_slug[slug].pk for slug in slugs}
        ids = descendant_ids(chosen, self.parent_of)
        tagged = Meeting.topics.through.objects.filter(policytopic_id__in=ids)
        return queryset.filter(pk__in=tagged.values("meeting_id"))

    def filter_country(self, queryset, name, codes):
        sides = Participation.objects.filter(side_id__in=codes)
        return queryset.filter(pk__in=sides.values("meeting_id"))

    def filter_official(self, queryset, name, slugs):
        ids = [self.official_by_slug[slug].pk for slug in slugs]
        attended = Participation.objects.filter(official_id__in=ids)
        return queryset.filter(pk__in=attended.values("meeting_id"))

    def filter_date_from(self, queryset, name, day: datetime.date):
        # A meeting counts when its last possible day is on or after ``day``: a meeting known
        # only to have happened in September is in range for date_from=2025-09-20. Spelled out
        # per precision so that the index on ``date`` still serves it.
        return queryset.filter(
            Q(end_date__gte=day)
            | Q(end_date__isnull=True)
            & (
                Q(date_precision=DatePrecision.DAY, date__gte=day)
                | Q(date_precision=DatePrecision.MONTH, date__gte=day.replace(day=1))
                | Q(date_precision=DatePrecision.YEAR, date__gte=day.replace(month=1, day=1))
            )
        )

    def filter_date_to(self, queryset, name, day: datetime.date):
        # Its first possible day is on or before ``day`` (month dates are stored as the 1st).
        return queryset.filter(date__lte=day)

    def filter_text(self, queryset, name, text: str):
        text = text.strip()
        if not text:
            return queryset
        in_statements = Statement.objects.filter(Q(text__icontains=text) | Q(title__icontains=text))
        by_people = Participation.objects.filter(
            Q(official__name__icontains=text)
            | Q(official__native_name__icontains=text)
            | Q(official__aliases__alias__icontains=text)
        )
        return queryset.filter(
            Q(title__icontains=text)
            | Q(summary__icontains=text)
            | Q(location__icontains=text)
            | Q(pk__in=in_statements.values("meeting_id"))
            | Q(pk__in=by_people.values("meeting_id"))
        )

    # --- what the page shows about the filters ---------------------------------------------

    @property
    def page_number(self) -> int:
        return self.form.cleaned_data.get("page") or 1

    def value_list(self, name: str) -> list[str]:
        """The submitted values of a parameter, valid or not (to redisplay the form)."""
        if self.form.is_valid() and name in self.form.cleaned_data:
            value = self.form.cleaned_data[name]
            return list(value) if isinstance(value, list) else [value]
        return self.data.getlist(name)

    def canonical_params(self) -> list[tuple[str, str]]:
        """The valid filters as query-string pairs, in a stable order, without ``page``."""
        pairs = []
        for name in ("q", "topic", "country", "official", "modality", "date_from", "date_to"):
            value = self.form.cleaned_data.get(name)
            if not value:
                continue
            for item in value if isinstance(value, list) else [value]:
                pairs.append((name, item.isoformat() if hasattr(item, "isoformat") else item))
        return pairs

    def query_string(self, *, page: int | None = None, without: tuple[str, str] | None = None):
        pairs = [pair for pair in self.canonical_params() if pair != without]
        if page and page > 1:
            pairs.append(("page", str(page)))
        return urlencode(pairs)

    def active_filters(self) -> list[dict]:
        """One removable chip per active value: what it is, and the query without it."""
        labels = {
            "topic": lambda v: self.topic_by_slug[v].name,
            "country": lambda v: self.country_by_code[v].short_name,
            "official": lambda v: self.official_by_slug[v].name,
            "modality": lambda v: Modality(v).label,
            "date_from": lambda v: f"from {datetime.date.fromisoformat(v):%-d %b %Y}",
            "date_to": lambda v: f"to {datetime.date.fromisoformat(v):%-d %b %Y}",
            "q": lambda v: f"“{v}”",
        }
        kinds = {
            "topic": "Topic",
            "country": "Country",
            "official": "Official",
            "modality": "Kind",
            "date_from": "Date",
            "date_to": "Date",
            "q": "Text",
        }
        return [
            {
                "kind": kinds[name],
                "label": labels[name](value),
                "query": self.query_string(without=(name, value)),
            }
            for name, value in self.canonical_params()
        ]

    def error_messages(self) -> list[str]:
        """Every problem with the request, each in a sentence that names the parameter."""
        messages = []
        for name, errors in self.form.errors.items():
            label = "" if name == "__all__" else self.form.fields[name].label or name
            for error in errors:
                text = str(error)
                messages.append(text if not label or text.startswith(label) else f"{label}: {text}")
        return messages
