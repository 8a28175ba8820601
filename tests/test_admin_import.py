"""The editors' "Import readout" screen: a document → a preview with the evidence highlighted,
editable → a draft meeting. Bad input is a form error and writes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from engagements.models import Meeting, Official, Source

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:engagements_meeting_import")

READOUT = """Readout of President Joseph R. Biden, Jr. Call with President Moon Jae-in

February 3, 2021

President Joseph R. Biden, Jr. spoke today with President Moon Jae-in of the Republic of Korea
to stress his commitment to strengthening the United States-ROK alliance, which is the linchpin
for peace and prosperity in Northeast Asia. The two leaders agreed to closely coordinate on the
Democratic People's Republic of Korea. They agreed to work together to address shared challenges
such as the COVID-19 pandemic and climate change.
"""


def preview(client, **data):
    return client.post(IMPORT_URL, {"step": "read", **data})


def saved_form(response, **changes):
    """The preview's form as the browser would submit it, with an editor's changes."""
    data = {}
    forms = [response.context["form"]] + [
        form
        for key in ("participants", "quotes", "commitments")
        for form in [response.context[key].management_form, *response.context[key].forms]
    ]
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            if isinstance(value, list):
                data[field.html_name] = value
            else:
                data[field.html_name] = str(value)
    data["step"] = "save"
    return data | changes


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_account_without_staff_rights_cannot_import(client, member):
    client.force_login(member)
    assert client.post(IMPORT_URL, {"text": READOUT}).status_code == 302
    assert Source.objects.count() == 0


def test_meeting_list_offers_the_import(editor_client):
    body = editor_client.get(reverse("admin:engagements_meeting_changelist")).content.decode()
    assert IMPORT_URL in body


def test_preview_shows_what_was_extracted_with_evidence(editor_client):
    response = preview(editor_client, text=READOUT)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Review the extracted readout" in body
    form = response.context["form"]
    assert form["meeting_date"].value() == "2021-02-03"
    assert form["modality"].value() == "phone_call"
    names = [f["name"].value() for f in response.context["participants"].forms if f.initial]
    assert any("Moon Jae-in" in n for n in names)
    assert "<mark" in body
    # A preview writes nothing.
    assert Meeting.objects.count() == 0
    assert Source.objects.count() == 0


def test_editor_saves_the_preview_as_a_draft(editor_client):
    response = preview(editor_client, text=READOUT)
    data = saved_form(response, title="Biden–Moon call")
    for n, form in enumerate(response.context["participants"].forms):
        if form.initial:
            data[f"participants-{n}-confirm_new"] = "on"
    saved = editor_client.post(IMPORT_URL, data)
    assert saved.status_code == 302
    meeting = Meeting.objects.get()
    assert saved["Location"] == reverse("admin:engagements_meeting_change", args=[meeting.pk])
    assert meeting.title == "Biden–Moon call"
    assert meeting.publication_state == Meeting.Publication.DRAFT
    assert meeting.modality == "phone_call"
    assert Official.objects.filter(name__contains="Moon Jae-in", country_id="KR").exists()
    assert meeting.statements.filter(kind="readout").exists()
    assert meeting.history.earliest().history_user.username == "editor"
    page = editor_client.get(saved["Location"]).content.decode()
    assert "stays a draft until you publish it" in page


def test_unconfirmed_new_officials_are_left_out_and_named(editor_client):
    response = preview(editor_client, text=READOUT)
    saved = editor_client.post(IMPORT_URL, saved_form(response), follow=True)
    assert "Left out (not confirmed as new officials)" in saved.content.decode()
    assert Official.objects.count() == 0


def test_missing_meeting_date_must_be_given_before_saving(editor_client):
    response = preview(editor_client, text=READOUT)
    data = saved_form(response, meeting_date="")
    again = editor_client.post(IMPORT_URL, data)
    assert again.status_code == 200
    assert "Give the meeting date" in again.content.decode()
    assert Meeting.objects.count() == 0


def test_file_upload_is_read(editor_client):
    upload = SimpleUploadedFile("readout.md", READOUT.encode(), content_type="text/markdown")
    response = preview(editor_client, upload=upload)
    assert response.status_code == 200
    assert response.context["form"]["meeting_date"].value() == "2021-02-03"


SCRIPTS_ONLY = (
    "<html><head><script>alert(1)</script></head><body><script>x()</script></body></html>"
)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Paste the readout, upload a file or give an address."),
        ({"text": "   \n  "}, "The pasted text is empty: there is no text to read."),
        ({"url": "file:///etc/passwd"}, "Only http:// and https:// addresses"),
        ({"url": "http://127.0.0.1:9/readout"}, "private or local address"),
        ({"text": READOUT, "url": "https://example.org/x"}, "Give only one of"),
        ({"text": SCRIPTS_ONLY}, "no readable text"),
        ({"text": "The weather in Seoul was fine today."}, "describes no meeting"),
    ],
)
def test_bad_input_is_a_form_error_and_writes_nothing(editor_client, data, message):
    response = preview(editor_client, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Source.objects.count() == 0
    assert Meeting.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("readout.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        ("readout.txt", "회담".encode("euc-kr"), "not valid UTF-8"),
        ("readout.pdf", b"%PDF-1.7", "upload a .txt, .md or .html file"),
        ("readout.txt", b"a" * 2_000_001, "the limit is 2,000,000 bytes"),
    ],
)
def test_bad_upload_is_a_form_error(editor_client, name, content, message):
    response = preview(editor_client, upload=SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Source.objects.count() == 0


def test_a_kept_document_opens_in_the_import_flow(editor_client):
    from engagements.ingest.documents import RawDocument
    from engagements.ingest.importer import keep_for_review

    source = keep_for_review(document=RawDocument(text=READOUT, content_type="text/plain"))
    queue = editor_client.get(reverse("admin:engagements_source_changelist"), {"placed": "no"})
    assert f"{IMPORT_URL}?source={source.pk}" in queue.content.decode()
    response = editor_client.get(IMPORT_URL, {"source": source.pk})
    assert response.status_code == 200
    assert response.context["form"]["meeting_date"].value() == "2021-02-03"
    assert editor_client.get(IMPORT_URL, {"source": "nope"}).status_code == 404
