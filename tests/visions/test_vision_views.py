import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careervision.fragments import RECENT
from tests.factories import VisionFactory, answered
from tests.html import value
from visions.models import Vision, VisionRevision
from visions.services import vision_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def vision(alice):
    return VisionFactory(owner=alice, title="Five years out")


def compose_data(version: int, **fields) -> dict:
    data = {
        "title": "Five years out",
        "horizon_years": "5",
        "statement": "I lead customer education.",
        "bridge_plan": "My support job, four days a week.",
        "version": str(version),
        "accomplishments-TOTAL_FORMS": "3",
        "accomplishments-INITIAL_FORMS": "0",
        "accomplishments-MIN_NUM_FORMS": "0",
        "accomplishments-MAX_NUM_FORMS": "1000",
        "accomplishments-0-text": "A course used by thousands",
        "accomplishments-0-ORDER": "2",
        "accomplishments-1-text": "A conference talk",
        "accomplishments-1-ORDER": "1",
        "accomplishments-2-text": "",
        "accomplishments-2-ORDER": "",
        "action": "save",
    }
    data.update(fields)
    return data


def saved(vision, author, **fields):
    content = {
        "title": vision.title,
        "horizon_years": vision.horizon_years,
        "statement": "",
        "accomplishments": [],
        "bridge_plan": "",
        **fields,
    }
    return vision_save(vision=vision, author=author, base_version=vision.version, **content)


def test_saving_the_composer_stores_the_vision_in_the_order_given(alice_client, vision):
    response = alice_client.post(f"/visions/{vision.pk}/edit/", compose_data(0))
    assert response.status_code == 302
    assert response["Location"] == f"/visions/{vision.pk}/"
    vision.refresh_from_db()
    assert vision.statement == "I lead customer education."
    assert vision.accomplishments == ["A conference talk", "A course used by thousands"]
    assert vision.bridge_plan == "My support job, four days a week."
    assert list(VisionRevision.objects.values_list("number", flat=True)) == [1]


def test_removing_an_accomplishment(alice_client, alice, vision):
    saved(vision, alice, accomplishments=["Keep", "Drop"])
    data = compose_data(
        1,
        **{
            "accomplishments-INITIAL_FORMS": "2",
            "accomplishments-0-text": "Keep",
            "accomplishments-0-ORDER": "1",
            "accomplishments-1-text": "Drop",
            "accomplishments-1-ORDER": "2",
            "accomplishments-1-DELETE": "on",
        },
    )
    alice_client.post(f"/visions/{vision.pk}/edit/", data)
    vision.refresh_from_db()
    assert vision.accomplishments == ["Keep"]


def test_a_stale_save_shows_both_versions_and_keeps_what_was_typed(alice_client, alice, vision):
    saved(vision, alice, statement="Saved in the other tab.")
    response = alice_client.post(
        f"/visions/{vision.pk}/edit/", compose_data(0, statement="Typed in this tab.")
    )
    assert response.status_code == 409
    assert "This vision changed while you were editing" in response.text
    assert value(response.text, "statement") == "Typed in this tab."
    assert value(response.text, "version") == "1"
    assert (
        "<del>Saved </del><ins>Typed </ins>in <del>the other </del><ins>this </ins>tab."
        in response.text
    )
    vision.refresh_from_db()
    assert vision.statement == "Saved in the other tab."
    # Saving again from the conflict page is a deliberate choice, and it lands.
    alice_client.post(
        f"/visions/{vision.pk}/edit/", compose_data(1, statement="Typed in this tab.")
    )
    vision.refresh_from_db()
    assert (vision.version, vision.statement) == (2, "Typed in this tab.")


def test_the_composer_refuses_bad_input_and_keeps_it(alice_client, vision):
    response = alice_client.post(
        f"/visions/{vision.pk}/edit/", compose_data(0, title="", statement="x" * 5001)
    )
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert "Ensure this value has at most 5000 characters (it has 5001)." in response.text
    assert value(response.text, "statement") == "x" * 5001
    assert Vision.objects.get(pk=vision.pk).version == 0


def test_suggesting_a_draft_never_touches_the_text_without_asking(alice_client, vision):
    answered(vision)
    url = f"/visions/{vision.pk}/edit/"
    response = alice_client.post(url, compose_data(0, statement="My own words.", action="suggest"))
    assert response.status_code == 200
    assert value(response.text, "statement") == "My own words."
    assert "A draft from your answers" in response.text
    assert "Replace my text with the draft" in response.text
    response = alice_client.post(
        url, compose_data(0, statement="My own words.", action="draft_append")
    )
    statement = value(response.text, "statement")
    assert statement.startswith("My own words.\n\n")
    assert len(statement) > len("My own words.\n\n") + 40
    vision.refresh_from_db()
    assert (vision.statement, vision.version) == ("", 0)


def test_history_lists_revisions_in_constant_queries(alice_client, alice, vision):
    def rendered() -> tuple[str, int]:
        # A fresh render each time: the page is otherwise kept (careervision.fragments).
        cache.clear()
        RECENT.clear()
        with CaptureQueriesContext(connection) as queries:
            response = alice_client.get(f"/visions/{vision.pk}/history/")
        return response.content.decode(), len(queries)

    saved(vision, alice, statement="One.")
    _, one = rendered()
    for n in range(49):
        saved(Vision.objects.get(pk=vision.pk), alice, statement=f"Version {n}.")
    html, fifty = rendered()
    assert fifty == one
    shown = [int(n) for n in re.findall(r'<th scope="row">#(\d+)', html)]
    assert shown == list(range(50, 25, -1))
    assert 'href="?page=2"' in html


def test_my_visions_lists_in_constant_queries(alice_client, alice, django_assert_num_queries):
    VisionFactory(owner=alice)
    with CaptureQueriesContext(connection) as one:
        alice_client.get("/visions/")
    VisionFactory.create_batch(49, owner=alice)
    with django_assert_num_queries(len(one)):
        response = alice_client.get("/visions/")
    assert response.text.count('<li class="card mb-3">') == 50
    # Kept: the same list again reads only what the stamp needs.
    with django_assert_num_queries(3):
        assert alice_client.get("/visions/").text.count('<li class="card mb-3">') == 50


def test_compare_two_revisions_word_by_word(alice_client, alice, vision):
    saved(vision, alice, statement="I want to lead a team.", accomplishments=["A"])
    saved(Vision.objects.get(pk=vision.pk), alice, statement="I want to coach a team.")
    response = alice_client.get(f"/visions/{vision.pk}/history/compare/?from=1&to=2")
    assert response.status_code == 200
    assert "I want to <del>lead </del><ins>coach </ins>a team." in response.text
    assert '<li class="diff-item-removed"><span class="visually-hidden">Removed: </span>' in (
        response.text
    )


def test_compare_needs_two_existing_revisions(alice_client, alice, vision):
    saved(vision, alice, statement="One.")
    url = f"/visions/{vision.pk}/history/compare/"
    assert alice_client.get(url + "?from=1&to=7").status_code == 404
    assert alice_client.get(url + "?from=1&to=1")["Location"] == f"/visions/{vision.pk}/history/"
    assert alice_client.get(url + "?from=x")["Location"] == f"/visions/{vision.pk}/history/"


def test_restore_is_post_only_and_makes_a_new_revision(alice_client, alice, vision):
    saved(vision, alice, statement="First.")
    saved(Vision.objects.get(pk=vision.pk), alice, statement="Second.")
    url = f"/visions/{vision.pk}/history/1/restore/"
    assert alice_client.get(url).status_code == 405
    response = alice_client.post(url)
    assert response["Location"] == f"/visions/{vision.pk}/history/"
    vision.refresh_from_db()
    assert (vision.version, vision.statement) == (3, "First.")


def test_archive_and_bring_back(alice_client, vision):
    alice_client.post(f"/visions/{vision.pk}/archive/")
    vision.refresh_from_db()
    assert vision.is_archived
    response = alice_client.get("/visions/")
    assert [item["vision"] for item in response.context["archived"]] == [vision]
    assert response.context["active"] == []
    assert alice_client.get(f"/visions/{vision.pk}/").status_code == 200
    alice_client.post(f"/visions/{vision.pk}/archive/")
    vision.refresh_from_db()
    assert not vision.is_archived


def test_delete_asks_first_then_removes_the_vision_and_its_history(alice_client, alice, vision):
    saved(vision, alice, statement="Gone soon.")
    response = alice_client.get(f"/visions/{vision.pk}/delete/")
    assert "This deletes the vision with all its answers" in response.text
    assert Vision.objects.count() == 1
    response = alice_client.post(f"/visions/{vision.pk}/delete/")
    assert response["Location"] == "/visions/"
    assert (Vision.objects.count(), VisionRevision.objects.count()) == (0, 0)


def test_compare_the_values_profiles_of_two_visions(alice_client, alice, vision):
    answered(vision, "values", "most-important")
    later = answered(VisionFactory(owner=alice, title="Ten years on"), "values")
    response = alice_client.get(f"/visions/compare/?a={vision.pk}&b={later.pk}")
    assert response.status_code == 200
    rows = {
        row["value"].slug: (row["first"], row["second"], row["change"])
        for row in response.context["rows"]
    }
    assert rows["achievement"] == (100, 100, 0)
    assert rows["independence"] == (88, 83, -5)


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/visions/{id}/edit/"),
        ("post", "/visions/{id}/edit/"),
        ("get", "/visions/{id}/history/"),
        ("get", "/visions/{id}/history/compare/?from=1&to=2"),
        ("post", "/visions/{id}/history/1/restore/"),
        ("post", "/visions/{id}/archive/"),
        ("get", "/visions/{id}/delete/"),
        ("post", "/visions/{id}/delete/"),
        ("get", "/visions/compare/?a={id}&b={id}"),
    ],
)
def test_a_stranger_gets_not_found_and_changes_nothing(client, carol, alice, vision, method, path):
    saved(vision, alice, statement="Alice's words.")
    saved(Vision.objects.get(pk=vision.pk), alice, statement="Alice's newer words.")
    client.force_login(carol)
    url = path.format(id=vision.pk)
    response = client.post(url, compose_data(2)) if method == "post" else client.get(url)
    assert response.status_code == 404
    vision.refresh_from_db()
    assert (vision.statement, vision.version, vision.archived_at) == (
        "Alice's newer words.",
        2,
        None,
    )
