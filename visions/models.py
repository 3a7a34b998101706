from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

HORIZON_MIN_YEARS = 1
HORIZON_MAX_YEARS = 20
HORIZON_DEFAULT_YEARS = 5


class VisionQuerySet(models.QuerySet["Vision"]):
    def visible_to(self, user) -> "VisionQuerySet":
        """The visions this user may read: their own, and those shared with
        them by an active share. Decided here and nowhere else."""
        return self.filter(pk__in=visible_vision_ids(user))

    # Vision.readable_by below says the same for one vision already loaded;
    # tests/test_access.py checks that the two always agree.


def visible_vision_ids(user):
    """The ids of the visions this user may read, as a subquery: their own,
    and those shared with them by an active share. A union of two index
    look-ups, so a goal, an action or a comment filtered by it
    (`vision__in=`) costs the same however many visions the database holds;
    an OR of the two would read every vision to decide."""
    if not user.is_authenticated or not user.is_active:
        return Vision.objects.none().values("pk")
    own = Vision.objects.filter(owner=user).order_by().values("pk")
    shared = Share.objects.filter(coach=user, status=ShareStatus.ACTIVE).order_by()
    return own.union(shared.values("vision_id"))


class Vision(models.Model):
    """A person's career vision for a horizon, with the questionnaire behind it."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="visions"
    )
    title = models.CharField(_("title"), max_length=120)
    horizon_years = models.PositiveSmallIntegerField(
        _("horizon in years"),
        default=HORIZON_DEFAULT_YEARS,
        validators=[MinValueValidator(HORIZON_MIN_YEARS), MaxValueValidator(HORIZON_MAX_YEARS)],
    )
    # The questionnaire: {step slug: {field: answer}}, each step validated by
    # its form before it is stored (see visions/steps.py).
    answers = models.JSONField(_("questionnaire answers"), default=dict, blank=True)
    questionnaire_completed_at = models.DateTimeField(null=True, blank=True)
    # The vision itself, written in the composer.
    statement = models.TextField(_("vision statement"), blank=True)
    accomplishments = models.JSONField(_("accomplishments"), default=list, blank=True)
    bridge_plan = models.TextField(_("bridge plan"), blank=True)
    # The number of the latest revision. A save names the version it started
    # from, so a stale copy from another tab is detected instead of winning.
    version = models.PositiveIntegerField(default=0)
    archived_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VisionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-updated_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def readable_by(self, user) -> bool:
        """VisionQuerySet.visible_to's rule for this one vision: the owner, or
        a coach it is shared with by an active share. The owner, who reads
        their own visions most, costs no query."""
        if not user.is_authenticated or not user.is_active:
            return False
        return (
            self.owner_id == user.pk
            or Share.objects.filter(vision=self, coach=user, status=ShareStatus.ACTIVE).exists()
        )


class VisionRevision(models.Model):
    """What a vision said after one save. Never changed once written: restoring
    an old revision writes a new one."""

    vision = models.ForeignKey(Vision, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    title = models.CharField(max_length=120)
    horizon_years = models.PositiveSmallIntegerField()
    statement = models.TextField(blank=True)
    accomplishments = models.JSONField(default=list, blank=True)
    bridge_plan = models.TextField(blank=True)
    restored_from = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["vision", "number"], name="revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.vision_id} #{self.number}"

    def save(self, *args, **kwargs) -> None:
        # History is never rewritten; a revision is only ever inserted.
        if self.pk is not None:
            raise ValueError("Vision revisions are immutable.")
        super().save(*args, **kwargs)


class ShareStatus(models.TextChoices):
    PENDING = "pending", _("Invited")
    ACTIVE = "active", _("Active")
    REVOKED = "revoked", _("Ended")


class Share(models.Model):
    """A vision shared with a coach, or an invitation to an email address
    that waits until that person accepts it."""

    vision = models.ForeignKey(Vision, on_delete=models.CASCADE, related_name="shares")
    email = models.EmailField(_("coach's email address"))
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="coached_shares",
    )
    status = models.CharField(max_length=10, choices=ShareStatus, default=ShareStatus.PENDING)
    invited_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-invited_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                "vision",
                "email",
                condition=models.Q(status__in=["pending", "active"]),
                name="one_open_share_per_address",
            )
        ]
        indexes = [models.Index(fields=["coach", "status"])]

    def __str__(self) -> str:
        return f"{self.vision_id} → {self.email} ({self.status})"


class Viewed(models.TextChoices):
    VISION = "vision", _("the vision")
    ANSWERS = "answers", _("the answers")
    PROFILE = "profile", _("the values profile")
    HISTORY = "history", _("the history")
    GOALS = "goals", _("the stepping stones")
    TIMELINE = "timeline", _("the timeline")
    PDF = "pdf", _("the PDF")
    COMMENTS = "comments", _("the comments")


class AccessLog(models.Model):
    """When someone other than the owner looked at a vision, and at what."""

    vision = models.ForeignKey(Vision, on_delete=models.CASCADE, related_name="access_log")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    what = models.CharField(max_length=20, choices=Viewed)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["vision", "-at"])]

    def __str__(self) -> str:
        return f"{self.viewer_id} viewed {self.what} of {self.vision_id}"
