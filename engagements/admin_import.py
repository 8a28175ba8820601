"""The editors' "Import readout" screen: document → preview with the evidence highlighted →
a *draft* meeting. Publishing stays a separate, explicit act in the meeting list."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from engagements.forms import (
    CommitmentFormSet,
    MeetingPreviewForm,
    ParticipantFormSet,
    QuoteFormSet,
    ReadoutSourceForm,
)
from engagements.ingest.documents import IngestError, RawDocument, guess_type
from engagements.ingest.importer import find_official, import_readout
from engagements.ingest.pipeline import analyse
from engagements.ingest.results import LOW_CONFIDENCE
from engagements.models import Source


def import_readout_view(request, model_admin):
    if not request.user.has_perm("engagements.add_meeting"):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "Import readout",
    }
    if request.method == "POST" and request.POST.get("step") == "save":
        return _save(request, context)
    if request.method == "GET" and "source" in request.GET:
        return _review_kept_source(request, context)
    form = ReadoutSourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            analysis = analyse(form.cleaned_data["document"])
        except IngestError as error:
            form.add_error(None, str(error))
        else:
            return _preview(request, context, analysis)
    return TemplateResponse(
        request, "admin/engagements/meeting/import_form.html", {**context, "form": form}
    )


def _review_kept_source(request, context):
    """Open a document from the review queue (a Source with no meeting) in the import flow."""
    source = (
        Source.objects.filter(pk=request.GET["source"]).first()
        if request.GET["source"].isdigit()
        else None
    )
    if source is None or not source.raw_text:
        raise Http404("No such document awaiting review.")
    document = RawDocument(
        text=source.raw_text,
        content_type=guess_type("", source.raw_text),
        url=source.url,
        name=source.title,
    )
    try:
        return _preview(request, context, analyse(document))
    except IngestError as error:
        form = ReadoutSourceForm(initial={"text": source.raw_text})
        form.add_error(None, f"{error} Enter the meeting by hand, or correct the text below.")
        return TemplateResponse(
            request, "admin/engagements/meeting/import_form.html", {**context, "form": form}
        )


def _preview(request, context, analysis):
    contract = analysis.contract
    document = analysis.document
    form = MeetingPreviewForm(
        initial={
            "document_text": document.text,
            "document_type": document.content_type,
            "document_url": document.url,
            "document_name": document.name,
            "published_on": contract.get("published_on"),
            "title": contract.get("title"),
            "meeting_date": _full_date(contract.get("meeting_date")),
            "date_precision": contract.get("date_precision") or "day",
            "modality": contract.get("modality") or "in_person",
            "location": contract.get("location") or "",
            "topics": contract.get("topics", []),
        }
    )
    gazetteer = analysis.gazetteer
    on = _full_date(contract.get("meeting_date"))
    on = datetime.date.fromisoformat(on) if on else None
    participants = ParticipantFormSet(
        prefix="participants",
        initial=[
            {
                "name": p["name"],
                "title": p.get("title") or "",
                "country": p.get("country") or "",
                "known": find_official(p["name"], gazetteer=gazetteer, on=on, title=p.get("title"))
                is not None,
            }
            for p in contract.get("participants", [])
        ],
    )
    quotes = QuoteFormSet(prefix="quotes", initial=contract.get("quotes", []))
    commitments = CommitmentFormSet(
        prefix="commitments",
        initial=[
            {
                "party": c.get("party") or "joint",
                "text": c["text"],
                "topics": ", ".join(c["topics"]),
            }
            for c in contract.get("commitments", [])
        ],
    )
    return _render_preview(
        request,
        context,
        form,
        participants,
        quotes,
        commitments,
        cleaned_text=analysis.cleaned.text,
        evidence=contract.get("evidence", {}),
        speakers=contract.get("speakers", []),
        related=contract.get("related_meetings", []),
        unsure=_unsure_fields(contract),
    )


# What each field is called on the review screen, for the list of values to check first.
FIELD_LABELS = {
    "participants": "participants",
    "meeting_date": "meeting date",
    "modality": "kind of meeting",
    "location": "location",
    "quotes": "quotes (some have no speaker)",
}


def _unsure_fields(contract: dict) -> list[str]:
    """The fields extraction was unsure of, or could not establish at all."""
    confidence = contract.get("confidence") or {}
    unsure = [
        FIELD_LABELS.get(name, name) for name, value in confidence.items() if value < LOW_CONFIDENCE
    ]
    if not contract.get("meeting_date"):
        unsure.append("meeting date (not found in the text)")
    return unsure


def _render_preview(request, context, form, participants, quotes, commitments, **extra):
    evidence = extra.get("evidence") or {}
    return TemplateResponse(
        request,
        "admin/engagements/meeting/import_preview.html",
        {
            **context,
            "title": "Review the extracted readout",
            "form": form,
            "participants": participants,
            "quotes": quotes,
            "commitments": commitments,
            "segments": highlight(extra.get("cleaned_text", ""), evidence),
            "speakers": extra.get("speakers", []),
            "related": extra.get("related", []),
            "unsure": extra.get("unsure", []),
        },
    )


def _save(request, context):
    form = MeetingPreviewForm(request.POST)
    participants = ParticipantFormSet(request.POST, prefix="participants")
    quotes = QuoteFormSet(request.POST, prefix="quotes")
    commitments = CommitmentFormSet(request.POST, prefix="commitments")
    valid = all(
        [form.is_valid(), participants.is_valid(), quotes.is_valid(), commitments.is_valid()]
    )
    if valid:
        data = form.cleaned_data
        document = RawDocument(
            text=data["document_text"],
            content_type=data["document_type"],
            url=data["document_url"],
            name=data["document_name"],
        )
        chosen = [p for p in participants.cleaned_data if p and p.get("include")]
        contract = {
            "title": data["title"],
            "published_on": data["published_on"].isoformat() if data["published_on"] else None,
            "meeting_date": _contract_date(data["meeting_date"], data["date_precision"]),
            "date_precision": data["date_precision"],
            "modality": data["modality"],
            "location": data["location"] or None,
            "participants": [
                {"name": p["name"], "title": p["title"], "country": p["country"] or None}
                for p in chosen
            ],
            "speakers": [],
            "quotes": [
                {"speaker": q["speaker"], "text": q["text"]}
                for q in quotes.cleaned_data
                if q and q.get("include")
            ],
            "topics": [t.slug for t in data["topics"]],
            "commitments": [
                {
                    "party": c["party"],
                    "text": c["text"],
                    "topics": [t.strip() for t in c["topics"].split(",") if t.strip()],
                }
                for c in commitments.cleaned_data
                if c and c.get("include")
            ],
            "related_meetings": [],
            "evidence": {},
        }
        confirmed = {p["name"] for p in chosen if p.get("confirm_new")}
        try:
            result = import_readout(
                document=document,
                contract=contract,
                user=request.user,
                confirmed_officials=confirmed,
            )
        except IngestError as error:
            form.add_error(None, str(error))
        else:
            level = messages.SUCCESS
            text = result.summary + " It stays a draft until you publish it."
            if result.pending_officials:
                names = ", ".join(p["name"] for p in result.pending_officials)
                text += f" Left out (not confirmed as new officials): {names}."
                level = messages.WARNING
            messages.add_message(request, level, text)
            return redirect(reverse("admin:engagements_meeting_change", args=[result.meeting.pk]))
    return _render_preview(request, context, form, participants, quotes, commitments)


def _full_date(value):
    # The date input needs a whole date: a month ("2025-09") or year shows as its first day,
    # with the precision select saying what is really known.
    if not value:
        return None
    return {4: f"{value}-01-01", 7: f"{value}-01"}.get(len(value), value)


def _contract_date(day, precision):
    return {"year": f"{day:%Y}", "month": f"{day:%Y-%m}"}.get(precision, day.isoformat())


def highlight(text: str, evidence: dict) -> list[dict]:
    """Split ``text`` into segments, marking the spans quoted in ``evidence``.

    Returns ``[{"text": …, "label": field name or ""}]`` for the template to render with
    <mark>; no HTML is built here, so autoescaping keeps the document's text inert.
    """
    spans = []
    for label, values in evidence.items():
        for value in values if isinstance(values, list) else [values]:
            if not isinstance(value, str) or len(value) < 3:
                continue
            start = text.find(value)
            while start != -1:
                spans.append((start, start + len(value), label))
                start = text.find(value, start + len(value))
    spans.sort()
    segments, cursor = [], 0
    for start, end, label in spans:
        if start < cursor:
            continue  # overlapping evidence: the first span wins
        if start > cursor:
            segments.append({"text": text[cursor:start], "label": ""})
        segments.append({"text": text[start:end], "label": label.replace("_", " ")})
        cursor = end
    if cursor < len(text):
        segments.append({"text": text[cursor:], "label": ""})
    return segments
