"""Who may see or change a vision: the one place that decides.

Every view that touches a vision (or anything hanging from one) gets it
through `vision_get_for_user`: a vision the user may not see is a 404, as if
it did not exist; one they may see but not change (a coach's view of a
shared vision) is a 403 on writes. Visibility itself is
`Vision.objects.visible_to(user)` for lists and `Vision.readable_by(user)`
for one vision: the owner's visions and those shared with the user by an
active share.
"""

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from careervision.fragments import fragment
from visions.models import AccessLog, Vision
from visions.services import vision_stamp


def vision_can_edit(user, vision: Vision) -> bool:
    return user.is_authenticated and vision.owner_id == user.pk


def vision_get_for_user(
    user, *, write: bool = False, viewed: str | None = None, **lookup
) -> Vision:
    """The vision, if this user may see it (and change it, with write=True).

    `viewed` names what is being looked at ("vision", "goals", "pdf"...):
    when someone other than the owner looks, it goes into the access log
    the owner can read.
    """
    # Loaded first and then checked: every page of a vision starts here, and
    # the owner's check needs no query of its own (bench/results.md).
    vision = get_object_or_404(Vision.objects.select_related("owner"), **lookup)
    if not vision.readable_by(user):
        raise Http404("No Vision matches the given query.")
    if write and not vision_can_edit(user, vision):
        raise PermissionDenied
    if viewed and vision.owner_id != user.pk:
        access_log(vision, user, viewed)
    return vision


# Looking again at the same thing within this many seconds is the same visit.
ACCESS_LOG_EVERY = 10 * 60


def access_log(vision: Vision, viewer, viewed: str) -> None:
    """Writes down that `viewer` looked at `viewed` of the vision, once per
    visit: a coach going back and forth between a client's pages for ten
    minutes makes one line per page in the owner's log, not dozens. The
    shared cache remembers the visit (add() is atomic, so two requests at
    once still write one line)."""
    if cache.add(f"viewed:{vision.pk}:{viewer.pk}:{viewed}", True, ACCESS_LOG_EVERY):
        AccessLog.objects.create(vision=vision, viewer=viewer, what=viewed)


def vision_fragment(request, vision: Vision, template_name: str, context, *stamp):
    """A piece of a page of this vision, rendered once for each state of the
    vision, reader and right to edit, plus what else `stamp` names (the day,
    a comment thread): careervision.fragments."""
    return fragment(
        request,
        template_name,
        context,
        (*vision_stamp(vision), vision_can_edit(request.user, vision), *stamp),
    )
