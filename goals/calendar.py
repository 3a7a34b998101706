"""The calendar: goal target dates and action due dates as iCalendar (RFC 5545).

Two ways out: a personal feed at a secret address that calendar apps poll
(every goal of every current vision of one person), and a one-off download of
one vision. Both are built here from two queries, however many goals and
actions there are.

The feed token is a credential on its own: whoever holds the address reads
that one feed and nothing else. `calendar_feed_owner` is the only place that
turns a token into a person.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from django.db import transaction
from django.db.models import Count, Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import STATUS, TRANSP, Calendar, Event

from careervision.fragments import fragment_text
from goals.models import Action, CalendarFeed, Goal, GoalStatus, new_feed_token
from visions.models import Vision

PRODID = "-//CareerVision//Goals and actions//EN"
UID_DOMAIN = "careervision"


# --- The secret address -----------------------------------------------------------


def calendar_feed_owner(token: str):
    """The person whose feed this token opens; 404 for any other token, and
    for a person whose account is switched off."""
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )
    if feed is None:
        raise Http404("No such calendar feed.")
    return feed.user


def calendar_feed_of(user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


@transaction.atomic
def calendar_feed_regenerate(*, user) -> CalendarFeed:
    """Gives the person a calendar address, or a new one in place of the old,
    which stops working the moment this commits."""
    feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
    if not created:
        feed.token = new_feed_token()
        feed.save(update_fields=["token"])
    return feed


# --- Building the calendar -------------------------------------------------------------


def calendar_for_user(user) -> bytes:
    """The person's whole feed: the goals and actions of their current
    (not archived) visions. Visions others shared with them are not theirs to
    put in a calendar, so only their own are read."""
    goals = Goal.objects.visible_to(user).filter(
        vision__owner=user, vision__archived_at__isnull=True
    )
    return calendar_build(
        uid=f"feed-{user.pk}", name=_("CareerVision goals"), goals=_with_actions(goals)
    )


def calendar_for_user_stored(user) -> bytes:
    """calendar_for_user(), kept in the cache until one of the person's
    visions changes (each write to a vision, its goals or actions moves its
    updated_at; a deleted vision changes the count). Calendar apps poll the
    feed far more often than people change their plans."""
    stamp = Vision.objects.filter(owner=user).aggregate(
        changed=Max("updated_at"), visions=Count("pk")
    )
    return fragment_text(
        "calendar-feed",
        (user.pk, stamp["changed"], stamp["visions"]),
        lambda: calendar_for_user(user),
    )


def calendar_for_vision(vision: Vision) -> bytes:
    """One vision's goals and actions, for a one-off download. The caller has
    already decided, through visions.access, that the person may have it."""
    return calendar_build(
        uid=f"vision-{vision.pk}",
        name=_("CareerVision: %(title)s") % {"title": vision.title},
        goals=_with_actions(vision.goals.all()),
    )


def _with_actions(goals) -> Iterable[Goal]:
    return goals.prefetch_related("actions")


def calendar_build(
    *, uid: str, name: str, goals: Iterable[Goal], now: datetime | None = None
) -> bytes:
    stamp = (now or timezone.now()).astimezone(UTC)
    # A fixed UID: left out, the library makes up a new one on every poll.
    calendar = Calendar.new(prodid=PRODID, name=name, uid=f"{uid}@{UID_DOMAIN}")
    for goal in goals:
        calendar.add_component(_goal_event(goal, stamp))
        for action in goal.actions.all():
            if action.due_date is not None:
                calendar.add_component(_action_event(action, goal, stamp))
    return calendar.to_ical()


def _goal_event(goal: Goal, stamp: datetime) -> Event:
    done = goal.status == GoalStatus.DONE
    dropped = goal.status == GoalStatus.DROPPED
    return _all_day_event(
        uid=f"goal-{goal.pk}@{UID_DOMAIN}",
        summary=_done_title(goal.title) if done else goal.title,
        description="\n\n".join(text for text in (goal.measure, goal.description) if text),
        day=goal.target_date,
        status=STATUS.CANCELLED if dropped else STATUS.CONFIRMED,
        stamp=stamp,
    )


def _action_event(action: Action, goal: Goal, stamp: datetime) -> Event:
    return _all_day_event(
        uid=f"action-{action.pk}@{UID_DOMAIN}",
        summary=_done_title(action.title) if action.is_done else action.title,
        description=_("A step towards: %(goal)s") % {"goal": goal.title},
        day=action.due_date,
        status=STATUS.CONFIRMED,
        stamp=stamp,
    )


def _done_title(title: str) -> str:
    # RFC 5545 allows only TENTATIVE, CONFIRMED and CANCELLED as the STATUS
    # of an event (COMPLETED is for to-dos, which most calendar apps do not
    # show), so "done" is said where the person sees it: in the title.
    return _("Done: %(title)s") % {"title": title}


def _all_day_event(
    *, uid: str, summary: str, description: str, day: date, status: STATUS, stamp: datetime
) -> Event:
    event = Event.new(
        uid=uid,
        summary=summary,
        start=day,
        # An explicit end (the next day) because some apps mishandle
        # all-day events that only have a start.
        end=day + timedelta(days=1),
        stamp=stamp,
        status=status,
        # A deadline, not a meeting: it should not block the day as busy.
        transparency=TRANSP.TRANSPARENT,
    )
    if description:
        event.description = description
    return event
