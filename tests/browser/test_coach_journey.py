"""A client invites a coach who signs up through the emailed link, reads the
vision and its PDF and comments on a goal; the client reads the comment and
ends the sharing, and the coach's next click finds nothing."""

import re
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from goals.services import goal_create
from tests.browser.conftest import assert_accessible
from tests.browser.test_questionnaire_journey import log_in
from tests.factories import PASSWORD, VisionFactory, answered


def path_in(message, start: str) -> str:
    """The path of the link in an email that starts with `start`."""
    return re.search(rf"https?://[^/\s]+({start}\S+/)", message.body).group(1)


def test_invite_sign_up_read_comment_and_revoke(browser, page, live_server, alice):
    base = live_server.url
    vision = answered(VisionFactory(owner=alice, title="Five years out"))
    goal_create(
        vision=vision,
        title="Instructional design certificate",
        target_date=timezone.localdate() + timedelta(days=200),
        kind="credential",
    )

    log_in(page, base, alice.email)
    page.goto(f"{base}/visions/{vision.pk}/")
    page.get_by_role("link", name="Share with a coach").click()
    assert_accessible(page)
    page.get_by_label("Your coach's email address*").fill("erin@example.com")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Invitation sent to erin@example.com.")).to_be_visible()
    (invitation,) = mail.outbox
    accept = base + path_in(invitation, "/sharing/accept/")

    coach_context = browser.new_context()
    try:
        coach = coach_context.new_page()
        coach.goto(accept)
        assert_accessible(coach)
        coach.get_by_role("link", name="Sign up as a coach").click()
        coach.get_by_label("Email*").fill("erin@example.com")
        coach.get_by_label("Your name").fill("Erin Coach")
        coach.get_by_label("I am a career coach").check()
        coach.get_by_label("Password*", exact=True).fill(PASSWORD)
        coach.get_by_label("Password (again)*").fill(PASSWORD)
        coach.get_by_role("button", name="Sign Up").click()
        coach.goto(base + path_in(mail.outbox[-1], "/accounts/confirm-email/"))
        coach.get_by_role("button", name="Confirm").click()
        coach.get_by_label("Email*").fill("erin@example.com")
        coach.get_by_label("Password*").fill(PASSWORD)
        coach.get_by_role("button", name="Sign In").click()
        assert EmailAddress.objects.get(email="erin@example.com").verified

        coach.goto(accept)
        expect(coach.get_by_role("heading", level=1)).to_have_text("Accept the invitation?")
        coach.get_by_role("button", name="Accept").click()
        expect(coach.get_by_role("heading", level=1)).to_have_text("Five years out")
        assert_accessible(coach)
        expect(coach.get_by_role("link", name="Edit the vision")).to_have_count(0)

        with coach.expect_download() as pdf:
            coach.get_by_role("button", name="Download the PDF").click()
        assert pdf.value.suggested_filename == "five-years-out.pdf"

        coach.get_by_role("link", name="Goals and actions").click()
        assert_accessible(coach)
        coach.get_by_text("Comment on this goal").click()
        coach.get_by_label(
            re.compile(r"Add a comment\W+on “Instructional design certificate”")
        ).fill("Which course are you looking at? I know two good ones.")
        coach.get_by_role("button", name="Post comment").first.click()
        expect(
            coach.get_by_text("Which course are you looking at? I know two good ones.")
        ).to_be_visible()

        page.goto(f"{base}/visions/{vision.pk}/goals/")
        expect(
            page.get_by_text("Which course are you looking at? I know two good ones.")
        ).to_be_visible()
        page.goto(f"{base}/visions/{vision.pk}/sharing/")
        expect(page.get_by_role("cell", name="the PDF")).to_have_count(1)
        expect(page.get_by_role("cell", name="Erin Coach").first).to_be_visible()
        page.get_by_role("button", name=re.compile(r"^End sharing")).click()
        expect(page.get_by_text("erin@example.com can no longer see this vision.")).to_be_visible()

        response = coach.goto(f"{base}/visions/{vision.pk}/")
        assert response.status == 404
    finally:
        coach_context.close()
