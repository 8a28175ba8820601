"""The editors' workplace: meetings with everything said and committed at them, officials with
their posts, topics, commitments with their status history.

Publishing goes through `services.publish_meetings` so the admin and any other caller share one
rule; edit history (django-simple-history) shows under each object's "History" button.
"""

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import router, transaction
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import dateformat
from django.utils.html import format_html
from django.utils.text import Truncator, capfirst
from simple_history.admin import SimpleHistoryAdmin

from engagements import admin_merge, services
from engagements.admin_import import import_readout_view
from engagements.models import (
    Appointment,
    Commitment,
    CommitmentStatusEntry,
    Country,
    Meeting,
    MeetingSource,
    Official,
    OfficialAlias,
    Participation,
    PolicyTopic,
    Source,
    Statement,
)


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["official"]
    fields = ["official", "side", "role", "title"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "side":
            # Countries are fixed reference data: links to add or view one only widen the row
            # until Title and Delete are pushed out of the inline's box.
            widget = formfield.widget
            widget.can_add_related = widget.can_change_related = False
            widget.can_view_related = widget.can_delete_related = False
        return formfield


class StatementInline(admin.StackedInline):
    model = Statement
    extra = 0
    autocomplete_fields = ["speaker", "source"]
    fields = [
        ("kind", "issuing_country", "issuing_office"),
        ("speaker", "date", "language"),
        "title",
        "text",
        "source",
    ]


class CommitmentInline(admin.StackedInline):
    model = Commitment
    extra = 0
    autocomplete_fields = ["topics", "restates", "statement"]
    fields = [
        ("party", "is_joint", "due_date"),
        "text",
        "passage",
        "statement",
        "topics",
        "restates",
    ]
    show_change_link = True


class MeetingSourceInline(admin.TabularInline):
    model = MeetingSource
    extra = 0
    autocomplete_fields = ["source"]
    verbose_name_plural = "sources"


class MeetingAdminForm(forms.ModelForm):
    """The meeting's change form, with optimistic locking against lost updates.

    It carries the meeting's version from when it was opened. Saving checks it against the
    version in the database under a row lock (the admin saves inside one transaction, so the
    lock holds until the save commits) and refuses a stale form with the fields changed since
    it was opened and their current values; nothing is saved. Every save raises the version
    (``Meeting.save``).
    """

    opened_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            # The version saved now, not the instance's: the history's revert form is built from
            # an old record, and reverting is a change made to the current version.
            self.initial["opened_version"] = (
                Meeting.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )

    def clean(self):
        cleaned_data = super().clean()
        raw = cleaned_data.get("opened_version", "")
        if self.instance.pk is None or raw == "":
            # Adding a meeting; or a form without the field (posted by a script, or opened
            # before the check existed), which saves as it always did.
            return cleaned_data
        try:
            opened = int(raw)
        except ValueError:
            raise ValidationError(
                "This form is damaged: open the meeting again, then make your changes."
            ) from None
        rows = Meeting.objects.filter(pk=self.instance.pk)
        if transaction.get_connection().in_atomic_block:
            # Held until the save commits: a save racing this one waits, then sees its version.
            rows = rows.select_for_update()
        current = rows.first()
        if current is not None and current.version != opened:
            raise ValidationError(self.stale_form_errors(opened, current))
        return cleaned_data

    def stale_form_errors(self, opened: int, current: Meeting) -> list[str]:
        changes = self.changes_since(opened, current)
        if changes is None:
            detail = ["Open the meeting again to see what changed."]
        elif changes:
            detail = changes
        else:
            detail = [
                "Its own fields are as you opened them; its participants, statements, "
                "commitments or sources may have changed."
            ]
        return [
            "This meeting was changed after you opened it. Nothing was saved, so that those "
            "changes are not undone.",
            *detail,
            "Open the meeting again to see the current version, then make your changes again.",
        ]

    def changes_since(self, opened: int, current: Meeting) -> list[str] | None:
        """One sentence per field of this form that changed since version ``opened``, with
        its current value; None when the edit history no longer holds that version."""
        # The last record at that version: the save, then any change of topics after it.
        record = (
            current.history.filter(version=opened).order_by("-history_date", "-history_id").first()
        )
        if record is None:
            return None
        changes = []
        for name, formfield in self.fields.items():
            try:
                field = Meeting._meta.get_field(name)
            except FieldDoesNotExist:  # opened_version itself
                continue
            label = capfirst(formfield.label or field.verbose_name)
            if field.many_to_many:
                target = f"{field.related_model._meta.model_name}_id"
                before = set(getattr(record, name).values_list(target, flat=True))
                now = list(getattr(current, name).all())
                if before != {item.pk for item in now}:
                    names = ", ".join(f"“{item}”" for item in now) or "none"
                    changes.append(f"{label} are now {names}.")
                continue
            if getattr(record, field.attname) != getattr(current, field.attname):
                changes.append(f"{label} is now {self.describe(current, field)}.")
        return changes

    @staticmethod
    def describe(meeting: Meeting, field) -> str:
        value = getattr(meeting, field.name)
        if value in (None, ""):
            return "empty"
        if field.choices:
            value = getattr(meeting, f"get_{field.name}_display")()
        elif isinstance(value, datetime.date):
            return dateformat.format(value, "j F Y")
        return f"“{Truncator(str(value)).chars(120)}”"


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    form = MeetingAdminForm
    list_display = [
        "title",
        "date_display",
        "modality",
        "level",
        "status",
        "publication_state",
        "participant_count",
    ]
    list_filter = [
        "publication_state",
        "modality",
        "level",
        "status",
        ("topics", admin.RelatedOnlyFieldListFilter),
        ("participations__side", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["parent"]
    search_fields = ["title", "summary", "location", "participations__official__name"]
    date_hierarchy = "date"
    autocomplete_fields = ["parent", "topics"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["publication_state", "published_at", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "opened_version"]}),
        (
            "When and how",
            {
                "fields": [
                    ("date", "date_precision", "end_date"),
                    ("modality", "level", "status"),
                    "location",
                    "parent",
                ]
            },
        ),
        ("Topics", {"fields": ["topics"]}),
        (
            "Publication",
            {"fields": [("publication_state", "published_at"), ("created_at", "updated_at")]},
        ),
    ]
    inlines = [ParticipationInline, StatementInline, CommitmentInline, MeetingSourceInline]
    actions = ["publish", "unpublish", "merge"]
    change_list_template = "admin/engagements/meeting/change_list.html"

    class Media:
        css = {"all": ["engagements/admin-meeting.css"]}

    def view_on_site(self, meeting):
        # Drafts are not on the public site (a 404 there): no button that leads nowhere.
        return meeting.get_absolute_url() if meeting.is_published else None

    def get_urls(self):
        import_view = self.admin_site.admin_view(self.import_readout)

        def view(function):
            return self.admin_site.admin_view(lambda request, **kw: function(request, self, **kw))

        return [
            path("import/", import_view, name="engagements_meeting_import"),
            path(
                "duplicates/",
                view(admin_merge.possible_duplicates_view),
                name="engagements_meeting_duplicates",
            ),
            path(
                "merge/<int:first>/<int:second>/",
                view(admin_merge.merge_view),
                name="engagements_meeting_merge",
            ),
            path(
                "distinct/<int:first>/<int:second>/",
                view(admin_merge.mark_distinct_view),
                name="engagements_meeting_distinct",
            ),
            *super().get_urls(),
        ]

    def import_readout(self, request):
        return import_readout_view(request, self)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(participant_total=Count("participations"))

    @admin.display(description="date", ordering="date")
    def date_display(self, meeting):
        return meeting.date_display

    @admin.display(description="participants", ordering="participant_total")
    def participant_count(self, meeting):
        return meeting.participant_total

    @admin.action(description="Publish the selected meetings", permissions=["publish"])
    def publish(self, request, queryset):
        changed = services.publish_meetings(meetings=queryset, user=request.user)
        self.message_user(request, f"Published {changed} meeting(s).", messages.SUCCESS)

    # Editors may merge (it keeps both histories and redirects the old address) though they may
    # not delete a meeting outright.
    @admin.action(description="Merge the two selected meetings…", permissions=["change", "publish"])
    def merge(self, request, queryset):
        pair = list(queryset.order_by("date", "pk").values_list("pk", flat=True)[:3])
        if len(pair) != 2:
            self.message_user(
                request, "Select exactly two meetings to merge them.", messages.WARNING
            )
            return None
        return HttpResponseRedirect(reverse("admin:engagements_meeting_merge", args=pair))

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        changed = services.unpublish_meetings(meetings=queryset, user=request.user)
        self.message_user(request, f"Moved {changed} meeting(s) back to draft.", messages.SUCCESS)

    def has_publish_permission(self, request):
        return request.user.has_perm("engagements.publish_meeting")

    def has_delete_permission(self, request, obj=None):
        # A meeting's deletion takes its statements, commitments and source links with it:
        # administrators only. Editors merge duplicates instead, and delete a meeting's parts in
        # its inlines.
        return request.user.is_superuser and super().has_delete_permission(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Reverting saves through the same form: atomic like the change view, so that the
        # version check's row lock lasts until the revert is saved.
        with transaction.atomic(using=router.db_for_write(Meeting)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    # Publishing from the meeting's own page: the buttons submit the change form, so the
    # editor's unsaved corrections are saved first and never lost, and an invalid form
    # publishes nothing.
    PUBLISH_BUTTONS = {"_publish", "_unpublish"}

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if (
            request.method == "POST"
            and self.PUBLISH_BUTTONS & request.POST.keys()
            and not self.has_publish_permission(request)
        ):
            # Refused before anything is saved, as the changelist action is for such a user.
            raise PermissionDenied
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_publish"] = (
            obj is not None
            and not add
            and self.has_change_permission(request, obj)
            and self.has_publish_permission(request)
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        actions = {
            "_publish": (services.publish_meetings, "Published: it is now on the public timeline.",
                         "Saved. It was already published."),
            "_unpublish": (services.unpublish_meetings,
                           "Moved back to draft: it is no longer public.",
                           "Saved. It was already a draft."),
        }  # fmt: skip
        chosen = next((name for name in actions if name in request.POST), None)
        if chosen is None:
            return super().response_change(request, obj)
        change, done, unchanged = actions[chosen]
        if change(meetings=Meeting.objects.filter(pk=obj.pk), user=request.user):
            self.message_user(request, done, messages.SUCCESS)
        else:
            self.message_user(request, unchanged, messages.INFO)
        return HttpResponseRedirect(request.get_full_path())


class AppointmentInline(admin.TabularInline):
    model = Appointment
    extra = 0
    fields = ["title", "organisation", "start", "end"]


class OfficialAliasInline(admin.TabularInline):
    model = OfficialAlias
    extra = 1


@admin.register(Official)
class OfficialAdmin(SimpleHistoryAdmin):
    list_display = ["name", "native_name", "country", "current_title"]
    list_filter = ["country"]
    list_select_related = ["country"]
    search_fields = ["name", "native_name", "aliases__alias", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AppointmentInline, OfficialAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_appointments()

    @admin.display(description="current post")
    def current_title(self, official):
        current = [a for a in official.appointments.all() if a.end is None]
        return current[0].title if current else "—"


@admin.register(PolicyTopic)
class PolicyTopicAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "parent"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["name", "slug", "keywords"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]


class PlacedFilter(admin.SimpleListFilter):
    """The review queue: documents kept without a meeting, waiting for an editor."""

    title = "placed"
    parameter_name = "placed"

    def lookups(self, request, model_admin):
        return [("yes", "Yes"), ("no", "No — awaiting review")]

    def queryset(self, request, queryset):
        if self.value() in {"yes", "no"}:
            return queryset.filter(meetings__isnull=self.value() == "no").distinct()
        return queryset


class CommitmentStatusEntryInline(admin.TabularInline):
    model = CommitmentStatusEntry
    extra = 1
    autocomplete_fields = ["evidence_source"]
    fields = ["date", "status", "evidence_url", "evidence_source", "note"]


@admin.register(Commitment)
class CommitmentAdmin(SimpleHistoryAdmin):
    list_display = ["short_text", "party_display", "meeting", "current_status", "due_date"]
    list_filter = ["is_joint", "party", ("topics", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["meeting", "party"]
    search_fields = ["text", "passage", "meeting__title"]
    autocomplete_fields = ["meeting", "statement", "topics", "restates"]
    inlines = [CommitmentStatusEntryInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_status()

    @admin.display(description="commitment")
    def short_text(self, commitment):
        return str(commitment)

    @admin.display(description="party")
    def party_display(self, commitment):
        return commitment.party_label

    @admin.display(description="status", ordering="current_status")
    def current_status(self, commitment):
        labels = dict(CommitmentStatusEntry._meta.get_field("status").choices)
        return labels.get(commitment.current_status, "—")


@admin.register(Statement)
class StatementAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "meeting", "speaker", "date"]
    list_filter = ["kind", "issuing_country"]
    list_select_related = ["meeting", "speaker", "issuing_country"]
    search_fields = ["title", "text", "meeting__title", "speaker__name"]
    autocomplete_fields = ["meeting", "speaker", "source"]


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "publisher", "published_on", "placed", "review_link"]
    list_filter = [PlacedFilter, "publisher"]
    search_fields = ["title", "url", "publisher"]
    readonly_fields = ["content_hash"]
    date_hierarchy = "published_on"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(meeting_total=Count("meetings"))

    @admin.display(description="placed", boolean=True, ordering="meeting_total")
    def placed(self, source):
        return source.meeting_total > 0

    @admin.display(description="")
    def review_link(self, source):
        if source.meeting_total or not source.raw_text:
            return ""
        url = reverse("admin:engagements_meeting_import") + f"?source={source.pk}"
        return format_html('<a href="{}">Import into a meeting</a>', url)


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "short_name"]
    search_fields = ["code", "name", "short_name"]
