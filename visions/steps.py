"""The questionnaire, as data: an ordered list of steps.

One view serves every step; next and previous are positions in STEPS. A
step is finished once its answers are stored with the vision.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from visions import forms as step_forms
from visions.values import values_profile


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    intro: str
    form_class: type[step_forms.StepForm] | None  # None: the review
    template: str = "visions/steps/form.html"
    # A question step's page inside the layout (the review has none).
    body: str = "visions/steps/_form_body.html"
    shows_profile_after: bool = False


STEPS = [
    Step(
        "now",
        _("Where you are now"),
        _(
            "Start from today. Some people want a job that pays for the life they love; others "
            "want a career to grow along. Both are fine — what matters is whether your work gives "
            "you what you need."
        ),
        step_forms.NowForm,
    ),
    Step(
        "life",
        _("Life first"),
        _(
            "Your working life and your personal life are tied together. Before thinking about "
            "work, think about the life you want it to make possible."
        ),
        step_forms.LifeForm,
    ),
    Step(
        "values",
        _("Work values"),
        _(
            "How important is each of these to you? Think of your ideal job, not the one you "
            "have. There are no right answers: rate each one quickly, by feel."
        ),
        step_forms.ValuesForm,
        body="visions/steps/_values_body.html",
    ),
    Step(
        "most-important",
        _("What matters most"),
        _(
            "Of the needs you just rated, which matter most? Picking a few sharpens your "
            "values profile."
        ),
        step_forms.MostImportantForm,
        shows_profile_after=True,
    ),
    Step(
        "success",
        _("Success and recognition"),
        _("Success means different things to different people. What does it mean to you?"),
        step_forms.SuccessForm,
    ),
    Step(
        "skills",
        _("Skills and style"),
        _("The skills you want to use, and how you like to work with others."),
        step_forms.SkillsForm,
    ),
    Step(
        "pay",
        _("Pay and security"),
        _("What your work needs to pay, and how much certainty you need along the way."),
        step_forms.PayForm,
    ),
    Step(
        "environment",
        _("Environment"),
        _("The kind of workplace where you do your best work."),
        step_forms.EnvironmentForm,
    ),
    Step(
        "direction",
        _("Direction"),
        _(
            "Progress is not only upward. You can widen your skills at the same level, start "
            "something of your own, combine several jobs, or grow deeper where you are."
        ),
        step_forms.DirectionForm,
    ),
    Step(
        "review",
        _("Review"),
        _("Everything you answered, on one page. Change anything, then confirm."),
        None,
        template="visions/steps/review.html",
    ),
]
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
QUESTION_STEPS = [step for step in STEPS if step.form_class is not None]
REVIEW = STEPS[-1]


def step_number(step: Step) -> int:
    return STEPS.index(step) + 1


def step_after(step: Step) -> Step | None:
    position = STEPS.index(step)
    return STEPS[position + 1] if position + 1 < len(STEPS) else None


def step_before(step: Step) -> Step | None:
    position = STEPS.index(step)
    return STEPS[position - 1] if position > 0 else None


def steps_finished(answers: dict) -> set[str]:
    return {step.slug for step in QUESTION_STEPS if step.slug in answers}


def first_unfinished_step(answers: dict) -> Step:
    """Where a person resumes: the first step not yet saved, or the review."""
    return next((step for step in QUESTION_STEPS if step.slug not in answers), REVIEW)


def questionnaire_progress(answers: dict) -> tuple[int, int]:
    """(steps saved, steps with questions)."""
    return len(steps_finished(answers)), len(QUESTION_STEPS)


def answers_profile(answers: dict):
    """The values profile from stored answers, or None while the ratings are incomplete."""
    return values_profile(
        answers.get("values", {}),
        answers.get("most-important", {}).get("most_important", []),
    )


def step_summary(step: Step, answers: dict) -> list[step_forms.AnsweredQuestion]:
    """What a person answered on one step, readable, unanswered questions left
    out (the review page and the PDF show this)."""
    return step.form_class.summarise(answers.get(step.slug, {}))
