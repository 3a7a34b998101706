"""Every URL of the project, every kind of visitor, the exact status code.

The URLs come from the URL configuration: a new URL without a row in MATRIX
fails `test_every_url_has_a_row`. A canary string in the owner's text must
never appear in a response that is not a 200 for someone allowed to read.
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from goals.calendar import calendar_feed_regenerate
from goals.comments import comment_create
from goals.models import ReminderDigest, ReminderLink
from goals.reminders import reminder_link_token
from goals.services import action_create, goal_create
from tests.factories import UserFactory, VisionFactory, answered
from visions.models import Share
from visions.services import vision_save
from visions.sharing import share_revoke, share_token, vision_share_create_active

CANARY = "CANARY-Zx81-private-plan"
PERSONAS = [
    "anonymous",
    "owner",
    "stranger",
    "coach",
    "invited",
    "revoked",
    "inactive",
    "staff",
]
OURS = ("accounts.", "visions.", "goals.", "careervision.")
# The secret in these URLs is the credential: whoever holds it may read.
TOKEN_URLS = {"calendar_feed", "reminder_done"}


def our_url_names(patterns=None, found=None) -> set[str]:
    found = set() if found is None else found
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            our_url_names(entry.url_patterns, found)
        elif isinstance(entry, URLPattern) and entry.callback.__module__.startswith(OURS):
            found.add(entry.name)
    return found


@dataclass
class World:
    users: dict
    ids: dict = field(default_factory=dict)


@pytest.fixture
def world(db):
    owner = UserFactory(email="owner@example.com", display_name="Olivia Owner")
    users = {
        "owner": owner,
        "stranger": UserFactory(email="stranger@example.com"),
        "coach": UserFactory(email="coach@example.com", is_coach=True),
        "invited": UserFactory(email="invited@example.com", is_coach=True),
        "revoked": UserFactory(email="revoked@example.com", is_coach=True),
        "inactive": UserFactory(email="inactive@example.com", is_active=False),
        "staff": UserFactory(email="staff@example.com", is_staff=True, is_superuser=True),
    }
    vision = answered(VisionFactory(owner=owner, title="Private plan"))
    for text in (f"First {CANARY}", f"Second {CANARY}"):
        vision = vision_save(
            vision=vision,
            author=owner,
            base_version=vision.version,
            title=vision.title,
            horizon_years=5,
            statement=text,
            accomplishments=[CANARY],
            bridge_plan=CANARY,
        )
    second = answered(VisionFactory(owner=owner, title="Older plan"), "values")
    goal = goal_create(
        vision=vision,
        title=f"Goal {CANARY}",
        target_date=timezone.localdate() + timedelta(days=60),
        kind="skill",
    )
    action = action_create(
        goal=goal, title=f"Action {CANARY}", due_date=timezone.localdate() + timedelta(days=3)
    )
    vision_share_create_active(vision=vision, coach=users["coach"])
    share_revoke(share=vision_share_create_active(vision=vision, coach=users["revoked"]))
    pending = Share.objects.create(
        vision=vision,
        email="invited@example.com",
        expires_at=timezone.now() + timedelta(days=14),
    )
    comment = comment_create(vision=vision, author=owner, body=f"Comment {CANARY}")
    feed = calendar_feed_regenerate(user=owner)
    digest = ReminderDigest.objects.create(user=owner, sent_on=timezone.localdate())
    link = ReminderLink.objects.create(digest=digest, action=action)
    return World(
        users=users,
        ids={
            "vision": vision.pk,
            "second": second.pk,
            "goal": goal.pk,
            "action": action.pk,
            "share": pending.pk,
            "active_share": vision.shares.get(coach=users["coach"]).pk,
            "comment": comment.pk,
            "feed": feed.token,
            "reminder": reminder_link_token(link),
            "invitation": share_token(pending),
        },
    )


LOGIN = 302
# Expected status per persona, for the kinds of page there are.
READ = {"anonymous": LOGIN, "owner": 200, "coach": 200, "inactive": LOGIN} | dict.fromkeys(
    ["stranger", "invited", "revoked", "staff"], 404
)
WRITE = {**READ, "coach": 403}
OWN = dict.fromkeys(PERSONAS, 200) | {"anonymous": LOGIN, "inactive": LOGIN}
OPEN = dict.fromkeys(PERSONAS, 200)


def write(owner: int) -> dict:
    return {**WRITE, "owner": owner}


# url name: (method, path, data, expected statuses)
MATRIX = {
    "home": ("get", "/", None, OPEN),
    "profile": ("get", "/profile/", None, OWN),
    "privacy": ("get", "/privacy/", None, OPEN),
    "healthz": ("get", "/healthz/", None, OPEN),
    "data_export": ("get", "/profile/data.json", None, OWN),
    # Deleting the account asks for the password again first.
    "account_delete": ("get", "/profile/delete/", None, dict.fromkeys(PERSONAS, 302)),
    "vision_list": ("get", "/visions/", None, OWN),
    "vision_new": ("get", "/visions/new/", None, OWN),
    "profiles_compare": (
        "get",
        "/visions/compare/?a={vision}&b={second}",
        None,
        {**READ, "coach": 404},
    ),
    "vision_detail": ("get", "/visions/{vision}/", None, READ),
    "vision_edit": ("get", "/visions/{vision}/edit/", None, WRITE),
    "vision_profile": ("get", "/visions/{vision}/profile/", None, READ),
    "vision_answers": ("get", "/visions/{vision}/answers/", None, READ),
    "vision_sharing": ("get", "/visions/{vision}/sharing/", None, WRITE),
    "vision_history": ("get", "/visions/{vision}/history/", None, READ),
    "vision_compare": ("get", "/visions/{vision}/history/compare/?from=1&to=2", None, READ),
    "vision_restore": ("post", "/visions/{vision}/history/1/restore/", {}, write(302)),
    "vision_archive": ("post", "/visions/{vision}/archive/", {}, write(302)),
    "vision_delete": ("get", "/visions/{vision}/delete/", None, WRITE),
    "questionnaire_resume": ("get", "/visions/{vision}/questionnaire/", None, write(302)),
    "questionnaire_step": ("get", "/visions/{vision}/questionnaire/now/", None, WRITE),
    "share_revoke": ("post", "/sharing/{share}/revoke/", {}, write(302)),
    "share_accept": (
        "post",
        "/sharing/{share}/accept/",
        {},
        dict.fromkeys(PERSONAS, 404) | {"anonymous": LOGIN, "inactive": LOGIN, "invited": 302},
    ),
    "share_accept_link": ("get", "/sharing/accept/{invitation}/", None, OPEN),
    "goals_plan": ("get", "/visions/{vision}/plan/", None, WRITE),
    "goal_list": ("get", "/visions/{vision}/goals/", None, READ),
    "goal_new": ("get", "/visions/{vision}/goals/new/", None, WRITE),
    "goal_timeline": ("get", "/visions/{vision}/timeline/", None, READ),
    "vision_pdf": ("get", "/visions/{vision}/vision.pdf", None, READ),
    "goal_edit": ("get", "/goals/{goal}/edit/", None, WRITE),
    "goal_delete": ("get", "/goals/{goal}/delete/", None, WRITE),
    "goal_move": ("post", "/goals/{goal}/move/", {"direction": "up"}, write(302)),
    "action_new": (
        "post",
        "/goals/{goal}/actions/new/",
        {"goal-{goal}-title": "Call Ana"},
        write(302),
    ),
    "action_edit": ("get", "/actions/{action}/edit/", None, WRITE),
    "action_done": ("post", "/actions/{action}/done/", {"done": "1"}, write(302)),
    "action_delete": ("post", "/actions/{action}/delete/", {}, write(302)),
    "action_move": ("post", "/actions/{action}/move/", {"direction": "up"}, write(302)),
    "coach_dashboard": ("get", "/coach/", None, OWN),
    "comment_list": ("get", "/visions/{vision}/comments/", None, READ),
    "comment_create": (
        "post",
        "/visions/{vision}/comments/",
        {"body": "Hello"},
        {**READ, "owner": 302, "coach": 302},
    ),
    "comment_edit": ("get", "/comments/{comment}/edit/", None, WRITE),
    "comment_delete": ("post", "/comments/{comment}/delete/", {}, write(302)),
    "calendar_settings": ("get", "/calendar/", None, OWN),
    "calendar_feed": ("get", "/calendar/feed/{feed}.ics", None, OPEN),
    "vision_calendar": ("get", "/visions/{vision}/calendar.ics", None, WRITE),
    "reminder_done": ("get", "/reminders/done/{reminder}/", None, OPEN),
}


def test_every_url_has_a_row():
    assert our_url_names() - set(MATRIX) == set()
    assert set(MATRIX) - our_url_names() == set()


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_status_for_every_persona(client, world, name, persona):
    method, path, data, expected = MATRIX[name]
    path = path.format(**world.ids)
    if persona != "anonymous":
        client.force_login(world.users[persona])
    if method == "get":
        response = client.get(path)
    else:
        payload = {key.format(**world.ids): value for key, value in data.items()}
        response = client.post(path, payload)
    assert response.status_code == expected[persona], (name, persona)
    may_read = name in TOKEN_URLS or (persona in {"owner", "coach"} and expected[persona] == 200)
    if not may_read:
        assert CANARY.encode() not in response.content, (name, persona)
