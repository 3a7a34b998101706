from datetime import date

import pytest

from goals.models import GoalStatus
from goals.progress import date_state, goal_progress, timeline, vision_summary
from goals.services import action_create, action_set_done, goal_create
from tests.factories import VisionFactory

pytestmark = pytest.mark.django_db

TODAY = date(2027, 3, 10)


@pytest.fixture
def vision(alice):
    return VisionFactory(owner=alice)


def make_goal(vision, title, target, status=GoalStatus.PLANNED, actions=()):
    goal = goal_create(vision=vision, title=title, target_date=target, kind="skill", status=status)
    for action_title, due, done_on in actions:
        action = action_create(goal=goal, title=action_title, due_date=due)
        if done_on:
            action_set_done(action=action, done=True, on=done_on)
    return goal


def fetched(vision):
    return list(vision.goals.prefetch_related("actions"))


def test_progress_is_the_share_of_actions_done(vision):
    goal = make_goal(
        vision,
        "Course",
        date(2027, 6, 1),
        actions=[
            ("Pick", date(2027, 3, 1), date(2027, 2, 27)),
            ("Enrol", None, None),
            ("Finish", None, None),
        ],
    )
    assert goal_progress(goal, list(goal.actions.all())) == 33
    goal.status = GoalStatus.DONE
    assert goal_progress(goal, list(goal.actions.all())) == 100
    empty = make_goal(vision, "Empty", date(2027, 6, 1))
    assert goal_progress(empty, []) == 0


@pytest.mark.parametrize(
    "when, done, dropped, expected",
    [
        (date(2027, 3, 9), False, False, "overdue"),
        (date(2027, 3, 10), False, False, "soon"),
        (date(2027, 3, 24), False, False, "soon"),
        (date(2027, 3, 25), False, False, "later"),
        (date(2027, 3, 1), True, False, "done"),
        (date(2027, 3, 1), False, True, "dropped"),
        (None, False, False, "undated"),
    ],
)
def test_date_states(when, done, dropped, expected):
    assert date_state(when, done=done, today=TODAY, dropped=dropped) == expected


def test_timeline_orders_by_date_and_groups_by_quarter(vision):
    make_goal(
        vision,
        "Certificate",
        date(2027, 9, 30),
        actions=[
            ("Enrol", date(2027, 2, 1), None),
            ("Exam", date(2027, 9, 1), None),
            ("Undated", None, None),
        ],
    )
    make_goal(vision, "First talk", date(2028, 1, 15), status=GoalStatus.DONE)
    quarters = timeline(fetched(vision), TODAY)
    assert [
        (q.year, q.quarter, [(e.when, e.kind, e.title, e.state) for e in q.entries])
        for q in quarters
    ] == [
        (2027, 1, [(date(2027, 2, 1), "action", "Enrol", "overdue")]),
        (
            2027,
            3,
            [
                (date(2027, 9, 1), "action", "Exam", "later"),
                (date(2027, 9, 30), "goal", "Certificate", "later"),
            ],
        ),
        (2028, 1, [(date(2028, 1, 15), "goal", "First talk", "done")]),
    ]


def test_summary_counts_what_is_done_overdue_and_due_soon_and_leaves_out_dropped(vision):
    make_goal(
        vision,
        "A",
        date(2027, 12, 1),
        actions=[
            ("late", date(2027, 3, 1), None),
            ("soon", date(2027, 3, 12), None),
            ("done", date(2027, 3, 1), date(2027, 3, 1)),
        ],
    )
    make_goal(vision, "B", date(2027, 3, 20), status=GoalStatus.DONE)
    make_goal(
        vision,
        "C",
        date(2026, 1, 1),
        status=GoalStatus.DROPPED,
        actions=[("x", date(2027, 1, 1), None)],
    )
    summary = vision_summary(fetched(vision), TODAY)
    assert (summary.goals, summary.goals_done, summary.actions, summary.actions_done) == (
        2,
        1,
        3,
        1,
    )
    assert (summary.overdue, summary.due_soon, summary.percent) == (1, 1, 33)
