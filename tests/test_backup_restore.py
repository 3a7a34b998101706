"""The documented backup and restore procedure, run for real on PostgreSQL:
restore into a fresh database and find the same data."""

import os
import subprocess
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from goals.services import goal_create
from tests.factories import VisionFactory, answered
from visions.services import vision_save

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="backup and restore are PostgreSQL procedures; runs in the PostgreSQL pass",
    ),
]


def url(settings: dict, name: str) -> str:
    host = settings["HOST"] or "127.0.0.1"
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return f"postgres://{settings['USER']}{password}@{host}:{settings['PORT'] or 5432}/{name}"


def test_backup_then_restore_into_a_fresh_database(alice, tmp_path):
    vision = answered(VisionFactory(owner=alice, title="Zoë's plan"))
    vision = vision_save(
        vision=vision,
        author=alice,
        base_version=0,
        title="Zoë's plan",
        horizon_years=5,
        statement="Teach in Zürich.",
        accomplishments=["A course"],
        bridge_plan="Tutoring",
    )
    goal_create(
        vision=vision, title="Certificate", target_date=vision.created_at.date(), kind="skill"
    )
    settings = connection.settings_dict
    source = url(settings, settings["NAME"])
    fresh = "careervision_restore_check"
    admin = psycopg.connect(url(settings, "postgres"), autocommit=True)
    admin.execute(f"DROP DATABASE IF EXISTS {fresh}")
    admin.execute(f"CREATE DATABASE {fresh}")
    try:
        dump = tmp_path / "backup.dump"
        env = {**os.environ, "DATABASE_URL": source}
        subprocess.run(  # noqa: S603 -- our own script
            [str(ROOT / "scripts" / "backup.sh"), str(dump)], cwd=ROOT, env=env, check=True
        )
        env["DATABASE_URL"] = url(settings, fresh)
        subprocess.run(  # noqa: S603 -- our own script
            [str(ROOT / "scripts" / "restore.sh"), str(dump)], cwd=ROOT, env=env, check=True
        )
        with psycopg.connect(url(settings, fresh)) as restored:
            rows = restored.execute(
                "SELECT v.title, v.statement, v.version, u.email,"
                " (SELECT count(*) FROM visions_visionrevision r WHERE r.vision_id = v.id),"
                " (SELECT count(*) FROM goals_goal g WHERE g.vision_id = v.id)"
                " FROM visions_vision v JOIN accounts_user u ON u.id = v.owner_id"
            ).fetchall()
            answers = restored.execute("SELECT answers FROM visions_vision").fetchone()[0]
        assert rows == [("Zoë's plan", "Teach in Zürich.", 1, "alice@example.com", 1, 1)]
        assert answers == vision.answers
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {fresh}")
        admin.close()
