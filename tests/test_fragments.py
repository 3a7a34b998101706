"""Pages kept in careervision.fragments: served from the cache while nothing
they show has changed, rendered afresh the moment something has, never shown
to someone else, and with forms whose CSRF token works."""

import re
from datetime import UTC, datetime, timedelta
from unittest.mock import patch

import pytest
from django.contrib.humanize.templatetags import humanize
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.cache import cache
from django.db import connection
from django.shortcuts import render
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from careervision.fragments import (
    CSRF_PLACEHOLDER,
    Piece,
    Recent,
    naturaltime_step,
    render_around,
)
from goals.comments import comment_create
from goals.services import action_create, action_set_done, goal_create, goal_update
from tests.factories import VisionFactory
from tests.html import table_rows
from visions.services import vision_archive, vision_save
from visions.sharing import vision_share, vision_share_create_active

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
    for statement in ("Design learning.", "Lead learning design."):
        vision = saved(vision, statement)
    return vision


def saved(vision, statement: str):
    return vision_save(
        vision=vision,
        author=vision.owner,
        base_version=vision.version,
        title=vision.title,
        horizon_years=5,
        statement=statement,
        accomplishments=[],
        bridge_plan="",
    )


# Each cached page, and a query only its render makes.
PAGES = {
    "goals": ("goals/", 'FROM "goals_goal"'),
    "timeline": ("timeline/", 'FROM "goals_goal"'),
    "vision": ("", 'FROM "goals_goal"'),
    "history": ("history/", 'FROM "visions_visionrevision"'),
    "diff": ("history/compare/?from=1&to=2", 'FROM "visions_visionrevision"'),
    "questionnaire step": ("questionnaire/now/", '"visions_vision"."answers"'),
}
# What a kept page of a vision still asks the database: the vision, its
# owner and the reader's right to see it in one query (vision_access), and
# the comments stamp on the pages that show comments. The whole vision
# (its answers above all) is loaded only to render.
NARROW = {"goals": 2, "vision": 2}


def signed_in(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def get(client: Client, url: str) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in captured.captured_queries]


@pytest.mark.parametrize("page", PAGES)
def test_a_second_visit_is_served_from_the_cache(alice, vision, page):
    client = signed_in(alice)
    path, marker = PAGES[page]
    url = f"/visions/{vision.pk}/{path}"
    first, first_queries = get(client, url)
    second, second_queries = get(client, url)
    assert any(marker in sql for sql in first_queries)
    assert not any(marker in sql for sql in second_queries)
    # Less the session and the signed-in user, which every page loads.
    page_queries = second_queries[2:]
    assert len(page_queries) == NARROW.get(page, 1)
    assert not any('"visions_vision"."answers"' in sql for sql in second_queries)
    # Same page but for the CSRF tokens, which are masked afresh per response.
    assert TOKEN.sub("", second) == TOKEN.sub("", first)
    assert CSRF_PLACEHOLDER not in second


def test_a_message_is_shown_once_and_never_kept(alice, vision):
    client = signed_in(alice)
    url = f"/visions/{vision.pk}/goals/"
    page, _ = get(client, url)
    response = client.post(
        f"/visions/{vision.pk}/goals/new/",
        {
            "title": "Portfolio",
            "kind": "credential",
            "measure": "Three case studies online",
            "target_date": (timezone.localdate() + timedelta(days=200)).isoformat(),
            "status": "planned",
            "csrfmiddlewaretoken": TOKEN.search(page).group(1),
        },
    )
    assert response.status_code == 302
    shown, _ = get(client, url)
    again, _ = get(client, url)
    assert "Goal added." in shown
    assert "Goal added." not in again
    assert "Portfolio" in again


def test_the_clients_page_is_kept_only_without_invitations(alice, bob, vision):
    coach = signed_in(bob)
    vision_share_create_active(vision=vision, coach=bob)
    get(coach, "/coach/")
    _, queries = get(coach, "/coach/")
    assert not any('"visions_share"."invited_at"' in sql for sql in queries)
    other = VisionFactory(owner=alice, title="Ten years out")
    vision_share(vision=other, email=bob.email)
    first, _ = get(coach, "/coach/")
    _, queries = get(coach, "/coach/")
    assert "invites you to “Ten years out”" in first
    # The invitations are read again each time: they are not in the stamp.
    assert any('"visions_share"."invited_at"' in sql for sql in queries)


def test_a_piece_served_lately_needs_no_trip_to_the_cache(alice, vision):
    client = signed_in(alice)
    url = f"/visions/{vision.pk}/"
    first, _ = get(client, url)
    cache.clear()  # what is left is this process's own memory of the piece
    second, queries = get(client, url)
    assert not any('FROM "goals_goal"' in sql for sql in queries)
    assert TOKEN.sub("", second) == TOKEN.sub("", first)


def test_saving_the_vision_shows_at_once_on_its_pages(alice, vision):
    client = signed_in(alice)
    for path in ("", "history/", "history/compare/?from=1&to=2"):
        get(client, f"/visions/{vision.pk}/{path}")
    saved(vision, "Lead a learning design team.")
    page, _ = get(client, f"/visions/{vision.pk}/")
    assert "Lead a learning design team." in page
    history, _ = get(client, f"/visions/{vision.pk}/history/")
    assert '<th scope="row">#3 <span class="badge text-bg-primary">current</span>' in history
    diff, _ = get(client, f"/visions/{vision.pk}/history/compare/?from=1&to=3")
    assert "<ins" in diff


def test_the_vision_page_comment_thread_is_live(alice, bob, vision):
    vision_share_create_active(vision=vision, coach=bob)
    owner = signed_in(alice)
    get(owner, f"/visions/{vision.pk}/")
    comment_create(vision=vision, author=bob, body="What does leading mean to you?")
    page, _ = get(owner, f"/visions/{vision.pk}/")
    assert "What does leading mean to you?" in page


def test_the_coach_and_the_owner_each_get_their_own_vision_page(alice, bob, vision):
    vision_share_create_active(vision=vision, coach=bob)
    owners, _ = get(signed_in(alice), f"/visions/{vision.pk}/")
    coachs, _ = get(signed_in(bob), f"/visions/{vision.pk}/")
    assert "Edit the vision" in owners
    assert "shared with you by" not in owners
    assert "Edit the vision" not in coachs
    assert "shared with you by Alice Adams" in coachs


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


def test_recent_keeps_the_newest_pieces_within_its_limit():
    recent = Recent(10)
    recent.put("a", "1234")
    recent.put("b", "5678")
    assert recent.get("a") == "1234"  # now the newest
    recent.put("c", "90ab")  # over 10 characters: the oldest, b, goes
    assert (recent.get("a"), recent.get("b"), recent.get("c")) == ("1234", None, "90ab")
    recent.put("huge", "x" * 11)  # bigger than the whole limit: never kept
    assert recent.get("huge") is None
    assert recent.size == 8


def test_a_question_step_is_kept_until_its_answers_change(alice, vision):
    client = signed_in(alice)
    url = f"/visions/{vision.pk}/questionnaire/now/"
    body = "visions/steps/_form_body.html"
    first = client.get(url)
    assert body in [t.name for t in first.templates]
    again = client.get(url)
    assert body not in [t.name for t in again.templates]  # served from the cache
    response = client.post(
        url,
        {
            "action": "next",
            "current_role": "Support lead at a software company",
            "job_or_career": "job",
            "needs_met": "2",
            "missing": "",
            "csrfmiddlewaretoken": TOKEN.search(again.content.decode()).group(1),
        },
    )
    assert response.status_code == 302
    after = client.get(url)
    assert body in [t.name for t in after.templates]
    assert 'value="Support lead at a software company"' in after.content.decode()


def test_a_step_with_mistakes_shows_what_was_typed_and_is_not_kept(alice, vision):
    client = signed_in(alice)
    url = f"/visions/{vision.pk}/questionnaire/now/"
    page = client.get(url).content.decode()
    typed = {
        "action": "next",
        "current_role": "Typed but not saved",
        "job_or_career": "neither",
        "csrfmiddlewaretoken": TOKEN.search(page).group(1),
    }
    wrong = client.post(url, typed)
    assert wrong.status_code == 200
    html = wrong.content.decode()
    assert 'value="Typed but not saved"' in html
    assert "Select a valid choice. neither is not one of the available choices." in html
    assert "Typed but not saved" not in client.get(url).content.decode()


class _Frozen(datetime):
    at: datetime

    @classmethod
    def now(cls, tz=None):
        return cls.at


@settings(max_examples=300, deadline=None)
@given(
    age=st.integers(min_value=0, max_value=400 * 86400),
    later=st.integers(min_value=0, max_value=30 * 86400),
)
def test_naturaltime_step_changes_whenever_naturaltime_reads_differently(age, later):
    """Two moments with the same step read the same, so a piece kept under
    the step never shows a stale "3 minutes ago"."""
    posted = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
    first, second = posted + timedelta(seconds=age), posted + timedelta(seconds=age + later)

    def shown(now: datetime) -> str:
        _Frozen.at = now
        with patch.object(humanize, "datetime", _Frozen):
            return str(humanize.naturaltime(posted))

    if naturaltime_step(posted, first) == naturaltime_step(posted, second):
        assert shown(first) == shown(second)
    else:
        assert naturaltime_step(posted, first) < naturaltime_step(posted, second)


@pytest.fixture
def three_goals(alice):
    vision = VisionFactory(owner=alice, title="Three steps")
    for n in range(3):
        goal = goal_create(
            vision=vision,
            title=f"Goal number {n}",
            target_date=timezone.localdate() + timedelta(days=100 + n),
            kind="skill",
        )
        action_create(goal=goal, title=f"Action number {n}")
    return vision


def cards_rendered(response) -> int:
    return sum(t.name == "goals/_goal_card.html" for t in response.templates)


def test_ticking_an_action_renders_only_its_goal_again(alice, three_goals):
    client = signed_in(alice)
    url = f"/visions/{three_goals.pk}/goals/"
    assert cards_rendered(client.get(url)) == 3
    action = three_goals.goals.get(title="Goal number 1").actions.get()
    action_set_done(action=action, done=True)
    response = client.get(url)
    assert cards_rendered(response) == 1
    assert response.content.decode().count('aria-pressed="true"') == 1
    html = response.content.decode()
    cards = html[html.index('<li class="card') : html.rindex("</li>")]
    assert "\n " not in cards  # the template's indentation is left out
    assert "Action number 1</span>\n<span" in cards  # white space between words stays


def test_moving_a_goal_renders_the_cards_whose_place_changed(alice, three_goals):
    client = signed_in(alice)
    url = f"/visions/{three_goals.pk}/goals/"
    client.get(url)
    page = client.get(url).content.decode()
    last = three_goals.goals.get(title="Goal number 2")
    response = client.post(
        f"/goals/{last.pk}/move/",
        {"direction": "up", "csrfmiddlewaretoken": TOKEN.search(page).group(1)},
    )
    assert response.status_code == 302
    response = client.get(url)
    html = response.content.decode()
    order = re.findall(r'<h2 class="h5 mb-1">(Goal number \d)</h2>', html)
    assert order == ["Goal number 0", "Goal number 2", "Goal number 1"]
    assert cards_rendered(response) == 2  # the first card kept its place
    down = re.findall(r'name="direction" value="down" class="[^"]+"( disabled)?>', html)
    assert down == ["", "", " disabled"]


def test_a_kept_card_carries_the_token_of_whoever_reads_it(alice, three_goals):
    first, second = signed_in(alice), signed_in(alice)
    url = f"/visions/{three_goals.pk}/goals/"
    first.get(url)  # the cards are kept
    action_set_done(action=three_goals.goals.get(title="Goal number 0").actions.get(), done=True)
    page = second.get(url)
    assert cards_rendered(page) == 1  # two cards came from the first session's render
    assert CSRF_PLACEHOLDER not in page.content.decode()
    kept = three_goals.goals.get(title="Goal number 2").actions.get()
    # The kept card's tick posts the page's shared form, with this response's token.
    html = page.content.decode()
    assert f'form="goal-tools" formaction="/actions/{kept.pk}/done/"' in html
    shared = re.search(r'<form id="goal-tools" method="post" hidden>(.*?)</form>', html, re.S)
    token = TOKEN.search(shared.group(1)).group(1)
    response = second.post(f"/actions/{kept.pk}/done/", {"done": "1", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


# --- The coach dashboard ------------------------------------------------------------


def test_the_coach_dashboard_is_kept_until_what_it_shows_changes(alice, bob, vision):
    vision_share_create_active(vision=vision, coach=bob)
    coach = signed_in(bob)
    first, queries = get(coach, "/coach/")
    assert any('FROM "goals_goal"' in sql for sql in queries)
    second, queries = get(coach, "/coach/")
    assert not any('FROM "goals_goal"' in sql for sql in queries)
    assert table_rows(second) == table_rows(first)
    # Client, vision, reflection, goals reached, overdue, last changed, new comments.
    client, title, _, goals, overdue, _, unread = table_rows(first)[1]
    assert (client, title, goals, overdue, unread) == (
        "Alice Adams",
        "Five years out",
        "0 / 1",
        "0",
        "0",
    )

    goal = vision.goals.get()
    action_create(goal=goal, title="Call the school", due_date=timezone.localdate())
    goal_create(vision=vision, title="Portfolio", target_date=goal.target_date, kind="skill")
    assert table_rows(get(coach, "/coach/")[0])[1][3:5] == ["0 / 2", "0"]
    # A day later the action is overdue, though nothing was written.
    tomorrow = timezone.localdate() + timedelta(days=1)
    with patch.object(timezone, "localdate", lambda: tomorrow):
        assert table_rows(get(coach, "/coach/")[0])[1][4] == "1"

    alice.display_name = "Alice Moreno"
    alice.save(update_fields=["display_name"])
    assert table_rows(get(coach, "/coach/")[0])[1][0] == "Alice Moreno"
    comment_create(vision=vision, author=alice, body="I added a portfolio goal.")
    assert table_rows(get(coach, "/coach/")[0])[1][6] == "1"


def test_render_around_puts_the_piece_where_the_template_would(alice, vision, rf):
    request = rf.get(f"/visions/{vision.pk}/timeline/")
    request.user = alice
    request.session = {}
    request._messages = FallbackStorage(request)
    body = Piece("<p>Kept “piece”</p>\n" * 3)
    body.key = "a test piece"
    around = render_around(request, "goals/timeline.html", {"vision": vision}, body)
    through = render(request, "goals/timeline.html", {"vision": vision, "body": body})
    assert TOKEN.sub("", around.text) == TOKEN.sub("", through.text)
    assert around.text.count("<p>Kept “piece”</p>") == 3


def test_home_and_my_visions_show_a_change_at_once(alice, vision):
    client = signed_in(alice)
    home, _ = get(client, "/")
    mine, _ = get(client, "/visions/")
    assert "Welcome, Alice Adams" in home
    assert "0 of 1 goals reached" in mine
    goal_update(goal=vision.goals.get(), status="done")
    alice.display_name = "Alice Moreno"
    alice.save(update_fields=["display_name"])
    assert "Welcome, Alice Moreno" in get(client, "/")[0]
    assert "1 of 1 goals reached" in get(client, "/visions/")[0]
    vision_archive(vision=vision)
    assert "Five years out" not in get(client, "/")[0]
    assert '<ul class="list-unstyled vision-list archived">' in get(client, "/visions/")[0]
