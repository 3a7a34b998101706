"""Visions: the list, the composer, the profile and answers, and the history."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from careervision.fragments import fragment, naturaltime_step, render_around
from visions import steps
from visions.access import vision_access, vision_can_edit, vision_fragment, vision_get_for_user
from visions.diffs import has_changes, list_diff, word_diff
from visions.drafts import draft_suggest, draft_text
from visions.forms import (
    VisionComposeForm,
    VisionCreateForm,
    accomplishments_formset,
    accomplishments_from,
)
from visions.models import Vision, VisionRevision
from visions.questionnaire import step_url
from visions.services import (
    StaleVision,
    vision_archive,
    vision_content,
    vision_create,
    vision_delete,
    vision_restore_revision,
    vision_save,
    vision_unarchive,
)

HISTORY_PAGE_SIZE = 25


def home(request):
    """Strangers see what CareerVision is; a signed-in person sees their own start page."""
    if not request.user.is_authenticated:
        return render(request, "pages/landing.html")
    user = request.user
    # A person's own visions: always theirs to read (Vision.readable_by).
    visions = Vision.objects.filter(owner=user, archived_at__isnull=True)
    body = fragment(
        request,
        "pages/_home_body.html",
        lambda: {"visions": visions_with_progress(visions)},
        (user.name, user.is_coach, own_visions_stamp(visions)),
    )
    return render_around(request, "pages/home.html", {}, body)


def visions_with_progress(visions) -> list[dict]:
    return [
        {"vision": vision, "progress": steps.questionnaire_progress(vision.answers)}
        for vision in visions
    ]


def own_visions_stamp(visions) -> tuple:
    """What a list of a person's visions shows, for careervision.fragments:
    it changes only when one of them is written (every write to a vision,
    its answers, goals or actions moves updated_at), archived, added or
    deleted, or when "changed 3 minutes ago" reads differently."""
    now = timezone.now()
    return tuple(
        (pk, updated_at, naturaltime_step(updated_at, now))
        for pk, updated_at in visions.values_list("pk", "updated_at")
    )


@login_required
def vision_list(request):
    mine = Vision.objects.filter(owner=request.user)  # their own: always theirs to read

    def context() -> dict:
        visions = list(
            mine.annotate(
                goals_total=Count("goals", filter=~Q(goals__status="dropped")),
                goals_done=Count("goals", filter=Q(goals__status="done")),
            )
        )
        return {
            "active": visions_with_progress(v for v in visions if not v.is_archived),
            "archived": visions_with_progress(v for v in visions if v.is_archived),
            "comparable": [v for v in visions if steps.answers_profile(v.answers)],
        }

    body = fragment(request, "visions/_list_body.html", context, own_visions_stamp(mine))
    return render_around(request, "visions/list.html", {}, body)


@login_required
@require_http_methods(["GET", "POST"])
def vision_new(request):
    form = VisionCreateForm(request.POST or None, owner=request.user)
    if request.method == "POST" and form.is_valid():
        vision = vision_create(owner=request.user, **form.cleaned_data)
        return redirect("questionnaire_resume", vision_id=vision.pk)
    return render(request, "visions/new.html", {"form": form})


@login_required
def vision_profile(request, vision_id: int):
    vision = vision_get_for_user(request.user, pk=vision_id, viewed="profile")
    profile = steps.answers_profile(vision.answers)
    if profile is None:
        raise Http404("No values profile yet.")
    return render(
        request,
        "visions/profile.html",
        {
            "vision": vision,
            "profile": profile,
            "continue_step": steps.first_unfinished_step(vision.answers),
            "continue_url": step_url(vision, steps.first_unfinished_step(vision.answers)),
            "can_edit": vision_can_edit(request.user, vision),
        },
    )


@login_required
def vision_answers(request, vision_id: int):
    """The questionnaire answers, read-only: for a coach, or for the owner to
    read through without editing."""
    vision = vision_get_for_user(request.user, pk=vision_id, viewed="answers")
    return render(
        request,
        "visions/answers.html",
        {
            "vision": vision,
            "can_edit": vision_can_edit(request.user, vision),
            "groups": [
                {"step": step, "answers": steps.step_summary(step, vision.answers)}
                for step in steps.QUESTION_STEPS
            ],
            "profile": steps.answers_profile(vision.answers),
        },
    )


# --- The composer ---------------------------------------------------------------

DRAFT_ACTIONS = {"suggest", "draft_replace", "draft_append"}


@login_required
@require_http_methods(["GET", "POST"])
def vision_edit(request, vision_id: int):
    vision = vision_get_for_user(request.user, write=True, pk=vision_id)
    action = request.POST.get("action", "save")
    if request.method == "GET":
        form = VisionComposeForm(instance=vision, initial={"version": vision.version})
        formset = accomplishments_formset(items=vision.accomplishments)
        return render(request, "visions/edit.html", compose_context(vision, form, formset))

    if action in DRAFT_ACTIONS:
        return compose_with_draft(request, vision, action)
    form = VisionComposeForm(request.POST, instance=Vision(owner=vision.owner))
    formset = accomplishments_formset(request.POST, items=vision.accomplishments)
    if not (form.is_valid() and formset.is_valid()):
        return render(request, "visions/edit.html", compose_context(vision, form, formset))
    mine = {
        "title": form.cleaned_data["title"],
        "horizon_years": form.cleaned_data["horizon_years"],
        "statement": form.cleaned_data["statement"],
        "accomplishments": accomplishments_from(formset),
        "bridge_plan": form.cleaned_data["bridge_plan"],
    }
    try:
        vision_save(
            vision=vision,
            author=request.user,
            base_version=form.cleaned_data["version"],
            **mine,
        )
    except StaleVision as stale:
        return compose_conflict(request, stale.current, mine)
    messages.success(request, _("Your vision is saved."))
    return redirect("vision_detail", vision_id=vision.pk)


def compose_context(vision, form, formset, **extra) -> dict:
    return {"vision": vision, "form": form, "formset": formset, **extra}


def compose_with_draft(request, vision, action: str):
    """Shows the draft beside the person's unsaved text; puts it into the
    statement only when they press the button that says so. Nothing is saved."""
    draft = draft_suggest(vision.answers, horizon_years=vision.horizon_years)
    data = request.POST.copy()
    typed = data.get("statement", "").strip()
    if action == "draft_replace":
        data["statement"] = draft_text(draft)
    elif action == "draft_append":
        data["statement"] = f"{typed}\n\n{draft_text(draft)}" if typed else draft_text(draft)
    form = VisionComposeForm(data, instance=Vision(owner=vision.owner))
    formset = accomplishments_formset(data, items=vision.accomplishments)
    return render(
        request,
        "visions/edit.html",
        compose_context(
            vision,
            form,
            formset,
            draft=draft,
            draft_applied=action != "suggest",
            statement_is_empty=not typed,
        ),
    )


def compose_conflict(request, current: Vision, mine: dict):
    """Another tab saved first. Show both versions; the form keeps the
    person's text and now starts from the stored version, so saving again
    is a deliberate choice to replace it."""
    data = request.POST.copy()
    data["version"] = current.version
    form = VisionComposeForm(data, instance=Vision(owner=current.owner))
    formset = accomplishments_formset(data, items=current.accomplishments)
    latest = current.revisions.select_related("author").first()
    return render(
        request,
        "visions/edit.html",
        compose_context(
            current,
            form,
            formset,
            conflict={
                "revision": latest,
                "diff": content_diff(vision_content(current), mine),
            },
        ),
        status=409,
    )


def content_diff(old: dict, new: dict) -> dict:
    """How `new` differs from `old`, field by field, for the templates."""
    diff = {
        "title": word_diff(old["title"], new["title"]),
        "statement": word_diff(old["statement"], new["statement"]),
        "accomplishments": list_diff(old["accomplishments"], new["accomplishments"]),
        "bridge_plan": word_diff(old["bridge_plan"], new["bridge_plan"]),
        "horizon": (old["horizon_years"], new["horizon_years"]),
    }
    diff["changed"] = {
        "title": has_changes(diff["title"]),
        "statement": has_changes(diff["statement"]),
        "accomplishments": any(item.kind != "same" for item in diff["accomplishments"]),
        "bridge_plan": has_changes(diff["bridge_plan"]),
        "horizon": old["horizon_years"] != new["horizon_years"],
    }
    return diff


# --- History ------------------------------------------------------------------


@login_required
def vision_history(request, vision_id: int):
    access = vision_access(request.user, vision_id, viewed="history")
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page = 1
    can_edit = vision_can_edit(request.user, access)

    def context() -> dict:
        vision = access.vision
        start = (page - 1) * HISTORY_PAGE_SIZE
        # One more than a page: the row after the last shown tells what it changed.
        rows = list(
            vision.revisions.select_related("author")[start : start + HISTORY_PAGE_SIZE + 1]
        )
        shown = rows[:HISTORY_PAGE_SIZE]
        return {
            "vision": vision,
            "can_edit": can_edit,
            "revisions": [
                {
                    "revision": revision,
                    "changed": changed_fields(rows[i + 1] if i + 1 < len(rows) else None, revision),
                }
                for i, revision in enumerate(shown)
            ],
            "page": page,
            "has_next": len(rows) > HISTORY_PAGE_SIZE,
        }

    # Every save writes a revision and moves the vision's stamp.
    body = vision_fragment(request, access, "visions/_history_body.html", context)
    return render_around(request, "visions/history.html", lambda: {"vision": access.vision}, body)


FIELD_NAMES = {
    "title": _("title"),
    "horizon_years": _("horizon"),
    "statement": _("vision"),
    "accomplishments": _("accomplishments"),
    "bridge_plan": _("bridge plan"),
}


def changed_fields(before: VisionRevision | None, after: VisionRevision) -> list[str]:
    """What a revision changed from the one before it (the first: what it filled in)."""
    if before is None:
        return [str(name) for field, name in FIELD_NAMES.items() if getattr(after, field)]
    return [
        str(name)
        for field, name in FIELD_NAMES.items()
        if getattr(before, field) != getattr(after, field)
    ]


@login_required
def vision_compare(request, vision_id: int):
    access = vision_access(request.user, vision_id, viewed="history")
    try:
        numbers = sorted({int(request.GET["from"]), int(request.GET["to"])})
    except (KeyError, ValueError):
        messages.error(request, _("Choose two revisions to compare."))
        return redirect("vision_history", vision_id=access.pk)
    if len(numbers) == 1:
        messages.error(request, _("Choose two different revisions to compare."))
        return redirect("vision_history", vision_id=access.pk)
    can_edit = vision_can_edit(request.user, access)

    def context() -> dict:
        vision = access.vision
        found = {r.number: r for r in vision.revisions.filter(number__in=numbers)}
        if len(found) != len(numbers):
            raise Http404("No such revision.")
        old, new = found[numbers[0]], found[numbers[1]]
        return {
            "vision": vision,
            "can_edit": can_edit,
            "old": old,
            "new": new,
            "diff": content_diff(vision_content(old), vision_content(new)),
        }

    # Revisions never change; the stamp covers the title and who reads.
    body = vision_fragment(request, access, "visions/_compare_body.html", context)
    return render_around(request, "visions/compare.html", lambda: {"vision": access.vision}, body)


@login_required
@require_POST
def vision_restore(request, vision_id: int, number: int):
    vision = vision_get_for_user(request.user, write=True, pk=vision_id)
    get_object_or_404(VisionRevision, vision=vision, number=number)
    vision = vision_restore_revision(vision=vision, author=request.user, number=number)
    messages.success(
        request,
        _("Revision %(old)s is your vision again, saved as revision %(new)s.")
        % {"old": number, "new": vision.version},
    )
    return redirect("vision_history", vision_id=vision.pk)


# --- Archive and delete -----------------------------------------------------------


@login_required
@require_POST
def vision_archive_toggle(request, vision_id: int):
    vision = vision_get_for_user(request.user, write=True, pk=vision_id)
    if vision.is_archived:
        vision_unarchive(vision=vision)
        messages.success(request, _("The vision is back among your current visions."))
    else:
        vision_archive(vision=vision)
        messages.success(request, _("The vision is archived. You can still read it here."))
    return redirect("vision_detail", vision_id=vision.pk)


@login_required
@require_http_methods(["GET", "POST"])
def vision_delete_confirm(request, vision_id: int):
    vision = vision_get_for_user(request.user, write=True, pk=vision_id)
    if request.method == "POST":
        title = vision.title
        vision_delete(vision=vision)
        messages.success(request, _("“%(title)s” is deleted.") % {"title": title})
        return redirect("vision_list")
    return render(request, "visions/delete.html", {"vision": vision})


# --- Two values profiles side by side --------------------------------------------


@login_required
def profiles_compare(request):
    try:
        first_id, second_id = int(request.GET["a"]), int(request.GET["b"])
    except (KeyError, ValueError):
        messages.error(request, _("Choose two visions to compare."))
        return redirect("vision_list")
    first = vision_get_for_user(request.user, pk=first_id)
    second = vision_get_for_user(request.user, pk=second_id)
    first_profile = steps.answers_profile(first.answers)
    second_profile = steps.answers_profile(second.answers)
    if first_profile is None or second_profile is None:
        raise Http404("Both visions need a values profile.")
    second_scores = {item.value.slug: item.score for item in second_profile.scores}
    rows = [
        {
            "value": item.value,
            "first": item.score,
            "second": second_scores[item.value.slug],
            "change": second_scores[item.value.slug] - item.score,
        }
        for item in first_profile.scores
    ]
    return render(
        request,
        "visions/profiles_compare.html",
        {
            "first": first,
            "second": second,
            "first_profile": first_profile,
            "second_profile": second_profile,
            "rows": rows,
        },
    )
