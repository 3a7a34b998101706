import re
import time
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from accounts.services import user_update_profile
from goals import coach_views
from goals.comments import comment_create
from goals.services import action_create, goal_create
from tests.factories import UserFactory, VisionFactory, answered
from tests.html import table_rows
from visions.models import AccessLog, Share, ShareStatus
from visions.services import vision_save
from visions.sharing import (
    TOKEN_SALT,
    share_accept,
    share_from_token,
    share_revoke,
    share_token,
    vision_share,
    vision_share_create_active,
)
from visions.steps import QUESTION_STEPS

pytestmark = pytest.mark.django_db


@pytest.fixture
def vision(alice):
    return answered(VisionFactory(owner=alice, title="Five years out"))


def invite(client, vision, email):
    return client.post(f"/visions/{vision.pk}/sharing/", {"email": email})


def accept_path(message) -> str:
    return re.search(r"https?://[^/]+(/sharing/accept/\S+/)", message.body).group(1)


def test_inviting_a_coach_without_an_account_sends_a_sign_up_link(alice_client, vision):
    response = invite(alice_client, vision, "New.Coach@Example.com")
    assert response["Location"] == f"/visions/{vision.pk}/sharing/"
    share = Share.objects.get()
    assert (share.vision, share.email, share.status, share.coach) == (
        vision,
        "new.coach@example.com",
        ShareStatus.PENDING,
        None,
    )
    (message,) = mail.outbox
    assert message.to == ["new.coach@example.com"]
    assert message.subject == "[CareerVision] Alice Adams shared a career vision with you"
    assert "sign up as a coach with this email address" in message.body
    token = accept_path(message).removeprefix("/sharing/accept/").removesuffix("/")
    assert share_from_token(token) == share


def test_inviting_yourself_or_twice_is_refused_next_to_the_field(alice_client, vision):
    response = invite(alice_client, vision, "alice@example.com")
    assert "That is your own address." in response.text
    invite(alice_client, vision, "coach@example.com")
    response = invite(alice_client, vision, "COACH@example.com")
    assert "This vision is already shared with that address." in response.text
    assert Share.objects.count() == 1


def test_a_new_coach_signs_up_through_the_link_and_accepts(client, vision):
    invite_client = client
    invite_client.force_login(vision.owner)
    invite(invite_client, vision, "erin@example.com")
    path = accept_path(mail.outbox[0])
    invite_client.logout()

    response = client.get(path)
    assert "The invitation is for <strong>erin@example.com</strong>" in response.text
    assert f'href="/accounts/signup/?next={quote(path, safe="")}"' in response.text

    erin = UserFactory(email="erin@example.com", is_coach=True)
    client.force_login(erin)
    assert "Accept the invitation?" in client.get(path).text
    response = client.post(path)
    assert response["Location"] == f"/visions/{vision.pk}/"
    share = Share.objects.get()
    assert (share.status, share.coach) == (ShareStatus.ACTIVE, erin)
    assert client.get(f"/visions/{vision.pk}/").status_code == 200
    # The link works once.
    response = client.post(path)
    assert response.status_code == 410
    assert "This invitation was already used or cancelled." in response.text


def test_the_link_is_bound_to_the_invited_address(client, vision, carol):
    client.force_login(vision.owner)
    invite(client, vision, "erin@example.com")
    path = accept_path(mail.outbox[0])
    client.force_login(carol)
    response = client.post(path)
    assert response.status_code == 410
    assert "This invitation is for erin@example.com." in response.text
    assert Share.objects.get().status == ShareStatus.PENDING
    assert client.get(f"/visions/{vision.pk}/").status_code == 404


def test_an_expired_or_tampered_link_is_refused(client, vision):
    client.force_login(vision.owner)
    invite(client, vision, "erin@example.com")
    share = Share.objects.get()

    class TwoWeeksAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 15 * 24 * 3600)

    old = TwoWeeksAgo(salt=TOKEN_SALT).sign_object({"share": share.pk, "email": share.email})
    client.force_login(UserFactory(email="erin@example.com"))
    response = client.get(f"/sharing/accept/{old}/")
    assert (response.status_code, "This invitation has expired." in response.text) == (410, True)
    response = client.get(f"/sharing/accept/{share_token(share)}x/")
    assert (response.status_code, "This invitation link is not valid." in response.text) == (
        410,
        True,
    )


def test_a_coach_with_an_account_accepts_from_the_dashboard(client, vision, bob):
    client.force_login(vision.owner)
    invite(client, vision, bob.email)
    assert "You will find the invitation on your coach dashboard" in mail.outbox[0].body
    client.force_login(bob)
    response = client.get("/coach/")
    share = Share.objects.get()
    assert list(response.context["invitations"]) == [share]
    client.post(f"/sharing/{share.pk}/accept/")
    assert Share.objects.get().status == ShareStatus.ACTIVE
    assert [row["share"] for row in client.get("/coach/").context["rows"]] == [share]


def test_a_shared_coach_reads_everything_and_changes_nothing(client, vision, bob):
    vision_share_create_active(vision=vision, coach=bob)
    goal = goal_create(
        vision=vision, title="Course", target_date=timezone.localdate(), kind="skill"
    )
    action = action_create(goal=goal, title="Enrol")
    client.force_login(bob)
    for path in [
        f"/visions/{vision.pk}/",
        f"/visions/{vision.pk}/answers/",
        f"/visions/{vision.pk}/profile/",
        f"/visions/{vision.pk}/history/",
        f"/visions/{vision.pk}/goals/",
        f"/visions/{vision.pk}/timeline/",
        f"/visions/{vision.pk}/vision.pdf",
    ]:
        assert client.get(path).status_code == 200, path
    for path in [
        f"/visions/{vision.pk}/edit/",
        f"/visions/{vision.pk}/questionnaire/now/",
        f"/visions/{vision.pk}/sharing/",
        f"/visions/{vision.pk}/calendar.ics",
    ]:
        assert client.get(path).status_code == 403, path
    assert client.post(f"/actions/{action.pk}/done/", {"done": "1"}).status_code == 403
    assert client.post(f"/visions/{vision.pk}/archive/").status_code == 403
    action.refresh_from_db()
    vision.refresh_from_db()
    assert (action.done_on, vision.archived_at) == (None, None)


def test_revoking_ends_access_on_the_next_request(client, alice, vision, bob):
    share = vision_share_create_active(vision=vision, coach=bob)
    client.force_login(bob)
    assert client.get(f"/visions/{vision.pk}/").status_code == 200
    owner = client.__class__()
    owner.force_login(alice)
    owner.post(f"/sharing/{share.pk}/revoke/")
    assert Share.objects.get().status == ShareStatus.REVOKED
    assert client.get(f"/visions/{vision.pk}/").status_code == 404
    assert client.get("/coach/").context["rows"] == []


def test_only_the_owner_revokes(client, vision, bob, carol):
    share = vision_share_create_active(vision=vision, coach=bob)
    client.force_login(bob)
    assert client.post(f"/sharing/{share.pk}/revoke/").status_code == 403
    client.force_login(carol)
    assert client.post(f"/sharing/{share.pk}/revoke/").status_code == 404
    assert Share.objects.get().status == ShareStatus.ACTIVE


def test_the_access_log_records_what_coaches_look_at(client, alice, vision, bob):
    vision_share_create_active(vision=vision, coach=bob)
    client.force_login(alice)
    client.get(f"/visions/{vision.pk}/")
    client.force_login(bob)
    client.get(f"/visions/{vision.pk}/")
    client.get(f"/visions/{vision.pk}/goals/")
    client.get(f"/visions/{vision.pk}/")  # back again within the visit: not a new line
    client.get(f"/visions/{vision.pk}/vision.pdf")
    assert list(AccessLog.objects.order_by("pk").values_list("viewer__email", "what")) == [
        ("bob@example.com", "vision"),
        ("bob@example.com", "goals"),
        ("bob@example.com", "pdf"),
    ]
    # Once the visit is over, looking again is written down again.
    cache.delete(f"viewed:{vision.pk}:{bob.pk}:vision")
    client.get(f"/visions/{vision.pk}/")
    assert AccessLog.objects.filter(what="vision").count() == 2
    AccessLog.objects.filter(what="vision").order_by("pk").last().delete()
    client.force_login(alice)
    response = client.get(f"/visions/{vision.pk}/sharing/")
    assert [entry.what for entry in response.context["access_log"]] == ["pdf", "goals", "vision"]
    assert "within 10 minutes is the same visit" in response.text


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("zoë", ["Zoë Park"]),  # the name
        ("ZOE.PARK@", ["Zoë Park"]),  # the email, whatever the case
        ("REMOTE", ["Ann_Lee"]),  # the title
        ("100%", ["Ann_Lee"]),  # % and _ are themselves, not patterns
        ("_", ["Ann_Lee"]),
        ("%", ["Ann_Lee"]),
        ("park's", []),
        ("nobody", []),
    ],
)
def test_the_dashboard_search(client, bob, query, found):
    for name, email, title in (
        ("Zoë Park", "zoe.park@example.com", "Leading a design studio"),
        ("Ann_Lee", "ann@example.com", "100% remote by 2030"),
        ("Sam Ortiz", "sam@example.com", "Teaching again"),
    ):
        owner = UserFactory(display_name=name, email=email)
        vision_share_create_active(vision=VisionFactory(owner=owner, title=title), coach=bob)
    client.force_login(bob)
    rows = table_rows(client.get("/coach/", {"q": query}).text)[1:]
    assert [row[0] for row in rows] == found


def test_the_dashboard_search_follows_every_change_to_the_clients(client, bob):
    """The search reads a list of the coach's clients this process keeps
    under a stamp (goals.coach_views): each change that can change what it
    finds must move that stamp."""
    zoe = UserFactory(display_name="Zoë Park", email="zp@studio.example")
    zoe_vision = VisionFactory(owner=zoe, title="Leading a design studio")
    vision_share_create_active(vision=zoe_vision, coach=bob)
    client.force_login(bob)

    def found(query):
        return [row[0] for row in table_rows(client.get("/coach/", {"q": query}).text)[1:]]

    assert found("park") == ["Zoë Park"]  # the list is kept from here on
    user_update_profile(user=zoe, display_name="Zoë Lind", is_coach=False)
    assert (found("lind"), found("park")) == (["Zoë Lind"], [])
    zoe.email = "zoe@lind.example"
    zoe.save(update_fields=["email"])
    assert (found("@lind.ex"), found("zp@studio")) == (["Zoë Lind"], [])
    vision_save(
        vision=zoe_vision,
        author=zoe,
        base_version=zoe_vision.version,
        title="Running a print shop",
        horizon_years=zoe_vision.horizon_years,
        statement=zoe_vision.statement,
        accomplishments=zoe_vision.accomplishments,
        bridge_plan=zoe_vision.bridge_plan,
    )
    assert (found("print shop"), found("design studio")) == (["Zoë Lind"], [])
    sam = UserFactory(display_name="Sam Lindqvist")
    share = vision_share(vision=VisionFactory(owner=sam), email=bob.email)
    assert found("lind") == ["Zoë Lind"]  # invited, not yet accepted
    share_accept(share=share, coach=bob)
    assert sorted(found("lind")) == ["Sam Lindqvist", "Zoë Lind"]
    share_revoke(share=Share.objects.get(vision=zoe_vision))
    assert found("lind") == ["Sam Lindqvist"]
    sam.delete()
    assert found("lind") == []


def test_the_dashboard_search_sees_a_client_who_takes_anothers_place(client, bob):
    # As many clients as before and no vision changed later than before:
    # only the acceptance tells the kept list apart.
    invitation = vision_share(
        vision=VisionFactory(owner=UserFactory(display_name="Sam Lindqvist")), email=bob.email
    )
    leaving = vision_share_create_active(
        vision=VisionFactory(owner=UserFactory(display_name="Ann Lindberg")), coach=bob
    )
    vision_share_create_active(
        vision=VisionFactory(owner=UserFactory(display_name="Zoë Lind")), coach=bob
    )
    client.force_login(bob)

    def found(query):
        return sorted(row[0] for row in table_rows(client.get("/coach/", {"q": query}).text)[1:])

    assert found("lind") == ["Ann Lindberg", "Zoë Lind"]
    share_accept(share=invitation, coach=bob)
    share_revoke(share=leaving)
    assert found("lind") == ["Sam Lindqvist", "Zoë Lind"]


def test_the_dashboard_search_with_more_matches_than_it_names(client, bob, monkeypatch):
    monkeypatch.setattr(coach_views, "SEARCH_NAMED_AT_MOST", 1)
    for name in ("Ann Lind", "Zoë Lind", "Sam Ortiz"):
        owner = UserFactory(display_name=name)
        vision_share_create_active(vision=VisionFactory(owner=owner), coach=bob)
    client.force_login(bob)
    rows = table_rows(client.get("/coach/", {"q": "LIND"}).text)[1:]
    assert sorted(row[0] for row in rows) == ["Ann Lind", "Zoë Lind"]
    assert [row[0] for row in table_rows(client.get("/coach/", {"q": "ortiz"}).text)[1:]] == [
        "Sam Ortiz"
    ]


def test_the_dashboard_search_never_shows_a_client_the_kept_list_misremembers(client, bob):
    # A write that goes around save() moves no stamp: the kept list still
    # holds the old name, and the rows query, which checks again, drops it.
    zoe = UserFactory(display_name="Zoë Park")
    vision_share_create_active(vision=VisionFactory(owner=zoe), coach=bob)
    client.force_login(bob)
    assert len(table_rows(client.get("/coach/", {"q": "park"}).text)) == 2
    User.objects.filter(pk=zoe.pk).update(display_name="Zoë Lind")
    response = client.get("/coach/", {"q": "park"})
    assert table_rows(response.text) == []
    assert "No client matches" in response.text


def test_the_dashboard_counts_and_searches_in_constant_queries(
    client, bob, django_assert_num_queries
):
    def shared_vision(name):
        owner = UserFactory(display_name=name)
        vision = VisionFactory(owner=owner, title=f"{name}'s plan")
        goal = goal_create(
            vision=vision,
            title="Late",
            target_date=timezone.localdate() + timedelta(days=30),
            kind="skill",
        )
        action_create(
            goal=goal, title="Overdue step", due_date=timezone.localdate() - timedelta(days=1)
        )
        goal_create(
            vision=vision,
            title="Done",
            target_date=timezone.localdate(),
            kind="skill",
            status="done",
        )
        vision_share_create_active(vision=vision, coach=bob)
        return vision

    shared_vision("Maria Lopez")
    client.force_login(bob)
    with CaptureQueriesContext(connection) as one_client:
        client.get("/coach/")
    for n in range(29):
        shared_vision(f"Client {n}")
    share_revoke(share=Share.objects.get(vision__title="Client 0's plan"))
    with django_assert_num_queries(len(one_client)):
        response = client.get("/coach/")
    assert len(table_rows(response.text)) == 1 + 25
    assert "Page 1 of 2" in response.text
    assert table_rows(client.get("/coach/?q=maria").text)[1] == [
        "Maria Lopez",
        "Maria Lopez's plan",
        f"0 of {len(QUESTION_STEPS)}",
        "1 / 2",
        "1",
        "now",
        "0",
    ]
    maria = Share.objects.get(vision__title="Maria Lopez's plan").vision
    comment_create(vision=maria, author=maria.owner, body="Hi")
    assert table_rows(client.get("/coach/?q=maria").text)[1][-1] == "1"
