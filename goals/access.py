"""Goals and actions are read and changed by whoever may read or change their
vision: the rule itself lives in visions/access.py."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from goals.models import Action, Goal
from visions.access import vision_can_edit


def goal_get_for_user(user, *, write: bool = False, **lookup) -> Goal:
    goal = get_object_or_404(Goal.objects.visible_to(user).select_related("vision"), **lookup)
    if write and not vision_can_edit(user, goal.vision):
        raise PermissionDenied
    return goal


def action_get_for_user(user, *, write: bool = False, **lookup) -> Action:
    action = get_object_or_404(
        Action.objects.visible_to(user).select_related("goal__vision"), **lookup
    )
    if write and not vision_can_edit(user, action.goal.vision):
        raise PermissionDenied
    return action
