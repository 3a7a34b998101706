from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

HORIZON_MIN_YEARS = 1
HORIZON_MAX_YEARS = 20
HORIZON_DEFAULT_YEARS = 5


class VisionQuerySet(models.QuerySet["Vision"]):
    def visible_to(self, user) -> "VisionQuerySet":
        """The visions this user may read. Decided here and nowhere else."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(owner=user)


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
    # Bumped by every save, so a stale copy from another tab can be detected.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = VisionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-updated_at"])]

    def __str__(self) -> str:
        return self.title
