from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from goals.calendar import calendar_feed_regenerate
from goals.models import CalendarFeed, GoalStatus
from goals.services import action_create, action_set_done, goal_create
from tests.factories import VisionFactory
from visions.services import vision_archive

pytestmark = pytest.mark.django_db


@pytest.fixture
def vision(alice):
    return VisionFactory(owner=alice, title="Five years out")


def goal(vision, title: str, target: date, **fields):
    return goal_create(vision=vision, title=title, target_date=target, kind="skill", **fields)


def events(content: bytes) -> dict[str, tuple]:
    """Each event of a calendar as (summary, start, end, status), by UID."""
    return {
        str(event["UID"]): (str(event["SUMMARY"]), event.start, event.end, str(event["STATUS"]))
        for event in Calendar.from_ical(content).events
    }


def feed_url(user) -> str:
    return f"/calendar/feed/{calendar_feed_regenerate(user=user).token}.ics"


def test_the_feed_has_an_all_day_event_for_each_goal_and_dated_action(client, alice, vision):
    certificate = goal(
        vision,
        "Instructional design certificate",
        date(2026, 9, 30),
        measure="Certificate received",
        description="The evening course.",
    )
    exam = action_create(goal=certificate, title="Book the exam", due_date=date(2026, 6, 1))
    action_create(goal=certificate, title="Read around", due_date=None)
    signed_up = action_create(goal=certificate, title="Sign up", due_date=date(2026, 3, 2))
    action_set_done(action=signed_up, done=True, on=date(2026, 3, 1))
    talk = goal(vision, "Give a talk", date(2027, 5, 1), status=GoalStatus.DROPPED)
    course = goal(vision, "Finish the course", date(2026, 1, 15), status=GoalStatus.DONE)

    response = client.get(feed_url(alice))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    assert events(response.content) == {
        f"goal-{certificate.pk}@careervision": (
            "Instructional design certificate",
            date(2026, 9, 30),
            date(2026, 10, 1),
            "CONFIRMED",
        ),
        f"action-{exam.pk}@careervision": (
            "Book the exam",
            date(2026, 6, 1),
            date(2026, 6, 2),
            "CONFIRMED",
        ),
        f"action-{signed_up.pk}@careervision": (
            "Done: Sign up",
            date(2026, 3, 2),
            date(2026, 3, 3),
            "CONFIRMED",
        ),
        f"goal-{talk.pk}@careervision": (
            "Give a talk",
            date(2027, 5, 1),
            date(2027, 5, 2),
            "CANCELLED",
        ),
        f"goal-{course.pk}@careervision": (
            "Done: Finish the course",
            date(2026, 1, 15),
            date(2026, 1, 16),
            "CONFIRMED",
        ),
    }
    calendar = Calendar.from_ical(response.content)
    assert (str(calendar["VERSION"]), str(calendar["PRODID"]), str(calendar["X-WR-CALNAME"])) == (
        "2.0",
        "-//CareerVision//Goals and actions//EN",
        "CareerVision goals",
    )
    descriptions = {str(e["UID"]): str(e.get("DESCRIPTION", "")) for e in calendar.events}
    assert descriptions[f"goal-{certificate.pk}@careervision"] == (
        "Certificate received\n\nThe evening course."
    )
    assert descriptions[f"action-{exam.pk}@careervision"] == (
        "A step towards: Instructional design certificate"
    )
    assert all(event.DTSTAMP is not None for event in calendar.events)
    assert {str(event["TRANSP"]) for event in calendar.events} == {"TRANSPARENT"}


def test_the_feed_keeps_its_uids_from_one_poll_to_the_next(client, alice, vision):
    goal(vision, "Network", date(2026, 5, 5))
    url = feed_url(alice)
    first, second = client.get(url), client.get(url)
    assert events(first.content).keys() == events(second.content).keys()
    assert Calendar.from_ical(first.content)["UID"] == Calendar.from_ical(second.content)["UID"]


def test_archived_visions_stay_out_of_the_feed(client, alice, vision):
    current = goal(vision, "Current goal", date(2026, 5, 5))
    old = VisionFactory(owner=alice, title="An old plan")
    old_goal = goal(old, "Old goal", date(2026, 6, 6))
    action_create(goal=old_goal, title="Old action", due_date=date(2026, 6, 1))
    vision_archive(vision=old)
    response = client.get(feed_url(alice))
    assert list(events(response.content)) == [f"goal-{current.pk}@careervision"]


def test_a_feed_shows_nothing_of_anyone_else(client, alice, carol, vision):
    mine = goal(vision, "Alice's goal", date(2026, 5, 5))
    carols = goal(VisionFactory(owner=carol), "CANARY carol's secret goal", date(2026, 5, 6))
    action_create(goal=carols, title="CANARY carol's action", due_date=date(2026, 5, 1))

    alices_feed = client.get(feed_url(alice))
    carols_feed = client.get(feed_url(carol))

    assert list(events(alices_feed.content)) == [f"goal-{mine.pk}@careervision"]
    assert b"CANARY" not in alices_feed.content
    assert sorted(events(carols_feed.content)) == [
        f"action-{carols.actions.get().pk}@careervision",
        f"goal-{carols.pk}@careervision",
    ]


def test_an_unknown_token_or_a_closed_account_gets_not_found(client, alice, vision):
    goal(vision, "Goal", date(2026, 5, 5))
    url = feed_url(alice)
    assert client.get("/calendar/feed/not-a-real-token.ics").status_code == 404
    alice.is_active = False
    alice.save(update_fields=["is_active"])
    assert client.get(url).status_code == 404


def test_the_feed_cannot_be_posted_to(client, alice):
    assert client.post(feed_url(alice)).status_code == 405


def test_the_settings_page_makes_an_address_only_when_asked(alice_client, alice):
    response = alice_client.get("/calendar/")
    assert response.status_code == 200
    assert "Make my calendar address" in response.text
    assert CalendarFeed.objects.count() == 0

    response = alice_client.post("/calendar/", {"action": "regenerate"})

    assert response["Location"] == "/calendar/"
    token = CalendarFeed.objects.get(user=alice).token
    response = alice_client.get("/calendar/")
    assert f'value="http://testserver/calendar/feed/{token}.ics"' in response.text
    assert f'href="webcal://testserver/calendar/feed/{token}.ics"' in response.text
    assert "Make a new address" in response.text
    for app in ("Google Calendar", "Apple Calendar", "Outlook"):
        assert f"<dt>{app}</dt>" in response.text


def test_a_new_address_stops_the_old_one_at_once(alice_client, client, alice, vision):
    goal(vision, "Goal", date(2026, 5, 5))
    old_url = feed_url(alice)
    old_token = CalendarFeed.objects.get(user=alice).token

    response = alice_client.post("/calendar/", {"action": "regenerate"}, follow=True)

    assert "Your calendar has a new address. The old one has stopped working." in response.text
    new_token = CalendarFeed.objects.get(user=alice).token
    assert new_token != old_token
    assert client.get(old_url).status_code == 404
    assert client.get(f"/calendar/feed/{new_token}.ics").status_code == 200


def test_the_settings_page_needs_a_login(client):
    response = client.get("/calendar/")
    assert response["Location"] == "/accounts/login/?next=/calendar/"
    response = client.post("/calendar/", {"action": "regenerate"})
    assert response["Location"] == "/accounts/login/?next=/calendar/"
    assert CalendarFeed.objects.count() == 0


def test_downloading_one_vision_as_a_file(alice_client, alice, vision):
    mine = goal(vision, "Goal of this vision", date(2026, 5, 5))
    goal(VisionFactory(owner=alice, title="Another"), "Goal of another", date(2026, 5, 6))

    response = alice_client.get(f"/visions/{vision.pk}/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="five-years-out.ics"'
    assert list(events(response.content)) == [f"goal-{mine.pk}@careervision"]
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "CareerVision: Five years out"


def test_a_stranger_cannot_download_a_vision(client, carol, vision):
    goal(vision, "Alice's goal", date(2026, 5, 5))
    client.force_login(carol)
    assert client.get(f"/visions/{vision.pk}/calendar.ics").status_code == 404


def test_the_download_needs_a_login(client, vision):
    response = client.get(f"/visions/{vision.pk}/calendar.ics")
    assert response["Location"] == f"/accounts/login/?next=/visions/{vision.pk}/calendar.ics"


def many_goals(vision, count: int) -> None:
    for n in range(count):
        each = goal(vision, f"Goal {n}", date(2026, 5, 1 + n % 28))
        action_create(goal=each, title=f"Action {n}a", due_date=date(2026, 4, 1 + n % 28))
        action_create(goal=each, title=f"Action {n}b", due_date=date(2026, 4, 2 + n % 27))


def test_the_feed_reads_in_constant_queries_and_is_kept_until_a_change(client, alice, vision):
    def fetch(url):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        return response, [q["sql"] for q in captured.captured_queries]

    many_goals(vision, 1)
    url = feed_url(alice)
    response, small = fetch(url)
    assert len(events(response.content)) == 3
    many_goals(vision, 49)
    response, large = fetch(url)
    assert len(events(response.content)) == 150
    assert len(large) == len(small)
    # Polled again with nothing changed: no goal is read.
    response, again = fetch(url)
    assert len(events(response.content)) == 150
    assert not any('FROM "goals_goal"' in sql for sql in again)
    goal(vision, "One more", date(2026, 9, 1))
    response, _ = fetch(url)
    assert len(events(response.content)) == 151


def test_the_download_reads_in_constant_queries(alice_client, vision, django_assert_num_queries):
    many_goals(vision, 1)
    url = f"/visions/{vision.pk}/calendar.ics"
    with django_assert_num_queries(5):
        alice_client.get(url)
    many_goals(vision, 49)
    with django_assert_num_queries(5):
        response = alice_client.get(url)
    assert len(events(response.content)) == 150
