"""Progress and the timeline, derived from goals and actions: never typed in."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from goals.models import Action, Goal, GoalStatus

DUE_SOON_DAYS = 14


def goal_progress(goal: Goal, actions: list[Action]) -> int:
    """Percent done: the share of its actions ticked off. A goal marked done
    is 100; one without actions is 0 until it is marked done."""
    if goal.status == GoalStatus.DONE:
        return 100
    if not actions:
        return 0
    return round(100 * sum(action.is_done for action in actions) / len(actions))


def date_state(when: date | None, *, done: bool, today: date, dropped: bool = False) -> str:
    """done, dropped, overdue, soon (within two weeks), later, or undated."""
    if dropped:
        return "dropped"
    if done:
        return "done"
    if when is None:
        return "undated"
    if when < today:
        return "overdue"
    if when <= today + timedelta(days=DUE_SOON_DAYS):
        return "soon"
    return "later"


def goal_state(goal: Goal, today: date) -> str:
    return date_state(
        goal.target_date,
        done=goal.status == GoalStatus.DONE,
        today=today,
        dropped=goal.status == GoalStatus.DROPPED,
    )


def goal_rows(goals: Iterable[Goal], today: date) -> list[dict]:
    """Each goal with its progress, its date state and its actions' states,
    as the goals page and the PDF show them. Expects prefetched actions."""
    rows = []
    for goal in goals:
        actions = list(goal.actions.all())
        rows.append(
            {
                "goal": goal,
                "progress": goal_progress(goal, actions),
                "state": goal_state(goal, today),
                "actions": [
                    {
                        "action": action,
                        "state": date_state(action.due_date, done=action.is_done, today=today),
                        "after_goal": bool(action.due_date and action.due_date > goal.target_date),
                    }
                    for action in actions
                ],
            }
        )
    return rows


@dataclass(frozen=True)
class Entry:
    when: date
    kind: str  # "goal" or "action"
    title: str
    goal: Goal
    state: str
    action: Action | None = None


@dataclass
class Quarter:
    year: int
    quarter: int
    entries: list[Entry] = field(default_factory=list)


def timeline(goals: Iterable[Goal], today: date) -> list[Quarter]:
    """Goal target dates and action due dates in date order, by quarter.
    Expects goals with their actions prefetched."""
    entries = []
    for goal in goals:
        dropped = goal.status == GoalStatus.DROPPED
        entries.append(
            Entry(
                when=goal.target_date,
                kind="goal",
                title=goal.title,
                goal=goal,
                state=goal_state(goal, today),
            )
        )
        for action in goal.actions.all():
            when = action.done_on if action.is_done and action.due_date is None else action.due_date
            if when is None:
                continue
            entries.append(
                Entry(
                    when=when,
                    kind="action",
                    title=action.title,
                    goal=goal,
                    action=action,
                    state=date_state(when, done=action.is_done, today=today, dropped=dropped),
                )
            )
    entries.sort(key=lambda entry: (entry.when, entry.kind != "action", entry.goal.position))
    quarters: list[Quarter] = []
    for entry in entries:
        key = (entry.when.year, (entry.when.month - 1) // 3 + 1)
        if not quarters or (quarters[-1].year, quarters[-1].quarter) != key:
            quarters.append(Quarter(*key))
        quarters[-1].entries.append(entry)
    return quarters


@dataclass(frozen=True)
class Summary:
    goals: int
    goals_done: int
    actions: int
    actions_done: int
    overdue: int
    due_soon: int

    @property
    def percent(self) -> int:
        return round(100 * self.actions_done / self.actions) if self.actions else 0


def vision_summary(goals: Iterable[Goal], today: date) -> Summary:
    """Counts for a vision's progress, from goals with prefetched actions.
    Dropped goals and their actions are left out of every count."""
    kept = [goal for goal in goals if goal.status != GoalStatus.DROPPED]
    actions = [action for goal in kept for action in goal.actions.all()]
    states = [date_state(a.due_date, done=a.is_done, today=today) for a in actions] + [
        goal_state(goal, today) for goal in kept
    ]
    return Summary(
        goals=len(kept),
        goals_done=sum(goal.status == GoalStatus.DONE for goal in kept),
        actions=len(actions),
        actions_done=sum(action.is_done for action in actions),
        overdue=states.count("overdue"),
        due_soon=states.count("soon"),
    )
