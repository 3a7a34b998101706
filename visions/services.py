"""Every write to a vision goes through here, one transaction each."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from visions.models import Vision
from visions.steps import QUESTION_STEPS, STEPS_BY_SLUG, steps_finished


class QuestionnaireIncomplete(Exception):
    """Raised when confirming a questionnaire with steps not yet saved."""


def vision_create(*, owner: User, title: str, horizon_years: int) -> Vision:
    return Vision.objects.create(owner=owner, title=title.strip(), horizon_years=horizon_years)


def _lock(vision: Vision) -> Vision:
    # A row lock on PostgreSQL; SQLite's IMMEDIATE transactions serialise
    # writers already. Either way two tabs saving different steps both land.
    return Vision.objects.select_for_update().get(pk=vision.pk)


@transaction.atomic
def vision_answer_step(*, vision: Vision, step_slug: str, answers: dict) -> Vision:
    """Stores one step's validated answers, keeping every other step's."""
    if STEPS_BY_SLUG[step_slug].form_class is None:
        raise ValueError(f"Step {step_slug!r} has no answers to store.")
    locked = _lock(vision)
    locked.answers = {**locked.answers, step_slug: answers}
    locked.version = F("version") + 1
    locked.save(update_fields=["answers", "version", "updated_at"])
    locked.refresh_from_db(fields=["version"])
    return locked


@transaction.atomic
def vision_complete_questionnaire(*, vision: Vision) -> Vision:
    locked = _lock(vision)
    missing = [s.slug for s in QUESTION_STEPS if s.slug not in steps_finished(locked.answers)]
    if missing:
        raise QuestionnaireIncomplete(missing)
    if locked.questionnaire_completed_at is None:
        locked.questionnaire_completed_at = timezone.now()
        locked.version = F("version") + 1
        locked.save(update_fields=["questionnaire_completed_at", "version", "updated_at"])
        locked.refresh_from_db(fields=["version"])
    return locked
