"""The editors' admin in a real browser: publishing from a meeting's page, the import review's
defaults and widths, and the participants inline at a laptop's width."""

import importlib

import pytest
from django.contrib.auth.models import Group, Permission, User
from playwright.sync_api import expect

from engagements.models import Meeting, Official
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

READOUT = """Readout of Secretary Rubio's Meeting with Republic of Korea Foreign Minister Cho Hyun

September 10, 2025

The following is attributable to Principal Deputy Spokesperson Tommy Pigott:

Secretary of State Marco Rubio met with Republic of Korea Minister of Foreign Affairs Cho Hyun
today in Washington. Vice Minister for Defense Planning Park Min-ho also attended. The Secretary
and Foreign Minister discussed shipbuilding and North Korea. The two sides agreed to strengthen
cooperation on shipbuilding and critical minerals. "The alliance is the linchpin of peace in
Northeast Asia and beyond," Secretary Rubio said.
"""


@pytest.fixture
def editor(transactional_db):
    """A member of the Editors group. The transactional database is flushed after each test,
    the group with it, so it is built again from the migration's own list of permissions (the
    migration's function would unset the app registry's models modules if run outside one)."""
    baseline = importlib.import_module("engagements.migrations.0002_baseline_data")
    codenames = [
        f"{action}_{model}"
        for model, actions in baseline.EDITOR_MODEL_PERMISSIONS.items()
        for action in actions
    ] + [codename for _, codename in baseline.EDITOR_EXTRA_PERMISSIONS]
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="engagements", codename__in=codenames)
    )
    user = User.objects.create_user("editor", "editor@example.org", "editor-pass", is_staff=True)
    user.groups.add(group)
    return user


@pytest.fixture
def logged_in(live_server, page, editor):
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "editor-pass")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    return page


@pytest.fixture
def talks(db):
    rubio = factories.official("Marco Rubio", "US", title="Secretary of State")
    cho = factories.official("Cho Hyun", "KR", title="Minister of Foreign Affairs")
    meeting = factories.meeting("Foreign ministers' talks", published=False)
    factories.participate(meeting, rubio, title="Secretary of State")
    factories.participate(meeting, cho, title="Minister of Foreign Affairs")
    return meeting


def change_page(live_server, meeting) -> str:
    return f"{live_server.url}/admin/engagements/meeting/{meeting.pk}/change/"


def test_editor_publishes_and_unpublishes_from_the_meeting_page(live_server, logged_in, talks):
    page = logged_in
    page.goto(change_page(live_server, talks))
    expect(page.get_by_text("Draft: not public.")).to_be_visible()
    page.fill("#id_summary", "They discussed shipbuilding.")
    page.get_by_role("button", name="Save and publish").click()

    expect(page.locator(".messagelist")).to_have_text(
        "Published: it is now on the public timeline."
    )
    assert page.url == change_page(live_server, talks)
    talks.refresh_from_db()
    assert talks.is_published
    assert talks.summary == "They discussed shipbuilding."
    expect(page.get_by_text("Published: on the public timeline.")).to_be_visible()

    page.get_by_role("button", name="Save and unpublish").click()
    expect(page.locator(".messagelist")).to_have_text(
        "Moved back to draft: it is no longer public."
    )
    talks.refresh_from_db()
    assert not talks.is_published


def test_participants_inline_keeps_title_and_delete_in_view_at_1280px(
    live_server, logged_in, talks, screenshots
):
    page = logged_in
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(change_page(live_server, talks))
    inline = page.locator("#participations-group")
    inline.scroll_into_view_if_needed()
    box = inline.bounding_box()
    for row in range(2):
        for cell in ("td.field-title", "td.delete"):
            target = page.locator(f"#participations-{row} {cell}")
            expect(target).to_be_visible()
            cell_box = target.bounding_box()
            assert cell_box["x"] >= box["x"]
            assert cell_box["x"] + cell_box["width"] <= box["x"] + box["width"] + 0.5, cell
    # Nothing hides behind a horizontal scroll inside the inline either.
    wrapper = inline.locator("div.wrapper").first
    assert wrapper.evaluate("el => el.scrollWidth <= el.clientWidth")
    title = page.locator("#id_participations-1-title")
    assert title.evaluate("el => el.scrollWidth <= el.clientWidth"), "the title is cut off"
    inline.screenshot(path=screenshots / "admin-participations-inline-1280.png")


@pytest.fixture
def review(live_server, logged_in, screenshots):
    """The review screen of READOUT, with Rubio and Cho already in the database."""
    factories.official("Marco Rubio", "US", title="Secretary of State")
    factories.official("Cho Hyun", "KR", title="Minister of Foreign Affairs")
    page = logged_in
    page.goto(live_server.url + "/admin/engagements/meeting/import/")
    page.fill("#id_text", READOUT)
    page.get_by_role("button", name="Read and preview").click()
    expect(page.get_by_role("heading", name="Review the extracted readout")).to_be_visible()
    page.screenshot(path=screenshots / "admin-import-review-1280.png", full_page=True)
    return page


def test_import_review_creates_new_officials_by_default_and_says_so(review):
    page = review
    names = page.locator("input[name^='participants-'][name$='-name']").evaluate_all(
        "inputs => inputs.map(input => input.value)"
    )
    park, cho, blank = names.index("Park Min-ho"), names.index("Cho Hyun"), len(names) - 1
    # Not in the database, a title that shows an office: ticked for creation, visibly.
    expect(page.locator(f"#id_participants-{park}-confirm_new")).to_be_checked()
    expect(page.get_by_label("New: create this official").nth(0)).to_be_visible()
    expect(page.locator(f"#id_participants-{park}-include")).to_be_checked()
    expect(page.locator(f"#id_participants-{cho}-confirm_new")).to_have_count(0)
    # The empty row for adding someone is not ticked.
    assert names[blank] == ""
    expect(page.locator(f"#id_participants-{blank}-include")).not_to_be_checked()

    page.get_by_role("button", name="Save as draft").click()
    messages = page.locator(".messagelist")
    expect(messages).to_contain_text("New officials created: Park Min-ho.")
    expect(messages).to_contain_text(
        "It stays a draft until you publish it: nothing of it is public."
    )
    meeting = Meeting.objects.get()
    assert meeting.participations.filter(official__name="Park Min-ho").exists()
    assert Official.objects.filter(name="Park Min-ho").exists()


def test_import_review_inputs_show_their_whole_values(review):
    inputs = review.locator(
        "input[name^='participants-'][name$='-name'], input[name^='participants-'][name$='-title'],"
        " input[name^='quotes-'][name$='-speaker'], input[name^='commitments-'][name$='-topics'],"
        " #id_title, #id_location"
    )
    assert inputs.count() >= 8
    for n in range(inputs.count()):
        field = inputs.nth(n)
        assert field.evaluate("el => el.scrollWidth <= el.clientWidth"), (
            field.get_attribute("name"),
            field.input_value(),
        )


def test_editor_merges_a_duplicate_and_its_old_address_redirects(live_server, logged_in):
    import datetime

    yoon = factories.official("Yoon Suk Yeol", "KR")
    biden = factories.official("Joseph R. Biden", "US", title="President")
    day = datetime.date(2023, 4, 26)
    visit = factories.meeting("Yoon visit", day, participants=(yoon,))
    readout = factories.meeting(
        "Biden – Yoon Suk Yeol, Washington", day + datetime.timedelta(days=2),
        participants=(biden, yoon),
    )  # fmt: skip
    old_address = live_server.url + visit.get_absolute_url()
    page = logged_in
    page.goto(live_server.url + "/admin/engagements/meeting/")
    page.get_by_role("link", name="Possible duplicates").click()
    expect(page.get_by_text("1 pair to settle")).to_be_visible()
    page.get_by_role("link", name="Merge…").click()
    page.get_by_label("Biden – Yoon Suk Yeol, Washington", exact=False).check()
    page.get_by_role("button", name="Merge").click()
    expect(page.get_by_text("its address now redirects here")).to_be_visible()
    assert list(Meeting.objects.all()) == [readout]
    response = page.goto(old_address)
    assert response.url == live_server.url + readout.get_absolute_url()
    expect(page.get_by_role("heading", level=1)).to_have_text("Biden – Yoon Suk Yeol, Washington")
