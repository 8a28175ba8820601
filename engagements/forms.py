"""Forms of the editors' "Import readout" screen: the document to read, then the preview of
everything extracted, editable before it becomes a draft meeting."""

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

    def clean(self):
        data = super().clean()
        given = [name for name in ("text", "upload", "url") if data.get(name)]
        if not given:
            raise ValidationError("Paste the readout, upload a file or give an address.")
        if len(given) > 1:
            raise ValidationError("Give only one of: pasted text, a file, an address.")
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
        return data


def country_choices():
    return [("", "—")] + [(c.code, f"{c.code} — {c.name}") for c in Country.objects.all()]


class MeetingPreviewForm(forms.Form):
    """The meeting as extracted; the editor corrects it before saving."""

    # The document travels with the form so that saving needs no server-side state.
    document_text = forms.CharField(widget=forms.HiddenInput, strip=False)
    document_type = forms.CharField(widget=forms.HiddenInput)
    document_url = forms.CharField(widget=forms.HiddenInput, required=False)
    document_name = forms.CharField(widget=forms.HiddenInput, required=False)
    published_on = forms.DateField(widget=forms.HiddenInput, required=False)

    title = forms.CharField(max_length=300)
    meeting_date = forms.DateField(
        required=False,
        help_text="Empty when the text does not establish it: give it before saving.",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_precision = forms.ChoiceField(choices=DatePrecision.choices)
    modality = forms.ChoiceField(choices=Modality.choices)
    location = forms.CharField(max_length=200, required=False)
    topics = forms.ModelMultipleChoiceField(
        queryset=PolicyTopic.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

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


class ParticipantForm(forms.Form):
    include = forms.BooleanField(required=False, initial=True)
    name = forms.CharField(max_length=200)
    title = forms.CharField(max_length=200, required=False)
    country = forms.ChoiceField(choices=country_choices, required=False)
    known = forms.BooleanField(required=False, widget=forms.HiddenInput)
    confirm_new = forms.BooleanField(
        label="Create this official", required=False, help_text="Not in the database yet."
    )

    def clean(self):
        data = super().clean()
        if data.get("include") and data.get("confirm_new") and not data.get("country"):
            self.add_error("country", "Choose the country of the new official.")
        return data


class QuoteForm(forms.Form):
    include = forms.BooleanField(required=False, initial=True)
    speaker = forms.CharField(max_length=200, required=False)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "cols": 90}))


def party_choices():
    return [("joint", "Joint")] + [(c.code, c.code) for c in Country.objects.all()]


class CommitmentForm(forms.Form):
    include = forms.BooleanField(required=False, initial=True)
    party = forms.ChoiceField(choices=party_choices)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3, "cols": 90}))
    topics = forms.CharField(
        required=False, help_text="Topic slugs, separated by commas.", max_length=500
    )


ParticipantFormSet = forms.formset_factory(ParticipantForm, extra=1)
QuoteFormSet = forms.formset_factory(QuoteForm, extra=0)
CommitmentFormSet = forms.formset_factory(CommitmentForm, extra=0)
