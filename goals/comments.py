"""Comments: the owner and their coaches talking about a vision or one goal.

Who may read, and so comment on, a vision is decided by visions/access.py;
this module adds the comment's own rule: only its author may change or delete
it, and only within EDIT_WINDOW of posting it. What others wrote after a
person's `CommentReadMark` is new to them; `comment_digests_send` (the hourly
`send_comment_digests` command) emails it to them, at most once an hour.
"""

import logging
from collections import defaultdict
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from careervision.emails import email_message
from careervision.fragments import naturaltime_step
from careervision.queries import fetch, moment
from goals.models import Comment, CommentDigest, CommentReadMark, Goal
from visions.models import Vision

logger = logging.getLogger(__name__)

EDIT_WINDOW = timedelta(minutes=15)
DIGEST_EVERY = timedelta(hours=1)
# An hourly cron job does not start at exactly the same second each hour: a
# run that starts a little early must not find the previous hour's digest
# "less than an hour old" and skip a whole hour.
DIGEST_SLACK = timedelta(minutes=5)
# Comments older than this are left to the unread marker: a person who never
# had a digest is not sent their whole history, and each run stays cheap.
DIGEST_LOOKBACK = timedelta(days=7)


class CommentRefused(Exception):
    """A change to a comment that is not allowed."""


class CommentNotYours(CommentRefused):
    def __init__(self, comment: Comment) -> None:
        super().__init__(f"Comment {comment.pk} belongs to someone else.")


class CommentLocked(CommentRefused):
    def __init__(self, comment: Comment) -> None:
        super().__init__(
            f"Comment {comment.pk} was posted more than {EDIT_WINDOW} ago; it can no longer change."
        )


# --- Access -------------------------------------------------------------------------


def comment_get_for_user(user, *, write: bool = False, **lookup) -> Comment:
    """The comment, if the user may read its vision (404 otherwise); with
    write=True, only its author gets it (403 for other readers)."""
    comment = get_object_or_404(
        Comment.objects.visible_to(user).select_related("vision", "goal"), **lookup
    )
    if write and comment.author_id != user.pk:
        raise PermissionDenied
    return comment


def comment_can_change(comment: Comment, user, *, now: datetime | None = None) -> bool:
    return _can_change(comment.author_id, comment.created_at, user, now or timezone.now())


def _can_change(author_id, created_at: datetime, user, now: datetime) -> bool:
    """Its author may change a comment within EDIT_WINDOW of posting it."""
    return author_id is not None and author_id == user.pk and now - created_at <= EDIT_WINDOW


def _is_new(author_id, created_at: datetime, user, read_at: datetime | None) -> bool:
    """New to this reader: by someone else, after their read mark (all, without one)."""
    return author_id != user.pk and (read_at is None or created_at > read_at)


def _check_change(comment: Comment, author, now: datetime | None) -> datetime:
    if comment.author_id is None or comment.author_id != author.pk:
        raise CommentNotYours(comment)
    now = now or timezone.now()
    if not comment_can_change(comment, author, now=now):
        raise CommentLocked(comment)
    return now


# --- Writes -------------------------------------------------------------------------


def comment_create(*, vision: Vision, author, body: str, goal: Goal | None = None) -> Comment:
    """Posts a comment. The caller has checked that the author may read the
    vision (visions.access.vision_get_for_user)."""
    body = body.strip()
    if not body:
        raise ValueError("A comment needs some text.")
    if goal is not None and goal.vision_id != vision.pk:
        raise ValueError(f"Goal {goal.pk} is not a goal of vision {vision.pk}.")
    return Comment.objects.create(vision=vision, goal=goal, author=author, body=body)


def comment_update(*, comment: Comment, author, body: str, now: datetime | None = None) -> Comment:
    """Changes the text; CommentNotYours or CommentLocked when not allowed."""
    now = _check_change(comment, author, now)
    body = body.strip()
    if not body:
        raise ValueError("A comment needs some text.")
    if body != comment.body:
        comment.body = body
        comment.edited_at = now
        comment.save(update_fields=["body", "edited_at"])
    return comment


def comment_delete(*, comment: Comment, author, now: datetime | None = None) -> None:
    """Deletes the comment; CommentNotYours or CommentLocked when not allowed."""
    _check_change(comment, author, now)
    comment.delete()


def comments_mark_read(*, user, vision: Vision, at: datetime | None = None) -> None:
    """Everything posted on the vision up to `at` (default now) is read by this
    person. One upsert, so two tabs at once cannot trip the unique constraint."""
    CommentReadMark.objects.bulk_create(
        [CommentReadMark(user=user, vision=vision, read_at=at or timezone.now())],
        update_conflicts=True,
        unique_fields=["user", "vision"],
        update_fields=["read_at"],
    )


# --- Reads --------------------------------------------------------------------------


def unread_sql(vision_id: str) -> str:
    """SQL for how many comments by others on the vision `vision_id` (a
    column of the outer query) the person whose id is the one parameter
    (%s, given twice) has not seen: newer than their read mark on it, or
    all of them without a mark. For a list of visions that counts them in
    its own query; it says nothing of access, which the list decides (the
    coach dashboard's rows are the coach's active shares)."""
    return f"""
        SELECT COUNT(*) FROM goals_comment c
        WHERE c.vision_id = {vision_id}
            AND (c.author_id IS NULL OR c.author_id <> %s)
            AND NOT EXISTS (
                SELECT 1 FROM goals_commentreadmark m
                WHERE m.user_id = %s AND m.vision_id = c.vision_id
                    AND m.read_at >= c.created_at
            )
    """  # noqa: S608 -- a column name of ours, never input


def comments_for_page(vision: Vision, user, *, now: datetime | None = None) -> dict:
    """A vision's whole thread for one reader, in two queries whatever its size:

    - "vision": the comments on the vision itself, oldest first;
    - "goals": {goal id: that goal's comments};
    - "goal_threads": [(goal, comments)] in the goals' own order;
    - "read_at": the reader's read mark before this page (None: never read);
    - "unread": how many comments by others are new to the reader.

    Each comment carries `is_new` and `can_change` (its author, still within
    EDIT_WINDOW) for the templates. The caller has checked access.
    """
    now = now or timezone.now()
    read_at = (
        CommentReadMark.objects.filter(user=user, vision=vision)
        .values_list("read_at", flat=True)
        .first()
    )
    comments = list(vision.comments.select_related("author", "goal"))
    on_vision: list[Comment] = []
    on_goals: dict[int, list[Comment]] = defaultdict(list)
    for comment in comments:
        comment.is_new = _is_new(comment.author_id, comment.created_at, user, read_at)
        comment.can_change = _can_change(comment.author_id, comment.created_at, user, now)
        (on_goals[comment.goal_id] if comment.goal_id else on_vision).append(comment)
    goals = sorted(
        {c.goal for c in comments if c.goal_id}, key=lambda g: (g.position, g.target_date, g.pk)
    )
    return {
        "vision": on_vision,
        "goals": dict(on_goals),
        "goal_threads": [(goal, on_goals[goal.pk]) for goal in goals],
        "read_at": read_at,
        "unread": sum(c.is_new for c in comments),
    }


# Each comment with its author, and the reader's read mark on the vision.
_STAMP_SQL = """
    SELECT c.id, c.goal_id, c.edited_at, c.created_at, c.author_id,
        a.display_name, a.email, m.read_at
    FROM goals_comment c
    LEFT JOIN accounts_user a ON a.id = c.author_id
    LEFT JOIN goals_commentreadmark m ON m.vision_id = c.vision_id AND m.user_id = %s
    WHERE c.vision_id = %s
    ORDER BY c.id
"""


def comments_stamp(vision_id: int, user) -> tuple:
    """What comments_for_page(vision, user) shows, from one narrow query, for
    careervision.fragments: changes when a comment is added, edited, deleted
    or read, when its author's name changes, when its edit window closes,
    and when how long ago it was posted ("3 minutes ago") reads differently.
    A page kept in the cache pays this query, not the whole thread's; it is
    written in SQL (careervision.queries.fetch), as it runs on every view."""
    now = timezone.now()
    stamp = []
    for pk, goal_id, edited_at, created_at, author_id, display_name, email, read_at in fetch(
        _STAMP_SQL, [user.pk, vision_id]
    ):
        created_at = moment(created_at)
        read_at = read_at and moment(read_at)
        stamp.append(
            (
                pk,
                goal_id,
                edited_at and moment(edited_at),
                _is_new(author_id, created_at, user, read_at),
                _can_change(author_id, created_at, user, now),
                display_name,
                email,
                naturaltime_step(created_at, now),
            )
        )
    return tuple(stamp)


# --- The hourly digest --------------------------------------------------------------


def vision_readers(vision_ids) -> dict[int, set[int]]:
    """{vision id: ids of the people who may read it}: the owner, and the
    coach of each active share once sharing exists. Only proposes people:
    each digest is filtered again by Vision.objects.visible_to, which decides."""
    readers: dict[int, set[int]] = {
        pk: {owner_id}
        for pk, owner_id in Vision.objects.filter(pk__in=vision_ids).values_list("pk", "owner_id")
    }
    if hasattr(Vision, "shares"):
        active = Vision.objects.filter(pk__in=vision_ids, shares__status="active").order_by()
        for pk, coach_id in active.values_list("pk", "shares__coach"):
            if coach_id is not None:
                readers[pk].add(coach_id)
    return readers


def _last_digests(user_ids) -> dict[int, datetime]:
    rows = (
        CommentDigest.objects.filter(user_id__in=user_ids)
        .values("user_id")
        .annotate(last=Max("sent_at"))
        .order_by()
    )
    return {row["user_id"]: row["last"] for row in rows}


def _settled_before(sent_at: datetime) -> datetime:
    # A digest lists only comments their authors can no longer change, so an
    # email never shows text that was then edited or deleted. The next digest
    # picks up where this one stopped.
    return sent_at - EDIT_WINDOW


def _too_recent(now: datetime) -> datetime:
    """A digest sent after this moment is too recent for another one."""
    return now - DIGEST_EVERY + DIGEST_SLACK


def _after(moment: datetime, mark: datetime | None) -> bool:
    return mark is None or moment > mark


def comment_digests_due(*, now: datetime) -> dict[int, list[Comment]]:
    """{person id: the comments to email them}, for each person not emailed
    in the last hour with comments by others that are new to them: settled
    since their last digest, unread, on visions they may read."""
    until = _settled_before(now)
    comments = list(
        Comment.objects.filter(created_at__gt=until - DIGEST_LOOKBACK, created_at__lte=until)
        .select_related("author", "vision", "goal")
        .order_by("created_at", "pk")
    )
    readers = vision_readers({c.vision_id for c in comments})
    candidates: dict[int, list[Comment]] = defaultdict(list)
    for comment in comments:
        for person_id in readers.get(comment.vision_id, set()) - {comment.author_id}:
            candidates[person_id].append(comment)
    last = _last_digests(candidates)
    marks = {
        (user_id, vision_id): read_at
        for user_id, vision_id, read_at in CommentReadMark.objects.filter(
            user_id__in=candidates, vision_id__in=readers
        ).values_list("user_id", "vision_id", "read_at")
    }
    due = {}
    for person_id, theirs in candidates.items():
        if person_id in last and last[person_id] > _too_recent(now):
            continue
        since = _settled_before(last[person_id]) if person_id in last else None
        new = [
            c
            for c in theirs
            if _after(c.created_at, since)
            and _after(c.created_at, marks.get((person_id, c.vision_id)))
        ]
        if new:
            due[person_id] = new
    return due


def comment_digests_send(*, now: datetime) -> int:
    """Sends the due digests; returns how many were sent. Running it again
    within the hour sends nothing."""
    due = comment_digests_due(now=now)
    people = get_user_model().objects.filter(pk__in=due, is_active=True).order_by("pk")
    sent = 0
    for person in people:
        # Filtered by the one rule that decides who reads what: a share that
        # ended since the comment was posted ends the emails too.
        readable = set(
            Vision.objects.visible_to(person)
            .filter(pk__in={c.vision_id for c in due[person.pk]})
            .values_list("pk", flat=True)
        )
        comments = [c for c in due[person.pk] if c.vision_id in readable]
        if not comments:
            continue
        try:
            sent += comment_digest_send(user=person, comments=comments, now=now)
        except OSError:  # SMTP trouble for one person should not stop the others.
            logger.exception("Could not send the comment digest to user %s.", person.pk)
    return sent


def comment_digest_send(*, user, comments: list[Comment], now: datetime) -> bool:
    """Records and sends one digest; False when one went out within the hour."""
    with transaction.atomic():
        # Two runs at once queue on the person's row (SQLite's IMMEDIATE
        # transactions queue them anyway), and the second sees the first's record.
        get_user_model().objects.select_for_update().get(pk=user.pk)
        if CommentDigest.objects.filter(user=user, sent_at__gt=_too_recent(now)).exists():
            return False
        CommentDigest.objects.create(user=user, sent_at=now)
        # Sent inside the transaction: if sending fails, the record goes too,
        # and the next run tries again.
        _digest_email(user=user, comments=comments).send()
    return True


def comment_url(comment: Comment) -> str:
    """Where an emailed comment is read: the vision's thread page, which also
    clears the "new" marker, at the comment's goal when it has one."""
    anchor = f"#goal-{comment.goal_id}-comments" if comment.goal_id else ""
    return settings.SITE_URL + reverse("comment_list", args=[comment.vision_id]) + anchor


def _author_name(comment: Comment) -> str:
    return comment.author.name if comment.author else gettext("A former member")


def _digest_email(*, user, comments: list[Comment]):
    context = {
        "user": user,
        "items": [
            {"comment": c, "author": _author_name(c), "url": comment_url(c)} for c in comments
        ],
    }
    count = len(comments)
    subject = ngettext("%(count)d new comment", "%(count)d new comments", count) % {"count": count}
    return email_message(
        to=user.email,
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        template="goals/email/comment_digest",
        context=context,
    )
