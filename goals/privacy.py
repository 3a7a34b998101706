"""A person's own data: everything they have, as one JSON file, and the
deletion of their account with all of it.

It lives in the top app because it gathers every floor.
"""

import json
from datetime import date, datetime

from django.contrib.auth import logout
from django.db import transaction

from accounts.models import User
from goals.models import (
    Action,
    CalendarFeed,
    Comment,
    Goal,
    ReminderDigest,
    ReminderSettings,
)
from visions.models import AccessLog, Share, Vision, VisionRevision


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"Cannot export {type(value).__name__}")


def user_data_export(*, user: User) -> str:
    """Everything this person has, as JSON: their own records only. Comments
    by others on their visions are part of their visions' threads and are
    included; nothing of a vision shared *with* them is."""
    visions = Vision.objects.filter(owner=user)
    data = {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "is_coach": user.is_coach,
            "date_joined": user.date_joined,
        },
        "visions": list(
            visions.values(
                "id",
                "title",
                "horizon_years",
                "answers",
                "questionnaire_completed_at",
                "statement",
                "accomplishments",
                "bridge_plan",
                "version",
                "archived_at",
                "created_at",
                "updated_at",
            )
        ),
        "revisions": list(
            VisionRevision.objects.filter(vision__in=visions).values(
                "vision_id",
                "number",
                "created_at",
                "title",
                "horizon_years",
                "statement",
                "accomplishments",
                "bridge_plan",
                "restored_from",
            )
        ),
        "goals": list(
            Goal.objects.filter(vision__in=visions).values(
                "id",
                "vision_id",
                "title",
                "description",
                "kind",
                "measure",
                "target_date",
                "status",
                "values",
                "position",
            )
        ),
        "actions": list(
            Action.objects.filter(goal__vision__in=visions).values(
                "id", "goal_id", "title", "due_date", "done_on", "position"
            )
        ),
        "comments": list(
            Comment.objects.filter(vision__in=visions).values(
                "vision_id", "goal_id", "author__email", "body", "created_at", "edited_at"
            )
        )
        + list(
            Comment.objects.filter(author=user)
            .exclude(vision__in=visions)
            .values("vision_id", "goal_id", "author__email", "body", "created_at", "edited_at")
        ),
        "shares": list(
            Share.objects.filter(vision__in=visions).values(
                "vision_id", "email", "status", "invited_at", "accepted_at", "revoked_at"
            )
        ),
        "access_log": list(
            AccessLog.objects.filter(vision__in=visions).values(
                "vision_id", "viewer__email", "what", "at"
            )
        ),
        "reminders": list(ReminderSettings.objects.filter(user=user).values("enabled", "weekday")),
        "reminder_digests": list(ReminderDigest.objects.filter(user=user).values("sent_on")),
        "calendar_feed": CalendarFeed.objects.filter(user=user).exists(),
    }
    return json.dumps(data, default=_plain, ensure_ascii=False, indent=2)


@transaction.atomic
def user_delete(*, request, user: User) -> None:
    """Deletes the account and everything hanging from it: visions with their
    answers, revisions, goals, actions, comments, shares and invitations (so
    coaches lose access at once), and the person's own comments elsewhere."""
    Comment.objects.filter(author=user).delete()
    Share.objects.filter(coach=user).delete()
    user.delete()  # cascades to visions and everything below them
    logout(request)
