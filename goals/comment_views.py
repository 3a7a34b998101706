"""Comments: posting one, changing or deleting one's own, a vision's thread.

Whoever may read a vision may comment on it (visions/access.py decides);
only a comment's author may change or delete it, within EDIT_WINDOW.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from goals.comment_forms import CommentEditForm, CommentForm
from goals.comments import (
    EDIT_WINDOW,
    CommentLocked,
    comment_can_change,
    comment_create,
    comment_delete,
    comment_get_for_user,
    comment_update,
    comments_for_page,
    comments_mark_read,
)
from goals.models import Comment, Goal
from visions.access import vision_get_for_user
from visions.models import Vision


def _edit_minutes() -> int:
    return int(EDIT_WINDOW.total_seconds() // 60)


def _back(request, fallback: str) -> str:
    """The page the form was on, when it is one of ours; otherwise `fallback`.
    Without the check, a crafted link could send people off-site after posting."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target.split("#", 1)[0]
    return fallback


def _thread_url(vision_id: int) -> str:
    return reverse("comment_list", args=[vision_id])


def _goal_of(vision: Vision, raw: str | None) -> Goal | None:
    """The goal named by the form's hidden field: one of this vision's goals,
    or a 404 as for any object the person cannot see."""
    if not raw:
        return None
    try:
        goal_id = int(raw)
    except ValueError:
        raise Http404("No such goal.") from None
    return get_object_or_404(vision.goals, pk=goal_id)


def _thread_anchor(comment: Comment) -> str:
    return f"#goal-{comment.goal_id}-comments" if comment.goal_id else "#comments"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def comments(request, vision_id: int):
    """A vision's conversation: reading it (GET), adding to it (POST)."""
    if request.method == "POST":
        return comment_create_view(request, vision_id)
    return comment_list(request, vision_id)


def comment_list(request, vision_id: int):
    """The whole conversation on a vision; seeing it marks it read."""
    vision = vision_get_for_user(request.user, pk=vision_id, viewed="comments")
    # Taken before reading: a comment posted while this page renders stays new.
    now = timezone.now()
    comments = comments_for_page(vision, request.user, now=now)
    comments_mark_read(user=request.user, vision=vision, at=now)
    return render(request, "goals/comments/list.html", {"vision": vision, "comments": comments})


def comment_create_view(request, vision_id: int):
    vision = vision_get_for_user(request.user, pk=vision_id)
    goal = _goal_of(vision, request.POST.get("goal"))
    back = _back(request, _thread_url(vision.pk))
    form = CommentForm(request.POST)
    if form.is_valid():
        comment = comment_create(
            vision=vision, goal=goal, author=request.user, body=form.cleaned_data["body"]
        )
        messages.success(request, _("Comment posted."))
        return redirect(f"{back}#comment-{comment.pk}")
    return render(
        request,
        "goals/comments/form.html",
        {"vision": vision, "goal": goal, "form": form, "next": back},
    )


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request, comment_id: int):
    comment = comment_get_for_user(request.user, write=True, pk=comment_id)
    back = _back(request, _thread_url(comment.vision_id))
    form = CommentEditForm(request.POST or None, initial={"body": comment.body})
    locked = not comment_can_change(comment, request.user)
    if request.method == "POST" and not locked and form.is_valid():
        try:
            comment_update(comment=comment, author=request.user, body=form.cleaned_data["body"])
        except CommentLocked:  # The window closed since the check above.
            locked = True
        else:
            messages.success(request, _("Comment saved."))
            return redirect(f"{back}#comment-{comment.pk}")
    if locked and form.is_bound:
        # Too late, but what they typed stays on the page to copy.
        form.is_valid()
        form.add_error("body", _too_late_message())
    return render(
        request,
        "goals/comments/edit.html",
        {
            "vision": comment.vision,
            "comment": comment,
            "form": form,
            "locked": locked,
            "next": back,
            "edit_minutes": _edit_minutes(),
        },
        status=403 if locked else 200,
    )


def _too_late_message() -> str:
    minutes = _edit_minutes()
    return ngettext(
        "A comment can be changed only in the first %(minutes)d minute after posting it. "
        "Copy your text if you want to post it as a new comment.",
        "A comment can be changed only in the first %(minutes)d minutes after posting it. "
        "Copy your text if you want to post it as a new comment.",
        minutes,
    ) % {"minutes": minutes}


@login_required
@require_POST
def comment_delete_view(request, comment_id: int):
    comment = comment_get_for_user(request.user, write=True, pk=comment_id)
    back = _back(request, _thread_url(comment.vision_id))
    try:
        comment_delete(comment=comment, author=request.user)
    except CommentLocked:
        return render(
            request,
            "goals/comments/locked.html",
            {"next": back, "edit_minutes": _edit_minutes()},
            status=403,
        )
    messages.success(request, _("Comment deleted."))
    return redirect(back + _thread_anchor(comment))
