"""A bad configuration value stops start-up with one sentence naming the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from alliance_tracker import env

ROOT = Path(__file__).resolve().parent.parent


def start_django(**variables):
    """Import the settings in a fresh interpreter, as `manage.py check` would at start-up."""
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    environment.update(variables)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG must be one of"),
        ({"DEBUG": "0"}, "SECRET_KEY must be set when DEBUG is off"),
        ({"DEBUG": "0", "SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS must be set when DEBUG is off"),
        ({"DATABASE_URL": "mysql://db/x"}, "DATABASE_URL must point at PostgreSQL"),
        ({"DATABASE_URL": "not a url"}, "DATABASE_URL"),
        ({"TIME_ZONE": "Mars/Olympus"}, "TIME_ZONE must be an IANA time zone"),
        ({"INGEST_MAX_BYTES": "lots"}, "INGEST_MAX_BYTES must be a whole number"),
    ],
)
def test_bad_value_stops_start_up_with_one_sentence(variables, message):
    result = start_django(**variables)
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured:")
    assert message in last_line


def test_good_production_values_start():
    result = start_django(
        DEBUG="0",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="tracker.example.org",
        TIME_ZONE="Asia/Seoul",
    )
    assert result.returncode == 0, result.stderr


def test_postgres_url_gets_persistent_connections(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://root@127.0.0.1:5432/alliance_tracker")
    config = env.env_database("DATABASE_URL", "sqlite:///x", pool=False)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["CONN_MAX_AGE"] == 60


def test_postgres_url_can_use_a_pool(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://root@127.0.0.1:5432/alliance_tracker")
    config = env.env_database("DATABASE_URL", "sqlite:///x", pool=True)
    assert config["OPTIONS"]["pool"]["max_size"] == 8


def test_postgres_url_without_database_name_is_refused(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://root@127.0.0.1:5432")
    with pytest.raises(ImproperlyConfigured, match="names no database"):
        env.env_database("DATABASE_URL", "sqlite:///x", pool=False)


def test_allowed_hosts_must_list_something(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " , ")
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS is set but lists nothing"):
        env.env_list("ALLOWED_HOSTS", default=[])
