"""Reminders: an opt-in weekly email of the actions due soon and overdue.

`reminders_send` runs daily from cron (the `send_reminders` command) and
mails each person whose reminder day it is. A `ReminderDigest` row, unique per
person and day, is written in the same transaction that sends the email, so
running the command twice, or twice at once, sends nothing twice; a failed
send rolls the row back and the next run tries again.

Each listed action carries a one-click "done" link: a signed token naming a
`ReminderLink`, expiring after two weeks, usable once, needing no login. The
token is the credential; it can only tick off that one action.
"""

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from careervision.emails import email_message
from goals.models import (
    Action,
    GoalStatus,
    ReminderDigest,
    ReminderLink,
    ReminderSettings,
    Weekday,
)
from goals.services import action_set_done

logger = logging.getLogger(__name__)

# Today and the week after it. The next digest comes a week later, so nothing
# falls between two digests.
DUE_SOON_DAYS = 7
LINK_MAX_AGE = timedelta(days=14)
LINK_SALT = "goals.reminders.done-link"


# --- Settings -------------------------------------------------------------------


def reminder_settings_for(user) -> ReminderSettings:
    """The person's settings; off, on Mondays, for someone who never chose."""
    return ReminderSettings.objects.filter(user=user).first() or ReminderSettings(user=user)


def reminder_settings_update(*, user, enabled: bool, weekday: int) -> ReminderSettings:
    reminder_settings, _created = ReminderSettings.objects.update_or_create(
        user=user, defaults={"enabled": enabled, "weekday": Weekday(weekday)}
    )
    return reminder_settings


# --- What a digest lists --------------------------------------------------------------


@dataclass(frozen=True)
class Digest:
    overdue: list[Action]
    due_soon: list[Action]

    @property
    def actions(self) -> list[Action]:
        return self.overdue + self.due_soon


def reminder_digest_for(*, user, today: date) -> Digest:
    """The person's open actions that are overdue or due within a week, in
    their current visions. Actions under a goal they finished or dropped are
    left out: nothing is asked of them any more."""
    actions = list(
        Action.objects.visible_to(user)
        .filter(
            goal__vision__owner=user,
            goal__vision__archived_at__isnull=True,
            done_on__isnull=True,
            due_date__lte=today + timedelta(days=DUE_SOON_DAYS),
        )
        .exclude(goal__status__in=[GoalStatus.DONE, GoalStatus.DROPPED])
        .select_related("goal__vision")
        .order_by("due_date", "goal__position", "position", "pk")
    )
    return Digest(
        overdue=[a for a in actions if a.due_date < today],
        due_soon=[a for a in actions if a.due_date >= today],
    )


# --- Sending ------------------------------------------------------------------------


def reminders_send(*, today: date) -> int:
    """Sends today's digests; returns how many were sent."""
    people = (
        get_user_model()
        .objects.filter(
            is_active=True,
            reminder_settings__enabled=True,
            reminder_settings__weekday=today.weekday(),
        )
        # Only a shortcut: the unique constraint is what prevents doubles.
        .exclude(reminder_digests__sent_on=today)
        .order_by("pk")
    )
    sent = 0
    for person in people:
        digest = reminder_digest_for(user=person, today=today)
        if not digest.actions:
            continue
        try:
            sent += reminder_digest_send(user=person, today=today, digest=digest)
        except OSError:  # SMTP trouble for one person should not stop the others.
            logger.exception("Could not send the reminder digest to user %s.", person.pk)
    return sent


def reminder_digest_send(*, user, today: date, digest: Digest) -> bool:
    """Records and sends one digest; False when one was already sent today."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = ReminderDigest.objects.create(user=user, sent_on=today)
        except IntegrityError:
            # Another run got here first (it waited on us, or we on it).
            return False
        links = ReminderLink.objects.bulk_create(
            ReminderLink(digest=record, action=action) for action in digest.actions
        )
        # Sent inside the transaction: if sending fails, the record goes
        # too, and the next run tries again.
        _digest_email(user=user, today=today, digest=digest, links=links).send()
    return True


def _digest_email(*, user, today: date, digest: Digest, links: list[ReminderLink]):
    done_urls = {link.action_id: reminder_link_url(link) for link in links}

    def items(actions: list[Action]) -> list[dict]:
        return [{"action": a, "goal": a.goal, "done_url": done_urls[a.pk]} for a in actions]

    context = {
        "user": user,
        "today": today,
        "overdue": items(digest.overdue),
        "due_soon": items(digest.due_soon),
        "settings_url": settings.SITE_URL + reverse("calendar_settings"),
        "link_days": LINK_MAX_AGE.days,
    }
    count = len(digest.actions)
    subject = ngettext(
        "%(count)d action due soon or overdue", "%(count)d actions due soon or overdue", count
    ) % {"count": count}
    return email_message(
        to=user.email,
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        template="goals/email/reminder_digest",
        context=context,
    )


# --- The one-click "done" link -----------------------------------------------------


class LinkProblem(StrEnum):
    BAD_SIGNATURE = "bad_signature"
    EXPIRED = "expired"
    USED = "used"
    GONE = "gone"


class ReminderLinkInvalid(Exception):
    def __init__(self, problem: LinkProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def reminder_link_token(link: ReminderLink) -> str:
    return signing.dumps(link.pk, salt=LINK_SALT)


def reminder_link_url(link: ReminderLink) -> str:
    return settings.SITE_URL + reverse("reminder_done", args=[reminder_link_token(link)])


def reminder_link_check(*, token: str, max_age: timedelta = LINK_MAX_AGE) -> ReminderLink:
    """The link this token names, if it may still be used; otherwise
    ReminderLinkInvalid says why."""
    try:
        link_id = signing.loads(token, salt=LINK_SALT, max_age=max_age)
    except signing.SignatureExpired:
        raise ReminderLinkInvalid(LinkProblem.EXPIRED) from None
    except signing.BadSignature:
        raise ReminderLinkInvalid(LinkProblem.BAD_SIGNATURE) from None
    link = (
        ReminderLink.objects.select_related("action__goal__vision")
        .filter(pk=link_id, digest__user__is_active=True)
        .first()
    )
    if link is None:
        # The action (and its links with it) was deleted, or the account closed.
        raise ReminderLinkInvalid(LinkProblem.GONE)
    if link.used_at is not None:
        raise ReminderLinkInvalid(LinkProblem.USED)
    return link


@transaction.atomic
def reminder_link_use(
    *, token: str, max_age: timedelta = LINK_MAX_AGE, today: date | None = None
) -> ReminderLink:
    """Ticks off the link's action and spends the link. Two clicks at once
    tick it once: only the one that marks the link used goes on."""
    link = reminder_link_check(token=token, max_age=max_age)
    used_at = timezone.now()
    if not ReminderLink.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=used_at):
        raise ReminderLinkInvalid(LinkProblem.USED)
    link.used_at = used_at
    action_set_done(action=link.action, done=True, on=today)
    return link
