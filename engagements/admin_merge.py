"""The editors' duplicate screens: the pairs the duplicate rule finds (`engagements.dedupe`),
merging two records of one event, and marking a pair as two distinct events.

Merging needs permission to change and publish meetings; what it does is irreversible except
through the edit history, so it goes through a confirmation page that says what will move.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from engagements import dedupe, services
from engagements.models import Meeting


class MergeForm(forms.Form):
    keep = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),
        widget=forms.RadioSelect,
        label="Keep",
        help_text="The other meeting's sources, statements, participants, commitments and "
        "topics move to this one, and its address redirects here.",
    )

    def __init__(self, *args, pair: tuple[Meeting, Meeting], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = Meeting.objects.filter(pk__in=[m.pk for m in pair]).order_by(
            "date", "pk"
        )
        self.fields["keep"].label_from_instance = lambda m: (
            f"{m.title} — {m.date_display} ({m.get_publication_state_display().lower()})"
        )


def _require_merge_permission(request):
    # Not the delete permission: editors may not delete a meeting, but merging keeps both
    # histories and the old address, and publishing rights are what an editor trusted with
    # the public record has.
    if not (
        request.user.has_perm("engagements.change_meeting")
        and request.user.has_perm("engagements.publish_meeting")
    ):
        raise PermissionDenied


def _context(request, model_admin, title):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": title,
    }


def possible_duplicates_view(request, model_admin):
    """The pairs an editor should settle, with what the rule says of each."""
    if not request.user.has_perm("engagements.view_meeting"):
        raise PermissionDenied
    pairs = dedupe.possible_duplicates()
    context = _context(request, model_admin, "Possible duplicate meetings")
    context["pairs"] = [
        {"first": a, "second": b, "relation": relation.value} for a, b, relation in pairs
    ]
    return TemplateResponse(request, "admin/engagements/meeting/duplicates.html", context)


def merge_view(request, model_admin, first: int, second: int):
    """Confirm, then merge two meetings."""
    _require_merge_permission(request)
    pair = (get_object_or_404(Meeting, pk=first), get_object_or_404(Meeting, pk=second))
    if pair[0] == pair[1]:
        messages.error(request, "A meeting cannot be merged with itself.")
        return redirect("admin:engagements_meeting_duplicates")
    form = MergeForm(request.POST or None, pair=pair, initial={"keep": pair[0]})
    if request.method == "POST" and form.is_valid():
        keep = form.cleaned_data["keep"]
        other = pair[1] if keep == pair[0] else pair[0]
        other_title = str(other)
        kept = services.merge_meetings(keep=keep, other=other, user=request.user)
        state = "It is public." if kept.is_published else "It is a draft, not public."
        messages.success(
            request,
            f"Merged “{other_title}” into “{kept}”; its address now redirects here. {state}",
        )
        return redirect("admin:engagements_meeting_change", kept.pk)
    context = _context(request, model_admin, "Merge two meetings")
    context.update(form=form, pair=pair)
    return TemplateResponse(request, "admin/engagements/meeting/merge.html", context)


def mark_distinct_view(request, model_admin, first: int, second: int):
    """Record that two meetings the rule finds alike are different events (POST only)."""
    if not request.user.has_perm("engagements.change_meeting"):
        raise PermissionDenied
    if request.method != "POST":
        return redirect("admin:engagements_meeting_duplicates")
    a, b = get_object_or_404(Meeting, pk=first), get_object_or_404(Meeting, pk=second)
    if a == b:
        messages.error(request, "A meeting cannot be distinct from itself.")
    else:
        dedupe.mark_distinct(a, b, note=request.POST.get("note", "")[:300])
        messages.success(request, f"Recorded “{a}” and “{b}” as different events.")
    return redirect("admin:engagements_meeting_duplicates")


def merge_url(a: Meeting, b: Meeting) -> str:
    return reverse("admin:engagements_meeting_merge", args=[a.pk, b.pk])
