"""A person signs up, verifies their email, and manages their sign-in, in Chromium."""

import re

from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

PASSWORD = "first-long-password-81"
NEW_PASSWORD = "second-long-password-92"


def log_in(page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Email*").fill(email)
    page.get_by_label("Password*").fill(password)
    page.get_by_role("button", name="Sign In").click()


def log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("I have a job")


def test_sign_up_verify_log_in_change_password(page, live_server):
    base = live_server.url
    page.goto(base)
    assert_accessible(page)
    page.get_by_role("link", name="Start for free").click()

    assert_accessible(page)
    # Required fields carry an asterisk in their label.
    page.get_by_label("Email*").fill("zoe@example.com")
    page.get_by_label("Password*", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)*").fill(PASSWORD)
    page.get_by_label("Your name").fill("Zoë Ångström")
    page.get_by_role("button", name="Sign Up").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    assert_accessible(page)
    (message,) = mail.outbox
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    page.goto(link)
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()

    log_in(page, base, "zoe@example.com", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Zoë Ångström")
    assert_accessible(page)
    log_out(page)

    log_in(page, base, "zoe@example.com", PASSWORD)
    page.get_by_role("link", name="Security").click()
    assert_accessible(page)
    page.get_by_label("Current Password*").fill(PASSWORD)
    page.get_by_label("New Password*", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New Password (again)*").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change Password").click()
    expect(page.get_by_text("Password successfully changed.")).to_be_visible()
    log_out(page)

    log_in(page, base, "zoe@example.com", PASSWORD)
    expect(
        page.get_by_text("The email address and/or password you specified are not correct.")
    ).to_be_visible()
    log_in(page, base, "zoe@example.com", NEW_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Zoë Ångström")


def current_totp_code(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def test_two_factor_authentication_is_set_up_and_asked_for_at_log_in(page, live_server, alice):
    from tests.factories import PASSWORD as ALICE_PASSWORD

    base = live_server.url
    log_in(page, base, alice.email, ALICE_PASSWORD)
    page.get_by_role("link", name="Set up two-factor authentication").click()
    assert_accessible(page)
    page.get_by_role("link", name="Activate").click()
    # Changing how one signs in asks for the password again.
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Access")
    assert_accessible(page)
    page.get_by_label("Password*").fill(ALICE_PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activate Authenticator App")
    assert_accessible(page)
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(current_totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("heading", name="Recovery Codes")).to_be_visible()
    assert_accessible(page)
    log_out(page)

    log_in(page, base, alice.email, ALICE_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-Factor Authentication")
    assert_accessible(page)
    page.get_by_label("Code").fill(current_totp_code(secret))
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Alice Adams")
