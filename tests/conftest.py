"""Personas and database helpers shared by every test module.

PostgreSQL-only tests carry the ``postgres`` marker: on SQLite they are skipped, unless
REQUIRE_POSTGRES=1 (as CI sets), which turns running without PostgreSQL into a failure.
"""

import os

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection


def pytest_collection_modifyitems(config, items):
    on_postgres = connection.vendor == "postgresql"
    if on_postgres:
        return
    if os.environ.get("REQUIRE_POSTGRES") == "1":
        raise pytest.UsageError(
            "REQUIRE_POSTGRES=1 but DATABASE_URL does not point at PostgreSQL; "
            "set DATABASE_URL=postgres://root@127.0.0.1:5432/alliance_tracker."
        )
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(db):
    """A member of the Editors group, as created by the migrations."""
    user = User.objects.create_user("editor", "editor@example.org", "editor-pass", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def member(db):
    """A logged-in account without staff rights (an analyst with a login)."""
    return User.objects.create_user("member", "member@example.org", "member-pass")


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("admin", "admin@example.org", "admin-pass")
