"""Shared fixtures. The personas follow STYLE.md: alice is an individual, bob a
coach alice shares with, carol a stranger, dave a coach alice revoked."""

import pytest

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _test_settings(settings):
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
