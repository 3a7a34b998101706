"""Pages kept in careervision.fragments: served from the cache while nothing
they show has changed, rendered afresh the moment something has, never shown
to someone else, and with forms whose CSRF token works."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careervision.fragments import CSRF_PLACEHOLDER
from goals.comments import comment_create
from goals.services import action_create, goal_create
from tests.factories import VisionFactory
from visions.sharing import vision_share_create_active

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def vision(alice):
    vision = VisionFactory(owner=alice, title="Five years out")
    goal = goal_create(
        vision=vision,
        title="Certificate",
        target_date=timezone.localdate() + timedelta(days=100),
        kind="credential",
    )
    action_create(goal=goal, title="Enrol in the course")
    return vision


def signed_in(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def get(client: Client, url: str) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("page", ["goals", "timeline"])
def test_a_second_visit_is_served_from_the_cache(alice, vision, page):
    client = signed_in(alice)
    url = f"/visions/{vision.pk}/{page}/"
    first, first_queries = get(client, url)
    second, second_queries = get(client, url)
    assert any('FROM "goals_goal"' in sql for sql in first_queries)
    assert not any('FROM "goals_goal"' in sql for sql in second_queries)
    # Same page but for the CSRF tokens, which are masked afresh per response.
    assert TOKEN.sub("", second) == TOKEN.sub("", first)
    assert CSRF_PLACEHOLDER not in second


def test_ticking_an_action_shows_at_once(alice, vision):
    client = signed_in(alice)
    url = f"/visions/{vision.pk}/goals/"
    page, _ = get(client, url)
    assert 'aria-pressed="false"' in page
    action = vision.goals.get().actions.get()
    token = TOKEN.search(page).group(1)
    response = client.post(
        f"/actions/{action.pk}/done/", {"done": "1", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    page, _ = get(client, url)
    assert 'aria-pressed="true"' in page
    assert 'aria-pressed="false"' not in page


def test_a_token_from_the_cache_works_in_another_session(alice, vision):
    """The cached piece was rendered for the first session; the second one's
    forms must carry its own token, or every form on the page would fail."""
    first, second = signed_in(alice), signed_in(alice)
    url = f"/visions/{vision.pk}/goals/"
    get(first, url)
    page, queries = get(second, url)
    assert not any('FROM "goals_goal"' in sql for sql in queries)  # served from the cache
    action = vision.goals.get().actions.get()
    response = second.post(
        f"/actions/{action.pk}/done/",
        {"done": "1", "csrfmiddlewaretoken": TOKEN.search(page).group(1)},
    )
    assert response.status_code == 302


def test_a_coach_never_gets_the_owners_page(alice, bob, vision):
    vision_share_create_active(vision=vision, coach=bob)
    url = f"/visions/{vision.pk}/goals/"
    owners, _ = get(signed_in(alice), url)
    coachs, _ = get(signed_in(bob), url)
    assert "Add a goal" in owners
    assert "Add a goal" not in coachs
    assert "/done/" not in coachs


def test_a_new_comment_shows_at_once_and_is_new_to_the_other(alice, bob, vision):
    vision_share_create_active(vision=vision, coach=bob)
    url = f"/visions/{vision.pk}/goals/"
    owner = signed_in(alice)
    get(owner, url)
    comment_create(vision=vision, author=bob, goal=vision.goals.get(), body="Which course?")
    page, _ = get(owner, url)
    assert "Which course?" in page
    assert '<span class="badge text-bg-primary">new</span>' in page


def test_renaming_the_goal_changes_the_timeline(alice, vision):
    client = signed_in(alice)
    url = f"/visions/{vision.pk}/timeline/"
    get(client, url)
    goal = vision.goals.get()
    page, _ = get(client, f"/goals/{goal.pk}/edit/")
    response = client.post(
        f"/goals/{goal.pk}/edit/",
        {
            "title": "Instructional design certificate",
            "description": "",
            "kind": "credential",
            "measure": "",
            "target_date": goal.target_date.isoformat(),
            "status": "planned",
            "csrfmiddlewaretoken": TOKEN.search(page).group(1),
        },
    )
    assert response.status_code == 302
    page, _ = get(client, url)
    assert "Instructional design certificate" in page
