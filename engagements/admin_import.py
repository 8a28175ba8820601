"""The editors' "Import readout" screen: document → preview with the evidence highlighted →
a *draft* meeting. Publishing stays a separate, explicit act (the meeting's own page, or the
meeting list), and every message here says truthfully what is public.

What a user may change is the importer's rule (`engagements.ingest.importer`): a document about
a meeting they may not change waits in the review queue, and the message says so."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from engagements.forms import (
    CommitmentFormSet,
    KeptSourceForm,
    MeetingPreviewForm,
    ParticipantFormSet,
    QuoteFormSet,
    ReadoutSourceForm,
    is_official_title,
)
from engagements.ingest.documents import IngestError, RawDocument, check_text, guess_type
from engagements.ingest.importer import (
    ImportResult,
    document_address,
    find_official,
    find_source,
    government_for_publisher,
    import_readout,
    proposed_meeting_name,
    publisher_for,
)
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
        # The review sets the document beside the fields: the width is theirs, not the menu's.
        "is_nav_sidebar_enabled": False,
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
            return _preview(
                request,
                context,
                analysis,
                publisher=form.cleaned_data["publisher"],
                published_on=form.cleaned_data["published_on"],
            )
    return _import_form(request, context, form)


def _review_kept_source(request, context):
    """Open a document from the review queue (a Source with no meeting) in the import flow.
    A document that cannot be read opens in the first step, with the reason, for the editor to
    correct or to enter by hand."""
    link = KeptSourceForm(request.GET)
    if not link.is_valid():
        return _import_form(
            request,
            context,
            ReadoutSourceForm(),
            problem="This review link names no document: ?source= takes the number of a "
            "document in the review queue (Sources, “Placed: no”).",
            status=400,
        )
    source = Source.objects.filter(pk=link.cleaned_data["source"]).first()
    if source is None or not source.raw_text:
        raise Http404("No such document awaiting review.")
    document = RawDocument(
        text=source.raw_text,
        content_type=guess_type("", source.raw_text),
        url=source.url,
        name=source.title,
        retrieved_at=source.retrieved_at,
    )
    try:
        # The checks a pasted text passes: the kept text may predate them, or be mis-decoded.
        check_text(document.text, label=f"“{source.title}”", max_bytes=settings.INGEST_MAX_BYTES)
        analysis = analyse(document)
    except IngestError as error:
        form = ReadoutSourceForm(
            initial={
                "text": source.raw_text,
                "publisher": source.publisher,
                "page_url": source.url,
                "published_on": source.published_on,
            }
        )
        return _import_form(
            request,
            context,
            form,
            problem=f"{error} Enter the meeting by hand, or correct the text below.",
        )
    return _preview(
        request,
        context,
        analysis,
        publisher=source.publisher,
        published_on=source.published_on,
    )


def _import_form(request, context, form, *, problem="", status=200):
    """The first step; ``problem`` is a sentence about a document the form did not read."""
    return TemplateResponse(
        request,
        "admin/engagements/meeting/import_form.html",
        {**context, "form": form, "problem": problem},
        status=status,
    )


def _preview(request, context, analysis, *, publisher="", published_on=None):
    """The review screen for a freshly read document; ``publisher`` and ``published_on`` are
    what the editor said about it when the text could not say (pasted text, a file)."""
    contract = analysis.contract
    document = analysis.document
    address = document_address(document, analysis.cleaned)
    inferred_publisher, government = publisher_for(address)
    publisher = publisher or inferred_publisher
    # The importer's rule: the address decides, else the publisher's name.
    government = government or government_for_publisher(publisher)
    on = _full_date(contract.get("meeting_date"))
    proposed_name = proposed_meeting_name(
        contract,
        analysis.gazetteer,
        datetime.date.fromisoformat(on) if on else None,
        fallback=contract.get("title") or "",
    )
    form = MeetingPreviewForm(
        initial={
            "document_text": document.text,
            "document_type": document.content_type,
            "document_url": document.url,
            "document_name": document.name,
            "document_retrieved_at": document.retrieved_at,
            "publisher": publisher,
            "issuing_country": government or "",
            "published_on": published_on or contract.get("published_on"),
            "title": proposed_name,
            "proposed_title": proposed_name,
            "document_title": contract.get("title") or "",
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
    may_create_officials = request.user.has_perm("engagements.add_official")
    people = []
    for p in contract.get("participants", []):
        title = p.get("title") or ""
        known = find_official(p["name"], gazetteer=gazetteer, on=on, title=title) is not None
        people.append(
            {
                "include": True,
                "found": True,
                "name": p["name"],
                "title": title,
                "country": p.get("country") or "",
                "known": known,
                # Leaving someone out must be the editor's choice, not the default for
                # every new name: a person whose title shows an office is created (by
                # someone who may create officials).
                "confirm_new": may_create_officials and not known and is_official_title(title),
            }
        )
    participants = ParticipantFormSet(prefix="participants", initial=people)
    quotes = QuoteFormSet(
        prefix="quotes", initial=[{"include": True, **q} for q in contract.get("quotes", [])]
    )
    commitments = CommitmentFormSet(
        prefix="commitments",
        initial=[
            {
                "include": True,
                "party": c.get("party") or "joint",
                "text": c["text"],
                "topics": ", ".join(c["topics"]),
            }
            for c in contract.get("commitments", [])
        ],
    )
    unsure = _unsure_fields(contract)
    if not government:
        unsure.append("issuing government (neither the address nor the publisher says)")
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
        unsure=unsure,
        recorded=_already_recorded(request.user, document, address),
    )


def _already_recorded(user, document: RawDocument, address: str) -> dict | None:
    """The meetings a document is already a source of (same address or same text), so the
    editor knows before saving that the import will update or add to them — or, for a user
    who may not change that meeting, that saving will change nothing."""
    source = find_source(document, url=address)
    if source is None:
        return None
    meetings = list(source.meetings.order_by("-date"))
    if not meetings:
        return None  # kept for review, not yet placed in a meeting
    last_import = source.imports.select_related("meeting").first()
    updates = last_import.meeting if last_import else None
    needed = ["engagements.change_meeting"]
    if updates is not None and updates.is_published:
        needed.append("engagements.publish_meeting")
    return {
        "meetings": meetings,
        "updates": updates,
        "may_update": user.has_perms(needed),
    }


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
            "recorded": extra.get("recorded"),
            "may_create_officials": request.user.has_perm("engagements.add_official"),
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
            retrieved_at=data["document_retrieved_at"],
        )
        chosen = [p for p in participants.cleaned_data if p and p.get("include")]
        contract = {
            "title": data["document_title"] or data["title"],
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
                publisher=data["publisher"],
                issuing_country=data["issuing_country"],
                # The proposed name stays automatic; a name the editor typed is theirs.
                meeting_title=data["title"] if data["title"] != data["proposed_title"] else "",
            )
        except IngestError as error:
            form.add_error(None, str(error))
        else:
            level, text = saved_message(result)
            messages.add_message(request, level, text)
            return _after_saving(request, result)
    return _render_preview(request, context, form, participants, quotes, commitments)


def _after_saving(request, result: ImportResult) -> HttpResponseRedirect:
    """To the meeting's admin page, for those who may see it; otherwise back to the import,
    where the message says what happened."""
    may_see = request.user.has_perm("engagements.view_meeting") or request.user.has_perm(
        "engagements.change_meeting"
    )
    if result.held_for_review or not may_see:
        return redirect(reverse("admin:engagements_meeting_import"))
    return redirect(reverse("admin:engagements_meeting_change", args=[result.meeting.pk]))


def saved_message(result: ImportResult) -> tuple[int, str]:
    """What the import did, and whether any of it is public: what is added to a published
    meeting is on the public site at once, so the message names what changed there."""
    if result.held_for_review:
        return messages.WARNING, result.held_for_review
    meeting = result.meeting
    name = f"“{meeting.title}” ({meeting.date_display})"
    if result.reimport:
        parts = [f"Updated {name} from the document again."]
    elif result.attached_to_existing:
        parts = [f"Attached the document to the meeting already recorded, {name}."]
    else:
        parts = [f"Created the draft {name}."]
    level = messages.SUCCESS
    if meeting.is_published and result.changes:
        parts.append(
            f"The published meeting {name} changed: {', '.join(result.changes)}. "
            "What changed is public now."
        )
        level = messages.WARNING
    elif meeting.is_published:
        parts.append(
            f"The published meeting {name} did not change: the document brought nothing new."
        )
    else:
        parts.append("It stays a draft until you publish it: nothing of it is public.")
    if result.kept_editor_values:
        parts.append(f"Kept the values you corrected: {', '.join(result.kept_editor_values)}.")
    if result.created_officials:
        names = ", ".join(o.name for o in result.created_officials)
        parts.append(f"New officials created: {names}.")
    if result.pending_officials:
        names = ", ".join(p["name"] for p in result.pending_officials)
        parts.append(f"Left out (not confirmed as new officials): {names}.")
        level = messages.WARNING
    return level, " ".join(parts)


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
