"""Every write to a vision goes through here, one transaction each."""

import json
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from visions.models import Vision, VisionRevision
from visions.steps import QUESTION_STEPS, STEPS_BY_SLUG, steps_finished

if TYPE_CHECKING:
    from visions.access import VisionAccess

# What a revision keeps: the vision as the person wrote it.
CONTENT_FIELDS = ("title", "horizon_years", "statement", "accomplishments", "bridge_plan")


def vision_content(source) -> dict:
    """The content fields of a vision or of one of its revisions."""
    return {field: getattr(source, field) for field in CONTENT_FIELDS}


def vision_stamp(vision) -> tuple:
    """Changes whenever anything a page or document of this vision shows
    does: every write to the vision, its answers, goals or actions moves
    updated_at (goals.services touches it), and the owner's name completes
    it. Cached renders are stored under it (careervision.fragments, the PDF)."""
    return (vision.pk, vision.updated_at.isoformat(), vision.owner.name)


class QuestionnaireIncomplete(Exception):
    """Raised when confirming a questionnaire with steps not yet saved."""


class StaleVision(Exception):
    """Raised when a save starts from an older version than the stored one:
    another tab or device saved in between. Carries the stored vision."""

    def __init__(self, current: Vision) -> None:
        super().__init__(f"Vision {current.pk} is at version {current.version}.")
        self.current = current


def vision_create(
    *, owner: User, title: str, horizon_years: int, copy_answers_from: Vision | None = None
) -> Vision:
    """A new vision; optionally starting from the answers of an earlier one of
    the same person (as a draft: the questionnaire is not marked complete)."""
    if copy_answers_from is not None and copy_answers_from.owner_id != owner.pk:
        raise ValueError("Answers can only be copied from one's own vision.")
    return Vision.objects.create(
        owner=owner,
        title=title.strip(),
        horizon_years=horizon_years,
        answers=dict(copy_answers_from.answers) if copy_answers_from else {},
    )


def _lock(vision: Vision) -> Vision:
    # A row lock on PostgreSQL; SQLite's IMMEDIATE transactions serialise
    # writers already. Either way two tabs saving different steps both land.
    return Vision.objects.select_for_update().get(pk=vision.pk)


def _write_revision(
    locked: Vision, *, author: User, content: dict, restored_from: int | None = None
) -> Vision:
    for field, value in content.items():
        setattr(locked, field, value)
    locked.version += 1
    locked.save(update_fields=[*CONTENT_FIELDS, "version", "updated_at"])
    VisionRevision.objects.create(
        vision=locked, number=locked.version, author=author, restored_from=restored_from, **content
    )
    return locked


@transaction.atomic
def vision_save(
    *,
    vision: Vision,
    author: User,
    base_version: int,
    title: str,
    horizon_years: int,
    statement: str,
    accomplishments: list[str],
    bridge_plan: str,
) -> Vision:
    """Saves the vision and a revision of it together, or neither.

    `base_version` is the version the person started editing from. If the
    stored vision has moved on since, nothing is written and StaleVision is
    raised, so that a second tab never silently overwrites newer text.
    A save that changes nothing writes no revision.
    """
    locked = _lock(vision)
    if locked.version != base_version:
        raise StaleVision(locked)
    content = {
        "title": title.strip(),
        "horizon_years": horizon_years,
        "statement": statement.strip(),
        "accomplishments": [item.strip() for item in accomplishments if item.strip()],
        "bridge_plan": bridge_plan.strip(),
    }
    if all(getattr(locked, field) == value for field, value in content.items()):
        return locked
    return _write_revision(locked, author=author, content=content)


@transaction.atomic
def vision_restore_revision(*, vision: Vision, author: User, number: int) -> Vision:
    """Makes an old revision current again, as a new revision: history is
    never rewritten."""
    locked = _lock(vision)
    revision = VisionRevision.objects.get(vision=locked, number=number)
    content = vision_content(revision)
    return _write_revision(locked, author=author, content=content, restored_from=number)


def vision_archive(*, vision: Vision) -> Vision:
    vision.archived_at = timezone.now()
    vision.save(update_fields=["archived_at", "updated_at"])
    return vision


def vision_unarchive(*, vision: Vision) -> Vision:
    vision.archived_at = None
    vision.save(update_fields=["archived_at", "updated_at"])
    return vision


def vision_delete(*, vision: Vision) -> None:
    """Deletes the vision with its answers and its whole history."""
    vision.delete()


# One step's answers set into the stored ones, in one statement: the row is
# locked while it changes, so two tabs saving different steps both land.
_ANSWER_SQL = {
    "postgresql": "answers || jsonb_build_object(%s::text, %s::jsonb)",
    "sqlite": "json_set(answers, '$.\"' || %s || '\"', json(%s))",
}


def vision_answer_step(*, vision: "Vision | VisionAccess", step_slug: str, answers: dict) -> None:
    """Stores one step's validated answers, keeping every other step's. One
    UPDATE, without loading the vision: a step is saved at every click of
    the questionnaire (bench/results.md). Vision.DoesNotExist if it is gone."""
    if STEPS_BY_SLUG[step_slug].form_class is None:
        raise ValueError(f"Step {step_slug!r} has no answers to store.")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE visions_vision SET answers = {_ANSWER_SQL[connection.vendor]},"  # noqa: S608 -- ours
            " updated_at = %s WHERE id = %s",
            [
                step_slug,
                json.dumps(answers),
                connection.ops.adapt_datetimefield_value(timezone.now()),
                vision.pk,
            ],
        )
        if cursor.rowcount != 1:
            raise Vision.DoesNotExist(f"Vision {vision.pk} is gone.")


@transaction.atomic
def vision_complete_questionnaire(*, vision: Vision) -> Vision:
    locked = _lock(vision)
    missing = [s.slug for s in QUESTION_STEPS if s.slug not in steps_finished(locked.answers)]
    if missing:
        raise QuestionnaireIncomplete(missing)
    if locked.questionnaire_completed_at is None:
        locked.questionnaire_completed_at = timezone.now()
        locked.save(update_fields=["questionnaire_completed_at", "updated_at"])
    return locked
