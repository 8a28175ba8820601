"""The timeline in a real browser: htmx filtering, history, load more, and no JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from engagements import selectors
from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def record():
    return factories.demo_record()


def entry_titles(page) -> list[str]:
    return page.locator("#results .entry__title").all_inner_texts()


def test_choosing_a_topic_swaps_results_without_reload_and_back_restores(live_server, page, record):
    page.goto(live_server.url + "/")
    all_titles = entry_titles(page)
    assert len(all_titles) == 12
    assert "DRAFT" not in page.content()
    page.evaluate("window.__marker = 'still here'")

    page.check("#topic-shipbuilding")
    page.wait_for_url(re.compile(r"topic=shipbuilding"))
    expect(page.locator("#results .entry")).to_have_count(2)
    assert page.evaluate("window.__marker") == "still here"
    assert page.locator("#result-count").inner_text() == "2 meetings match these filters"
    assert page.locator("#active-filters").get_by_text("Shipbuilding").is_visible()
    # The facet counts follow the filter: the ROK took part in both shipbuilding meetings.
    assert page.locator("label[for=country-kr] .facet-count").inner_text().startswith("2")

    page.go_back()
    expect(page.locator("#results .entry")).to_have_count(12)
    assert page.evaluate("window.__marker") == "still here"
    assert "topic=" not in page.url
    assert not page.locator("#topic-shipbuilding").is_checked()
    assert entry_titles(page) == all_titles


def test_removing_a_chip_and_clear_all(live_server, page, record):
    page.goto(live_server.url + "/?topic=north-korea&modality=phone_call")
    assert len(entry_titles(page)) == 2
    page.evaluate("window.__marker = 1")
    page.locator("#active-filters a", has_text="Phone call").click()
    expect(page.locator("#results .entry")).to_have_count(9)
    assert page.evaluate("window.__marker") == 1
    assert page.locator("#id_modality").input_value() == ""
    page.locator("#active-filters a", has_text="Clear all").click()
    expect(page.locator("#results .entry")).to_have_count(12)
    assert page.url == live_server.url + "/"


def test_load_more_appends_the_next_page(live_server, page, record, monkeypatch):
    monkeypatch.setattr(selectors, "PAGE_SIZE", 5)
    monkeypatch.setattr(selectors.timeline_page, "__kwdefaults__", {"per_page": 5})
    page.goto(live_server.url + "/")
    assert len(entry_titles(page)) == 5
    page.evaluate("window.__marker = 1")
    page.get_by_role("link", name="Load more meetings").click()
    expect(page.locator("#results .entry")).to_have_count(10)
    assert page.evaluate("window.__marker") == 1
    assert page.url == live_server.url + "/"  # loading more does not change the address
    page.get_by_role("link", name="Load more meetings").click()
    expect(page.locator("#results .entry")).to_have_count(12)
    assert page.get_by_role("link", name="Load more meetings").count() == 0
    titles = entry_titles(page)
    assert len(set(titles)) == 12


def test_open_a_meeting(live_server, page, record):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=record["meetings"][0].title).click()
    page.wait_for_url(re.compile(r"/meetings/"))
    assert page.locator("h1").inner_text() == record["meetings"][0].title
    assert page.locator(".compare__column").count() == 2
    assert page.get_by_role("link", name=re.compile("Previous")).first.is_visible()


def test_the_timeline_works_without_javascript(live_server, chromium, console_problems, record):
    context = chromium.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = console_problems.watch(context.new_page())
    try:
        page.goto(live_server.url + "/")
        assert len(entry_titles(page)) == 12
        page.check("#topic-shipbuilding")
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url(re.compile(r"topic=shipbuilding"))
        assert len(entry_titles(page)) == 2
        assert page.locator("#result-count").inner_text() == "2 meetings match these filters"
        page.goto(live_server.url + "/?date_from=notadate")
        assert "not a date" in page.locator("#results").inner_text()
    finally:
        context.close()


def test_screenshots(live_server, browser_context, page, record, screenshots):
    page.goto(live_server.url + "/")
    page.screenshot(path=screenshots / "timeline.png")
    page.screenshot(path=screenshots / "timeline-full.png", full_page=True)
    page.goto(live_server.url + "/?topic=shipbuilding")
    page.screenshot(path=screenshots / "timeline-filtered.png")
    page.goto(live_server.url + record["meetings"][0].get_absolute_url())
    page.screenshot(path=screenshots / "meeting.png", full_page=True)
    page.goto(live_server.url + "/topics/north-korea/")
    page.screenshot(path=screenshots / "topic.png", full_page=True)
    page.screenshot(path=screenshots / "topic-top.png")
    page.goto(live_server.url + record["people"]["rubio"].get_absolute_url())
    page.screenshot(path=screenshots / "official.png", full_page=True)
    page.goto(live_server.url + "/countries/kr/")
    page.screenshot(path=screenshots / "country.png", full_page=True)
    page.set_viewport_size({"width": 360, "height": 780})
    page.goto(live_server.url + "/")
    page.screenshot(path=screenshots / "timeline-mobile.png")
    page.screenshot(path=screenshots / "timeline-mobile-full.png", full_page=True)
    page.goto(live_server.url + record["meetings"][0].get_absolute_url())
    page.screenshot(path=screenshots / "meeting-mobile.png", full_page=True)


def test_the_official_picker_narrows_as_you_type(live_server, page, record):
    page.goto(live_server.url + "/")
    page.fill("#official-search", "rub")
    visible = page.locator("#facet-officials li:visible").all_inner_texts()
    assert [name.strip() for name in visible] == ["Marco Rubio"]
    page.evaluate("window.__marker = 1")
    page.check("#official-marco-rubio")
    page.wait_for_url(re.compile(r"official=marco-rubio"))
    expect(page.locator("#results .entry")).to_have_count(3)
    assert page.evaluate("window.__marker") == 1
    # The picker's text box narrows the list; it is not a filter of its own.
    assert "official-search" not in page.url


def test_the_console_watch_catches_csp_violations(live_server, page, record, console_problems):
    page.goto(live_server.url + "/")
    assert console_problems == []
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">inline</p>')"
    )
    page.wait_for_timeout(200)
    assert any(problem.startswith("CSP:") for problem in console_problems)
    console_problems.clear()  # seen; the fixture would otherwise fail the test
