"""A person reflects: every step by keyboard, a break half way, then the profile."""

import re

from playwright.sync_api import expect

from goals.management.commands.seed_demo import SAM_ANSWERS
from tests.browser.conftest import assert_accessible
from tests.factories import PASSWORD
from visions.models import Vision
from visions.values import NEEDS


def log_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email*").fill(email)
    page.get_by_label("Password*").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def type_into(page, label: str, text: str) -> None:
    page.get_by_label(label, exact=True).focus()
    page.keyboard.type(text)


def choose(page, name: str, position: int) -> None:
    """Selects the option at `position` (0-based) of a radio group, by keyboard:
    focus the first radio, Space checks it, each arrow key moves the choice on."""
    page.locator(f"#id_{name}_0").focus()
    page.keyboard.press("Space")
    for _ in range(position):
        page.keyboard.press("ArrowRight")


def tick(page, name: str, position: int) -> None:
    page.locator(f"#id_{name}_{position}").focus()
    page.keyboard.press("Space")


def save_and_continue(page, heading: str) -> None:
    page.get_by_role("button", name="Save and continue").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def on_step(page, number: int, title: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_text(f"Step {number} of 10")).to_be_visible()
    assert_accessible(page)


def test_reflect_by_keyboard_leave_half_way_and_finish_on_another_device(
    browser, page, live_server, alice
):
    base = live_server.url
    log_in(page, base, alice.email)
    page.get_by_role("link", name="Start your first vision").click()
    assert_accessible(page)
    type_into(page, "Name this vision*", "Five years out")
    page.keyboard.press("Enter")

    on_step(page, 1, "Where you are now")
    type_into(page, "What do you do now?", "Nurse on a surgical ward")
    choose(page, "job_or_career", 2)
    choose(page, "needs_met", 1)
    type_into(page, "What is missing?", "Time with my children.")
    save_and_continue(page, "Life first")

    on_step(page, 2, "Life first")
    type_into(page, "Where do you want to live and work?", "Zürich")
    tick(page, "life_needs", 1)
    save_and_continue(page, "Work values")

    on_step(page, 3, "Work values")
    for need in NEEDS:
        choose(page, need.slug, int(SAM_ANSWERS["values"][need.slug]) - 1)
    save_and_continue(page, "What matters most")

    on_step(page, 4, "What matters most")
    tick(page, "most_important", 0)
    tick(page, "most_important", 14)
    page.get_by_role("button", name="Save and continue").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your values profile")
    expect(page.get_by_role("img", name="Your work values profile")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Continue: Success and recognition").click()
    on_step(page, 5, "Success and recognition")
    type_into(page, "What does success mean to you?", "Patients go home sooner.")
    # The browser closes here, before this page is saved.
    page.context.close()

    other_device = browser.new_context()
    try:
        finish_on_another_device(other_device.new_page(), base, alice)
    finally:
        # Close before the live server stops, or its open connections outlive the test.
        other_device.close()


def finish_on_another_device(page, base, alice) -> None:
    log_in(page, base, alice.email)
    page.get_by_role("link", name=re.compile(r"^Continue the reflection\W+Five years out$")).click()
    on_step(page, 5, "Success and recognition")
    expect(page.get_by_label("What does success mean to you?")).to_have_value("")
    # Earlier answers are all there: jump back to step 1 from the progress bar.
    page.get_by_role("link", name=re.compile(r"^Where you are now\W+saved\W+$")).click()
    expect(page.get_by_label("What do you do now?")).to_have_value("Nurse on a surgical ward")
    page.get_by_role("link", name="Success and recognition").click()

    type_into(page, "What does success mean to you?", "Patients go home sooner.")
    save_and_continue(page, "Skills and style")
    on_step(page, 6, "Skills and style")
    type_into(page, "Which skills do you want to use in your work?", "Teaching")
    save_and_continue(page, "Pay and security")
    on_step(page, 7, "Pay and security")
    type_into(page, "What pay do you want to reach?", "95000")
    page.get_by_label("Currency").select_option("CHF")
    save_and_continue(page, "Environment")
    on_step(page, 8, "Environment")
    choose(page, "flexible_hours", 0)
    save_and_continue(page, "Direction")
    on_step(page, 9, "Direction")
    choose(page, "direction", 1)
    save_and_continue(page, "Check your answers")

    on_step(page, 10, "Check your answers")
    expect(page.get_by_text("CHF 95,000 a year")).to_be_visible()
    page.get_by_role("link", name=re.compile(r"^Change\W+Pay and security$")).click()
    page.get_by_label("What pay do you want to reach?").fill("98000")
    page.get_by_role("button", name="Save and return to review").click()
    expect(page.get_by_text("CHF 98,000 a year")).to_be_visible()
    page.get_by_role("button", name="Confirm my answers").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Five years out")
    expect(page.get_by_text("Your reflection is complete. Well done.")).to_be_visible()
    expect(page.get_by_role("img", name="Your work values profile")).to_be_visible()
    assert_accessible(page)
    vision = Vision.objects.get(owner=alice)
    assert vision.questionnaire_completed_at is not None
    assert vision.answers["now"]["current_role"] == "Nurse on a surgical ward"
    assert vision.answers["values"]["creativity"] == 5
    assert vision.answers["most-important"]["most_important"] == [
        "ability_utilization",
        "social_service",
    ]
    assert vision.answers["pay"]["pay_amount"] == "98000"
    assert "success" in vision.answers
