"""A failure in the middle of a multi-row write leaves nothing half-written.

The failure is real: a database trigger refuses one of the rows, on SQLite
and on PostgreSQL alike."""

from datetime import date

import pytest
from django.db import DatabaseError, connection

from goals.models import Action, Goal
from goals.services import goals_create_from_proposals
from goals.suggest import goals_suggest
from tests.factories import VisionFactory, answered
from visions.models import Vision, VisionRevision
from visions.services import vision_save

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def refuse_inserts():
    """Installs triggers that make inserting a row whose `column` contains
    `marker` fail, as a full disk or a lost connection would; removes them
    after the test, since they outlive its data."""
    installed: list[str] = []

    def install(table: str, column: str, marker: str) -> None:
        _install(table, column, marker)
        installed.append(table)

    yield install
    with connection.cursor() as cursor:
        for table in installed:
            cursor.execute(
                f"DROP TRIGGER IF EXISTS refuse_{table}"
                + (f" ON {table}" if connection.vendor == "postgresql" else "")
            )


def _install(table: str, column: str, marker: str) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"""
                CREATE OR REPLACE FUNCTION refuse_{table}() RETURNS trigger AS $$
                BEGIN
                  IF NEW.{column} LIKE '%{marker}%' THEN
                    RAISE EXCEPTION 'injected failure';
                  END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql;
                CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table}
                FOR EACH ROW EXECUTE FUNCTION refuse_{table}();
                """
            )
        else:
            cursor.execute(
                f"""
                CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table}
                WHEN NEW.{column} LIKE '%{marker}%'
                BEGIN SELECT RAISE(ABORT, 'injected failure'); END;
                """
            )


def test_a_vision_and_its_revision_are_saved_together_or_not_at_all(alice, refuse_inserts):
    vision = VisionFactory(owner=alice, title="Plan")
    vision = vision_save(
        vision=vision,
        author=alice,
        base_version=0,
        title="Plan",
        horizon_years=5,
        statement="Kept.",
        accomplishments=[],
        bridge_plan="",
    )
    refuse_inserts("visions_visionrevision", "statement", "FAIL-ME")
    with pytest.raises(DatabaseError):
        vision_save(
            vision=vision,
            author=alice,
            base_version=1,
            title="Plan",
            horizon_years=5,
            statement="FAIL-ME half way",
            accomplishments=[],
            bridge_plan="",
        )
    stored = Vision.objects.get(pk=vision.pk)
    assert (stored.version, stored.statement) == (1, "Kept.")
    assert list(VisionRevision.objects.values_list("statement", flat=True)) == ["Kept."]


def test_planned_goals_are_created_all_together_or_not_at_all(alice, refuse_inserts):
    vision = answered(VisionFactory(owner=alice, title="Plan"))
    proposals = goals_suggest(
        horizon_years=5, accomplishments=[], answers=vision.answers, today=date(2030, 1, 15)
    )
    kept = [(p, {"title": p.title, "target_date": p.target_date}) for p in proposals]
    # The first goal's actions go in; an action of a later goal fails.
    last_action = next(p for p in reversed(proposals) if p.actions).actions[-1].title
    refuse_inserts("goals_action", "title", last_action[:20])
    with pytest.raises(DatabaseError):
        goals_create_from_proposals(vision=vision, kept=kept)
    assert (Goal.objects.count(), Action.objects.count()) == (0, 0)
