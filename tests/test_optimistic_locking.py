"""Two editors with one meeting open: the second save of a stale form is refused, says what
changed and its current value, and saves nothing — no silent lost update."""

import datetime
import re
import threading
import time

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from engagements.models import Meeting, PolicyTopic
from tests import factories as f

pytestmark = pytest.mark.django_db


def change_url(meeting):
    return reverse("admin:engagements_meeting_change", args=[meeting.pk])


def as_posted(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [as_posted(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def opened(client, meeting, url=None):
    """Open the change form as a browser would, and return what it would submit unchanged."""
    response = client.get(url or change_url(meeting))
    assert response.status_code == 200
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for name in form.fields:
            bound = form[name]
            value = bound.value()
            if value in (False, None) and bound.widget_type == "checkbox":
                continue
            data[bound.html_name] = as_posted(value)
    return data


@pytest.fixture
def meeting(db):
    return f.meeting(
        "Talks", published=False, summary="They met.", location="Seoul", topics=("security",)
    )


@pytest.fixture
def second_editor(editor):
    other = User.objects.create_user("editor-b", password="b-pass", is_staff=True)
    other.groups.set(editor.groups.all())
    client = Client()
    client.force_login(other)
    return client


def test_the_form_carries_the_version_it_was_opened_at(editor_client, meeting):
    page = editor_client.get(change_url(meeting)).text
    assert re.search(r'<input type="hidden" name="opened_version" value="1"', page)


def test_every_save_raises_the_version(meeting):
    assert meeting.version == 1
    meeting.summary = "They met again."
    meeting.save()
    assert meeting.version == 2
    meeting.refresh_from_db()
    assert meeting.version == 2
    assert meeting.history.latest().version == 2


def test_a_stale_form_is_refused_naming_what_changed_and_saves_nothing(
    editor_client, second_editor, meeting
):
    form_a = opened(editor_client, meeting)
    form_b = opened(second_editor, meeting)

    response = editor_client.post(change_url(meeting), form_a | {"title": "Foreign ministers"})
    assert response.status_code == 302

    saved = meeting.history.count()
    response = second_editor.post(change_url(meeting), form_b | {"summary": "They argued."})
    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    text = " ".join(errors)
    assert "changed after you opened it" in text
    assert "Title is now “Foreign ministers”" in text
    assert "Summary" not in text  # B's own change, not a change since B opened the form
    assert "Nothing was saved" in text
    assert "Foreign ministers" in response.text

    meeting.refresh_from_db()
    assert (meeting.title, meeting.summary) == ("Foreign ministers", "They met.")
    assert meeting.version == 2
    assert meeting.history.count() == saved


def test_the_message_lists_every_changed_field_with_its_current_value(
    editor_client, second_editor, meeting
):
    form_b = opened(second_editor, meeting)
    form_a = opened(editor_client, meeting)
    economy = PolicyTopic.objects.get(slug="economy")
    editor_client.post(
        change_url(meeting),
        form_a
        | {"location": "", "date": "2025-09-11", "modality": "phone_call", "topics": [economy.pk]},
    )

    response = second_editor.post(change_url(meeting), form_b)
    text = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Date is now 11 September 2025" in text
    assert "Modality is now “Phone call”" in text
    assert "Location is now empty" in text
    assert "Topics are now “Economy”" in text
    assert "Title" not in text


def test_a_stale_form_is_refused_when_only_the_parts_changed(editor_client, second_editor, meeting):
    form_b = opened(second_editor, meeting)
    form_a = opened(editor_client, meeting)
    rubio = f.official("Marco Rubio", "US")
    form_a |= {
        "participations-TOTAL_FORMS": "1",
        "participations-0-official": str(rubio.pk),
        "participations-0-side": "US",
        "participations-0-role": "principal",
    }
    assert editor_client.post(change_url(meeting), form_a).status_code == 302

    response = second_editor.post(change_url(meeting), form_b | {"title": "Renamed"})
    assert response.status_code == 200
    text = " ".join(response.context["adminform"].form.non_field_errors())
    assert "participants, statements, commitments or sources" in text
    meeting.refresh_from_db()
    assert meeting.title == "Talks"


def test_reopening_the_form_then_saving_works(editor_client, second_editor, meeting):
    form_b = opened(second_editor, meeting)
    editor_client.post(change_url(meeting), opened(editor_client, meeting) | {"title": "A"})
    assert second_editor.post(change_url(meeting), form_b | {"title": "B"}).status_code == 200

    fresh = opened(second_editor, meeting)
    assert fresh["opened_version"] == "2"
    assert second_editor.post(change_url(meeting), fresh | {"title": "B"}).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.version) == ("B", 3)


def test_a_save_outside_the_admin_makes_open_forms_stale(editor_client, meeting):
    form = opened(editor_client, meeting)
    meeting.location = "Washington, D.C."
    meeting.save()  # an import attaching another readout, say

    response = editor_client.post(change_url(meeting), form)
    assert response.status_code == 200
    text = " ".join(response.context["adminform"].form.non_field_errors())
    assert "Location is now “Washington, D.C.”" in text
    meeting.refresh_from_db()
    assert meeting.location == "Washington, D.C."


def test_publishing_from_a_stale_form_publishes_nothing(editor_client, second_editor, meeting):
    form_b = opened(second_editor, meeting)
    editor_client.post(change_url(meeting), opened(editor_client, meeting) | {"title": "A"})
    response = second_editor.post(change_url(meeting), form_b | {"_publish": "Save and publish"})
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert not meeting.is_published


def test_reverting_from_the_history_is_checked_too(editor_client, second_editor, meeting):
    first = meeting.history.earliest()
    meeting.title = "Renamed"
    meeting.save()
    revert = reverse("admin:engagements_meeting_simple_history", args=[meeting.pk, first.pk])
    form = opened(editor_client, meeting, revert)
    assert form["title"] == "Talks"
    assert form["opened_version"] == "2"  # the current version, not the old record's

    stale = opened(second_editor, meeting, revert)
    assert editor_client.post(revert, form).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.version) == ("Talks", 3)

    response = second_editor.post(revert, stale)
    assert response.status_code == 200
    assert "This meeting was changed after you opened it" in response.text
    meeting.refresh_from_db()
    assert meeting.version == 3


def test_a_tampered_version_is_a_form_error(editor_client, meeting):
    form = opened(editor_client, meeting) | {"opened_version": "one"}
    response = editor_client.post(change_url(meeting), form | {"title": "X"})
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.title == "Talks"


def test_adding_a_meeting_needs_no_version(editor_client):
    page = editor_client.get(reverse("admin:engagements_meeting_add"))
    assert page.status_code == 200
    assert Meeting.objects.count() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_save_racing_another_waits_for_it_and_is_refused(client, admin_user):
    """The version is checked under a row lock: a stale save that arrives while another save is
    still in its transaction waits for it, then sees the new version, instead of overwriting."""
    meeting = Meeting.objects.create(title="Talks", slug="talks", date=datetime.date(2025, 9, 10))
    client.force_login(admin_user)
    form = opened(client, meeting)
    locked, done = threading.Event(), threading.Event()

    def other_editor():
        try:
            with transaction.atomic():
                row = Meeting.objects.select_for_update().get(pk=meeting.pk)
                row.title = "Saved first"
                row.save()
                locked.set()
                time.sleep(0.5)
        finally:
            connection.close()
            done.set()

    thread = threading.Thread(target=other_editor)
    thread.start()
    assert locked.wait(5)
    response = client.post(change_url(meeting), form | {"title": "Saved second"})
    thread.join(5)
    assert done.is_set()
    assert response.status_code == 200
    assert "Title is now “Saved first”" in " ".join(
        response.context["adminform"].form.non_field_errors()
    )
    meeting.refresh_from_db()
    assert (meeting.title, meeting.version) == ("Saved first", 2)
