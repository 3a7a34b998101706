"""Who may see or change a vision: the one place that decides.

Every view that touches a vision (or anything hanging from one) gets it
through `vision_get_for_user`, or `vision_access` for a page kept in the
cache (the same answers from one narrow query): a vision the user may not
see is a 404, as if it did not exist; one they may see but not change (a
coach's view of a shared vision) is a 403 on writes. Visibility itself is
`Vision.objects.visible_to(user)` for lists and `Vision.readable_by(user)`
for one vision: the owner's visions and those shared with the user by an
active share. `vision_access` says the same in SQL, and
tests/visions/test_access.py checks that all of them agree.
"""

from functools import cached_property

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from careervision.fragments import fragment
from careervision.queries import fetch, moment
from visions.models import AccessLog, ShareStatus, Vision
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
    _check(user, vision, vision.readable_by(user), write, viewed)
    return vision


def _check(user, vision, readable: bool, write: bool, viewed: str | None) -> None:
    if not readable:
        raise Http404("No Vision matches the given query.")
    if write and not vision_can_edit(user, vision):
        raise PermissionDenied
    if viewed and vision.owner_id != user.pk:
        access_log(vision, user, viewed)


class VisionAccess:
    """A vision as one narrow query tells it, with the right of the person
    asking to see it: enough to name the kept pages of the vision
    (careervision.fragments) without loading it. Its pages are served from
    the cache on this alone; `vision` loads the whole vision, for a page
    that has to be rendered again."""

    def __init__(self, pk: int, owner_id: int, updated_at, owner_name: str):
        self.pk, self.owner_id, self.updated_at = pk, owner_id, updated_at
        self.owner_name = owner_name

    @cached_property
    def vision(self) -> Vision:
        return get_object_or_404(Vision.objects.select_related("owner"), pk=self.pk)

    def stamp(self) -> tuple:
        return (self.pk, self.updated_at.isoformat(), self.owner_name)


# The vision, its owner, and whether an active share lets the reader see it.
_ACCESS_SQL = """
    SELECT v.owner_id, v.updated_at, o.display_name, o.email,
        EXISTS (
            SELECT 1 FROM visions_share s
            WHERE s.vision_id = v.id AND s.coach_id = %s AND s.status = %s
        )
    FROM visions_vision v JOIN accounts_user o ON o.id = v.owner_id
    WHERE v.id = %s
"""


def vision_access(
    user, vision_id: int, *, write: bool = False, viewed: str | None = None
) -> VisionAccess:
    """vision_get_for_user() for a page kept in the cache: the same answers
    (404, 403, the access log) from one narrow query."""
    rows = fetch(_ACCESS_SQL, [user.pk, ShareStatus.ACTIVE, vision_id])
    if not rows:
        raise Http404("No Vision matches the given query.")
    owner_id, updated_at, display_name, email, shared = rows[0]
    # The owner's name as User.name says it.
    name = display_name or email.split("@", 1)[0]
    access = VisionAccess(vision_id, owner_id, moment(updated_at), name)
    readable = user.is_authenticated and user.is_active and (owner_id == user.pk or bool(shared))
    _check(user, access, readable, write, viewed)
    return access


# Looking again at the same thing within this many seconds is the same visit.
ACCESS_LOG_EVERY = 10 * 60


def access_log(vision: Vision, viewer, viewed: str) -> None:
    """Writes down that `viewer` looked at `viewed` of the vision, once per
    visit: a coach going back and forth between a client's pages for ten
    minutes makes one line per page in the owner's log, not dozens. The
    shared cache remembers the visit (add() is atomic, so two requests at
    once still write one line)."""
    if cache.add(f"viewed:{vision.pk}:{viewer.pk}:{viewed}", True, ACCESS_LOG_EVERY):
        AccessLog.objects.create(vision_id=vision.pk, viewer=viewer, what=viewed)


def vision_fragment(request, vision: Vision | VisionAccess, template_name: str, context, *stamp):
    """A piece of a page of this vision, rendered once for each state of the
    vision, reader and right to edit, plus what else `stamp` names (the day,
    a comment thread): careervision.fragments."""
    named = vision.stamp() if isinstance(vision, VisionAccess) else vision_stamp(vision)
    return fragment(
        request,
        template_name,
        context,
        (*named, vision_can_edit(request.user, vision), *stamp),
    )
