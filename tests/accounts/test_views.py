import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_landing_page_explains_the_product_to_a_stranger(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"From \xe2\x80\x9cI have a job\xe2\x80\x9d to a career you chose." in response.content
    assert b'href="/accounts/signup/"' in response.content


def test_home_page_greets_a_signed_in_person_and_says_what_to_do_next(alice_client):
    response = alice_client.get("/")
    assert response.status_code == 200
    assert "Welcome, Alice Adams" in response.text
    assert "Start with what matters to you" in response.text
    assert "From “I have a job”" not in response.text


def test_signup_stores_name_and_coach_role_and_sends_a_verification_email(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "Zoe@Example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "Zoë Ångström",
            "is_coach": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get()
    assert (user.email, user.display_name, user.is_coach) == (
        "zoe@example.com",
        "Zoë Ångström",
        True,
    )
    assert EmailAddress.objects.get(user=user).verified is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["zoe@example.com"]
    assert re.search(r"/accounts/confirm-email/[-:\w]+/", mail.outbox[0].body)


def test_signup_with_bad_input_shows_errors_next_to_fields_and_keeps_what_was_typed(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "not-an-email", "password1": "x", "password2": "y", "display_name": "Kept"},
    )
    assert response.status_code == 200
    assert User.objects.count() == 0
    assert 'value="not-an-email"' in response.text
    assert 'value="Kept"' in response.text
    assert "Enter a valid email address." in response.text


def test_unverified_person_cannot_log_in(client):
    from tests.factories import UserFactory

    UserFactory(email="new@example.com", verified=False)
    response = client.post("/accounts/login/", {"login": "new@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_verified_person_logs_in_with_email_and_password(client, alice):
    response = client.post("/accounts/login/", {"login": "ALICE@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_repeated_failed_logins_are_rate_limited(client, alice):
    for _ in range(5):
        response = client.post("/accounts/login/", {"login": alice.email, "password": "wrong"})
        assert "The email address and/or password you specified are not correct." in response.text
    # The sixth attempt is refused even with the right password.
    response = client.post("/accounts/login/", {"login": alice.email, "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts. Try again later." in response.text
    assert "_auth_user_id" not in client.session


def test_profile_page_changes_display_name_and_role(alice_client, alice):
    response = alice_client.post("/profile/", {"display_name": "Alice A.", "is_coach": "on"})
    assert response.status_code == 302
    assert response["Location"] == "/profile/"
    alice.refresh_from_db()
    assert (alice.display_name, alice.is_coach) == ("Alice A.", True)


def test_profile_page_rejects_an_overlong_name_and_keeps_it(alice_client, alice):
    too_long = "x" * 81
    response = alice_client.post("/profile/", {"display_name": too_long})
    assert response.status_code == 200
    assert "Ensure this value has at most 80 characters (it has 81)." in response.text
    assert f'value="{too_long}"' in response.text
    alice.refresh_from_db()
    assert alice.display_name == "Alice Adams"


def test_profile_needs_a_login(client):
    response = client.get("/profile/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/profile/"


def test_hostile_display_name_is_stored_as_text_and_shown_escaped(alice_client, alice):
    alice_client.post("/profile/", {"display_name": "<script>alert(1)</script>"})
    alice.refresh_from_db()
    assert alice.display_name == "<script>alert(1)</script>"
    response = alice_client.get("/")
    assert "<script>alert(1)</script>" not in response.text
    assert "Welcome, &lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_password_reset_sends_a_link_that_sets_a_new_password(client, alice):
    response = client.post("/accounts/password/reset/", {"email": "alice@example.com"})
    assert response.status_code == 302
    (message,) = mail.outbox
    path = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+/)", message.body).group(1)
    response = client.get(path, follow=True)
    form_path = response.redirect_chain[-1][0]
    response = client.post(
        form_path, {"password1": "brand-new-password-7", "password2": "brand-new-password-7"}
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("brand-new-password-7")


def test_password_reset_for_an_unknown_address_reveals_nothing(client, alice):
    known = client.post("/accounts/password/reset/", {"email": "alice@example.com"})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])


def test_changing_email_asks_for_the_password_again(alice_client, alice):
    response = alice_client.post("/accounts/email/", {"action_add": "", "email": "new@example.com"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    assert len(mail.outbox) == 0
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"


def test_changing_email_is_confirmed_from_the_new_address(alice_client, alice):
    alice_client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    response = alice_client.post("/accounts/email/", {"action_add": "", "email": "new@example.com"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["new@example.com"]
    key_path = re.search(r"https?://[^/]+(/accounts/confirm-email/\S+/)", message.body).group(1)
    alice_client.post(key_path)
    alice.refresh_from_db()
    assert alice.email == "new@example.com"


def test_the_admin_signs_in_through_our_login_with_its_rate_limits(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fadmin%2F"


def test_the_admin_is_refused_to_people_who_are_not_staff(alice_client):
    assert alice_client.get("/admin/login/").status_code == 403


def test_a_session_ends_after_a_week_idle(alice_client):
    assert alice_client.get("/profile/").status_code == 200
    session = alice_client.session
    session["last_seen"] -= 8 * 24 * 3600
    session.save()
    response = alice_client.get("/profile/")
    assert response["Location"] == "/accounts/login/?next=/profile/"


def test_a_session_ends_thirty_days_after_signing_in_even_when_active(alice_client):
    assert alice_client.get("/profile/").status_code == 200
    session = alice_client.session
    session["signed_in_at"] -= 31 * 24 * 3600
    session.save()
    response = alice_client.get("/profile/")
    assert response["Location"] == "/accounts/login/?next=/profile/"


def test_an_active_session_goes_on(alice_client):
    assert alice_client.get("/profile/").status_code == 200
    session = alice_client.session
    session["last_seen"] -= 6 * 24 * 3600
    session["signed_in_at"] -= 29 * 24 * 3600
    session.save()
    assert alice_client.get("/profile/").status_code == 200
