import threading

import pytest
from django.db import connection, transaction

from tests.factories import UserFactory, VisionFactory, answered
from visions.models import Vision, VisionRevision
from visions.services import (
    StaleVision,
    vision_answer_step,
    vision_create,
    vision_restore_revision,
    vision_save,
)

pytestmark = pytest.mark.django_db


def save(vision, author, base, **changes):
    content = {
        "title": vision.title,
        "horizon_years": vision.horizon_years,
        "statement": vision.statement,
        "accomplishments": vision.accomplishments,
        "bridge_plan": vision.bridge_plan,
        **changes,
    }
    return vision_save(vision=vision, author=author, base_version=base, **content)


@pytest.fixture
def vision(alice):
    return VisionFactory(owner=alice, title="Five years out")


def test_a_save_writes_the_vision_and_a_revision_of_it(alice, vision):
    saved = save(
        vision,
        alice,
        0,
        statement="  I teach.  ",
        accomplishments=[" A course ", "", "A book"],
        bridge_plan="Support job",
    )
    assert (saved.version, saved.statement, saved.accomplishments) == (
        1,
        "I teach.",
        ["A course", "A book"],
    )
    revision = VisionRevision.objects.get()
    assert (revision.number, revision.author, revision.statement, revision.accomplishments) == (
        1,
        alice,
        "I teach.",
        ["A course", "A book"],
    )
    assert (revision.title, revision.horizon_years, revision.bridge_plan) == (
        "Five years out",
        5,
        "Support job",
    )


def test_a_save_that_changes_nothing_writes_no_revision(alice, vision):
    save(vision, alice, 0, statement="I teach.")
    again = save(Vision.objects.get(pk=vision.pk), alice, 1, statement="I teach.")
    assert again.version == 1
    assert VisionRevision.objects.count() == 1


def test_a_stale_save_is_refused_and_changes_nothing(alice, vision):
    save(vision, alice, 0, statement="From the first tab.")
    with pytest.raises(StaleVision) as refused:
        save(Vision.objects.get(pk=vision.pk), alice, 0, statement="From an old second tab.")
    assert refused.value.current.statement == "From the first tab."
    vision.refresh_from_db()
    assert (vision.version, vision.statement) == (1, "From the first tab.")
    assert list(VisionRevision.objects.values_list("number", flat=True)) == [1]


def test_restoring_makes_a_new_revision_and_keeps_history(alice, vision):
    save(vision, alice, 0, statement="First.", accomplishments=["One"])
    save(Vision.objects.get(pk=vision.pk), alice, 1, statement="Second.", accomplishments=[])
    restored = vision_restore_revision(vision=vision, author=alice, number=1)
    assert (restored.version, restored.statement, restored.accomplishments) == (
        3,
        "First.",
        ["One"],
    )
    assert list(VisionRevision.objects.values_list("number", "statement", "restored_from")) == [
        (3, "First.", 1),
        (2, "Second.", None),
        (1, "First.", None),
    ]


def test_revisions_cannot_be_changed(alice, vision):
    save(vision, alice, 0, statement="Kept.")
    revision = VisionRevision.objects.get()
    revision.statement = "Rewritten."
    with pytest.raises(ValueError, match="immutable"):
        revision.save()


def test_a_new_vision_can_start_from_an_earlier_visions_answers(alice, vision):
    vision = answered(vision, "now", "values")
    later = vision_create(
        owner=alice, title="Ten years on", horizon_years=10, copy_answers_from=vision
    )
    assert later.answers == Vision.objects.get(pk=vision.pk).answers
    assert later.questionnaire_completed_at is None


def test_answers_cannot_be_copied_from_someone_elses_vision(alice, carol, vision):
    with pytest.raises(ValueError):
        vision_create(owner=carol, title="Mine", horizon_years=5, copy_answers_from=vision)


@pytest.mark.django_db(transaction=True)
def test_two_connections_saving_at_once_lose_nothing():
    """Two tabs press Save at the same moment from the same version: one
    wins, the other is refused as stale, on SQLite and PostgreSQL alike."""
    owner = UserFactory()
    vision = VisionFactory(owner=owner)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def tab(text: str) -> None:
        try:
            barrier.wait()
            with transaction.atomic():
                save(Vision.objects.get(pk=vision.pk), owner, 0, statement=text)
            outcomes.append("saved")
        except StaleVision:
            outcomes.append("stale")
        finally:
            connection.close()

    threads = [threading.Thread(target=tab, args=(f"Tab {n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["saved", "stale"]
    vision.refresh_from_db()
    assert vision.version == 1
    assert list(VisionRevision.objects.values_list("statement", flat=True)) == [vision.statement]


def test_answering_a_step_keeps_every_other_step_and_moves_the_stamp(alice, vision):
    first = answered(vision, "now")
    before = first.updated_at
    life = {
        "life_priorities": "Family — “always”; 100% of weekends, O'Neill's \\ café",
        "location": "Porto",
        "nested": {"list": [1, 2.5, None, True], "empty": []},
    }
    vision_answer_step(vision=vision, step_slug="life", answers=life)
    stored = Vision.objects.get(pk=vision.pk)
    assert stored.answers == {"now": first.answers["now"], "life": life}
    assert stored.updated_at > before
    # Saving a step again replaces that step's answers only.
    vision_answer_step(vision=vision, step_slug="life", answers={"location": "Lisbon"})
    again = Vision.objects.get(pk=vision.pk).answers
    assert again == {"now": first.answers["now"], "life": {"location": "Lisbon"}}


def test_answering_a_step_of_a_vision_gone_says_so(alice, vision):
    pk = vision.pk
    vision.delete()
    vision.pk = pk
    with pytest.raises(Vision.DoesNotExist):
        vision_answer_step(vision=vision, step_slug="now", answers={})
    assert not Vision.objects.filter(pk=pk).exists()
