"""Sharing pages: the owner's sharing page, accepting an invitation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from visions.access import ACCESS_LOG_EVERY, vision_get_for_user
from visions.forms import ShareForm
from visions.models import Share, ShareStatus
from visions.sharing import (
    SharingError,
    share_accept,
    share_from_token,
    share_revoke,
    vision_share,
)

ACCESS_LOG_SHOWN = 50


@login_required
@require_http_methods(["GET", "POST"])
def vision_sharing(request, vision_id: int):
    vision = vision_get_for_user(request.user, write=True, pk=vision_id)
    form = ShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            share = vision_share(vision=vision, email=form.cleaned_data["email"])
        except SharingError as refused:
            form.add_error("email", str(refused))
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": share.email})
            return redirect("vision_sharing", vision_id=vision.pk)
    shares = list(vision.shares.select_related("coach"))
    return render(
        request,
        "visions/sharing.html",
        {
            "vision": vision,
            "form": form,
            "active": [s for s in shares if s.status == ShareStatus.ACTIVE],
            "pending": [s for s in shares if s.status == ShareStatus.PENDING],
            "ended": [s for s in shares if s.status == ShareStatus.REVOKED],
            "access_log": vision.access_log.select_related("viewer")[:ACCESS_LOG_SHOWN],
            "visit_minutes": ACCESS_LOG_EVERY // 60,
        },
    )


@login_required
@require_POST
def share_revoke_view(request, share_id: int):
    share = get_object_or_404(Share, pk=share_id)
    vision = vision_get_for_user(request.user, write=True, pk=share.vision_id)
    share_revoke(share=share)
    messages.success(
        request,
        _("%(email)s can no longer see this vision.") % {"email": share.email}
        if share.accepted_at
        else _("The invitation to %(email)s is cancelled.") % {"email": share.email},
    )
    return redirect("vision_sharing", vision_id=vision.pk)


@require_http_methods(["GET", "POST"])
def share_accept_link(request, token: str):
    """The link in the invitation email. Signed out: sign up (or log in) first,
    then come back here."""
    try:
        share = share_from_token(token)
    except SharingError as refused:
        return render(request, "visions/share_invalid.html", {"reason": str(refused)}, status=410)
    if not request.user.is_authenticated:
        back = urlencode({"next": request.path})
        return render(
            request,
            "visions/share_welcome.html",
            {
                "share": share,
                "signup_url": reverse("account_signup") + "?" + back,
                "login_url": reverse("account_login") + "?" + back,
            },
        )
    return accept_page(request, share)


@login_required
@require_POST
def share_accept_from_dashboard(request, share_id: int):
    share = (
        Share.objects.select_related("vision__owner")
        .filter(pk=share_id, email=request.user.email.lower())
        .first()
    )
    if share is None:
        raise Http404("No such invitation.")
    return accept_page(request, share)


def accept_page(request, share):
    if request.method == "POST":
        try:
            share_accept(share=share, coach=request.user)
        except SharingError as refused:
            return render(
                request, "visions/share_invalid.html", {"reason": str(refused)}, status=410
            )
        messages.success(
            request,
            _("You can now read “%(title)s”, shared by %(name)s.")
            % {"title": share.vision.title, "name": share.vision.owner.name},
        )
        return redirect("vision_detail", vision_id=share.vision_id)
    return render(request, "visions/share_accept.html", {"share": share})
