"""The editors' workplace: meetings with everything said and committed at them, officials with
their posts, topics, commitments with their status history.

Publishing goes through `services.publish_meetings` so the admin and any other caller share one
rule; edit history (django-simple-history) shows under each object's "History" button.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
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


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
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
        (None, {"fields": ["title", "slug", "summary"]}),
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

    @admin.action(description="Merge the two selected meetings…", permissions=["change", "delete"])
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
