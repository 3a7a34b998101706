"""A person writes their vision, changes it, compares, restores, and is
protected from a second tab saving an older copy."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.test_questionnaire_journey import log_in
from tests.factories import VisionFactory, answered
from visions.models import Vision


def test_write_edit_compare_restore_and_the_two_tab_conflict(browser, page, live_server, alice):
    vision = answered(VisionFactory(owner=alice, title="Five years out"))
    base = live_server.url
    log_in(page, base, alice.email)
    page.goto(f"{base}/visions/{vision.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Write the vision").click()
    assert_accessible(page)

    page.get_by_role("button", name="Suggest a draft from my answers").click()
    expect(page.get_by_role("heading", name="A draft from your answers")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Use this draft").click()
    statement = page.get_by_label("Your vision")
    expect(statement).to_have_value(re.compile(r"^In 5 years, I have widened my skills"))
    statement.fill("I lead customer education.")
    page.get_by_label("Accomplishment 1", exact=True).fill("A course used by thousands")
    page.get_by_label("Accomplishment 2", exact=True).fill("A conference talk")
    page.get_by_label("What keeps the bills paid meanwhile").fill("My support job.")
    page.get_by_role("button", name="Save the vision").click()
    expect(page.get_by_text("Your vision is saved.")).to_be_visible()
    expect(page.get_by_text("I lead customer education.")).to_be_visible()

    # Reorder with the buttons that JavaScript adds, and change the statement.
    page.get_by_role("link", name="Edit the vision").click()
    page.get_by_role("button", name="Move up (2)").click()
    page.get_by_label("Your vision").fill("I lead customer education at a company I believe in.")
    page.get_by_role("button", name="Save the vision").click()
    expect(page.locator(".vision-statement li")).to_have_text(
        ["A conference talk", "A course used by thousands"]
    )

    page.get_by_role("link", name="History").click()
    assert_accessible(page)
    page.get_by_role("button", name="Compare the two chosen revisions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Revision 1 compared with revision 2")
    assert_accessible(page)
    expect(page.locator(".diff ins").first).to_have_text("education at a company I believe in.")
    page.get_by_role("button", name="Make revision 1 current again").click()
    expect(
        page.get_by_text("Revision 1 is your vision again, saved as revision 3.")
    ).to_be_visible()
    vision.refresh_from_db()
    assert (vision.version, vision.statement) == (3, "I lead customer education.")

    # Two tabs open the composer; the second saves after the first.
    first = page
    second = page.context.new_page()
    for tab in (first, second):
        tab.goto(f"{base}/visions/{vision.pk}/edit/")
    first.get_by_label("Your vision").fill("Written in the first tab.")
    first.get_by_role("button", name="Save the vision").click()
    expect(first.get_by_text("Your vision is saved.")).to_be_visible()
    second.get_by_label("Your vision").fill("Written in the second tab.")
    second.get_by_role("button", name="Save the vision").click()
    expect(
        second.get_by_role("heading", name="This vision changed while you were editing")
    ).to_be_visible()
    assert_accessible(second)
    expect(second.get_by_label("Your vision")).to_have_value("Written in the second tab.")
    assert Vision.objects.get(pk=vision.pk).statement == "Written in the first tab."
    second.get_by_role("button", name="Save my version").click()
    expect(second.get_by_text("Your vision is saved.")).to_be_visible()
    vision.refresh_from_db()
    assert (vision.version, vision.statement) == (5, "Written in the second tab.")
    assert list(vision.revisions.values_list("statement", flat=True)[:2]) == [
        "Written in the second tab.",
        "Written in the first tab.",
    ]
