"""Comments between alice and bob, the coach she shares her vision with; dave
is a coach whose share she ended."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from goals.comments import comment_create, comment_digests_send
from goals.models import Comment
from goals.services import goal_create
from tests.factories import VisionFactory
from tests.goals.unread import unread
from visions import sharing as vision_sharing
from visions.models import AccessLog

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://careervision.example"


@pytest.fixture
def vision(alice, bob, dave):
    vision = VisionFactory(owner=alice, title="Five years out")
    vision_sharing.vision_share_create_active(vision=vision, coach=bob)
    ended = vision_sharing.vision_share_create_active(vision=vision, coach=dave)
    vision_sharing.share_revoke(share=ended)
    return vision


@pytest.fixture
def goal(vision):
    return goal_create(
        vision=vision,
        title="Certificate",
        target_date=timezone.localdate() + timedelta(days=100),
        kind="credential",
    )


@pytest.fixture
def bob_client(client, bob):
    client.force_login(bob)
    return client


def listed(body: str) -> list[str]:
    """The comment texts a digest email lists."""
    return re.findall(r"^(.*)\nRead and reply: ", body, re.M)


def posted_ago(comment: Comment, minutes: int) -> Comment:
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )
    return comment


def test_the_coach_comments_on_the_vision_and_on_a_goal(bob_client, bob, vision, goal):
    bob_client.post(f"/visions/{vision.pk}/comments/", {"body": "Strong statement."})
    bob_client.post(f"/visions/{vision.pk}/comments/", {"body": "Which school?", "goal": goal.pk})

    assert list(Comment.objects.values_list("vision", "goal", "author", "body")) == [
        (vision.pk, None, bob.pk, "Strong statement."),
        (vision.pk, goal.pk, bob.pk, "Which school?"),
    ]


def test_both_sides_see_the_thread(client, alice, bob, vision):
    comment_create(vision=vision, author=alice, body="What do you think?")
    comment_create(vision=vision, author=bob, body="Looks good.")

    for person in (alice, bob):
        client.force_login(person)
        response = client.get(f"/visions/{vision.pk}/comments/")
        assert response.status_code == 200
        assert response.text.index("What do you think?") < response.text.index("Looks good.")
    # The owner can see that her coach read the conversation.
    assert list(AccessLog.objects.values_list("viewer", "what")) == [(bob.pk, "comments")]


def test_the_owner_sees_the_coachs_comment_as_new_until_she_reads_it(
    alice_client, alice, bob, vision
):
    comment_create(vision=vision, author=bob, body="Looks good.")
    assert unread(alice, vision) == {vision.pk: 1}
    assert unread(bob, vision) == {}

    response = alice_client.get(f"/visions/{vision.pk}/comments/")

    assert response.text.count('<span class="badge text-bg-primary">new</span>') == 1
    assert unread(alice, vision) == {}


def test_the_coach_cannot_change_the_owners_comment(bob_client, alice, vision):
    comment = comment_create(vision=vision, author=alice, body="Mine")

    assert bob_client.get(f"/comments/{comment.pk}/edit/").status_code == 403
    assert bob_client.post(f"/comments/{comment.pk}/edit/", {"body": "Hers?"}).status_code == 403
    assert bob_client.post(f"/comments/{comment.pk}/delete/").status_code == 403

    comment.refresh_from_db()
    assert (comment.body, comment.edited_at) == ("Mine", None)


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/visions/{vision}/comments/"),
        ("post", "/visions/{vision}/comments/"),
        ("get", "/comments/{comment}/edit/"),
        ("post", "/comments/{comment}/edit/"),
        ("post", "/comments/{comment}/delete/"),
    ],
)
def test_a_revoked_coach_gets_not_found_even_for_his_own_comment(
    client, dave, vision, method, path
):
    # Written while the share was active; it ended a minute later.
    comment = comment_create(vision=vision, author=dave, body="Before the end")
    client.force_login(dave)
    url = path.format(vision=vision.pk, comment=comment.pk)

    response = client.post(url, {"body": "After"}) if method == "post" else client.get(url)

    assert response.status_code == 404
    assert list(Comment.objects.values_list("body", flat=True)) == ["Before the end"]


def test_each_side_is_emailed_about_the_others_comments_only(alice, bob, dave, vision):
    posted_ago(comment_create(vision=vision, author=alice, body="Question for you"), 30)
    posted_ago(comment_create(vision=vision, author=bob, body="An answer"), 30)

    assert comment_digests_send(now=timezone.now()) == 2

    sent = {message.to[0]: listed(message.body) for message in mail.outbox}
    assert sent == {
        "alice@example.com": ["An answer"],
        "bob@example.com": ["Question for you"],
    }
