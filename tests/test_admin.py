"""The editors' admin, by persona: anonymous visitors and non-staff accounts are sent to log
in; editors add and correct meetings with everything inline, and publish them explicitly."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from django.urls import reverse

from engagements import services
from engagements.models import Commitment, Meeting, Official, Participation, Statement

pytestmark = pytest.mark.django_db

INLINE_PREFIXES = ["participations", "statements", "commitments", "meetingsource_set"]


def management_form(prefix, total=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def meeting_form(**fields):
    data = {
        "title": "Secretary Rubio's Meeting With Foreign Minister Cho Hyun",
        "slug": "2025-09-10-rubio-cho",
        "summary": "They discussed shipbuilding.",
        "date": "2025-09-10",
        "date_precision": "day",
        "end_date": "",
        "modality": "in_person",
        "level": "ministerial",
        "status": "confirmed",
        "location": "Washington, D.C.",
        "parent": "",
    }
    for prefix in INLINE_PREFIXES:
        data |= management_form(prefix)
    return data | fields


@pytest.fixture
def rubio_and_cho(db):
    return (
        Official.objects.create(name="Marco Rubio", country_id="US"),
        Official.objects.create(name="Cho Hyun", country_id="KR"),
    )


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("admin:engagements_meeting_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_account_without_staff_rights_cannot_enter(client, member):
    client.force_login(member)
    response = client.get(reverse("admin:engagements_meeting_add"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert Meeting.objects.count() == 0


def test_editor_adds_a_meeting_with_participants_statement_and_commitment(
    editor_client, rubio_and_cho
):
    rubio, cho = rubio_and_cho
    shipbuilding = "shipbuilding"
    data = meeting_form(
        **management_form("participations", total=2),
        **{
            "participations-0-official": str(rubio.pk),
            "participations-0-side": "US",
            "participations-0-role": "principal",
            "participations-0-title": "Secretary of State",
            "participations-1-official": str(cho.pk),
            "participations-1-side": "KR",
            "participations-1-role": "principal",
            "participations-1-title": "Foreign Minister",
        },
        **management_form("statements", total=1),
        **{
            "statements-0-kind": "readout",
            "statements-0-issuing_country": "US",
            "statements-0-issuing_office": "Office of the Spokesperson",
            "statements-0-language": "en",
            "statements-0-date": "2025-09-10",
            "statements-0-text": "Secretary Rubio met Foreign Minister Cho Hyun today.",
        },
        **management_form("commitments", total=1),
        **{
            "commitments-0-party": "",
            "commitments-0-is_joint": "on",
            "commitments-0-text": "Address North Korea's nuclear and missile threats.",
            "commitments-0-passage": "They reiterated their commitment to addressing threats.",
        },
    )
    data["topics"] = [str(t) for t in _topic_ids(shipbuilding)]
    response = editor_client.post(reverse("admin:engagements_meeting_add"), data)
    assert response.status_code == 302, _errors(response)

    meeting = Meeting.objects.get(slug="2025-09-10-rubio-cho")
    assert meeting.publication_state == Meeting.Publication.DRAFT
    assert {p.official.name for p in meeting.participations.all()} == {"Marco Rubio", "Cho Hyun"}
    assert Statement.objects.get(meeting=meeting).issuing_country_id == "US"
    assert Commitment.objects.get(meeting=meeting).is_joint
    assert list(meeting.topics.values_list("slug", flat=True)) == ["shipbuilding"]
    assert meeting.history.earliest().history_user.username == "editor"


def test_view_on_site_is_offered_for_published_meetings_only(editor_client):
    draft = Meeting.objects.create(title="Draft", slug="draft", date=datetime.date(2025, 9, 10))
    published = Meeting.objects.create(
        title="Out", slug="out", date=datetime.date(2025, 9, 1), publication_state="published"
    )
    change = "admin:engagements_meeting_change"
    assert (
        "View on site" not in editor_client.get(reverse(change, args=[draft.pk])).content.decode()
    )
    page = editor_client.get(reverse(change, args=[published.pk])).content.decode()
    assert "View on site" in page


def test_editor_corrects_a_meeting(editor_client, rubio_and_cho):
    meeting = Meeting.objects.create(
        title="Talks", slug="talks", date=datetime.date(2025, 9, 10), publication_state="published"
    )
    Participation.objects.create(meeting=meeting, official=rubio_and_cho[0], side_id="US")
    url = reverse("admin:engagements_meeting_change", args=[meeting.pk])
    page = editor_client.get(url)
    assert page.status_code == 200
    assert "View on site" in page.content.decode()

    data = meeting_form(title="Foreign ministers' talks", slug="talks")
    data |= {
        "participations-TOTAL_FORMS": "1",
        "participations-INITIAL_FORMS": "1",
        "participations-0-id": str(meeting.participations.get().pk),
        "participations-0-meeting": str(meeting.pk),
        "participations-0-official": str(rubio_and_cho[0].pk),
        "participations-0-side": "US",
        "participations-0-role": "host",
        "participations-0-title": "",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302, _errors(response)
    meeting.refresh_from_db()
    assert meeting.title == "Foreign ministers' talks"
    assert meeting.participations.get().role == "host"
    assert meeting.history.latest().title == "Foreign ministers' talks"


def test_invalid_dates_are_a_form_error_not_a_crash(editor_client):
    response = editor_client.post(
        reverse("admin:engagements_meeting_add"),
        meeting_form(date="2025-09-10", end_date="2025-09-01"),
    )
    assert response.status_code == 200
    assert "The end date cannot be before the date." in response.content.decode()
    assert Meeting.objects.count() == 0


def test_same_official_twice_is_a_form_error(editor_client, rubio_and_cho):
    rubio = rubio_and_cho[0]
    data = meeting_form(**management_form("participations", total=2))
    for n in range(2):
        data |= {
            f"participations-{n}-official": str(rubio.pk),
            f"participations-{n}-side": "US",
            f"participations-{n}-role": "principal",
        }
    response = editor_client.post(reverse("admin:engagements_meeting_add"), data)
    assert response.status_code == 200
    assert "Please correct the duplicate data" in response.content.decode()
    assert Meeting.objects.count() == 0


def test_editor_publishes_and_unpublishes_with_actions(editor_client):
    meeting = Meeting.objects.create(title="Talks", slug="talks", date=datetime.date(2025, 9, 10))
    changelist = reverse("admin:engagements_meeting_changelist")
    response = editor_client.post(
        changelist, {"action": "publish", "_selected_action": [meeting.pk]}, follow=True
    )
    assert "Published 1 meeting(s)." in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.is_published
    assert meeting.published_at is not None

    editor_client.post(changelist, {"action": "unpublish", "_selected_action": [meeting.pk]})
    meeting.refresh_from_db()
    assert not meeting.is_published


# --- Publish and unpublish from the meeting's own page ---------------------------------------


@pytest.fixture
def draft(db):
    return Meeting.objects.create(
        title="Talks", slug="2025-09-10-rubio-cho", date=datetime.date(2025, 9, 10)
    )


def change_url(meeting):
    return reverse("admin:engagements_meeting_change", args=[meeting.pk])


def test_editor_publishes_from_the_change_form_saving_the_corrections_first(editor_client, draft):
    page = editor_client.get(change_url(draft)).content.decode()
    assert 'name="_publish"' in page
    assert "Draft: not public." in page
    assert 'name="_unpublish"' not in page

    data = meeting_form(title="Foreign ministers' talks") | {"_publish": "Save and publish"}
    response = editor_client.post(change_url(draft), data)
    assert response.status_code == 302
    assert response["Location"] == change_url(draft)
    draft.refresh_from_db()
    assert draft.is_published
    assert draft.published_at is not None
    assert draft.title == "Foreign ministers' talks"
    assert draft.history.latest().history_user.username == "editor"

    page = editor_client.get(response["Location"]).content.decode()
    assert "Published: it is now on the public timeline." in page
    assert 'name="_unpublish"' in page
    assert "View on site" in page


def test_editor_unpublishes_from_the_change_form(editor_client, draft):
    services.publish_meetings(meetings=Meeting.objects.all())
    data = meeting_form() | {"_unpublish": "Save and unpublish"}
    response = editor_client.post(change_url(draft), data, follow=True)
    assert "Moved back to draft: it is no longer public." in response.content.decode()
    draft.refresh_from_db()
    assert not draft.is_published
    assert draft.published_at is None


def test_publishing_with_an_invalid_form_publishes_nothing(editor_client, draft):
    data = meeting_form(end_date="2025-09-01") | {"_publish": "Save and publish"}
    response = editor_client.post(change_url(draft), data)
    assert response.status_code == 200
    assert "The end date cannot be before the date." in response.content.decode()
    draft.refresh_from_db()
    assert not draft.is_published


def test_anonymous_visitor_cannot_publish(client, draft):
    response = client.post(change_url(draft), meeting_form() | {"_publish": "1"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    draft.refresh_from_db()
    assert not draft.is_published


def staff_with(*codenames):
    user = User.objects.create_user("staff", "staff@example.org", "x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


@pytest.mark.parametrize(
    "codenames",
    [("view_meeting",), ("view_meeting", "change_meeting")],
    ids=["view only", "may change but not publish"],
)
def test_staff_without_the_publish_permission_are_refused_and_nothing_is_saved(
    client, draft, codenames
):
    client.force_login(staff_with(*codenames))
    page = client.get(change_url(draft)).content.decode()
    assert 'name="_publish"' not in page
    data = meeting_form(title="Changed") | {"_publish": "Save and publish"}
    assert client.post(change_url(draft), data).status_code == 403
    draft.refresh_from_db()
    assert (draft.title, draft.is_published) == ("Talks", False)


def test_publishing_from_the_change_form_needs_the_csrf_token(editor, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(change_url(draft), meeting_form() | {"_publish": "1"})
    assert response.status_code == 403
    draft.refresh_from_db()
    assert not draft.is_published


def test_participant_side_offers_no_links_that_widen_the_row(editor_client, rubio_and_cho):
    meeting = Meeting.objects.create(title="Talks", slug="t", date=datetime.date(2025, 9, 10))
    Participation.objects.create(meeting=meeting, official=rubio_and_cho[0], side_id="US")
    page = editor_client.get(change_url(meeting)).content.decode()
    assert 'id="view_id_participations-0-side"' not in page
    assert 'id="view_id_participations-0-official"' in page
    assert "engagements/admin-meeting.css" in page


def test_changelist_filters_and_searches(editor_client):
    Meeting.objects.create(title="Shipbuilding talks", slug="a", date=datetime.date(2025, 9, 10))
    Meeting.objects.create(title="Burden sharing call", slug="b", date=datetime.date(2025, 8, 1))
    changelist = reverse("admin:engagements_meeting_changelist")
    response = editor_client.get(changelist, {"q": "shipbuilding", "publication_state": "draft"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Shipbuilding talks" in body
    assert "Burden sharing call" not in body
    assert response.context["cl"].result_count == 1


def test_editor_sees_the_edit_history(editor_client):
    meeting = Meeting.objects.create(title="Talks", slug="talks", date=datetime.date(2025, 9, 10))
    response = editor_client.get(reverse("admin:engagements_meeting_history", args=[meeting.pk]))
    assert response.status_code == 200
    assert "Created" in response.content.decode()


def test_editor_cannot_manage_accounts(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_editors_group_holds_exactly_the_editing_permissions():
    codenames = set(
        Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    )
    assert "publish_meeting" in codenames
    assert {"add_meeting", "change_meeting", "add_commitmentstatusentry"} <= codenames
    assert not {c for c in codenames if c.endswith("_user") or c.endswith("_group")}
    assert "change_country" not in codenames
    assert "delete_official" not in codenames


def test_official_admin_shows_appointments_and_aliases(editor_client, rubio_and_cho):
    url = reverse("admin:engagements_official_change", args=[rubio_and_cho[1].pk])
    body = editor_client.get(url).content.decode()
    assert "Appointments" in body
    assert "Aliases" in body


def test_commitment_admin_shows_status_history_inline(editor_client):
    meeting = Meeting.objects.create(title="Talks", slug="talks", date=datetime.date(2025, 9, 10))
    commitment = Commitment.objects.create(meeting=meeting, party_id="KR", text="x", passage="x")
    url = reverse("admin:engagements_commitment_change", args=[commitment.pk])
    body = editor_client.get(url).content.decode()
    assert "Status history" in body


def _topic_ids(*slugs):
    from engagements.models import PolicyTopic

    return PolicyTopic.objects.filter(slug__in=slugs).values_list("pk", flat=True)


def _errors(response):
    context = response.context or {}
    adminform = context.get("adminform")
    inline_errors = [f.errors for f in context.get("inline_admin_formsets", [])]
    return (adminform.form.errors if adminform else None, inline_errors)
