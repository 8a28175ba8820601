"""Playwright against pytest-django's live server, with Debian's Chromium.

Browser tests carry the ``browser`` marker. Without Chromium (or Playwright) they are skipped,
unless REQUIRE_BROWSER=1 (as CI sets), which turns a missing browser into a failure. Every page
opened through the ``page`` fixture fails its test if the browser reports a Content Security
Policy violation or an uncaught script error.
"""

import importlib
import os
import shutil
from pathlib import Path

import pytest
from django.apps import apps

# Playwright's sync API runs an event loop in this thread; Django's ORM (used by the live
# server's test data setup) refuses to run inside one unless told it is safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _unavailable(reason: str):
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium():
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        _unavailable("Chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class ConsoleProblems(list):
    """CSP violations and uncaught errors seen by a page."""

    def watch(self, page):
        def on_console(message):
            text = message.text
            if "Content Security Policy" in text or "Content-Security-Policy" in text:
                self.append(f"CSP: {text}")
            elif message.type == "error" and "Failed to load resource" not in text:
                self.append(f"console error: {text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: self.append(f"page error: {error}"))
        return page


@pytest.fixture(autouse=True)
def baseline_data(request):
    """Countries and the baseline topics, as the migrations create them.

    Browser tests use a transactional database (the live server runs in another thread), which
    is flushed after each test. ``serialized_rollback`` would restore the migrations' rows, but
    Playwright's sync API runs the test in a greenlet whose database connection is not the one
    Django serialized at set-up, so the restore silently does nothing; re-run the data
    migration's (idempotent) function instead."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        baseline = importlib.import_module("engagements.migrations.0002_baseline_data")
        baseline.create_countries_and_topics(apps, None)


@pytest.fixture
def console_problems():
    problems = ConsoleProblems()
    yield problems
    assert not problems, "The browser reported problems:\n" + "\n".join(problems)


@pytest.fixture
def browser_context(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture
def page(browser_context, console_problems):
    page = console_problems.watch(browser_context.new_page())
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS
