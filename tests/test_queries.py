"""careervision.queries: pieces of queries several apps use."""

import pytest
from django.core.paginator import Paginator
from django.db.models import Count, Window

from careervision.queries import counted_page
from tests.factories import VisionFactory
from visions.models import Vision

pytestmark = pytest.mark.django_db


def slices(visions):
    """counted_page's rows(limit, offset) over a queryset: its id and title."""
    counted = visions.annotate(total=Window(Count("pk"))).values_list("pk", "title", "total")
    return lambda limit, offset: list(counted[offset : offset + limit])


@pytest.mark.parametrize("number", [None, "", "x", "-3", "0", "1", "2", "3", "4", "99"])
def test_counted_page_is_get_page_in_one_query(alice, number, django_assert_num_queries):
    for n in range(7):
        VisionFactory(owner=alice, title=f"Vision {n}")
    visions = Vision.objects.filter(owner=alice).order_by("title")
    expected = Paginator(visions.values_list("pk", "title"), 3).get_page(number)
    # Out of range, get_page() gives the last page: a COUNT and that page,
    # after a first try when the number was past the end.
    with django_assert_num_queries({"-3": 2, "0": 2, "4": 3, "99": 3}.get(number, 1)):
        page = counted_page(slices(visions), number, 3)
        rows = list(page.object_list)
    assert (page.number, page.paginator.count, page.paginator.num_pages) == (
        expected.number,
        7,
        3,
    )
    assert rows == list(expected.object_list)


def test_counted_page_of_nothing_is_an_empty_first_page(alice, django_assert_num_queries):
    with django_assert_num_queries(1):
        page = counted_page(slices(Vision.objects.filter(owner=alice)), "1", 3)
    assert (page.number, page.paginator.count, list(page.object_list)) == (1, 0, [])
