import re
import smtplib
import time
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail, signing
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.utils import timezone

from goals.models import Action, GoalStatus, ReminderDigest, ReminderLink, ReminderSettings
from goals.reminders import (
    LINK_SALT,
    LinkProblem,
    ReminderLinkInvalid,
    reminder_digest_for,
    reminder_digest_send,
    reminder_link_check,
    reminder_link_token,
    reminder_settings_update,
    reminders_send,
)
from goals.services import action_create, action_delete, action_set_done, goal_create
from tests.factories import VisionFactory
from tests.html import inputs
from visions.services import vision_archive

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 3, 2)
DONE_LINK = re.compile(r"https://careervision\.example/reminders/done/([^/\s]+)/")


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://careervision.example"


def plan(owner, *actions: tuple[str, date | None], goal_status: str = GoalStatus.PLANNED):
    """A vision with one goal holding these (title, due date) actions."""
    goal = goal_create(
        vision=VisionFactory(owner=owner, title="Five years out"),
        title="Instructional design certificate",
        target_date=date(2026, 9, 30),
        kind="credential",
        status=goal_status,
    )
    return [action_create(goal=goal, title=title, due_date=due) for title, due in actions]


@pytest.fixture
def alices_actions(alice):
    reminder_settings_update(user=alice, enabled=True, weekday=MONDAY.weekday())
    return plan(
        alice,
        ("Due next Tuesday", MONDAY + timedelta(days=8)),
        ("Due next Monday", MONDAY + timedelta(days=7)),
        ("Due today", MONDAY),
        ("Overdue since Friday", MONDAY - timedelta(days=3)),
        ("Someday", None),
    )


def test_the_digest_lists_overdue_actions_and_those_due_within_a_week(alice, alices_actions):
    _later, next_monday, today, overdue, _someday = alices_actions
    finished = plan(alice, ("Done already", MONDAY - timedelta(days=1)))[0]
    action_set_done(action=finished, done=True, on=MONDAY)
    archived = plan(alice, ("In an archived vision", MONDAY))[0]
    vision_archive(vision=archived.goal.vision)
    plan(alice, ("Under a dropped goal", MONDAY), goal_status=GoalStatus.DROPPED)
    plan(alice, ("Under a finished goal", MONDAY), goal_status=GoalStatus.DONE)

    digest = reminder_digest_for(user=alice, today=MONDAY)

    assert digest.overdue == [overdue]
    assert digest.due_soon == [today, next_monday]


def test_reminders_go_only_to_people_who_asked_for_them_today(alice, bob, carol, dave):
    assert MONDAY.weekday() == 0
    reminder_settings_update(user=alice, enabled=True, weekday=0)
    plan(alice, ("Alice's action", MONDAY))
    reminder_settings_update(user=bob, enabled=False, weekday=0)
    plan(bob, ("Bob's action", MONDAY))
    reminder_settings_update(user=carol, enabled=True, weekday=1)
    plan(carol, ("Carol's action", MONDAY))
    reminder_settings_update(user=dave, enabled=True, weekday=0)
    plan(dave, ("Dave's action, due later", MONDAY + timedelta(days=30)))

    assert reminders_send(today=MONDAY) == 1

    assert [message.to for message in mail.outbox] == [["alice@example.com"]]
    assert list(ReminderDigest.objects.values_list("user__email", "sent_on")) == [
        ("alice@example.com", MONDAY)
    ]


def test_the_email_lists_each_action_with_its_own_done_link(alice, alices_actions):
    _later, next_monday, today, overdue, _someday = alices_actions

    reminders_send(today=MONDAY)

    [message] = mail.outbox
    assert message.subject == "[CareerVision] 3 actions due soon or overdue"
    text = message.body
    assert text.startswith("Hello Alice Adams,\n")
    overdue_part, soon_part = text.split("Due in the coming week")
    assert re.findall(r"^- (.+)$", overdue_part, re.M) == ["Overdue since Friday"]
    assert re.findall(r"^- (.+)$", soon_part, re.M) == ["Due today", "Due next Monday"]
    assert "Due Feb. 27, 2026, towards “Instructional design certificate”" in overdue_part
    assert "https://careervision.example/calendar/" in text

    tokens = DONE_LINK.findall(text)
    links = [reminder_link_check(token=token) for token in tokens]
    assert [link.action for link in links] == [overdue, today, next_monday]
    assert ReminderLink.objects.count() == 3

    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert DONE_LINK.findall(html) == tokens
    assert "Mark “Due today” as done" in html


def test_running_twice_sends_once(alice, alices_actions):
    assert reminders_send(today=MONDAY) == 1
    assert reminders_send(today=MONDAY) == 0
    assert len(mail.outbox) == 1
    assert ReminderDigest.objects.count() == 1
    assert ReminderLink.objects.count() == 3


def test_a_run_that_loses_the_race_sends_nothing(alice, alices_actions):
    # Both runs read the list before either wrote; the other one then wrote
    # first. The unique constraint stops this one.
    digest = reminder_digest_for(user=alice, today=MONDAY)
    ReminderDigest.objects.create(user=alice, sent_on=MONDAY)

    assert reminder_digest_send(user=alice, today=MONDAY, digest=digest) is False

    assert mail.outbox == []
    assert (ReminderDigest.objects.count(), ReminderLink.objects.count()) == (1, 0)


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_a_failed_send_is_tried_again_on_the_next_run(alice, alices_actions, settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.RefusingBackend"}}
    assert reminders_send(today=MONDAY) == 0
    assert (ReminderDigest.objects.count(), ReminderLink.objects.count()) == (0, 0)

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    assert reminders_send(today=MONDAY) == 1
    assert len(mail.outbox) == 1


def test_the_command_sends_and_says_how_many(alice, alices_actions):
    out = StringIO()
    call_command("send_reminders", "--date", "2026-03-02", stdout=out)
    call_command("send_reminders", "--date", "2026-03-02", stdout=out)
    assert out.getvalue() == (
        "Sent 1 reminder digest for 2026-03-02.\nSent 0 reminder digests for 2026-03-02.\n"
    )
    assert len(mail.outbox) == 1


def test_the_command_refuses_a_bad_date():
    with pytest.raises(CommandError) as refused:
        call_command("send_reminders", "--date", "2 March")
    assert str(refused.value) == "--date must look like 2026-03-02, not '2 March'."


# --- The one-click link -----------------------------------------------------------------


@pytest.fixture
def done_url(alice, alices_actions) -> str:
    reminders_send(today=MONDAY)
    token = DONE_LINK.findall(mail.outbox[0].body)[0]  # "Overdue since Friday"
    return f"/reminders/done/{token}/"


def test_opening_the_link_changes_nothing(client, done_url):
    response = client.get(done_url)
    assert response.status_code == 200
    assert "Overdue since Friday" in response.text
    assert "Instructional design certificate" in response.text
    assert '<button type="submit" class="btn btn-primary">Mark as done</button>' in response.text
    assert Action.objects.get(title="Overdue since Friday").done_on is None
    assert ReminderLink.objects.filter(used_at__isnull=False).count() == 0


def test_the_button_marks_the_action_done_once(client, done_url):
    response = client.post(done_url)

    assert response.status_code == 200
    assert "Marked as done" in response.text
    action = Action.objects.get(title="Overdue since Friday")
    assert action.done_on == timezone.localdate()
    used = ReminderLink.objects.get(action=action)
    assert used.used_at is not None
    assert ReminderLink.objects.filter(used_at__isnull=False).count() == 1

    again = client.post(done_url)
    assert again.status_code == 410
    assert "It has been used already" in again.text
    assert client.get(done_url).status_code == 410
    used.refresh_from_db()
    assert used.used_at == ReminderLink.objects.get(action=action).used_at


class SignedLongAgo(signing.TimestampSigner):
    def timestamp(self) -> str:
        return signing.b62_encode(int(time.time()) - 15 * 24 * 60 * 60)


def test_an_expired_link_says_so_and_changes_nothing(client, alice, alices_actions):
    reminders_send(today=MONDAY)
    link = ReminderLink.objects.get(action__title="Due today")
    token = SignedLongAgo(salt=LINK_SALT).sign_object(link.pk)

    for response in (
        client.get(f"/reminders/done/{token}/"),
        client.post(f"/reminders/done/{token}/"),
    ):
        assert response.status_code == 410
        assert "It has expired" in response.text
    assert Action.objects.get(title="Due today").done_on is None

    # A fresh token for the same link still works: it is the age that counts.
    with pytest.raises(ReminderLinkInvalid) as invalid:
        reminder_link_check(token=reminder_link_token(link), max_age=timedelta(seconds=-1))
    assert invalid.value.problem == LinkProblem.EXPIRED
    assert reminder_link_check(token=reminder_link_token(link)) == link


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: signing.dumps(signing.loads(token, salt=LINK_SALT) + 1, salt="other"),
        lambda token: "nonsense",
        lambda token: "a:b:c",
    ],
)
def test_a_tampered_link_is_not_found(client, done_url, tamper):
    token = done_url.split("/")[3]
    response = client.post(f"/reminders/done/{tamper(token)}/")
    assert response.status_code == 404
    assert "We could not read it" in response.text
    assert Action.objects.filter(done_on__isnull=False).count() == 0


def test_a_link_to_a_deleted_action_says_it_is_gone(client, done_url):
    action_delete(action=Action.objects.get(title="Overdue since Friday"))
    response = client.get(done_url)
    assert response.status_code == 410
    assert "The action it was for no longer exists" in response.text


def test_a_link_to_an_action_already_ticked_off_offers_no_button(client, done_url):
    action_set_done(action=Action.objects.get(title="Overdue since Friday"), done=True, on=MONDAY)
    response = client.get(done_url)
    assert response.status_code == 200
    assert "It is already ticked off (on March 2, 2026)." in response.text
    assert "Mark as done</button>" not in response.text


# --- Settings ---------------------------------------------------------------------------


def enabled_is_checked(html: str) -> bool:
    [box] = [i for i in inputs(html) if i.get("name") == "enabled"]
    return "checked" in box


def test_reminders_are_off_until_turned_on_and_monday_is_offered(alice_client, alice):
    response = alice_client.get("/calendar/")
    assert not enabled_is_checked(response.text)
    assert '<option value="0" selected>Monday</option>' in response.text
    assert ReminderSettings.objects.count() == 0


def test_turning_reminders_on_for_a_day_and_off_again(alice_client, alice):
    response = alice_client.post(
        "/calendar/", {"action": "reminders", "enabled": "on", "weekday": "3"}, follow=True
    )
    assert "Reminders are on: an email every Thursday" in response.text
    assert list(ReminderSettings.objects.values_list("user", "enabled", "weekday")) == [
        (alice.pk, True, 3)
    ]
    assert enabled_is_checked(response.text)
    assert '<option value="3" selected>Thursday</option>' in response.text

    response = alice_client.post("/calendar/", {"action": "reminders", "weekday": "3"}, follow=True)
    assert "Reminders are off." in response.text
    assert list(ReminderSettings.objects.values_list("enabled", "weekday")) == [(False, 3)]


def test_a_day_that_is_not_a_weekday_is_refused(alice_client):
    response = alice_client.post(
        "/calendar/", {"action": "reminders", "enabled": "on", "weekday": "9"}
    )
    assert response.status_code == 200
    assert "Select a valid choice. 9 is not one of the available choices." in response.text
    assert enabled_is_checked(response.text)
    assert ReminderSettings.objects.count() == 0
