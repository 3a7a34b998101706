"""Who may see or change a vision: the one place that decides.

Every view that touches a vision (or anything hanging from one) gets it
through `vision_get_for_user`: a vision the user may not see is a 404, as if
it did not exist; one they may see but not change is a 403 on writes.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from visions.models import Vision


def vision_can_edit(user, vision: Vision) -> bool:
    return user.is_authenticated and vision.owner_id == user.pk


def vision_get_for_user(user, *, write: bool = False, **lookup) -> Vision:
    vision = get_object_or_404(Vision.objects.visible_to(user), **lookup)
    if write and not vision_can_edit(user, vision):
        raise PermissionDenied
    return vision
