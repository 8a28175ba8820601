"""axe-core finds no violations on the timeline, a meeting, an official and a topic page, on a
desktop and a phone-sized screen."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# axe runs through page.evaluate(<its source>), which the strict CSP would refuse; the CSP
# itself is checked by every other browser test.
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"],
}


@pytest.fixture
def axe_page(chromium, console_problems):
    # Reduced motion: contrast is measured on the settled page, not halfway through the fade
    # that marks results as loading.
    context = chromium.new_context(
        bypass_csp=True, viewport={"width": 1280, "height": 900}, reduced_motion="reduce"
    )
    page = console_problems.watch(context.new_page())
    yield page
    context.close()


def pages(record) -> dict[str, str]:
    return {
        "timeline": "/",
        "timeline, filtered": "/?topic=shipbuilding&country=KR",
        "timeline, bad filter": "/?date_from=notadate",
        "meeting": record["meetings"][0].get_absolute_url(),
        "official": record["people"]["rubio"].get_absolute_url(),
        "topic": "/topics/north-korea/",
        "country": "/countries/kr/",
        "not found": "/meetings/no-such-meeting/",
    }


@pytest.mark.parametrize("width", [1280, 360])
def test_pages_have_no_axe_violations(live_server, axe_page, width):
    record = factories.demo_record()
    axe = Axe()
    axe_page.set_viewport_size({"width": width, "height": 900})
    failures = {}
    for name, path in pages(record).items():
        axe_page.goto(live_server.url + path)
        results = axe.run(axe_page, options=AXE_OPTIONS)
        if results.violations_count:
            failures[name] = results.generate_report()
    assert not failures, "\n\n".join(f"{name}:\n{report}" for name, report in failures.items())


def test_filtered_results_swapped_in_by_htmx_have_no_axe_violations(live_server, axe_page):
    factories.demo_record()
    axe_page.goto(live_server.url + "/")
    axe_page.check("#topic-shipbuilding")
    axe_page.wait_for_url("**/?topic=shipbuilding")
    axe_page.locator("#result-count", has_text="2 meetings").wait_for()
    # The count arrives out of band; the request is over when the region drops its class.
    axe_page.locator("#results-region:not(.htmx-request)").wait_for()
    results = Axe().run(axe_page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
