"""The two spellings of who may read a vision agree: VisionQuerySet.visible_to
(lists, and everything hanging from a vision) and Vision.readable_by (one
vision already loaded, what every vision page checks)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tests.test_authorization_matrix import PERSONAS, world  # noqa: F401 -- the fixture
from visions.access import vision_access, vision_get_for_user
from visions.models import Vision
from visions.services import vision_stamp

READERS = {"owner", "coach"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_readable_by_agrees_with_visible_to(world, persona):  # noqa: F811 -- the fixture
    user = AnonymousUser() if persona == "anonymous" else world.users[persona]
    for vision in Vision.objects.all():
        listed = Vision.objects.visible_to(user).filter(pk=vision.pk).exists()
        assert vision.readable_by(user) is listed
    shared = Vision.objects.get(pk=world.ids["vision"])
    assert shared.readable_by(user) is (persona in READERS)


def test_the_owner_check_costs_no_query(world, django_assert_num_queries):  # noqa: F811
    vision = Vision.objects.get(pk=world.ids["vision"])
    with django_assert_num_queries(0):
        assert vision.readable_by(world.users["owner"]) is True


def outcome(look, user, vision_id: int, write: bool):
    try:
        return look(user, vision_id, write)
    except (Http404, PermissionDenied) as error:
        return type(error)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_narrow_look_up_agrees_with_the_whole_one(world, persona):  # noqa: F811
    """vision_access, which the kept pages use, answers as vision_get_for_user
    does, for everyone, every vision, reading and writing; and names the
    vision's pages as the whole vision does (vision_stamp)."""
    user = AnonymousUser() if persona == "anonymous" else world.users[persona]
    answers = []
    for vision in Vision.objects.order_by("pk"):
        for write in (False, True):
            whole = outcome(
                lambda u, pk, w: vision_get_for_user(u, write=w, pk=pk), user, vision.pk, write
            )
            narrow = outcome(lambda u, pk, w: vision_access(u, pk, write=w), user, vision.pk, write)
            if isinstance(whole, Vision):
                assert narrow.stamp() == vision_stamp(whole)
                answers.append("read")
            else:
                assert narrow is whole
                answers.append(whole.__name__)
    assert outcome(lambda u, pk, w: vision_access(u, pk), user, 10**9, False) is Http404
    # Only the readers read; only the coach reads without the right to change.
    assert ("read" in answers) is (persona in READERS)
    assert ("PermissionDenied" in answers) is (persona == "coach")
