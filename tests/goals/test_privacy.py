import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import timezone

from goals.comments import comment_create
from goals.services import action_create, goal_create
from tests.factories import PASSWORD, VisionFactory, answered
from visions.models import Share, Vision
from visions.services import vision_save
from visions.sharing import vision_share_create_active

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent.parent


def full_vision(owner, title):
    vision = answered(VisionFactory(owner=owner, title=title))
    vision = vision_save(
        vision=vision,
        author=owner,
        base_version=0,
        title=title,
        horizon_years=5,
        statement=f"Statement of {title}",
        accomplishments=["One"],
        bridge_plan="Bridge",
    )
    goal = goal_create(
        vision=vision, title=f"Goal of {title}", target_date=timezone.localdate(), kind="skill"
    )
    action_create(goal=goal, title=f"Action of {title}")
    return vision


def test_download_my_data_has_everything_of_mine_and_nothing_of_others(client, alice, bob, carol):
    mine = full_vision(alice, "Alice's plan")
    theirs = full_vision(carol, "Carol's plan")
    vision_share_create_active(vision=mine, coach=bob)
    comment_create(vision=mine, author=bob, body="Bob's note on Alice's plan")
    comment_create(vision=theirs, author=carol, body="Carol's private note")
    client.force_login(alice)
    response = client.get("/profile/data.json")
    assert response["Content-Disposition"].startswith('attachment; filename="careervision-data-')
    assert response["Cache-Control"] == "private, no-store"
    data = json.loads(response.content)
    assert data["account"]["email"] == "alice@example.com"
    assert [v["title"] for v in data["visions"]] == ["Alice's plan"]
    assert [r["statement"] for r in data["revisions"]] == ["Statement of Alice's plan"]
    assert [g["title"] for g in data["goals"]] == ["Goal of Alice's plan"]
    assert [a["title"] for a in data["actions"]] == ["Action of Alice's plan"]
    assert [c["body"] for c in data["comments"]] == ["Bob's note on Alice's plan"]
    assert [s["email"] for s in data["shares"]] == ["bob@example.com"]
    assert "Carol" not in response.content.decode()


def test_deleting_the_account_removes_everything_and_coaches_lose_access(client, alice, bob, carol):
    mine = full_vision(alice, "Alice's plan")
    full_vision(carol, "Carol's plan")
    vision_share_create_active(vision=mine, coach=bob)
    comment_create(vision=mine, author=bob, body="Bob's note")
    client.force_login(alice)
    response = client.get("/profile/delete/")
    # Deleting asks for the password again first.
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    response = client.post(response["Location"], {"password": PASSWORD})
    assert response["Location"] == "/profile/delete/"
    assert "It cannot be undone." in client.get("/profile/delete/").text
    response = client.post("/profile/delete/")
    assert response["Location"] == "/"
    user_rows = {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"visions", "goals"}
    }
    assert Vision.objects.get().title == "Carol's plan"
    assert Share.objects.count() == 0
    assert user_rows["goals.Comment"] == 0
    assert user_rows["goals.Goal"] == 1
    assert user_rows["visions.VisionRevision"] == 1
    bob_client = client.__class__()
    bob_client.force_login(bob)
    assert bob_client.get(f"/visions/{mine.pk}/").status_code == 404


def test_not_found_and_read_only_pages_say_what_happened(client, alice, bob):
    vision = VisionFactory(owner=alice)
    vision_share_create_active(vision=vision, coach=bob)
    client.force_login(bob)
    response = client.get(f"/visions/{vision.pk}/edit/")
    assert response.status_code == 403
    assert "You can read this, not change it" in response.text
    response = client.get("/visions/999999/")
    assert response.status_code == 404
    assert "There is nothing here" in response.text


def test_database_down_gives_a_friendly_503_not_a_traceback(tmp_path):
    script = (
        "import django; django.setup()\n"
        "from django.test import Client\n"
        "c = Client(raise_request_exception=False)\n"
        "c.cookies['sessionid'] = 'x' * 32\n"
        "r = c.get('/visions/')\n"
        "print(r.status_code, r['Retry-After'], 'back in a moment' in r.content.decode())\n"
    )
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "careervision.settings",
        "SECRET_KEY": "x" * 50,
        "SECURE_HTTPS": "false",
        "ALLOWED_HOSTS": "testserver",
        # Nothing listens on port 9: the database is "down".
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none",
        # As in production, where static files are collected at build time.
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=True,
        timeout=120,
    )
    result = subprocess.run(  # noqa: S603 -- our own code, fixed arguments
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "503 30 True", result.stderr[-2000:]
