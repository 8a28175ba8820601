"""What an import may change depends on who imports: a document about a published meeting waits
in the review queue until an editor who may change (and publish) meetings takes it in, and the
review queue's links open every kept document, readable or not."""

import datetime

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from engagements import services
from engagements.ingest.documents import RawDocument
from engagements.ingest.importer import keep_for_review
from engagements.models import Meeting, Official, Participation, ReadoutImport, Source
from tests.test_admin_import import IMPORT_URL, READOUT, preview, saved_form

pytestmark = pytest.mark.django_db

ADDRESS = "https://www.whitehouse.gov/briefing-room/2021/02/04/readout-biden-moon/"


def staff(username: str, *codenames: str) -> User:
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def adder(client, db):
    """Staff who may add meetings and nothing else: the meeting list is a 403 for them."""
    client.force_login(staff("adder", "add_meeting"))
    return client


@pytest.fixture
def changer(client, db):
    """Staff who may add and change meetings, but not publish them."""
    client.force_login(staff("changer", "add_meeting", "change_meeting", "view_meeting"))
    return client


@pytest.fixture
def biden_moon(db):
    """The call the readout is about, recorded with both leaders and published."""
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
    return meeting


def save(client, text=READOUT, *, changes=None, **about):
    response = preview(client, text=text, **about)
    assert response.status_code == 200
    return client.post(IMPORT_URL, saved_form(response, **(changes or {})), follow=True)


def public_page(client, meeting: Meeting) -> str:
    client.logout()
    response = client.get(meeting.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


# --- Attaching to a recorded meeting --------------------------------------------------------


def test_staff_who_may_only_add_meetings_cannot_attach_to_a_published_meeting(adder, biden_moon):
    saved = save(adder)
    assert saved.status_code == 200
    page = saved.content.decode()
    assert "is published" in page
    assert "kept in the review queue" in page
    assert "Nothing of it is public" in page
    # The document waits, unplaced, for an editor; the published meeting is as it was.
    source = Source.objects.get()
    assert not source.meetings.exists()
    assert source.raw_text == READOUT
    assert not biden_moon.statements.exists()
    assert not ReadoutImport.objects.exists()
    assert Meeting.objects.count() == 1
    assert "linchpin" not in public_page(adder, biden_moon)


def test_staff_who_may_change_but_not_publish_cannot_attach_to_a_published_meeting(
    changer, biden_moon
):
    page = save(changer).content.decode()
    assert "kept in the review queue" in page
    assert "to publish meetings" in page
    assert not biden_moon.statements.exists()
    assert not Source.objects.get().meetings.exists()


def test_attaching_to_a_draft_needs_the_permission_to_change_meetings(adder, biden_moon):
    services.unpublish_meetings(meetings=Meeting.objects.all())
    page = save(adder).content.decode()
    assert "kept in the review queue" in page
    assert "to change meetings" in page
    assert not biden_moon.statements.exists()


def test_staff_who_may_change_meetings_attach_to_a_draft(changer, biden_moon):
    services.unpublish_meetings(meetings=Meeting.objects.all())
    page = save(changer).content.decode()
    assert "Attached the document to the meeting already recorded" in page
    assert "nothing of it is public" in page
    assert biden_moon.statements.filter(kind="readout").exists()


def test_an_editor_attaching_to_a_published_meeting_is_told_it_changed(editor_client, biden_moon):
    page = save(editor_client).content.decode()
    assert "The published meeting “Biden–Moon call” (3 February 2021) changed" in page
    assert "the readout" in page
    assert "public now" in page
    assert "linchpin" in public_page(editor_client, biden_moon)


def test_a_kept_document_is_taken_in_from_the_queue_by_an_editor(client, editor, biden_moon):
    client.force_login(staff("adder", "add_meeting"))
    save(client)
    source = Source.objects.get()
    client.force_login(editor)
    review = client.get(IMPORT_URL, {"source": source.pk})
    assert review.status_code == 200
    saved = client.post(IMPORT_URL, saved_form(review), follow=True)
    assert (
        "The published meeting “Biden–Moon call” (3 February 2021) changed"
        in saved.content.decode()
    )
    assert list(source.meetings.all()) == [biden_moon]
    assert Source.objects.count() == 1


# --- Importing the same document again --------------------------------------------------------


@pytest.fixture
def published_import(editor_client, editor):
    """The readout imported from its address by an editor, then published."""
    save(editor_client, page_url=ADDRESS)
    meeting = Meeting.objects.get()
    services.publish_meetings(meetings=Meeting.objects.all())
    return meeting


def test_a_reimport_by_staff_who_may_only_add_changes_no_published_meeting(
    client, published_import
):
    client.force_login(staff("adder", "add_meeting"))
    updated = READOUT.replace("spoke today", "met today in Washington")
    saved = save(
        client,
        updated,
        page_url=ADDRESS,
        changes={"modality": "in_person", "location": "Washington"},
    )
    page = saved.content.decode()
    assert "Nothing was saved" in page
    assert "is published" in page
    published_import.refresh_from_db()
    assert (published_import.modality, published_import.location) == ("phone_call", "")
    assert Source.objects.get().raw_text == READOUT
    assert ReadoutImport.objects.count() == 1
    assert "In person" not in public_page(client, published_import)


def test_a_reimport_by_an_editor_says_the_published_meeting_changed(
    editor_client, published_import
):
    saved = save(editor_client, page_url=ADDRESS, changes={"location": "Washington"})
    page = saved.content.decode()
    assert "The published meeting" in page
    assert "changed: location" in page
    published_import.refresh_from_db()
    assert published_import.location == "Washington"


def test_reimporting_a_draft_needs_the_permission_to_change_meetings(client, db):
    client.force_login(staff("adder", "add_meeting", "add_official"))
    first = save(client)
    assert "Created the draft" in first.content.decode()
    # Without the right to view meetings the meeting's page is closed: back to the import.
    assert first.redirect_chain[-1][0] == IMPORT_URL
    again = save(client, changes={"location": "Seoul"}).content.decode()
    assert "Nothing was saved" in again
    assert "to change meetings" in again
    assert Meeting.objects.get().location == ""


# --- Creating officials -------------------------------------------------------------------------


def test_creating_officials_needs_the_permission_to_add_them(adder):
    response = preview(adder, text=READOUT)
    # Nobody is ticked for creation for someone who may not create officials.
    assert not any(f["confirm_new"].value() for f in response.context["participants"].forms)
    assert "you may not create officials" in response.content.decode()
    data = saved_form(response, **{"participants-0-confirm_new": "on"})
    again = adder.post(IMPORT_URL, data)
    assert again.status_code == 200
    assert "Creating officials needs the permission to add them" in again.content.decode()
    assert Official.objects.count() == 0
    assert Meeting.objects.count() == 0
    assert Source.objects.count() == 0


# --- The review queue's links -------------------------------------------------------------------


NO_DATE = READOUT.replace("February 3, 2021\n", "").replace("spoke today", "spoke")


@pytest.mark.parametrize(
    ("raw_text", "message"),
    [
        ("The weather in Seoul was fine today, and nobody met anyone.", "describes no meeting"),
        ("   \n\n  \t ", "is empty: there is no text to read"),
        ("<html><body><script>x()</script></body></html>", "no readable text"),
        ("\x01\x02\x03\x04 binary \x05\x06\x07\x08" * 20, "looks like binary data"),
        # EUC-KR bytes read as Latin-1: text, but of no language.
        ("회담 결과 보도자료".encode("euc-kr").decode("latin-1"), "describes no meeting"),
    ],
)
def test_a_kept_document_that_cannot_be_read_opens_with_the_reason(
    editor_client, raw_text, message
):
    source = Source.objects.create(title="Kept", raw_text=raw_text, publisher="MOFA")
    queue = editor_client.get(reverse("admin:engagements_source_changelist"), {"placed": "no"})
    assert f"{IMPORT_URL}?source={source.pk}" in queue.content.decode()
    response = editor_client.get(IMPORT_URL, {"source": source.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "Enter the meeting by hand, or correct the text below" in body
    assert response.context["form"]["publisher"].value() == "MOFA"
    assert Meeting.objects.count() == 0


def test_a_kept_document_without_a_date_opens_for_the_date_to_be_given(editor_client):
    source = keep_for_review(document=RawDocument(text=NO_DATE, content_type="text/plain"))
    response = editor_client.get(IMPORT_URL, {"source": source.pk})
    assert response.status_code == 200
    assert response.context["form"]["meeting_date"].value() is None
    assert "meeting date (not found in the text)" in response.content.decode()


@pytest.mark.parametrize(
    "value", ["9" * 5000, "99999999999999999999", "-1", "0", "١٢", "1.5", "", " 1"]
)
def test_a_review_link_naming_no_possible_document_is_a_bad_request(editor_client, value):
    response = editor_client.get(IMPORT_URL, {"source": value})
    assert response.status_code == 400
    assert "names no document" in response.content.decode()


def test_a_review_link_to_a_document_not_kept_is_not_found(editor_client):
    assert editor_client.get(IMPORT_URL, {"source": "12345"}).status_code == 404


# --- Which document it is -------------------------------------------------------------------------


def html_readout(canonical: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in READOUT.split("\n\n"))
    return (
        f'<html><head><title>Readout</title><link rel="canonical" href="{canonical}"></head>'
        f"<body><article>{paragraphs}</article></body></html>"
    )


def test_a_page_with_a_relative_canonical_link_is_saved_without_an_address(editor_client):
    saved = save(editor_client, html_readout("/briefing-room/2021/02/04/readout/"))
    assert saved.redirect_chain
    assert "Created the draft" in saved.content.decode()
    assert Source.objects.get().url == ""


def test_an_address_given_to_text_already_recorded_under_another_is_a_form_error(editor_client):
    save(editor_client)
    other = Source.objects.create(title="Another release", url=ADDRESS, raw_text="Other text.")
    response = preview(editor_client, text=READOUT)
    again = editor_client.post(IMPORT_URL, saved_form(response, document_url=ADDRESS))
    assert again.status_code == 200
    body = again.content.decode()
    assert "are already recorded as different documents" in body
    assert "Correct the address, or leave it empty." in body
    assert not other.meetings.exists()
    assert ReadoutImport.objects.count() == 1
