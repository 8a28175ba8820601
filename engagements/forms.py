"""Forms of the editors' "Import readout" screen: the document to read, then the preview of
everything extracted, editable before it becomes a draft meeting."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from engagements.ingest import documents
from engagements.ingest.documents import IngestError
from engagements.models import Country, DatePrecision, Modality, PolicyTopic


class ReadoutSourceForm(forms.Form):
    """Exactly one of: pasted text, an uploaded file, an address to fetch."""

    text = forms.CharField(
        label="Paste the readout",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 100}),
        strip=False,
    )
    upload = forms.FileField(
        label="…or upload a file",
        required=False,
        help_text="A .txt, .md or .html file.",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.markdown,.html,.htm"}),
    )
    url = forms.CharField(
        label="…or give its address",
        required=False,
        max_length=1000,
        help_text="An http:// or https:// address; the page is fetched by the server.",
        widget=forms.URLInput(attrs={"size": 100}),
    )
    # What a pasted text or a file cannot say about itself; a fetched page's address and
    # publisher come from where it was fetched.
    publisher = forms.CharField(
        required=False,
        max_length=200,
        help_text="Who published it, e.g. “ROK Ministry of Foreign Affairs”.",
        widget=forms.TextInput(attrs={"size": 60}),
    )
    page_url = forms.URLField(
        label="Published at",
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text="The address of the pasted text or file, if it has one; it is not fetched.",
        widget=forms.URLInput(attrs={"size": 100}),
    )
    published_on = forms.DateField(
        label="Publication date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    ABOUT_FIELDS = ("publisher", "page_url", "published_on")

    def document_fields(self):
        return [self[name] for name in self.fields if name not in self.ABOUT_FIELDS]

    def about_fields(self):
        return [self[name] for name in self.ABOUT_FIELDS]

    def clean(self):
        data = super().clean()
        given = [name for name in ("text", "upload", "url") if data.get(name)]
        if not given:
            raise ValidationError("Paste the readout, upload a file or give an address.")
        if len(given) > 1:
            raise ValidationError("Give only one of: pasted text, a file, an address.")
        if data.get("url") and data.get("page_url"):
            self.add_error(
                "page_url",
                "A fetched page’s address is the one it is fetched from: leave this empty.",
            )
            return data
        limit = settings.INGEST_MAX_BYTES
        try:
            if data.get("text"):
                data["document"] = documents.from_text(data["text"], max_bytes=limit)
            elif data.get("upload"):
                upload = data["upload"]
                if upload.size > limit:
                    raise IngestError(
                        f"{upload.name} is {upload.size:,} bytes; the limit is {limit:,} bytes."
                    )
                data["document"] = documents.from_upload(
                    upload.read(), name=upload.name, max_bytes=limit
                )
            else:
                data["document"] = documents.fetch_url(
                    data["url"],
                    max_bytes=limit,
                    allow_private=settings.INGEST_ALLOW_PRIVATE_ADDRESSES,
                )
        except IngestError as error:
            raise ValidationError(str(error)) from None
        if data.get("page_url"):
            data["document"].url = data["page_url"]
        return data


class KeptSourceForm(forms.Form):
    """The review queue's link to a kept document: ``?source=`` and its id, nothing else."""

    # Digits only, and few enough for a database id: no sign, space, decimal point or other
    # script's digits, and no number too long to convert.
    source = forms.RegexField(regex=r"\A[1-9][0-9]{0,17}\Z", max_length=18, strip=False)

    def clean_source(self) -> int:
        return int(self.cleaned_data["source"])


def country_choices():
    return [("", "—")] + [(c.code, c.name) for c in Country.objects.all()]


def government_choices():
    return [("", "None: not a government’s statement")] + [
        (c.code, f"{c.code} — {c.name}") for c in Country.objects.all()
    ]


# Titles that show the person holds a public office, so that a name the database does not know
# yet is offered for creation rather than silently left out of the meeting. Whole words, any
# case: "Vice Foreign Minister", "Principal Deputy Spokesperson", "Commander, U.S. Forces Korea".
OFFICIAL_TITLE = re.compile(
    r"\b(?:president|prime minister|premier|chancellor|minister|secretary|ambassador|envoy"
    r"|deputy|director(?:-general)?|commander|general|admiral|chief of|chairman|chair|spokes"
    r"(?:person|man|woman)|adviser|advisor|representative|administrator|governor|senator"
    r"|counsell?or|coordinator|attach[eé])\b",
    re.IGNORECASE,
)


def is_official_title(title: str) -> bool:
    return bool(OFFICIAL_TITLE.search(title or ""))


class MeetingPreviewForm(forms.Form):
    """The meeting as extracted; the editor corrects it before saving."""

    # The document travels with the form so that saving needs no server-side state.
    document_text = forms.CharField(widget=forms.HiddenInput, strip=False)
    document_type = forms.CharField(widget=forms.HiddenInput)
    document_name = forms.CharField(widget=forms.HiddenInput, required=False)
    # Empty for pasted text: only a fetched page (or a file read) has a retrieval time.
    document_retrieved_at = forms.DateTimeField(widget=forms.HiddenInput, required=False)

    title = forms.CharField(
        label="Meeting name",
        max_length=300,
        widget=forms.TextInput(attrs={"size": 80}),
        help_text="Named for who met and where, and renamed as participants are added; type "
        "your own name to keep it. The document keeps its own title.",
    )
    # What the extraction proposed, to tell an editor's name from it; and the document's title.
    proposed_title = forms.CharField(widget=forms.HiddenInput, required=False)
    document_title = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)
    meeting_date = forms.DateField(
        required=False,
        help_text="Empty when the text does not establish it: give it before saving.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_precision = forms.ChoiceField(choices=DatePrecision.choices)
    modality = forms.ChoiceField(choices=Modality.choices)
    location = forms.CharField(
        max_length=200, required=False, widget=forms.TextInput(attrs={"size": 60})
    )
    topics = forms.ModelMultipleChoiceField(
        queryset=PolicyTopic.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    publisher = forms.CharField(
        max_length=200, required=False, widget=forms.TextInput(attrs={"size": 60})
    )
    issuing_country = forms.ChoiceField(
        label="Issuing government",
        choices=government_choices,
        required=False,
        help_text="The government whose statement this is; a joint statement speaks for both.",
    )
    document_url = forms.URLField(
        label="Address",
        max_length=1000,
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"size": 80}),
    )
    published_on = forms.DateField(
        label="Publication date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    MEETING_FIELDS = ("title", "meeting_date", "date_precision", "modality", "location")
    SOURCE_FIELDS = ("publisher", "issuing_country", "document_url", "published_on")

    def meeting_fields(self):
        return [self[name] for name in self.MEETING_FIELDS]

    def source_fields(self):
        return [self[name] for name in self.SOURCE_FIELDS]

    def clean_document_text(self):
        try:
            return documents.check_text(
                self.cleaned_data["document_text"],
                label="The document",
                max_bytes=settings.INGEST_MAX_BYTES,
            )
        except IngestError as error:
            raise ValidationError(str(error)) from None

    def clean(self):
        data = super().clean()
        if not data.get("meeting_date") and "meeting_date" not in self.errors:
            self.add_error("meeting_date", "Give the meeting date: the text did not establish it.")
        return data


# "Keep" is ticked only on the rows extraction found (their initial data says so): a blank row
# ticked by default would be an empty participant, quote or commitment waiting to be saved.
class ParticipantForm(forms.Form):
    include = forms.BooleanField(label="Keep", required=False)
    name = forms.CharField(max_length=200, widget=forms.TextInput(attrs={"size": 28}))
    title = forms.CharField(
        max_length=200, required=False, widget=forms.TextInput(attrs={"size": 32})
    )
    country = forms.ChoiceField(choices=country_choices, required=False)
    known = forms.BooleanField(required=False, widget=forms.HiddenInput)
    found = forms.BooleanField(required=False, widget=forms.HiddenInput)
    confirm_new = forms.BooleanField(
        label="Create this official", required=False, help_text="Not in the database yet."
    )

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("include") and not data.get("found"):
            # Someone typed into the blank row: saving without them would lose them silently.
            self.add_error("include", "Tick “Keep” to add this person, or clear the name.")
        if data.get("include") and data.get("confirm_new") and not data.get("country"):
            self.add_error("country", "Choose the country of the new official.")
        return data


class QuoteForm(forms.Form):
    include = forms.BooleanField(required=False)
    speaker = forms.CharField(
        max_length=200, required=False, widget=forms.TextInput(attrs={"size": 28})
    )
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "cols": 90}))


def party_choices():
    return [("joint", "Joint")] + [(c.code, c.code) for c in Country.objects.all()]


class CommitmentForm(forms.Form):
    include = forms.BooleanField(required=False)
    party = forms.ChoiceField(choices=party_choices)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "cols": 90}))
    topics = forms.CharField(
        required=False,
        help_text="Topic slugs, separated by commas.",
        max_length=500,
        widget=forms.TextInput(attrs={"size": 40}),
    )


ParticipantFormSet = forms.formset_factory(ParticipantForm, extra=1)
QuoteFormSet = forms.formset_factory(QuoteForm, extra=0)
CommitmentFormSet = forms.formset_factory(CommitmentForm, extra=0)
