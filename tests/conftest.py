"""Shared fixtures. The personas follow STYLE.md: alice is an individual, bob a
coach alice shares with, carol a stranger, dave a coach alice revoked."""

import tempfile
from pathlib import Path

import pytest

from careervision.fragments import RECENT
from tests.factories import UserFactory


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    # SQLite tests use a file, not Django's shared in-memory database, so that
    # concurrent connections lock and wait as they do in production.
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = Path(tempfile.mkdtemp(prefix="careervision-tests-"))
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # Each worker process keeps the page pieces it served last: a test starts
    # with none, as a freshly started server does.
    RECENT.clear()
    # PBKDF2 costs ~0.4 s a hash here; tests need no strong hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The hashed-name storage needs `collectstatic`; tests serve from finders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@example.com", display_name="Alice Adams")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@example.com", display_name="Bob Brown", is_coach=True)


@pytest.fixture
def carol(db):
    return UserFactory(email="carol@example.com", display_name="Carol Chen")


@pytest.fixture
def dave(db):
    return UserFactory(email="dave@example.com", display_name="Dave Diaz", is_coach=True)


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client
