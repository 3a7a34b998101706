import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from visions.models import Vision, visible_vision_ids


class GoalKind(models.TextChoices):
    SKILL = "skill", _("Skill")
    CREDENTIAL = "credential", _("Credential")
    NETWORK = "network", _("Network")
    ROLE_MOVE = "role_move", _("Role move")
    FINANCES = "finances", _("Finances")
    LIFE = "life", _("Life")


class GoalStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class GoalQuerySet(models.QuerySet["Goal"]):
    def visible_to(self, user) -> "GoalQuerySet":
        """Goals of the visions this user may read (decided by the visions' access)."""
        return self.filter(vision__in=visible_vision_ids(user))


class Goal(models.Model):
    """A stepping stone towards a vision: a dated, measurable goal."""

    vision = models.ForeignKey(Vision, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=GoalKind, default=GoalKind.SKILL)
    measure = models.CharField(
        _("how you will know it is done"),
        max_length=300,
        blank=True,
        help_text=_("Something you could check: “certificate received”, “three interviews”."),
    )
    target_date = models.DateField(_("target date"))
    status = models.CharField(
        _("status"), max_length=20, choices=GoalStatus, default=GoalStatus.PLANNED
    )
    # Slugs of the work values (visions.values.WORK_VALUES) this goal serves.
    values = models.JSONField(_("values it serves"), default=list, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = GoalQuerySet.as_manager()

    class Meta:
        ordering = ["position", "target_date", "pk"]
        indexes = [models.Index(fields=["vision", "position"])]

    def __str__(self) -> str:
        return self.title


class ActionQuerySet(models.QuerySet["Action"]):
    def visible_to(self, user) -> "ActionQuerySet":
        return self.filter(goal__vision__in=visible_vision_ids(user))


class Action(models.Model):
    """A small dated step under a goal, ticked off when done."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("action"), max_length=200)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "due_date", "pk"]
        indexes = [models.Index(fields=["goal", "position"]), models.Index(fields=["due_date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_on is not None


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret address of a person's calendar feed. Regenerating the token
    makes the old address stop working at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user_id}"


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class ReminderSettings(models.Model):
    """Whether, and on which day, a person gets the weekly digest of actions
    due soon and overdue. Off until they turn it on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_settings"
    )
    enabled = models.BooleanField(_("send me a weekly reminder"), default=False)
    weekday = models.PositiveSmallIntegerField(_("on"), choices=Weekday, default=Weekday.MONDAY)

    def __str__(self) -> str:
        return f"Reminders of {self.user_id}"


class ReminderDigest(models.Model):
    """One digest sent to one person on one day: the record that keeps
    `send_reminders` from sending the same digest twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_digests"
    )
    sent_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "sent_on"], name="one_digest_a_day")]

    def __str__(self) -> str:
        return f"Digest for {self.user_id} on {self.sent_on}"


class ReminderLink(models.Model):
    """A one-click "done" link in a digest: signed, expiring, usable once."""

    digest = models.ForeignKey(ReminderDigest, on_delete=models.CASCADE, related_name="links")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="+")
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Done link for action {self.action_id}"


class VisionPdf(models.Model):
    """A rendered PDF of a vision, kept until anything it shows changes
    (see goals/pdf.py for the fingerprint)."""

    vision = models.ForeignKey(Vision, on_delete=models.CASCADE, related_name="pdfs")
    fingerprint = models.CharField(max_length=64)
    page_size = models.CharField(max_length=10)
    pdf = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["vision", "fingerprint"], name="one_pdf_per_fingerprint"
            )
        ]

    def __str__(self) -> str:
        return f"PDF of vision {self.vision_id} ({self.page_size})"


class CommentQuerySet(models.QuerySet["Comment"]):
    def visible_to(self, user) -> "CommentQuerySet":
        """Comments on the visions this user may read (decided by the visions' access)."""
        return self.filter(vision__in=visible_vision_ids(user))


class Comment(models.Model):
    """A remark by the owner or a coach on a vision, or on one of its goals.
    Plain text; its author may change or delete it for a short while (see
    goals/comments.py)."""

    vision = models.ForeignKey(Vision, on_delete=models.CASCADE, related_name="comments")
    # Empty for a comment on the vision as a whole. A goal's comments go with it.
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    # Kept when the author's account is closed: the other side's thread stays whole.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["vision", "created_at"])]

    def __str__(self) -> str:
        return f"Comment {self.pk} on vision {self.vision_id}"


class CommentReadMark(models.Model):
    """When a person last looked at a vision's comments: what others wrote
    after it is new to them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    vision = models.ForeignKey(Vision, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "vision"], name="one_read_mark_per_vision")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read vision {self.vision_id} comments at {self.read_at}"


class CommentDigest(models.Model):
    """One email about new comments sent to one person: the record that
    keeps `send_comment_digests` to one an hour and each comment to one email."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_digests"
    )
    sent_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["user", "-sent_at"])]

    def __str__(self) -> str:
        return f"Comment digest for {self.user_id} at {self.sent_at}"
