"""Analyst-facing pages: the timeline and the meeting, official, topic and country pages; and
/healthz for monitors.

Views stay thin: the FilterSet reads the query string, ``selectors`` does the reading, the
templates show it. The timeline answers the full page or, for an htmx request, the fragment it
swaps, from the same URL.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url
from django_htmx.middleware import HtmxDetails

from engagements import health, selectors
from engagements.filters import MeetingFilter
from engagements.models import Meeting, MeetingAddress


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def wants_fragment(request: HtmxHttpRequest) -> bool:
    """An htmx request swaps a fragment, except a history restore (htmx 2 sends it after a
    cache miss on Back/Forward and swaps the answer into <body>: it needs the full page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


@require_safe
@vary_on_headers("HX-Request", "HX-Target", "HX-History-Restore-Request")
def timeline(request: HtmxHttpRequest) -> HttpResponse:
    filterset = MeetingFilter(request.GET, request=request)
    context = selectors.timeline_context(filterset)
    template = "engagements/timeline.html"
    if wants_fragment(request):
        # "Load more" swaps only the next page in; a filter change swaps the results and, out of
        # band, the count, the chips and the facet counts.
        template += "#page" if request.htmx.target == "load-more" else "#results"
        context["oob"] = True
    status = 400 if context["errors"] else 200
    response = render(request, template, context, status=status)
    if wants_fragment(request) and request.htmx.target != "load-more" and not context["errors"]:
        # Push the canonical address (no empty parameters) rather than the raw form submission,
        # so the address bar holds a short link worth sharing.
        query = filterset.query_string(page=filterset.page_number)
        push_url(response, request.path + (f"?{query}" if query else ""))
    return response


@require_safe
def meeting_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # A draft is a 404 for everyone here, editors included: the public site shows only the
    # published record, and editors review drafts in the admin.
    meeting = Meeting.objects.published().for_detail().filter(slug=slug).first()
    if meeting is None:
        # A meeting merged into another keeps its address: a permanent redirect to the one kept.
        address = get_object_or_404(
            MeetingAddress.objects.filter(meeting__publication_state=Meeting.Publication.PUBLISHED),
            slug=slug,
        )
        return redirect(address.meeting, permanent=True)
    context = {
        "meeting": meeting,
        "participant_groups": selectors.participants_by_country(meeting),
        "statements": selectors.statements_by_government(meeting),
        **selectors.meeting_neighbours(meeting),
    }
    return render(request, "engagements/meeting_detail.html", context)


@require_safe
def official_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "engagements/official_detail.html", selectors.official_page(slug))


@require_safe
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "engagements/topic_detail.html", selectors.topic_page(slug))


@require_safe
def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "engagements/country_detail.html", selectors.country_page(code))


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitors: 200 when every check in ``engagements.health`` passes,
    503 when one fails. Open to anyone, so it says nothing about the record itself."""
    healthy, body = health.report()
    return JsonResponse(body, status=200 if healthy else 503)
