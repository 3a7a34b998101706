"""The questionnaire: one view serves every step (see visions/steps.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from careervision.fragments import render_around
from visions import steps
from visions.access import VisionAccess, vision_access, vision_fragment, vision_get_for_user
from visions.models import Vision
from visions.services import (
    QuestionnaireIncomplete,
    vision_answer_step,
    vision_complete_questionnaire,
)


def step_url(vision: Vision | VisionAccess, step: steps.Step) -> str:
    return reverse("questionnaire_step", args=[vision.pk, step.slug])


@login_required
def questionnaire_resume(request, vision_id: int):
    vision = vision_get_for_user(request.user, write=True, pk=vision_id)
    return redirect(step_url(vision, steps.first_unfinished_step(vision.answers)))


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_step(request, vision_id: int, slug: str):
    step = steps.STEPS_BY_SLUG.get(slug)
    if request.method == "GET" and step is not None and step is not steps.REVIEW:
        return _step_as_saved(request, vision_id, step)
    if step is None or step is steps.REVIEW:
        vision = vision_get_for_user(request.user, write=True, pk=vision_id)
        if step is None:
            raise Http404("No such step.")
        return questionnaire_review(request, vision)

    # The answers are checked, and saved, without loading the vision: only a
    # mistake needs it, to show the step again.
    access = vision_access(request.user, vision_id, write=True)
    returning_to_review = request.POST.get("return_to") == "review"
    form = step.form_class(request.POST)
    if form.is_valid():
        vision_answer_step(vision=access, step_slug=step.slug, answers=form.answers())
        action = request.POST.get("action", "next")
        if action == "back":
            return redirect(step_url(access, steps.step_before(step) or step))
        if returning_to_review:
            return redirect(step_url(access, steps.REVIEW))
        if step.shows_profile_after:
            return redirect("vision_profile", vision_id=access.pk)
        return redirect(step_url(access, steps.step_after(step)))
    # Answers with mistakes: shown again as typed, never kept.
    vision = access.vision
    body = render_to_string(
        step.body, step_context(vision, step, form, returning_to_review), request=request
    )
    return render(request, step.template, {"vision": vision, "step": step, "body": body})


def _step_as_saved(request, vision_id: int, step: steps.Step):
    """A step's page with the answers last saved: the same until the vision
    changes, so kept in the cache (careervision.fragments) and served on one
    narrow query (visions.access.vision_access)."""
    access = vision_access(request.user, vision_id, write=True)
    returning_to_review = request.GET.get("return_to") == "review"

    def context() -> dict:
        vision = access.vision
        form = step.form_class(initial=vision.answers.get(step.slug))
        return step_context(vision, step, form, returning_to_review)

    body = vision_fragment(request, access, step.body, context)
    return render_around(
        request, step.template, lambda: {"vision": access.vision, "step": step}, body
    )


def step_context(vision, step, form=None, returning_to_review=False) -> dict:
    finished = steps.steps_finished(vision.answers)
    resume = steps.first_unfinished_step(vision.answers)
    return {
        "vision": vision,
        "step": step,
        "form": form,
        "number": steps.step_number(step),
        "total": len(steps.STEPS),
        "previous": steps.step_before(step),
        "returning_to_review": returning_to_review,
        "progress": [
            {
                "step": each,
                "number": steps.step_number(each),
                "done": each.slug in finished,
                "current": each is step,
                # Saved steps, where to resume, and the review can be opened.
                "open": each.slug in finished or each is resume or each is steps.REVIEW,
                "url": step_url(vision, each),
            }
            for each in steps.STEPS
        ],
    }


def questionnaire_review(request, vision):
    missing = [s for s in steps.QUESTION_STEPS if s.slug not in vision.answers]
    if request.method == "POST":
        try:
            vision_complete_questionnaire(vision=vision)
        except QuestionnaireIncomplete:
            messages.error(request, _("Some steps are not answered yet: they are marked below."))
        else:
            messages.success(request, _("Your reflection is complete. Well done."))
            return redirect("vision_detail", vision_id=vision.pk)
    context = step_context(vision, steps.REVIEW)
    context["groups"] = [
        {
            "step": each,
            "answers": steps.step_summary(each, vision.answers),
            "saved": each.slug in vision.answers,
            "url": step_url(vision, each) + "?return_to=review",
        }
        for each in steps.QUESTION_STEPS
    ]
    context["missing"] = missing
    context["profile"] = steps.answers_profile(vision.answers)
    return render(request, steps.REVIEW.template, context)
