"""Running the site: bad addresses, a database outage, the health check, HTTPS behind a proxy,
login throttling, what editors may delete, and the pinned lock tool."""

import datetime
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ImproperlyConfigured
from django.db import InterfaceError, OperationalError, connection
from django.db.backends.postgresql.base import DatabaseWrapper as PostgresWrapper
from django.db.utils import ConnectionHandler
from django.test import Client
from django.urls import reverse

from alliance_tracker import env
from alliance_tracker.logins import client_ip
from engagements.models import Meeting
from tests import factories as f

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, **variables):
    """Run manage.py in a fresh interpreter with only these settings variables set."""
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(variables)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code", ["a%00", "%00%00", "k%00r", "%C3%A9e", "%EF%AC%80", "k%C4%B1", "%20kr", "12"]
)
def test_odd_country_codes_are_a_404_not_a_server_error(client, code):
    response = client.get(f"/countries/{code}/")
    assert response.status_code == 404
    assert "There is no published meeting, official, topic or country" in response.text


# --- a database outage -------------------------------------------------------------------------


@pytest.fixture
def break_database(db):
    """Make every new query raise ``error``; undone before the test database is rolled back.
    (The ``monkeypatch`` fixture is torn down after it, too late for that.)"""
    with pytest.MonkeyPatch.context() as patch:

        def breaking(error):
            def fail(*args, **kwargs):
                raise error

            patch.setattr(connection, "ensure_connection", fail)
            return patch

        yield breaking


@pytest.fixture
def database_down(break_database):
    """PostgreSQL unreachable, as the driver reports it; ``undo()`` brings it back."""
    return break_database(OperationalError("connection to server at 127.0.0.1 port 5432 failed"))


@pytest.mark.parametrize("url", ["/", "/countries/kr/", "/topics/security/"])
def test_an_outage_is_a_503_with_retry_after_and_recovers_by_itself(client, database_down, url):
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "temporarily unavailable" in response.text
    assert "Traceback" not in response.text

    database_down.undo()
    assert client.get(url).status_code == 200


def test_an_outage_in_the_admin_is_a_503_too(editor_client, database_down):
    # The session and the user are read from the database before any admin view runs.
    response = editor_client.get(reverse("admin:engagements_meeting_changelist"))
    assert response.status_code == 503


def test_a_lost_connection_is_a_503(client, break_database):
    break_database(InterfaceError("connection already closed"))
    assert client.get("/").status_code == 503


def test_other_errors_are_not_taken_for_an_outage(client, break_database):
    break_database(ValueError("a bug, not an outage"))
    with pytest.raises(ValueError, match="a bug"):
        client.get("/")


def test_the_pool_wait_is_bounded_and_configurable(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://root@127.0.0.1:5432/alliance_tracker")
    config = env.env_database("DATABASE_URL", "sqlite:///x", pool=True)
    assert config["OPTIONS"]["pool"]["timeout"] == 3
    config = env.env_database("DATABASE_URL", "sqlite:///x", pool=True, timeout=7)
    assert config["OPTIONS"]["pool"]["timeout"] == 7
    # Without a pool, connecting to a host that does not answer gives up as soon.
    config = env.env_database("DATABASE_URL", "sqlite:///x", pool=False, timeout=7)
    assert config["OPTIONS"]["connect_timeout"] == 7


def test_the_connect_timeout_refuses_nonsense():
    result = run_manage("check", DATABASE_CONNECT_TIMEOUT="soon")
    assert result.returncode != 0
    assert "DATABASE_CONNECT_TIMEOUT must be a whole number" in result.stderr


def test_a_request_waits_for_the_pool_only_as_long_as_the_timeout(django_db_blocker):
    # Nothing listens on port 1 of this machine: the pool never gets a connection.
    config = env.env_database("UNSET_DATABASE_URL", "postgres://root@127.0.0.1:1/x", pool=True)
    settings_dict = ConnectionHandler().configure_settings({"default": config})["default"]
    wrapper = PostgresWrapper(settings_dict, alias="unreachable")
    started = time.monotonic()
    try:
        with django_db_blocker.unblock(), pytest.raises(OperationalError):
            wrapper.ensure_connection()
    finally:
        wrapper.close_pool()
    assert time.monotonic() - started < 5  # the default 3 s, not the 10 s requests hung for


# --- /healthz ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_reports_a_healthy_site_to_anyone_and_is_never_cached(client):
    f.meeting("A draft nobody may see", published=False)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert set(body) == {"status", "checks"}
    assert "draft" not in response.text.lower()


def test_healthz_says_which_check_failed_without_details(client, database_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "no-store" in response["Cache-Control"]
    body = json.loads(response.content)
    assert body == {
        "status": "unavailable",
        "checks": {"database": {"status": "unavailable", "error": "OperationalError"}},
    }
    # The driver's message names hosts and ports: it stays in the log.
    assert "5432" not in response.text

    database_down.undo()
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_healthz_answers_get_and_head_only(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


# --- HTTPS behind a TLS proxy ------------------------------------------------------------------

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k8Jq2vXr9LmN4pQs7TuWy1ZaBc3DeF6gHi0jKl5MnOp8RsT2uVw",
    "ALLOWED_HOSTS": "tracker.example.org",
    "DATABASE_URL": "sqlite://:memory:",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto,https",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
}


def test_check_deploy_is_clean_under_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout


def test_behind_the_proxy_https_requests_get_hsts_and_http_is_redirected():
    script = (
        "from django.test import Client\n"
        "client = Client(SERVER_NAME='tracker.example.org')\n"
        "secure = client.get('/healthz', headers={'x-forwarded-proto': 'https'})\n"
        "plain = client.get('/countries/kr/')\n"
        "probe = client.get('/healthz')\n"
        "print(secure.status_code, secure.headers.get('Strict-Transport-Security'))\n"
        "print(plain.status_code, plain.headers.get('Location'))\n"
        "print(probe.status_code, probe.headers.get('Strict-Transport-Security'))\n"
    )
    result = run_manage("shell", "-v", "0", "-c", script, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    secure, plain, probe = result.stdout.strip().splitlines()[-3:]
    assert secure == "200 max-age=31536000; includeSubDomains; preload"
    assert plain == "301 https://tracker.example.org/countries/kr/"
    # A load balancer's plain-HTTP probe gets the answer, not a redirect (and no HSTS).
    assert probe == "200 None"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("X-Forwarded-Proto,https", ("HTTP_X_FORWARDED_PROTO", "https")),
        ("HTTP_X_FORWARDED_PROTO, https", ("HTTP_X_FORWARDED_PROTO", "https")),
        ("x-forwarded-ssl,on", ("HTTP_X_FORWARDED_SSL", "on")),
    ],
)
def test_the_proxy_header_is_read_from_the_environment(monkeypatch, raw, expected):
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", raw)
    assert env.env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER") == expected


def test_no_proxy_header_by_default(monkeypatch):
    monkeypatch.delenv("SECURE_PROXY_SSL_HEADER", raising=False)
    assert env.env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER") is None


@pytest.mark.parametrize("raw", ["X-Forwarded-Proto", "X-Forwarded-Proto,https,on", "X Y,https"])
def test_a_malformed_proxy_header_stops_start_up(monkeypatch, raw):
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", raw)
    with pytest.raises(ImproperlyConfigured, match="SECURE_PROXY_SSL_HEADER must be"):
        env.env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER")


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"SECURE_SSL_REDIRECT": "sometimes"}, "SECURE_SSL_REDIRECT must be one of"),
        ({"SECURE_PROXY_SSL_HEADER": "https"}, "SECURE_PROXY_SSL_HEADER must be"),
        ({"LOGIN_PROXY_COUNT": "-1"}, "LOGIN_PROXY_COUNT must be at least 0"),
    ],
)
def test_bad_https_values_stop_start_up_with_one_sentence(variables, message):
    result = run_manage("check", **PRODUCTION | variables)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured:")
    assert message in last_line


# --- login throttling --------------------------------------------------------------------------

LOGIN = "/admin/login/?next=/admin/"


def attempt(client, password, username="editor"):
    return client.post(LOGIN, {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_account_out_even_with_the_right_one(client, editor):
    for _ in range(4):
        response = attempt(client, "wrong")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.text
    attempt(client, "wrong")

    response = attempt(client, "editor-pass")
    assert response.status_code == 429
    assert "Too many failed logins" in response.text
    assert "try again in 15 minutes" in response.text
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # still sent to log in


def test_a_lock_out_is_per_address_and_ends_after_15_minutes(client, editor):
    for _ in range(5):
        attempt(client, "wrong")
    other_address = Client(REMOTE_ADDR="192.0.2.7")
    assert attempt(other_address, "editor-pass").status_code == 302

    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    assert attempt(client, "editor-pass").status_code == 302


def test_a_successful_login_resets_the_count(client, editor):
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, "editor-pass").status_code == 302
    client.logout()
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, "editor-pass").status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.2"),
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        (2, "198.51.100.1, 203.0.113.9", "198.51.100.1"),
        (2, "203.0.113.9", "10.0.0.2"),
    ],
)
def test_the_login_address_behind_a_proxy_is_the_one_it_saw(
    rf, settings, proxies, forwarded, expected
):
    settings.LOGIN_PROXY_COUNT = proxies
    request = rf.post(LOGIN, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


# --- what editors may delete -------------------------------------------------------------------


@pytest.fixture
def meeting(db):
    rubio = f.official("Marco Rubio", "US")
    return f.meeting("Talks", published=False, participants=(rubio,))


def test_editors_cannot_delete_a_meeting(editor_client, meeting):
    delete = reverse("admin:engagements_meeting_delete", args=[meeting.pk])
    assert editor_client.get(delete).status_code == 403
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert Meeting.objects.filter(pk=meeting.pk).exists()

    page = editor_client.get(reverse("admin:engagements_meeting_change", args=[meeting.pk]))
    assert delete not in page.text
    changelist = editor_client.get(reverse("admin:engagements_meeting_changelist"))
    assert 'value="delete_selected"' not in changelist.text


def test_editors_still_delete_a_meetings_parts(editor_client, meeting):
    page = editor_client.get(reverse("admin:engagements_meeting_change", args=[meeting.pk]))
    assert 'name="participations-0-DELETE"' in page.text


def test_staff_given_the_delete_permission_still_cannot_delete_a_meeting(client, meeting):
    staff = User.objects.create_user("staff", password="x", is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_meeting", "delete_meeting"])
    )
    client.force_login(staff)
    delete = reverse("admin:engagements_meeting_delete", args=[meeting.pk])
    assert client.get(delete).status_code == 403


def test_an_administrator_may_delete_a_meeting(client, admin_user, meeting):
    client.force_login(admin_user)
    delete = reverse("admin:engagements_meeting_delete", args=[meeting.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Meeting.objects.filter(pk=meeting.pk).exists()


def test_editors_still_merge_duplicates_which_needs_the_publish_permission(
    editor_client, client, meeting
):
    other = f.meeting("Talks again", published=False)
    merge = reverse("admin:engagements_meeting_merge", args=[meeting.pk, other.pk])
    assert editor_client.get(merge).status_code == 200

    staff = User.objects.create_user("staff", password="x", is_staff=True)
    staff.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_meeting", "change_meeting", "delete_meeting"]
        )
    )
    client.force_login(staff)
    assert client.post(merge, {"keep": meeting.pk}).status_code == 403
    assert Meeting.objects.filter(pk__in=[meeting.pk, other.pk]).count() == 2


@pytest.mark.django_db
def test_the_editors_group_has_no_delete_meeting_permission():
    codenames = set(
        Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    )
    assert "delete_meeting" not in codenames
    assert {"delete_participation", "delete_statement", "delete_commitment"} <= codenames
    assert {"change_meeting", "publish_meeting"} <= codenames


# --- tooling -----------------------------------------------------------------------------------


def test_make_lock_installs_a_pinned_uv():
    makefile = (ROOT / "Makefile").read_text()
    lock = makefile[makefile.index("\nlock:") :].split("\n\n")[0]
    assert re.search(r"\buv==\d+\.\d+\.\d+\b", lock), lock
