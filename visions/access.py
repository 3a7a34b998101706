"""Who may see or change a vision: the one place that decides.

Every view that touches a vision (or anything hanging from one) gets it
through `vision_get_for_user`: a vision the user may not see is a 404, as if
it did not exist; one they may see but not change (a coach's view of a
shared vision) is a 403 on writes. Visibility itself is
`Vision.objects.visible_to(user)`: the owner's visions and those shared
with the user by an active share.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from visions.models import AccessLog, Vision


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
    vision = get_object_or_404(Vision.objects.visible_to(user).select_related("owner"), **lookup)
    if write and not vision_can_edit(user, vision):
        raise PermissionDenied
    if viewed and vision.owner_id != user.pk:
        AccessLog.objects.create(vision=vision, viewer=user, what=viewed)
    return vision
