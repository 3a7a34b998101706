"""The two spellings of who may read a vision agree: VisionQuerySet.visible_to
(lists, and everything hanging from a vision) and Vision.readable_by (one
vision already loaded, what every vision page checks)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.test_authorization_matrix import PERSONAS, world  # noqa: F401 -- the fixture
from visions.models import Vision

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
