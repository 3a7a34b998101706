"""A person plans stepping stones from their vision, edits one, ticks an
action and sees the timeline change."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from goals.models import Action, Goal
from tests.browser.conftest import assert_accessible
from tests.browser.test_questionnaire_journey import log_in
from tests.factories import VisionFactory, answered
from visions.services import vision_save


def test_plan_edit_tick_and_see_the_timeline(page, live_server, alice):
    vision = answered(VisionFactory(owner=alice, title="Five years out"))
    vision = vision_save(
        vision=vision,
        author=alice,
        base_version=0,
        title=vision.title,
        horizon_years=5,
        statement="I lead customer education.",
        accomplishments=["A course used by thousands", "A conference talk"],
        bridge_plan="My support job.",
    )
    base = live_server.url
    log_in(page, base, alice.email)
    page.goto(f"{base}/visions/{vision.pk}/")
    page.get_by_role("link", name="Plan my stepping stones").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan your stepping stones")
    assert_accessible(page)

    # Keep all but the pay milestone, and rename the first goal.
    page.get_by_label(re.compile(r"^Keep “Reach EUR 52,000 a year”$")).uncheck()
    page.get_by_label("Goal", exact=True).first.fill("My first three months")
    page.get_by_role("button", name="Add the goals I kept").click()
    expect(page.get_by_text(re.compile(r"^\d+ goals added to your plan\.$"))).to_be_visible()
    assert_accessible(page)
    titles = list(Goal.objects.filter(vision=vision).values_list("title", flat=True))
    assert titles[0] == "My first three months"
    assert "Reach EUR 52,000 a year" not in titles

    # Edit a goal.
    page.get_by_role("link", name="Edit My first three months").click()
    assert_accessible(page)
    page.get_by_label("How you will know it is done").fill("Three conversations held")
    page.get_by_role("button", name="Save goal").click()
    expect(page.get_by_text("Three conversations held")).to_be_visible()

    # Tick the first action: the page updates without a reload.
    first_action = Action.objects.filter(goal__title="My first three months").first()
    toggle = page.get_by_role("button", name=f"Mark “{first_action.title}” as done")
    toggle.click()
    expect(
        page.get_by_role("button", name=f"Mark “{first_action.title}” as not done")
    ).to_be_visible()
    first_action.refresh_from_db()
    assert first_action.done_on == timezone.localdate()

    page.get_by_role("link", name="Timeline").click()
    assert_accessible(page)
    entry = page.locator(".timeline-entry", has_text=first_action.title)
    expect(entry.get_by_text("Done", exact=True)).to_be_visible()
    expect(page.locator(".goals-summary")).to_contain_text(
        re.compile(r"reached ·\s+1 of \d+ actions done")
    )
