"""A person plans stepping stones from their vision, edits one, ticks an
action and sees the timeline change."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from goals.models import Action, Goal
from goals.services import action_create, goal_create
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
    toggle = page.get_by_role("button", name=f"Done: {first_action.title}")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    page.evaluate("window.notReloaded = true")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("window.notReloaded") is True
    first_action.refresh_from_db()
    assert first_action.done_on == timezone.localdate()
    # Ticked again, it is open again; without JavaScript's help the form would reload.
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    first_action.refresh_from_db()
    assert first_action.done_on is None
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")

    page.get_by_role("link", name="Timeline").click()
    assert_accessible(page)
    entry = page.locator(".timeline-entry", has_text=first_action.title)
    expect(entry.get_by_text("Done", exact=True)).to_be_visible()
    expect(page.locator(".goals-summary")).to_contain_text(
        re.compile(r"reached ·\s+1 of \d+ actions done")
    )


def test_without_javascript_the_cards_buttons_post_the_shared_form(browser, live_server, alice):
    """Move, tick and remove share the page's one form (form="goal-tools"),
    each button naming its own address: a browser without JavaScript posts
    it with that button's name and value, and the page reloads."""
    vision = VisionFactory(owner=alice, title="Five years out")
    later = timezone.localdate() + timedelta(days=90)
    first = goal_create(vision=vision, title="Portfolio", target_date=later, kind="skill")
    goal_create(vision=vision, title="Certificate", target_date=later, kind="credential")
    action_create(goal=first, title="Pick three projects")
    action_create(goal=first, title="Ask for a review")
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    base = live_server.url
    log_in(page, base, alice.email)
    page.goto(f"{base}/visions/{vision.pk}/goals/")

    page.get_by_role("button", name="Done: Pick three projects").click()
    expect(page.get_by_role("button", name="Done: Pick three projects")).to_have_attribute(
        "aria-pressed", "true"
    )
    page.get_by_role("button", name="Move “Certificate” up").click()
    expect(page.locator(".goal-card h2")).to_have_text(["Certificate", "Portfolio"])
    page.get_by_role("button", name="Remove Ask for a review").click()
    expect(page.get_by_text("Action “Ask for a review” removed.")).to_be_visible()
    context.close()  # (axe needs JavaScript: the journey above checks the same page with it)

    assert list(Action.objects.values_list("title", "done_on")) == [
        ("Pick three projects", timezone.localdate())
    ]
    assert list(Goal.objects.values_list("title", flat=True)) == ["Certificate", "Portfolio"]
