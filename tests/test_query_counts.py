"""Every main page reads in the same number of SQL queries whatever the data
size: one goal or fifty, one revision or fifty, one client or five hundred.

Each case measures one request at a small size, grows the data (in bulk, so
the whole file stays quick) and measures the same request again. Both counts
must be equal, and both responses must show the data, so a page that errors
or shows nothing cannot pass. A count that grows prints both query lists.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from careervision.fragments import RECENT
from goals.calendar import calendar_feed_regenerate
from goals.management.commands.seed_demo import SAM_ANSWERS
from goals.models import Action, Comment, Goal, GoalStatus
from tests.factories import UserFactory, VisionFactory, answered
from visions.models import Share, ShareStatus, Vision, VisionRevision
from visions.sharing import vision_share_create_active

pytestmark = pytest.mark.django_db


@dataclass
class World:
    """alice's answered vision, shared with bob; cora, a coach whose clients
    the dashboard cases grow; alice's calendar feed address; a signed-in
    client for each of them, and one for nobody (the feed's calendar app)."""

    alice: User
    bob: User
    cora: User
    vision: Vision
    token: str
    clients: dict[str, Client] = field(default_factory=dict)


@pytest.fixture
def world(alice, bob) -> World:
    vision = answered(VisionFactory(owner=alice, title="Five years out"))
    vision_share_create_active(vision=vision, coach=bob)
    cora = UserFactory(email="cora@example.com", display_name="Cora Cole", is_coach=True)
    world = World(
        alice=alice,
        bob=bob,
        cora=cora,
        vision=vision,
        token=calendar_feed_regenerate(user=alice).token,
    )
    for name, user in {"alice": alice, "bob": bob, "cora": cora, "anonymous": None}.items():
        world.clients[name] = Client()
        if user is not None:
            world.clients[name].force_login(user)
    return world


# --- Growing the data, in bulk --------------------------------------------------------


def days(n: int):
    return timezone.localdate() + timedelta(days=n)


GOAL_STATUSES = [GoalStatus.DROPPED, GoalStatus.PLANNED, GoalStatus.IN_PROGRESS, GoalStatus.DONE]


def goal_title(i: int) -> str:
    return f"Goal #{i:03d}"


def goals_to(world: World, n: int) -> None:
    """alice's vision has goals 1..n, each with three actions (one done, one
    overdue or due, one undated) and a comment, alternately by alice and bob."""
    vision = world.vision
    first = vision.goals.count() + 1
    goals = Goal.objects.bulk_create(
        Goal(
            vision=vision,
            title=goal_title(i),
            kind="skill",
            measure=f"Measure {i}",
            target_date=days(7 * i - 30),
            status=GOAL_STATUSES[i % 4],
            values=["achievement"] if i % 2 else ["creativity", "social_service"],
            position=i,
        )
        for i in range(first, n + 1)
    )
    Action.objects.bulk_create(
        action
        for i, goal in enumerate(goals, start=first)
        for action in (
            Action(goal=goal, title=f"Action {i:03d}a", due_date=days(-i), done_on=days(-1)),
            Action(goal=goal, title=f"Action {i:03d}b", due_date=days(i - 5), position=1),
            Action(goal=goal, title=f"Action {i:03d}c", position=2),
        )
    )
    Comment.objects.bulk_create(
        Comment(
            vision=vision,
            goal=goal,
            author=world.alice if i % 2 else world.bob,
            body=f"Comment on goal {i:03d}",
        )
        for i, goal in enumerate(goals, start=first)
    )


def goals_reached(n: int) -> str:
    kept = [i for i in range(1, n + 1) if GOAL_STATUSES[i % 4] != GoalStatus.DROPPED]
    done = sum(GOAL_STATUSES[i % 4] == GoalStatus.DONE for i in kept)
    return f"{done} of {len(kept)} goals reached."


def revisions_to(world: World, n: int) -> None:
    """alice's vision has revisions 1..n, the vision itself saying what the last does."""
    vision = world.vision
    first = vision.revisions.count() + 1
    VisionRevision.objects.bulk_create(
        VisionRevision(
            vision=vision,
            number=i,
            # Some by a deleted account, some restoring an older revision.
            author=None if i % 7 == 0 else world.alice,
            title=vision.title,
            horizon_years=5 + i % 3,
            statement=f"Statement version {i}.",
            accomplishments=[f"Accomplishment {j}" for j in range(i % 4)],
            bridge_plan="Bridge" if i % 2 else "",
            restored_from=i - 2 if i % 10 == 0 else None,
        )
        for i in range(first, n + 1)
    )
    Vision.objects.filter(pk=vision.pk).update(
        version=n,
        statement=f"Statement version {n}.",
        horizon_years=5 + n % 3,
        accomplishments=[f"Accomplishment {j}" for j in range(n % 4)],
        bridge_plan="Bridge" if n % 2 else "",
    )


def client_name(i: int) -> str:
    return f"Client {i:04d}"


def clients_to(world: World, n: int) -> None:
    """cora coaches clients 1..n, each sharing one vision with her. Every third
    vision is a "Career change plan" (what the search finds); odd clients have
    goals, one done and one with an overdue action; every fifth wrote comments
    cora has not read; every tenth has an ended share too, every hundredth a
    second vision with an invitation waiting for cora."""
    coach = world.cora
    first = Share.objects.filter(coach=coach, status=ShareStatus.ACTIVE).count() + 1
    numbers = range(first, n + 1)
    now = timezone.now()
    users = User.objects.bulk_create(
        User(email=f"client{i:04d}@example.com", display_name=client_name(i), password="!")
        for i in numbers
    )
    visions = Vision.objects.bulk_create(
        Vision(
            owner=user,
            title="Career change plan" if i % 3 == 1 else "Growth plan",
            answers={slug: SAM_ANSWERS[slug] for slug in list(SAM_ANSWERS)[: i % 5]},
            questionnaire_completed_at=now if i % 7 == 0 else None,
        )
        for i, user in zip(numbers, users, strict=True)
    )
    open_share = {"email": coach.email, "expires_at": now + timedelta(days=14)}
    Share.objects.bulk_create(
        [
            Share(vision=vision, coach=coach, status=ShareStatus.ACTIVE, **open_share)
            for vision in visions
        ]
        + [
            Share(vision=vision, coach=coach, status=ShareStatus.REVOKED, **open_share)
            for i, vision in zip(numbers, visions, strict=True)
            if i % 10 == 0
        ]
    )
    invited = Vision.objects.bulk_create(
        Vision(owner=user, title="Second plan")
        for i, user in zip(numbers, users, strict=True)
        if i % 100 == 1
    )
    Share.objects.bulk_create(Share(vision=vision, **open_share) for vision in invited)
    with_goals = [(i, v) for i, v in zip(numbers, visions, strict=True) if i % 2]
    goals = Goal.objects.bulk_create(
        goal
        for i, vision in with_goals
        for goal in (
            Goal(vision=vision, title="Done", target_date=days(-5), status=GoalStatus.DONE),
            Goal(vision=vision, title="Late", target_date=days(30), position=1),
        )
    )
    Action.objects.bulk_create(
        Action(goal=goal, title="Overdue step", due_date=days(-1))
        for goal in goals
        if goal.title == "Late"
    )
    Comment.objects.bulk_create(
        Comment(vision=vision, author=vision.owner, body=f"A question from {client_name(i)}")
        for i, vision in zip(numbers, visions, strict=True)
        if i % 5 == 1
    )


# --- The cases ------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One request: who makes it, at which address (formatted with the
    vision's pk, alice's feed token and the size n), and what the response
    must show at size n."""

    id: str
    grow: Callable[[World, int], None]
    viewer: str
    url: str
    shows: Callable[[int], list[str]]
    small: int = 1
    large: int = 50
    method: str = "get"
    data: Callable[[int], dict] | None = None
    redirect: str | None = None
    check: Callable[[World, int], None] | None = None

    def address(self, world: World, n: int) -> str:
        return self.url.format(vision=world.vision.pk, token=world.token, n=n)


def both(text: Callable[[int], str]) -> Callable[[int], list[str]]:
    return lambda n: [text(n)]


def last_goal(n: int) -> list[str]:
    return [goal_title(n), f"Action {n:03d}a"]


def last_goal_commented(n: int) -> list[str]:
    return [goal_title(n), f"Comment on goal {n:03d}"]


def step_answer(n: int) -> str:
    return f"Role with {n} goals"


def step_saved(world: World, n: int) -> None:
    world.vision.refresh_from_db()
    assert world.vision.answers["now"]["current_role"] == step_answer(n)


CASES = [
    # 1 vs 50 goals, each with three actions and a comment.
    Case("goals-page", goals_to, "alice", "/visions/{vision}/goals/", last_goal_commented),
    Case("timeline", goals_to, "alice", "/visions/{vision}/timeline/", last_goal),
    Case("vision-page-goals", goals_to, "alice", "/visions/{vision}/", both(goals_reached)),
    Case("comments-page", goals_to, "alice", "/visions/{vision}/comments/", last_goal_commented),
    Case(
        "calendar-feed",
        goals_to,
        "anonymous",
        "/calendar/feed/{token}.ics",
        both(lambda n: f"SUMMARY:Action {n:03d}b"),
    ),
    Case(
        "vision-calendar-ics",
        goals_to,
        "alice",
        "/visions/{vision}/calendar.ics",
        both(lambda n: f"SUMMARY:Action {n:03d}b"),
    ),
    Case("coach-vision-page", goals_to, "bob", "/visions/{vision}/", both(goals_reached)),
    Case("coach-goals-page", goals_to, "bob", "/visions/{vision}/goals/", last_goal_commented),
    Case("coach-timeline", goals_to, "bob", "/visions/{vision}/timeline/", last_goal),
    Case(
        "coach-comments-page", goals_to, "bob", "/visions/{vision}/comments/", last_goal_commented
    ),
    Case(
        "questionnaire-step-get",
        goals_to,
        "alice",
        "/visions/{vision}/questionnaire/now/",
        both(lambda n: SAM_ANSWERS["now"]["current_role"]),
    ),
    Case(
        "questionnaire-step-post",
        goals_to,
        "alice",
        "/visions/{vision}/questionnaire/now/",
        lambda n: [],
        method="post",
        data=lambda n: {**SAM_ANSWERS["now"], "current_role": step_answer(n)},
        redirect="/visions/{vision}/questionnaire/life/",
        check=step_saved,
    ),
    # 1 vs 50 revisions (the comparison needs two to start with).
    Case(
        "vision-page-revisions",
        revisions_to,
        "alice",
        "/visions/{vision}/",
        both(lambda n: f"Statement version {n}."),
    ),
    Case(
        "history",
        revisions_to,
        "alice",
        "/visions/{vision}/history/",
        both(lambda n: f'id="to-{n}"'),
    ),
    Case(
        "coach-history",
        revisions_to,
        "bob",
        "/visions/{vision}/history/",
        both(lambda n: f'id="to-{n}"'),
    ),
    Case(
        "compare-first-last-revision",
        revisions_to,
        "alice",
        "/visions/{vision}/history/compare/?from=1&to={n}",
        both(lambda n: f"Revision 1 compared with revision {n}"),
        small=2,
    ),
    # 1 vs 500 clients of one coach.
    Case(
        "coach-dashboard",
        clients_to,
        "cora",
        "/coach/",
        # The newest client, an invitation, overdue actions and unread comments.
        lambda n: [
            client_name(n),
            "Client 0001 invites you",
            'state-overdue">1<',
            'text-bg-primary">1<',
        ],
        large=500,
    ),
    Case(
        "coach-dashboard-search",
        clients_to,
        "cora",
        "/coach/?q=career+change",
        # The newest "Career change plan": clients 1, 4, 7 ... 499.
        both(lambda n: client_name(n - (n - 1) % 3)),
        large=500,
    ),
    # Page 2 exists from 26 clients on: one row there, then twenty-five.
    Case(
        "coach-dashboard-page-2",
        clients_to,
        "cora",
        "/coach/?page=2",
        both(lambda n: client_name(n - 25)),
        small=26,
        large=500,
    ),
]


# --- Measuring ------------------------------------------------------------------------


def fetch(world: World, case: Case, n: int):
    client = world.clients[case.viewer]
    data = case.data(n) if case.data else None
    # Pages kept in careervision.fragments would be served from the cache at
    # one size and rendered at the other: every measure is a fresh render.
    cache.clear()
    RECENT.clear()
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, case.method)(case.address(world, n), data)
    return response, [query["sql"] for query in queries.captured_queries]


def shows(world: World, case: Case, n: int, response) -> None:
    """The response is the page it should be, with the data of size n on it."""
    if case.redirect:
        assert response.status_code == 302, response.content[:500]
        assert response["Location"] == case.redirect.format(vision=world.vision.pk)
    else:
        assert response.status_code == 200, response.content[:500]
    text = response.content.decode()
    for expected in case.shows(n):
        assert expected in text, f"{expected!r} is not on {case.address(world, n)} at size {n}"
    if case.check:
        case.check(world, n)


def queries_at(world: World, case: Case, n: int) -> list[str]:
    case.grow(world, n)
    response, queries = fetch(world, case, n)
    shows(world, case, n, response)
    return queries


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_queries_do_not_grow_with_data(world, case):
    case.grow(world, case.small)
    # The first request of a session fills caches that have nothing to do with size.
    fetch(world, case, case.small)
    small = queries_at(world, case, case.small)
    large = queries_at(world, case, case.large)
    assert len(large) == len(small), "\n".join(
        [
            f"{len(small)} queries at size {case.small}, {len(large)} at size {case.large}",
            f"--- at size {case.small}:",
            *small,
            f"--- at size {case.large}:",
            *large,
        ]
    )
