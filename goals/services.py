"""Every write to goals and actions goes through here."""

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from goals.models import Action, Goal, GoalStatus
from visions.models import Vision


def _touch(vision_id: int) -> None:
    """A goal or action changed: the vision changed (its PDF, its "last
    changed"). Every write below calls this."""
    Vision.objects.filter(pk=vision_id).update(updated_at=timezone.now())


def _next_position(queryset) -> int:
    return (queryset.aggregate(last=Max("position"))["last"] or 0) + 1


def goal_create(
    *,
    vision: Vision,
    title: str,
    target_date: date,
    kind: str,
    description: str = "",
    measure: str = "",
    status: str = GoalStatus.PLANNED,
    values: list[str] | None = None,
) -> Goal:
    _touch(vision.pk)
    return Goal.objects.create(
        vision=vision,
        title=title.strip(),
        target_date=target_date,
        kind=kind,
        description=description.strip(),
        measure=measure.strip(),
        status=status,
        values=list(values or []),
        position=_next_position(vision.goals.all()),
    )


def goal_update(*, goal: Goal, **fields) -> Goal:
    for name, value in fields.items():
        setattr(goal, name, value.strip() if isinstance(value, str) else value)
    goal.save()
    _touch(goal.vision_id)
    return goal


def goal_delete(*, goal: Goal) -> None:
    goal.delete()
    _touch(goal.vision_id)


@transaction.atomic
def goal_move(*, goal: Goal, offset: int) -> None:
    """Moves a goal up (offset -1) or down (+1) among its vision's goals."""
    _move(list(Goal.objects.select_for_update().filter(vision_id=goal.vision_id)), goal, offset)
    _touch(goal.vision_id)


@transaction.atomic
def action_move(*, action: Action, offset: int) -> None:
    _move(list(Action.objects.select_for_update().filter(goal_id=action.goal_id)), action, offset)
    _touch(action.goal.vision_id)


def _move(siblings: list, item, offset: int) -> None:
    index = next(i for i, each in enumerate(siblings) if each.pk == item.pk)
    target = index + offset
    if not 0 <= target < len(siblings):
        return
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, each in enumerate(siblings, start=1):
        if each.position != position:
            each.position = position
            each.save(update_fields=["position"])


def action_create(*, goal: Goal, title: str, due_date: date | None = None) -> Action:
    _touch(goal.vision_id)
    return Action.objects.create(
        goal=goal,
        title=title.strip(),
        due_date=due_date,
        position=_next_position(goal.actions.all()),
    )


def action_update(*, action: Action, title: str, due_date: date | None) -> Action:
    action.title = title.strip()
    action.due_date = due_date
    action.save(update_fields=["title", "due_date"])
    _touch(action.goal.vision_id)
    return action


def action_delete(*, action: Action) -> None:
    action.delete()
    _touch(action.goal.vision_id)


def action_set_done(*, action: Action, done: bool, on: date | None = None) -> Action:
    """Ticks an action done (keeping the day it was done) or opens it again.
    Ticking an already-done action keeps its original date."""
    if done and action.done_on is None:
        action.done_on = on or timezone.localdate()
    elif not done:
        action.done_on = None
    action.save(update_fields=["done_on"])
    _touch(action.goal.vision_id)
    return action


@transaction.atomic
def goals_create_from_proposals(*, vision: Vision, kept: list[tuple]) -> list[Goal]:
    """Creates the proposed goals (goals.suggest) a person kept, with the title
    and date they gave each, and the proposal's actions: all of them or none.
    `kept` holds (proposal, {"title": ..., "target_date": ...}) pairs."""
    created = []
    for proposal, edited in kept:
        goal = goal_create(
            vision=vision,
            title=edited["title"],
            target_date=edited["target_date"],
            kind=proposal.kind,
            description=proposal.description,
            measure=proposal.measure,
            values=proposal.values,
        )
        for action in proposal.actions:
            action_create(goal=goal, title=action.title, due_date=action.due_date)
        created.append(goal)
    return created
