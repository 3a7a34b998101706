from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from goals.models import Action, Goal, GoalStatus
from goals.services import action_create, goal_create
from tests.factories import VisionFactory, answered

pytestmark = pytest.mark.django_db


@pytest.fixture
def vision(alice):
    return VisionFactory(owner=alice, title="Five years out")


def days(n: int):
    return timezone.localdate() + timedelta(days=n)


def goal_data(**fields) -> dict:
    return {
        "title": "Instructional design certificate",
        "description": "",
        "kind": "credential",
        "measure": "Certificate received",
        "target_date": days(200).isoformat(),
        "status": "planned",
        "values": ["achievement"],
        **fields,
    }


@pytest.fixture
def goal(vision):
    return goal_create(vision=vision, title="Certificate", target_date=days(100), kind="credential")


def test_adding_a_goal(alice_client, vision):
    response = alice_client.post(f"/visions/{vision.pk}/goals/new/", goal_data())
    assert response["Location"] == f"/visions/{vision.pk}/goals/"
    goal = Goal.objects.get()
    assert (goal.vision, goal.title, goal.kind, goal.values, goal.position) == (
        vision,
        "Instructional design certificate",
        "credential",
        ["achievement"],
        1,
    )


def test_a_past_target_date_is_only_for_goals_already_done(alice_client, vision):
    url = f"/visions/{vision.pk}/goals/new/"
    response = alice_client.post(url, goal_data(target_date=days(-3).isoformat()))
    assert response.status_code == 200
    assert "A date in the past is only for goals already done" in response.text
    assert Goal.objects.count() == 0
    alice_client.post(url, goal_data(target_date=days(-3).isoformat(), status="done"))
    assert Goal.objects.get().status == GoalStatus.DONE


def test_an_overdue_goal_keeps_its_date_when_edited(alice_client, vision):
    goal = goal_create(vision=vision, title="Old", target_date=days(-10), kind="skill")
    response = alice_client.post(
        f"/goals/{goal.pk}/edit/", goal_data(title="Renamed", target_date=days(-10).isoformat())
    )
    assert response["Location"] == f"/visions/{vision.pk}/goals/"
    goal.refresh_from_db()
    assert (goal.title, goal.target_date) == ("Renamed", days(-10))


def test_reordering_goals_with_up_and_down(alice_client, vision):
    first = goal_create(vision=vision, title="First", target_date=days(10), kind="skill")
    second = goal_create(vision=vision, title="Second", target_date=days(20), kind="skill")
    response = alice_client.post(f"/goals/{second.pk}/move/", {"direction": "up"})
    assert response["Location"] == f"/visions/{vision.pk}/goals/#goal-{second.pk}"
    assert list(vision.goals.values_list("title", flat=True)) == ["Second", "First"]
    alice_client.post(f"/goals/{second.pk}/move/", {"direction": "down"})
    alice_client.post(f"/goals/{first.pk}/move/", {"direction": "up"})
    assert list(vision.goals.values_list("title", flat=True)) == ["First", "Second"]


def test_deleting_a_goal_asks_first(alice_client, vision, goal):
    action_create(goal=goal, title="Enrol", due_date=days(5))
    assert (
        "The goal and its actions are deleted" in alice_client.get(f"/goals/{goal.pk}/delete/").text
    )
    assert Goal.objects.count() == 1
    alice_client.post(f"/goals/{goal.pk}/delete/")
    assert (Goal.objects.count(), Action.objects.count()) == (0, 0)


def test_actions_are_added_ticked_and_reopened(alice_client, goal):
    alice_client.post(
        f"/goals/{goal.pk}/actions/new/",
        {f"goal-{goal.pk}-title": "Enrol", f"goal-{goal.pk}-due_date": days(5).isoformat()},
    )
    action = Action.objects.get()
    assert (action.goal, action.title, action.due_date, action.done_on) == (
        goal,
        "Enrol",
        days(5),
        None,
    )
    response = alice_client.post(f"/actions/{action.pk}/done/", {"done": "1"})
    assert response["Location"] == f"/visions/{goal.vision_id}/goals/#goal-{goal.pk}"
    action.refresh_from_db()
    assert action.done_on == timezone.localdate()
    response = alice_client.post(
        f"/actions/{action.pk}/done/", {"done": "0"}, headers={"Accept": "application/json"}
    )
    assert response.json() == {"done": False, "done_on": ""}
    action.refresh_from_db()
    assert action.done_on is None


def test_an_action_due_after_its_goal_is_saved_with_a_warning(alice_client, goal):
    response = alice_client.post(
        f"/goals/{goal.pk}/actions/new/",
        {f"goal-{goal.pk}-title": "Late step", f"goal-{goal.pk}-due_date": days(400).isoformat()},
        follow=True,
    )
    assert Action.objects.get().title == "Late step"
    assert "is due after its goal’s target date" in response.text


def test_an_action_without_a_title_is_refused_and_kept(alice_client, goal):
    response = alice_client.post(
        f"/goals/{goal.pk}/actions/new/",
        {f"goal-{goal.pk}-title": "", f"goal-{goal.pk}-due_date": "not a date"},
    )
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert "Enter a valid date." in response.text
    assert Action.objects.count() == 0


def test_goals_page_shows_progress_and_flags_an_unserved_top_value(alice_client, vision):
    vision = answered(vision, "values", "most-important")
    goal = goal_create(
        vision=vision, title="Course", target_date=days(30), kind="skill", values=["achievement"]
    )
    action_create(goal=goal, title="Enrol", due_date=days(-1))
    response = alice_client.get(f"/visions/{vision.pk}/goals/")
    assert "Achievement</strong>: served by 1 goal" in response.text
    assert "Relationships</strong>: no goal serves this top value yet." in response.text
    assert '<span class="badge state-overdue">Overdue</span>' in response.text
    detail = alice_client.get(f"/visions/{vision.pk}/")
    assert "No goal serves Relationships, one of your top values." in detail.text


def test_goals_page_and_timeline_in_constant_queries(alice_client, vision):
    def add_goals(count):
        for n in range(count):
            goal = goal_create(
                vision=vision, title=f"Goal {n}", target_date=days(30 + n), kind="skill"
            )
            action_create(goal=goal, title=f"Action {n}", due_date=days(n))

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            response = alice_client.get(url)
        return len(captured.captured_queries), response

    pages = [f"/visions/{vision.pk}/goals/", f"/visions/{vision.pk}/timeline/"]
    add_goals(1)
    small = [queries(url)[0] for url in pages]
    add_goals(49)  # moves the vision's stamp: both pages are rendered afresh
    large = [queries(url) for url in pages]
    assert [count for count, _ in large] == small
    assert sum(len(q.entries) for q in large[1][1].context["quarters"]) == 100


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/visions/{vision}/goals/"),
        ("get", "/visions/{vision}/timeline/"),
        ("get", "/visions/{vision}/plan/"),
        ("post", "/visions/{vision}/plan/"),
        ("get", "/visions/{vision}/goals/new/"),
        ("post", "/visions/{vision}/goals/new/"),
        ("get", "/goals/{goal}/edit/"),
        ("post", "/goals/{goal}/edit/"),
        ("post", "/goals/{goal}/delete/"),
        ("post", "/goals/{goal}/move/"),
        ("post", "/goals/{goal}/actions/new/"),
        ("post", "/actions/{action}/edit/"),
        ("post", "/actions/{action}/done/"),
        ("post", "/actions/{action}/delete/"),
        ("post", "/actions/{action}/move/"),
    ],
)
def test_a_stranger_gets_not_found_and_changes_nothing(client, carol, vision, goal, method, path):
    action = action_create(goal=goal, title="Enrol", due_date=days(5))
    client.force_login(carol)
    url = path.format(vision=vision.pk, goal=goal.pk, action=action.pk)
    response = client.post(url, goal_data(title="hijack")) if method == "post" else client.get(url)
    assert response.status_code == 404
    goal.refresh_from_db()
    action.refresh_from_db()
    assert (goal.title, action.title, action.done_on, Goal.objects.count()) == (
        "Certificate",
        "Enrol",
        None,
        1,
    )


def test_planning_proposes_goals_and_creates_only_those_kept(alice_client, alice, vision):
    vision = answered(vision)
    url = f"/visions/{vision.pk}/plan/"
    response = alice_client.get(url)
    assert Goal.objects.count() == 0
    rows = response.context["rows"]
    keys = [row["proposal"].key for row in rows]
    assert keys[0] == "first-90-days"
    data = {
        "plan-TOTAL_FORMS": str(len(rows)),
        "plan-INITIAL_FORMS": str(len(rows)),
        "plan-MIN_NUM_FORMS": "0",
        "plan-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        proposal = row["proposal"]
        data[f"plan-{i}-key"] = proposal.key
        data[f"plan-{i}-title"] = proposal.title
        data[f"plan-{i}-target_date"] = proposal.target_date.isoformat()
    data["plan-0-keep"] = "on"
    data["plan-0-title"] = "My first three months"
    data["plan-2-keep"] = "on"
    response = alice_client.post(url, data)
    assert response["Location"] == f"/visions/{vision.pk}/goals/"
    first, other = vision.goals.all()
    assert (first.title, first.kind, first.target_date) == (
        "My first three months",
        rows[0]["proposal"].kind,
        rows[0]["proposal"].target_date,
    )
    assert [a.title for a in first.actions.all()] == [a.title for a in rows[0]["proposal"].actions]
    assert other.title == rows[2]["proposal"].title
    assert other.values == rows[2]["proposal"].values


def test_planning_refuses_a_past_date_and_adds_nothing(alice_client, vision):
    response = alice_client.get(f"/visions/{vision.pk}/plan/")
    rows = response.context["rows"]
    data = {
        "plan-TOTAL_FORMS": "1",
        "plan-INITIAL_FORMS": "1",
        "plan-MIN_NUM_FORMS": "0",
        "plan-MAX_NUM_FORMS": "1000",
        "plan-0-key": rows[0]["proposal"].key,
        "plan-0-keep": "on",
        "plan-0-title": "Kept title",
        "plan-0-target_date": days(-1).isoformat(),
    }
    response = alice_client.post(f"/visions/{vision.pk}/plan/", data)
    assert response.status_code == 200
    assert "Pick a date from today on." in response.text
    assert Goal.objects.count() == 0
