"""The editors' "Import readout" screen: a document → a preview with the evidence highlighted,
editable → a draft meeting. Bad input is a form error and writes nothing."""

import datetime
import http.server
import re
import threading

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from engagements import services
from engagements.forms import is_official_title
from engagements.models import Meeting, Official, Participation, Source, Statement

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


def checkbox(body: str, name: str) -> str:
    """The rendered <input> of the checkbox ``name``."""
    match = re.search(rf'<input type="checkbox" name="{name}"[^>]*>', body)
    assert match, f"no checkbox {name}"
    return match.group()


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
    data = saved_form(response)
    for n in range(len(response.context["participants"].forms)):
        data.pop(f"participants-{n}-confirm_new", None)
    saved = editor_client.post(IMPORT_URL, data, follow=True)
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
    assert editor_client.get(IMPORT_URL, {"source": "nope"}).status_code == 400


def test_staff_without_permission_to_add_meetings_is_refused(client):
    staff = User.objects.create_user("viewer", password="x", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client.force_login(staff)
    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, {"step": "read", "text": READOUT}).status_code == 403
    assert Source.objects.count() == 0


def test_import_pages_have_the_admin_breadcrumbs(editor_client):
    for response in (editor_client.get(IMPORT_URL), preview(editor_client, text=READOUT)):
        body = response.content.decode()
        # Django's admin styles breadcrumbs as an <ol class="breadcrumbs"> list.
        assert '<ol class="breadcrumbs">' in body
        assert '<div class="breadcrumbs">' not in body
        assert reverse("admin:app_list", args=["engagements"]) in body
    assert '<li aria-current="page">Review</li>' in body


# --- Unknown people whose title shows an office are created by default ----------------------


@pytest.mark.parametrize(
    ("title", "official"),
    [
        ("President", True),
        ("Minister of Foreign Affairs", True),
        ("Vice Foreign Minister", True),
        ("Under Secretary of State for Political Affairs", True),
        ("Principal Deputy Spokesperson", True),
        ("Ambassador to the Republic of Korea", True),
        ("Commander, U.S. Forces Korea", True),
        ("Director-General for North American Affairs", True),
        ("National Security Advisor", True),
        ("", False),
        ("Professor of history", False),
        ("White House Chief of Staff", True),
        ("Chief executive officer, Hanwha Ocean", False),
    ],
)
def test_official_titles_are_recognised(title, official):
    assert is_official_title(title) is official


def test_unknown_officials_are_ticked_for_creation_and_a_quick_save_keeps_them(editor_client):
    response = preview(editor_client, text=READOUT)
    body = response.content.decode()
    found = [f for f in response.context["participants"].forms if f.initial]
    assert {f.initial["title"] for f in found} == {"President"}
    assert all(f["confirm_new"].value() for f in found)
    assert " checked" in checkbox(body, "participants-0-confirm_new")
    assert "ticked already when the title shows an office" in body

    saved = editor_client.post(IMPORT_URL, saved_form(response), follow=True)
    meeting = Meeting.objects.get()
    names = set(meeting.participations.values_list("official__name", flat=True))
    assert any("Biden" in n for n in names)
    assert any("Moon Jae-in" in n for n in names)
    page = saved.content.decode()
    assert "New officials created: " in page
    assert "Left out" not in page


def test_unknown_people_without_an_office_are_not_ticked(editor_client):
    text = READOUT.replace(
        "such as the COVID-19 pandemic and climate change.",
        "such as the COVID-19 pandemic and climate change. Jane Roe joined the call.",
    )
    response = preview(editor_client, text=text)
    for form in response.context["participants"].forms:
        if form.initial and not form.initial["title"]:
            assert form["confirm_new"].value() is False


# --- No pre-ticked empty rows -----------------------------------------------------------------


def test_the_empty_participant_row_is_not_ticked(editor_client):
    response = preview(editor_client, text=READOUT)
    forms = response.context["participants"].forms
    blank = forms[-1]
    assert not blank.initial
    assert not blank["include"].value()
    assert all(f["include"].value() is True for f in forms[:-1])
    body = response.content.decode()
    assert " checked" not in checkbox(body, f"participants-{len(forms) - 1}-include")
    assert " checked" in checkbox(body, "participants-0-include")


def test_quotes_and_commitments_found_are_ticked(editor_client):
    response = preview(editor_client, text=READOUT)
    commitments = response.context["commitments"].forms
    assert commitments
    assert all(f["include"].value() is True for f in commitments)


def test_a_name_typed_into_the_empty_row_without_keep_is_an_error_not_a_loss(editor_client):
    response = preview(editor_client, text=READOUT)
    last = len(response.context["participants"].forms) - 1
    data = saved_form(response, **{f"participants-{last}-name": "Chung Eui-yong"})
    again = editor_client.post(IMPORT_URL, data)
    assert again.status_code == 200
    assert "Tick “Keep” to add this person, or clear the name." in again.content.decode()
    assert Meeting.objects.count() == 0

    data[f"participants-{last}-include"] = "on"
    data[f"participants-{last}-title"] = "Minister of Foreign Affairs"
    data[f"participants-{last}-country"] = "KR"
    data[f"participants-{last}-confirm_new"] = "on"
    assert editor_client.post(IMPORT_URL, data).status_code == 302
    assert Participation.objects.filter(official__name="Chung Eui-yong").exists()


def test_the_empty_row_left_empty_adds_nobody(editor_client):
    response = preview(editor_client, text=READOUT)
    data = saved_form(response, **{"participants-0-confirm_new": "on"})
    data["participants-1-confirm_new"] = "on"
    assert editor_client.post(IMPORT_URL, data).status_code == 302
    assert Meeting.objects.get().participations.count() == 2


# --- A warning when the document is already recorded ------------------------------------------


def save_import(client, text=READOUT, **about):
    response = preview(client, text=text, **about)
    saved = client.post(IMPORT_URL, saved_form(response), follow=True)
    assert saved.redirect_chain, saved.context and saved.context.get("form").errors
    return saved


def test_the_same_text_again_warns_of_the_draft_it_made(editor_client):
    save_import(editor_client)
    meeting = Meeting.objects.get()
    body = preview(editor_client, text=READOUT).content.decode()
    assert "This document is already recorded" in body
    assert reverse("admin:engagements_meeting_change", args=[meeting.pk]) in body
    assert "a <strong>draft</strong>: not public" in body
    assert f"Saving updates “{meeting.title}” instead of creating another meeting" in body


def test_the_same_address_warns_of_a_published_meeting(editor_client):
    address = "https://www.mofa.go.kr/eng/brd/m_5676/view.do?seq=321"
    meeting = Meeting.objects.create(
        title="Foreign ministers' call",
        slug="call",
        date=datetime.date(2021, 2, 3),
        publication_state=Meeting.Publication.PUBLISHED,
    )
    source = Source.objects.create(title="Readout", url=address, raw_text="An earlier copy.")
    meeting.sources.add(source)
    body = preview(editor_client, text=READOUT, page_url=address).content.decode()
    assert "This document is already recorded" in body
    assert "Foreign ministers&#x27; call" in body
    assert "<strong>published</strong>: it is on the public timeline" in body
    assert reverse("admin:engagements_meeting_change", args=[meeting.pk]) in body


def test_a_new_document_has_no_warning(editor_client):
    assert "already recorded" not in preview(editor_client, text=READOUT).content.decode()


# --- Honest messages about what is public -----------------------------------------------------


def test_a_new_draft_is_said_to_be_not_public(editor_client):
    page = save_import(editor_client).content.decode()
    assert "Created the draft" in page
    assert "stays a draft until you publish it: nothing of it is public" in page


def test_importing_into_a_published_meeting_says_what_changed_in_public(editor_client):
    address = "https://www.whitehouse.gov/briefing-room/2021/02/04/readout/"
    save_import(editor_client, page_url=address)
    services.publish_meetings(meetings=Meeting.objects.all())
    meeting = Meeting.objects.get()
    name = f"“{meeting.title}” (3 February 2021)"
    page = save_import(editor_client, page_url=address).content.decode()
    assert f"The published meeting {name} did not change: the document brought nothing new" in (
        page
    )
    # The page at the same address, updated.
    changed = READOUT.replace("climate change.", "climate change. They discussed trade.")
    page = save_import(editor_client, changed, page_url=address).content.decode()
    assert f"Updated {name} from the document again." in page
    assert f"The published meeting {name} changed: topics (Trade" in page
    assert "What changed is public now." in page
    assert "stays a draft" not in page
    assert Meeting.objects.get().is_published


def test_attaching_to_a_published_meeting_says_it_is_public(editor_client):
    biden = Official.objects.create(name="Joseph R. Biden, Jr.", country_id="US")
    moon = Official.objects.create(name="Moon Jae-in", country_id="KR")
    meeting = Meeting.objects.create(
        title="Biden–Moon call",
        slug="biden-moon",
        date=datetime.date(2021, 2, 3),
        modality="phone_call",
        publication_state=Meeting.Publication.PUBLISHED,
    )
    for person in (biden, moon):
        Participation.objects.create(meeting=meeting, official=person, side_id=person.country_id)
    page = save_import(editor_client).content.decode()
    assert "Attached the document to the meeting already recorded, “Biden–Moon call”" in page
    assert "The published meeting “Biden–Moon call” (3 February 2021) changed: the source" in page
    assert ", the readout, " in page
    assert "What changed is public now." in page
    assert "stays a draft" not in page
    assert Meeting.objects.get().statements.filter(kind="readout").exists()


# --- A retrieval time only when something was retrieved ---------------------------------------


def test_pasted_text_has_no_retrieval_time(editor_client):
    save_import(editor_client)
    assert Source.objects.get().retrieved_at is None


class ReadoutHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = READOUT.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def readout_server(settings):
    # The stand-in for the web is on loopback, which imports refuse unless allowed.
    settings.INGEST_ALLOW_PRIVATE_ADDRESSES = True
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ReadoutHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_fetched_page_keeps_the_time_it_was_fetched(editor_client, readout_server):
    url = f"{readout_server}/readout.txt"
    response = preview(editor_client, url=url)
    fetched_at = response.context["form"]["document_retrieved_at"].value()
    assert fetched_at is not None
    assert editor_client.post(IMPORT_URL, saved_form(response)).status_code == 302
    source = Source.objects.get()
    assert source.url == url
    assert source.retrieved_at == timezone.make_aware(fetched_at)


def test_a_file_loaded_by_the_command_has_its_retrieval_time(tmp_path):
    path = tmp_path / "readout.txt"
    path.write_text(READOUT)
    call_command("ingest_readout", str(path), "--create-officials", stdout=None)
    assert Source.objects.get().retrieved_at is not None


# --- Publisher, address, publication date and issuing government for pasted text --------------


def test_pasted_text_takes_publisher_address_and_date(editor_client):
    address = "https://www.mofa.go.kr/eng/brd/m_5676/view.do?seq=321"
    response = preview(
        editor_client,
        text=READOUT,
        publisher="ROK Ministry of Foreign Affairs",
        page_url=address,
        published_on="2021-02-04",
    )
    form = response.context["form"]
    assert form["publisher"].value() == "ROK Ministry of Foreign Affairs"
    assert form["document_url"].value() == address
    assert str(form["published_on"].value()) == "2021-02-04"
    assert form["issuing_country"].value() == "KR"
    body = response.content.decode()
    assert "Issuing government" in body
    assert '<option value="KR" selected>' in body

    assert editor_client.post(IMPORT_URL, saved_form(response)).status_code == 302
    source = Source.objects.get()
    assert (source.url, source.publisher) == (address, "ROK Ministry of Foreign Affairs")
    assert source.published_on == datetime.date(2021, 2, 4)
    readout = Statement.objects.get(kind="readout")
    assert readout.issuing_country_id == "KR"


def test_a_ministry_release_pasted_without_an_address_gets_its_government(editor_client):
    response = preview(editor_client, text=READOUT, publisher="Ministry of National Defense, ROK")
    assert response.context["form"]["issuing_country"].value() == "KR"
    editor_client.post(IMPORT_URL, saved_form(response))
    assert Statement.objects.get(kind="readout").issuing_country_id == "KR"


def test_the_editor_picks_the_issuing_government_in_the_review(editor_client):
    response = preview(editor_client, text=READOUT)
    assert response.context["form"]["issuing_country"].value() == ""
    assert "issuing government (neither the address nor the publisher says)" in (
        response.content.decode()
    )
    saved = editor_client.post(
        IMPORT_URL, saved_form(response, issuing_country="KR", publisher="Cheong Wa Dae")
    )
    assert saved.status_code == 302
    readout = Statement.objects.get(kind="readout")
    assert readout.issuing_country_id == "KR"
    assert Source.objects.get().publisher == "Cheong Wa Dae"


def test_a_fetched_address_and_a_given_address_conflict(editor_client):
    response = preview(
        editor_client, url="https://www.state.gov/x", page_url="https://www.state.gov/y"
    )
    assert response.status_code == 200
    assert "leave this empty" in response.content.decode()
    assert Source.objects.count() == 0
