"""Analyst-facing pages (built out by the timeline work)."""

from django.shortcuts import get_object_or_404, render

from engagements.models import Country, Meeting, Official, PolicyTopic


def timeline(request):
    meetings = Meeting.objects.published().for_timeline()[:50]
    return render(request, "engagements/timeline.html", {"meetings": meetings})


def meeting_detail(request, slug):
    meeting = get_object_or_404(Meeting.objects.published(), slug=slug)
    return render(request, "engagements/meeting_detail.html", {"meeting": meeting})


def official_detail(request, slug):
    official = get_object_or_404(Official, slug=slug)
    return render(request, "engagements/official_detail.html", {"official": official})


def topic_detail(request, slug):
    topic = get_object_or_404(PolicyTopic, slug=slug)
    return render(request, "engagements/topic_detail.html", {"topic": topic})


def country_detail(request, code):
    country = get_object_or_404(Country, code=code.upper())
    return render(request, "engagements/country_detail.html", {"country": country})
