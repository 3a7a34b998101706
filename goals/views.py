"""Goals: planning stepping stones, the goals page, actions, the timeline."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from careervision.fragments import fragment, render_around
from goals.access import action_get_for_user, goal_get_for_user
from goals.comments import comments_for_page, comments_stamp
from goals.forms import ActionForm, GoalForm, PlanFormSet
from goals.models import Action, Goal, GoalStatus
from goals.pdf import DEFAULT_PAGE_SIZE, PAGE_SIZES, pdf_filename, vision_pdf
from goals.progress import goal_rows, timeline, vision_summary
from goals.services import (
    action_create,
    action_delete,
    action_move,
    action_set_done,
    action_update,
    goal_create,
    goal_delete,
    goal_move,
    goal_update,
    goals_create_from_proposals,
)
from goals.suggest import goals_suggest
from visions.access import vision_access, vision_can_edit, vision_fragment, vision_get_for_user
from visions.steps import answers_profile, first_unfinished_step, questionnaire_progress
from visions.values import values_coverage


def vision_goals(vision):
    return vision.goals.prefetch_related("actions")


def goals_page(goal) -> str:
    """The goals page, scrolled to this goal."""
    return reverse("goal_list", args=[goal.vision_id]) + f"#goal-{goal.pk}"


# --- Planning ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def goals_plan(request, vision_id: int):
    vision = vision_get_for_user(request.user, write=True, pk=vision_id)
    proposals = goals_suggest(
        horizon_years=vision.horizon_years,
        accomplishments=vision.accomplishments,
        answers=vision.answers,
        today=timezone.localdate(),
    )
    by_key = {proposal.key: proposal for proposal in proposals}
    initial = [
        {"key": p.key, "keep": True, "title": p.title, "target_date": p.target_date}
        for p in proposals
    ]
    formset = PlanFormSet(request.POST or None, initial=initial, prefix="plan")
    if request.method == "POST" and formset.is_valid():
        kept = [
            (by_key[form.cleaned_data["key"]], form.cleaned_data)
            for form in formset
            if form.cleaned_data.get("keep") and form.cleaned_data["key"] in by_key
        ]
        goals_create_from_proposals(vision=vision, kept=kept)
        messages.success(
            request,
            ngettext(
                "%(count)d goal added to your plan.",
                "%(count)d goals added to your plan.",
                len(kept),
            )
            % {"count": len(kept)},
        )
        return redirect("goal_list", vision_id=vision.pk)
    rows = [{"form": form, "proposal": by_key.get(form["key"].value())} for form in formset]
    return render(
        request,
        "goals/plan.html",
        {"vision": vision, "formset": formset, "rows": rows, "has_goals": vision.goals.exists()},
    )


# --- The page of one vision ---------------------------------------------------------
# It shows the vision, the figures of its goals and the comments on it, so it
# lives here, above both apps.


@login_required
def vision_detail(request, vision_id: int):
    access = vision_access(request.user, vision_id, viewed="vision")
    can_edit = vision_can_edit(request.user, access)

    def context() -> dict:
        vision = access.vision
        profile = answers_profile(vision.answers)
        goals = list(vision.goals.values_list("status", "values"))
        kept = [values for status, values in goals if status != GoalStatus.DROPPED]
        return {
            "vision": vision,
            "can_edit": can_edit,
            "profile": profile,
            "resume_step": first_unfinished_step(vision.answers),
            "progress": questionnaire_progress(vision.answers),
            "goals_total": len(kept),
            "goals_done": sum(status == GoalStatus.DONE for status, _values in goals),
            "coverage": values_coverage(profile.top, kept) if profile and kept else [],
        }

    body = vision_fragment(request, access, "visions/_detail_body.html", context)
    return render_around(
        request,
        "visions/detail.html",
        lambda: {"vision": access.vision, "can_edit": can_edit},
        body,
        # The comment thread under the vision (its template tag renders it).
        around=comments_stamp(access.pk, request.user),
    )


# --- The goals page -----------------------------------------------------------------


@login_required
def goal_list(request, vision_id: int):
    access = vision_access(request.user, vision_id, viewed="goals")
    today = timezone.localdate()
    can_edit = vision_can_edit(request.user, access)
    every_comment = comments_stamp(access.pk, request.user)

    def context() -> dict:
        vision = access.vision
        goals = list(vision_goals(vision))
        profile = answers_profile(vision.answers)
        rows = goal_rows(goals, today)
        comments = comments_for_page(vision, request.user)
        return {
            "vision": vision,
            "can_edit": can_edit,
            "rows": rows,
            "cards": goal_cards(request, vision, rows, can_edit, comments, every_comment),
            "summary": vision_summary(goals, today),
            "coverage": values_coverage(
                profile.top if profile else [],
                [goal.values for goal in goals if goal.status != "dropped"],
            ),
            "comments": comments,
        }

    body = vision_fragment(request, access, "goals/_list_body.html", context, today, every_comment)
    return render_around(request, "goals/list.html", lambda: {"vision": access.vision}, body)


# A line break and the indentation after it, as the templates leave them.
_INDENTED = re.compile(r"\n\s+")


def _compact(html: str) -> str:
    """The card without its template indentation: about 15% of the goals
    page. A run of white space stays a white space, so nothing on the page
    moves; the cards hold no <pre> and no filled <textarea>."""
    return _INDENTED.sub("\n", html)


def _fields(instance) -> tuple:
    return tuple(getattr(instance, field.attname) for field in instance._meta.concrete_fields)


def goal_cards(
    request, vision, rows: list[dict], can_edit: bool, comments: dict, every_comment: tuple
) -> list[str]:
    """Each goal's card, kept in the cache under a stamp of everything it
    shows: the goal's and its actions' fields and date states, its place
    (first and last cannot move further), the reader and the comments.
    Ticking one action renders one card again, not fifty. Kept in this
    process's memory only (the whole page is in the shared cache). The
    cards keep the CSRF placeholder: the page around them puts each
    response's token in. `every_comment` is comments_stamp() of the page."""
    cards = []
    for index, row in enumerate(rows):
        first, last = index == 0, index == len(rows) - 1
        stamp = (
            vision.pk,
            can_edit,
            first,
            last,
            _fields(row["goal"]),
            row["state"],
            row["progress"],
            tuple((_fields(i["action"]), i["state"], i["after_goal"]) for i in row["actions"]),
            every_comment,
        )

        def context(row=row, first=first, last=last) -> dict:
            return {
                "vision": vision,
                "row": row,
                "first": first,
                "last": last,
                "can_edit": can_edit,
                "comments": comments,
            }

        piece = fragment(
            request, "goals/_goal_card.html", context, stamp, shared=False, finish=_compact
        )
        cards.append(mark_safe(piece))  # noqa: S308 -- our own template
    return cards


@login_required
def goal_timeline(request, vision_id: int):
    access = vision_access(request.user, vision_id, viewed="timeline")
    today = timezone.localdate()
    can_edit = vision_can_edit(request.user, access)

    def context() -> dict:
        vision = access.vision
        goals = list(vision_goals(vision))
        return {
            "vision": vision,
            "can_edit": can_edit,
            "quarters": timeline(goals, today),
            "summary": vision_summary(goals, today),
            "today": today,
        }

    body = vision_fragment(request, access, "goals/_timeline_body.html", context, today)
    return render_around(request, "goals/timeline.html", lambda: {"vision": access.vision}, body)


@login_required
@require_http_methods(["GET", "POST"])
def goal_new(request, vision_id: int):
    vision = vision_get_for_user(request.user, write=True, pk=vision_id)
    form = GoalForm(request.POST or None, instance=Goal(vision=vision))
    if request.method == "POST" and form.is_valid():
        goal_create(vision=vision, **form.cleaned_data)
        messages.success(request, _("Goal added."))
        return redirect("goal_list", vision_id=vision.pk)
    return render(request, "goals/goal_form.html", {"vision": vision, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request, goal_id: int):
    goal = goal_get_for_user(request.user, write=True, pk=goal_id)
    form = GoalForm(request.POST or None, instance=Goal.objects.get(pk=goal.pk))
    if request.method == "POST" and form.is_valid():
        goal_update(goal=goal, **form.cleaned_data)
        messages.success(request, _("Goal saved."))
        return redirect("goal_list", vision_id=goal.vision_id)
    return render(
        request, "goals/goal_form.html", {"vision": goal.vision, "form": form, "goal": goal}
    )


@login_required
@require_http_methods(["GET", "POST"])
def goal_delete_confirm(request, goal_id: int):
    goal = goal_get_for_user(request.user, write=True, pk=goal_id)
    if request.method == "POST":
        goal_delete(goal=goal)
        messages.success(request, _("“%(title)s” is deleted.") % {"title": goal.title})
        return redirect("goal_list", vision_id=goal.vision_id)
    return render(request, "goals/goal_delete.html", {"vision": goal.vision, "goal": goal})


@login_required
@require_POST
def goal_move_view(request, goal_id: int):
    goal = goal_get_for_user(request.user, write=True, pk=goal_id)
    goal_move(goal=goal, offset=-1 if request.POST.get("direction") == "up" else 1)
    return redirect(goals_page(goal))


# --- Actions --------------------------------------------------------------------------


def warn_if_after_goal(request, action) -> None:
    if action.due_date and action.due_date > action.goal.target_date:
        messages.warning(
            request,
            _(
                "“%(action)s” is due after its goal’s target date. Move one of the dates if "
                "the goal depends on it."
            )
            % {"action": action.title},
        )


@login_required
@require_POST
def action_new(request, goal_id: int):
    goal = goal_get_for_user(request.user, write=True, pk=goal_id)
    form = ActionForm(request.POST, prefix=f"goal-{goal.pk}")
    if form.is_valid():
        action = action_create(goal=goal, **form.cleaned_data)
        warn_if_after_goal(request, action)
        return redirect(goals_page(goal))
    return render(
        request, "goals/action_form.html", {"vision": goal.vision, "goal": goal, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, action_id: int):
    action = action_get_for_user(request.user, write=True, pk=action_id)
    form = ActionForm(request.POST or None, instance=Action.objects.get(pk=action.pk))
    if request.method == "POST" and form.is_valid():
        action = action_update(action=action, **form.cleaned_data)
        warn_if_after_goal(request, action)
        return redirect(goals_page(action.goal))
    return render(
        request,
        "goals/action_form.html",
        {"vision": action.goal.vision, "goal": action.goal, "form": form, "action": action},
    )


@login_required
@require_POST
def action_done(request, action_id: int):
    """Ticks an action done or open. Answers JSON to the page's script, and
    redirects back to the goals page without JavaScript."""
    action = action_get_for_user(request.user, write=True, pk=action_id)
    action = action_set_done(action=action, done=request.POST.get("done") == "1")
    if request.headers.get("Accept") == "application/json":
        return JsonResponse({"done": action.is_done, "done_on": str(action.done_on or "")})
    return redirect(goals_page(action.goal))


@login_required
@require_POST
def action_delete_view(request, action_id: int):
    action = action_get_for_user(request.user, write=True, pk=action_id)
    action_delete(action=action)
    messages.success(request, _("Action “%(title)s” removed.") % {"title": action.title})
    return redirect(goals_page(action.goal))


@login_required
@require_POST
def action_move_view(request, action_id: int):
    action = action_get_for_user(request.user, write=True, pk=action_id)
    action_move(action=action, offset=-1 if request.POST.get("direction") == "up" else 1)
    return redirect(goals_page(action.goal))


# --- The PDF ------------------------------------------------------------------------


@login_required
def vision_pdf_download(request, vision_id: int):
    vision = vision_get_for_user(request.user, pk=vision_id, viewed="pdf")
    page_size = request.GET.get("size", DEFAULT_PAGE_SIZE)
    if page_size not in PAGE_SIZES:
        page_size = DEFAULT_PAGE_SIZE
    response = HttpResponse(vision_pdf(vision, page_size), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(vision)}"'
    response["Cache-Control"] = "private, no-store"
    return response
