"""The alliance's record: who met whom, what each side said, which topics came up, what was
committed, and the documents every record rests on.

The database keeps the data right (named constraints, PROTECT where a delete would orphan
history); page-shaped QuerySet methods (`for_timeline`, `for_detail`) do all the joining so that
views stay thin and their query counts stay fixed.
"""

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords


def unique_slug(model, text: str, *, max_length: int = 200) -> str:
    """A slug for ``text`` not yet used by ``model`` (suffixes -2, -3… on collision)."""
    base = slugify(text)[: max_length - 4].strip("-") or "item"
    slug, n = base, 1
    while model._default_manager.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


class Country(models.Model):
    code = models.CharField(
        "ISO code", max_length=2, primary_key=True, help_text="ISO 3166-1 alpha-2, e.g. US, KR."
    )
    name = models.CharField(max_length=100, unique=True)
    short_name = models.CharField(max_length=30, help_text="How readouts abbreviate it: ROK, U.S.")
    adjective = models.CharField(max_length=40, blank=True, help_text="e.g. American, Korean")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2}$"), name="country_code_is_iso_alpha2"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("country_detail", args=[self.code.lower()])


class OfficialQuerySet(models.QuerySet):
    def with_appointments(self):
        # One extra query, however many officials: title_on() reads the prefetched list.
        return self.prefetch_related(
            models.Prefetch("appointments", queryset=Appointment.objects.order_by("-start"))
        )


class Official(models.Model):
    name = models.CharField(max_length=200, help_text="As usually written in English: Cho Hyun.")
    slug = models.SlugField(max_length=200, unique=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="officials")
    native_name = models.CharField(
        max_length=200, blank=True, help_text="In the official's own script, e.g. 조현."
    )
    historian_id = models.CharField(
        max_length=100,
        blank=True,
        help_text="Identifier in the Office of the Historian's data, for re-imports.",
    )
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = OfficialQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["historian_id"],
                condition=~Q(historian_id=""),
                name="official_unique_historian_id",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Official, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("official_detail", args=[self.slug])

    def appointment_on(self, day: datetime.date):
        """The post held on ``day`` (the most recently started if several overlap), or None.

        Reads ``self.appointments.all()``, so a prefetch (``with_appointments``) avoids a query.
        """
        held = [a for a in self.appointments.all() if a.covers(day)]
        return max(held, key=lambda a: a.start, default=None)

    def title_on(self, day: datetime.date) -> str:
        appointment = self.appointment_on(day)
        return appointment.title if appointment else ""


class OfficialAlias(models.Model):
    """Another way the official is written: a short form ("FM Cho"), a former spelling, or the
    name in Hangul or another script. Ingestion matches readouts against these."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "aliases"
        constraints = [
            models.UniqueConstraint(fields=["official", "alias"], name="alias_unique_per_official"),
        ]

    def __str__(self):
        return self.alias


class Appointment(models.Model):
    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="appointments")
    title = models.CharField(max_length=200, help_text="The post as titled: Secretary of State.")
    organisation = models.CharField(max_length=200, blank=True)
    start = models.DateField()
    end = models.DateField(null=True, blank=True, help_text="Empty while the post is held.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="appointment_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["official", "title", "start"], name="appointment_unique_post_start"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.start:%Y}–{self.end:%Y})" if self.end else self.title

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


class PolicyTopic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    description = models.TextField(blank=True)
    keywords = models.TextField(
        blank=True,
        help_text="One word or phrase per line; ingestion tags a readout with this topic when "
        "its text contains one of them.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("pk")),
                name="topic_not_its_own_parent",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("topic_detail", args=[self.slug])

    @property
    def keyword_list(self) -> list[str]:
        return [line.strip() for line in self.keywords.splitlines() if line.strip()]

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "A topic cannot sit under itself."})
            ancestor = ancestor.parent


class Source(models.Model):
    """A document a record rests on: a readout page, a joint statement, a news article."""

    url = models.URLField(max_length=1000, blank=True)
    archived_url = models.URLField(
        max_length=1000,
        blank=True,
        help_text="Where the document lives now if it moved, e.g. an archive domain.",
    )
    publisher = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=500)
    published_on = models.DateField(null=True, blank=True)
    retrieved_at = models.DateTimeField(null=True, blank=True)
    content_hash = models.CharField(
        max_length=64, unique=True, editable=False, help_text="SHA-256 of the raw text."
    )
    raw_text = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "title"]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="source_unique_url"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.content_hash:
            # Without raw text, the URL (or the title) is what identifies the document.
            self.content_hash = self.hash_text(self.raw_text or self.url or self.title)
        super().save(*args, **kwargs)

    @staticmethod
    def hash_text(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @property
    def link(self) -> str:
        return self.url or self.archived_url


class Modality(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE_CALL = "phone_call", "Phone call"
    VIDEO_CALL = "video_call", "Video call"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


def _participations_with_titles():
    """Participations with their officials and the appointments that give the title held on
    the meeting date (``Participation.title_held`` reads the prefetched list)."""
    return Participation.objects.select_related(
        "official", "official__country", "side"
    ).prefetch_related(
        models.Prefetch("official__appointments", queryset=Appointment.objects.all())
    )


def _count_per_meeting(model) -> models.Subquery:
    """How many ``model`` rows point at the outer meeting, as a correlated subquery.

    Unlike Count() over joins, it multiplies no rows and needs no GROUP BY, so the database
    counts only for the page of meetings it returns, not for every meeting that matches.
    """
    counted = (
        model.objects.filter(meeting=models.OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    return Coalesce(models.Subquery(counted), 0)


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(publication_state=Meeting.Publication.PUBLISHED)

    def drafts(self):
        return self.filter(publication_state=Meeting.Publication.DRAFT)

    def for_timeline(self):
        """What a timeline entry shows: participants with the titles they held, topics, and
        counts. Four queries whatever the page size (meetings, participations with officials
        and countries, their appointments, topics)."""
        return (
            self.annotate(
                statement_count=_count_per_meeting(Statement),
                commitment_count=_count_per_meeting(Commitment),
                source_count=_count_per_meeting(MeetingSource),
            )
            .prefetch_related(
                models.Prefetch("participations", queryset=_participations_with_titles()),
                models.Prefetch("topics", queryset=PolicyTopic.objects.order_by("name")),
            )
            .order_by("-date", "-pk")
        )

    def for_detail(self):
        """Everything a meeting's page shows, one query per kind of related row present (ten
        at most, whatever the number of participants, statements or commitments)."""
        statements = Statement.objects.select_related(
            "issuing_country", "speaker", "speaker__country", "source"
        ).prefetch_related(
            models.Prefetch("speaker__appointments", queryset=Appointment.objects.all())
        )
        commitments = (
            Commitment.objects.select_related("party")
            .prefetch_related("status_entries")
            .order_by("pk")
        )
        published = Meeting.objects.published().order_by("date", "pk")
        return self.select_related("parent").prefetch_related(
            models.Prefetch("sideline_meetings", queryset=published),
            models.Prefetch("related_meetings", queryset=published),
            models.Prefetch("participations", queryset=_participations_with_titles()),
            models.Prefetch("topics", queryset=PolicyTopic.objects.order_by("name")),
            models.Prefetch("statements", queryset=statements),
            models.Prefetch("commitments", queryset=commitments),
            models.Prefetch("sources", queryset=Source.objects.order_by("published_on", "title")),
        )


class Meeting(models.Model):
    class Publication(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    class Status(models.TextChoices):
        TENTATIVE = "tentative", "Tentative"
        CONFIRMED = "confirmed", "Confirmed"
        CANCELLED = "cancelled", "Cancelled"

    class Level(models.TextChoices):
        LEADERS = "leaders", "Leaders"
        MINISTERIAL = "ministerial", "Ministerial"
        SENIOR_OFFICIALS = "senior_officials", "Senior officials"
        WORKING = "working", "Working level"

    title = models.CharField(max_length=300)
    named_for_participants = models.BooleanField(
        default=False,
        help_text="Named for who met and where by the import; the name follows the participants "
        "until an editor renames the meeting.",
    )
    slug = models.SlugField(max_length=200, unique=True)
    date = models.DateField(
        help_text="For a month-precision date use the 1st of the month; for a year, 1 January."
    )
    date_precision = models.CharField(
        max_length=5, choices=DatePrecision, default=DatePrecision.DAY
    )
    end_date = models.DateField(null=True, blank=True, help_text="Last day, for multi-day visits.")
    modality = models.CharField(max_length=10, choices=Modality, default=Modality.IN_PERSON)
    level = models.CharField(max_length=16, choices=Level, blank=True)
    location = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=9, choices=Status, default=Status.CONFIRMED)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sideline_meetings",
        help_text="The summit or event this meeting took place on the sidelines of.",
    )
    summary = models.TextField(blank=True)
    topics = models.ManyToManyField(PolicyTopic, blank=True, related_name="meetings")
    sources = models.ManyToManyField(
        Source, through="MeetingSource", blank=True, related_name="meetings"
    )
    related_meetings = models.ManyToManyField(
        "self",
        blank=True,
        help_text="Earlier or later meetings this one follows up or refers to (not sidelines).",
    )
    publication_state = models.CharField(
        max_length=9, choices=Publication, default=Publication.DRAFT
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: raised by every save, carried by the admin's change form, which
    # refuses to save over a version newer than the one it was opened at.
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(m2m_fields=[topics])

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        permissions = [("publish_meeting", "Can publish and unpublish meetings")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("date")),
                name="meeting_ends_after_start",
            ),
            # A month-precision date is stored as the 1st, a year-precision one as 1 January,
            # so that sorting and date-range filters treat them consistently.
            models.CheckConstraint(
                condition=Q(date_precision="day")
                | Q(date_precision="month", date__day=1)
                | Q(date_precision="year", date__day=1, date__month=1),
                name="meeting_date_matches_precision",
            ),
            models.CheckConstraint(
                condition=Q(parent__isnull=True) | ~Q(parent=F("pk")),
                name="meeting_not_its_own_parent",
            ),
            models.CheckConstraint(
                condition=Q(publication_state="draft") | Q(published_at__isnull=False),
                name="published_meeting_has_published_at",
            ),
        ]
        indexes = [
            # The timeline: published meetings, newest first (WHERE published ORDER BY date DESC).
            models.Index(
                F("date").desc(),
                F("id").desc(),
                condition=Q(publication_state="published"),
                name="meeting_timeline_idx",
            ),
            # Modality filter on the timeline (WHERE published AND modality = … ORDER BY date).
            models.Index(
                fields=["modality", "-date"],
                condition=Q(publication_state="published"),
                name="meeting_modality_idx",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.date_display})"

    def save(self, *args, **kwargs):
        # Anyone else renaming the meeting (an editor) makes the name theirs to keep.
        loaded = getattr(self, "_loaded_title", None)
        if self.pk and loaded is not None and self.title != loaded:
            self.named_for_participants = False
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "named_for_participants"}
        self._loaded_title = self.title
        if not self.slug:
            self.slug = unique_slug(Meeting, f"{self.date:%Y-%m-%d} {self.title}")
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        if not self._state.adding:
            # Incremented by the database, not from the value loaded, so two saves never write
            # the same version; the new value comes back with the UPDATE (RETURNING).
            self.version = F("version") + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("meeting_detail", args=[self.slug])

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        meeting = super().from_db(db, field_names, values, **kwargs)
        meeting._loaded_title = meeting.__dict__.get("title")
        return meeting

    def rename_for_participants(self, name: str) -> None:
        """Set the name the import gives (who met and where), keeping it automatic."""
        self.title, self._loaded_title = name, name

    @property
    def is_published(self) -> bool:
        return self.publication_state == self.Publication.PUBLISHED

    @property
    def date_display(self) -> str:
        if self.date_precision == DatePrecision.YEAR:
            return f"{self.date:%Y}"
        if self.date_precision == DatePrecision.MONTH:
            return f"{self.date:%B %Y}"
        if self.end_date and self.end_date != self.date:
            return f"{self.date:%-d %B %Y} – {self.end_date:%-d %B %Y}"
        return f"{self.date:%-d %B %Y}"

    @property
    def last_day(self) -> datetime.date:
        """The last day the meeting may have taken place, given its precision."""
        if self.end_date:
            return self.end_date
        if self.date_precision == DatePrecision.YEAR:
            return self.date.replace(month=12, day=31)
        if self.date_precision == DatePrecision.MONTH:
            next_month = (self.date.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            return next_month - datetime.timedelta(days=1)
        return self.date

    def clean(self):
        errors = {}
        if self.date and self.date_precision == DatePrecision.MONTH and self.date.day != 1:
            self.date = self.date.replace(day=1)
        if self.date and self.date_precision == DatePrecision.YEAR:
            self.date = self.date.replace(month=1, day=1)
        if self.date and self.end_date and self.end_date < self.date:
            errors["end_date"] = "The end date cannot be before the date."
        ancestor = self.parent
        while ancestor is not None and self.pk is not None:
            if ancestor.pk == self.pk:
                errors["parent"] = "A meeting cannot take place on its own sidelines."
                break
            ancestor = ancestor.parent
        if errors:
            raise ValidationError(errors)

    def title_of(self, official: Official) -> str:
        return official.title_on(self.date)


class MeetingAddress(models.Model):
    """A former address of a meeting: the slug of a meeting merged into this one, which keeps
    answering with a permanent redirect so that links and citations do not break."""

    slug = models.SlugField(max_length=200, unique=True)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="old_addresses")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "former meeting addresses"

    def __str__(self):
        return f"{self.slug} → {self.meeting.slug}"


class DistinctMeetings(models.Model):
    """Two meetings an editor has confirmed are different events although the duplicate rule
    finds them alike (the same principal on consecutive days, say): they leave the list of
    possible duplicates. Stored once per pair, lower id first."""

    first = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "pair of distinct meetings"
        verbose_name_plural = "pairs of distinct meetings"
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="distinct_pair_unique"),
            models.CheckConstraint(
                condition=Q(first__lt=F("second")), name="distinct_pair_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.first} ≠ {self.second}"


class MeetingSource(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE)
    source = models.ForeignKey(Source, on_delete=models.PROTECT)

    class Meta:
        verbose_name = "source"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "source"], name="meeting_source_unique"),
        ]

    def __str__(self):
        return str(self.source)


class Participation(models.Model):
    class Role(models.TextChoices):
        PRINCIPAL = "principal", "Principal"
        DELEGATION = "delegation", "Delegation member"
        HOST = "host", "Host"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participations")
    official = models.ForeignKey(Official, on_delete=models.PROTECT, related_name="participations")
    side = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        related_name="participations",
        help_text="The government the official represented at this meeting.",
    )
    role = models.CharField(max_length=10, choices=Role, default=Role.PRINCIPAL)
    title = models.CharField(
        max_length=200,
        blank=True,
        help_text="The title as the source gives it; shown when no appointment covers the date.",
    )
    inferred_basis = models.CharField(
        max_length=300,
        blank=True,
        help_text="Empty when a source names this person. Otherwise why the record lists them "
        "(the post they held that day and the kind of meeting); shown as inferred.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["side_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "official"], name="participation_unique_per_meeting"
            ),
        ]
        indexes = [
            # The official filter and the official page (WHERE official_id = … → meetings).
            models.Index(fields=["official", "meeting"], name="participation_official_idx"),
            # The country filter (WHERE side_id = … → meetings).
            models.Index(fields=["side", "meeting"], name="participation_side_idx"),
        ]

    def __str__(self):
        return f"{self.official} at {self.meeting.title}"

    @property
    def title_held(self) -> str:
        """The title the official held on the meeting date (from appointments), else the title
        the source gave."""
        return self.official.title_on(self.meeting.date) or self.title


class Statement(models.Model):
    class Kind(models.TextChoices):
        READOUT = "readout", "Readout"
        JOINT_STATEMENT = "joint_statement", "Joint statement"
        FACT_SHEET = "fact_sheet", "Fact sheet"
        REMARKS = "remarks", "Remarks"
        PRESS_BRIEFING = "press_briefing", "Press briefing"
        QUOTE = "quote", "Quote"
        NEWS_REPORT = "news_report", "News report"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="statements")
    kind = models.CharField(max_length=16, choices=Kind, default=Kind.READOUT)
    issuing_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text="Empty for a joint statement or a third party's report.",
    )
    issuing_office = models.CharField(max_length=200, blank=True)
    speaker = models.ForeignKey(
        Official, on_delete=models.PROTECT, null=True, blank=True, related_name="statements"
    )
    title = models.CharField(max_length=500, blank=True)
    text = models.TextField()
    language = models.CharField(max_length=10, default="en")
    date = models.DateField(null=True, blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="statements"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="statement_has_text"),
        ]

    def __str__(self):
        label = self.title or self.get_kind_display()
        return f"{label} — {self.issuing_country or 'joint'}"


class CommitmentQuerySet(models.QuerySet):
    def with_status(self):
        """Annotate ``current_status``: the status of the latest history entry (one subquery)."""
        latest = CommitmentStatusEntry.objects.filter(commitment=models.OuterRef("pk")).order_by(
            "-date", "-pk"
        )
        return self.annotate(current_status=models.Subquery(latest.values("status")[:1]))

    def published(self):
        return self.filter(meeting__publication_state=Meeting.Publication.PUBLISHED)


class CommitmentStatus(models.TextChoices):
    """PolitiFact's promise meter, worded for undertakings between governments."""

    NOT_YET_RATED = "not_yet_rated", "Not yet rated"
    IN_PROGRESS = "in_progress", "In progress"
    STALLED = "stalled", "Stalled"
    PARTIALLY_FULFILLED = "partially_fulfilled", "Partially fulfilled"
    FULFILLED = "fulfilled", "Fulfilled"
    BROKEN = "broken", "Broken"
    SUPERSEDED = "superseded", "Superseded by a later commitment"


class Commitment(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="commitments")
    statement = models.ForeignKey(
        Statement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        help_text="The statement the passage comes from.",
    )
    passage = models.TextField(help_text="The exact words of the source.")
    text = models.TextField(help_text="The undertaking in a sentence, as analysts should read it.")
    party = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        help_text="The country that undertook it; leave empty and tick 'joint' for both.",
    )
    is_joint = models.BooleanField("joint", default=False)
    topics = models.ManyToManyField(PolicyTopic, blank=True, related_name="commitments")
    due_date = models.DateField(null=True, blank=True)
    restates = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="restatements",
        help_text="An earlier commitment this one repeats, strengthens or narrows.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[topics])

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_joint=True, party__isnull=True)
                | Q(is_joint=False, party__isnull=False),
                name="commitment_party_or_joint",
            ),
            models.CheckConstraint(
                condition=Q(restates__isnull=True) | ~Q(restates=F("pk")),
                name="commitment_not_restating_itself",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="commitment_has_text"),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def party_label(self) -> str:
        return "Joint" if self.is_joint else str(self.party.short_name if self.party else "")

    @property
    def latest_status(self) -> "CommitmentStatusEntry | None":
        """Reads ``status_entries.all()``, so prefetch it when listing commitments."""
        return max(
            self.status_entries.all(), key=lambda entry: (entry.date, entry.pk), default=None
        )

    def clean(self):
        if self.is_joint and self.party_id:
            raise ValidationError({"party": "A joint commitment has no single party."})
        if not self.is_joint and not self.party_id:
            raise ValidationError({"party": "Choose the party, or mark the commitment joint."})
        if self.restates_id and self.pk and self.restates_id == self.pk:
            raise ValidationError({"restates": "A commitment cannot restate itself."})


class CommitmentStatusEntry(models.Model):
    """One dated assessment of a commitment, with the evidence behind it."""

    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="status_entries"
    )
    status = models.CharField(max_length=20, choices=CommitmentStatus)
    date = models.DateField()
    evidence_url = models.URLField(max_length=1000, blank=True)
    evidence_source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="status_entries"
    )
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = "status entry"
        verbose_name_plural = "status history"
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "date", "status"], name="status_entry_unique_per_day"
            ),
        ]
        indexes = [
            # with_status(): the latest entry per commitment (WHERE commitment_id = … ORDER BY
            # date DESC).
            models.Index(fields=["commitment", "-date"], name="status_entry_latest_idx"),
        ]

    def __str__(self):
        return f"{self.get_status_display()} on {self.date}"


class ReadoutImport(models.Model):
    """One import of a readout document: what extraction produced, for whom, and when.

    A re-import compares each meeting field with what the previous import set: a field still
    equal to it is refreshed, a field an editor changed since is left alone.
    """

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="imports")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="imports")
    extracted = models.JSONField(help_text="The ingestion contract as imported.")
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-imported_at", "-pk"]
        get_latest_by = ["imported_at", "pk"]
        indexes = [
            # Re-import: the latest import of a source (WHERE source_id = … ORDER BY imported_at).
            models.Index(fields=["source", "-imported_at"], name="readout_import_latest_idx"),
        ]

    def __str__(self):
        return f"Import of {self.source} on {self.imported_at:%Y-%m-%d}"
