"""Comments from the owner's side. Coaches' comments need sharing: they are in
test_comments_coach.py."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from goals.comments import (
    CommentLocked,
    CommentNotYours,
    comment_create,
    comment_delete,
    comment_digests_send,
    comment_update,
    comments_for_page,
    comments_mark_read,
    comments_stamp,
)
from goals.models import Comment, CommentDigest
from goals.services import goal_create
from tests.factories import VisionFactory
from tests.goals.unread import unread
from tests.html import value

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>\nSecond line'
SCRIPT_ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;\nSecond line"
NINE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://careervision.example"


@pytest.fixture
def vision(alice):
    return VisionFactory(owner=alice, title="Five years out")


@pytest.fixture
def goal(vision):
    return goal_create(
        vision=vision,
        title="Certificate",
        target_date=timezone.localdate() + timedelta(days=100),
        kind="credential",
    )


def posted(comment: Comment, at: datetime) -> Comment:
    """Dates a comment as if it had been posted at `at`."""
    Comment.objects.filter(pk=comment.pk).update(created_at=at)
    comment.refresh_from_db()
    return comment


# --- Services -----------------------------------------------------------------------


def test_a_comment_is_stored_as_typed(alice, vision, goal):
    on_vision = comment_create(vision=vision, author=alice, body=f"  {SCRIPT}  ")
    on_goal = comment_create(vision=vision, goal=goal, author=alice, body="On the goal")

    assert list(Comment.objects.values_list("vision", "goal", "author", "body", "edited_at")) == [
        (vision.pk, None, alice.pk, SCRIPT, None),
        (vision.pk, goal.pk, alice.pk, "On the goal", None),
    ]
    assert (on_vision.goal, on_goal.goal) == (None, goal)


def test_a_comment_cannot_hang_from_a_goal_of_another_vision(alice, vision):
    other = VisionFactory(owner=alice)
    foreign_goal = goal_create(
        vision=other, title="Elsewhere", target_date=timezone.localdate(), kind="skill"
    )
    with pytest.raises(ValueError, match="is not a goal of vision"):
        comment_create(vision=vision, goal=foreign_goal, author=alice, body="Hello")
    with pytest.raises(ValueError, match="needs some text"):
        comment_create(vision=vision, author=alice, body="   ")
    assert Comment.objects.count() == 0


def test_the_author_may_edit_for_fifteen_minutes_and_not_after(alice, vision):
    comment = posted(comment_create(vision=vision, author=alice, body="Draft"), NINE)

    comment_update(comment=comment, author=alice, body="Fixed", now=NINE + timedelta(minutes=15))
    with pytest.raises(CommentLocked):
        comment_update(
            comment=comment, author=alice, body="Too late", now=NINE + timedelta(minutes=16)
        )

    comment.refresh_from_db()
    assert (comment.body, comment.edited_at) == ("Fixed", NINE + timedelta(minutes=15))


def test_the_author_may_delete_for_fifteen_minutes_and_not_after(alice, vision):
    early = posted(comment_create(vision=vision, author=alice, body="Oops"), NINE)
    late = posted(comment_create(vision=vision, author=alice, body="Keep"), NINE)

    comment_delete(comment=early, author=alice, now=NINE + timedelta(minutes=14))
    with pytest.raises(CommentLocked):
        comment_delete(comment=late, author=alice, now=NINE + timedelta(minutes=16))

    assert list(Comment.objects.values_list("body", flat=True)) == ["Keep"]


def test_nobody_changes_someone_elses_comment(alice, bob, vision):
    comment = posted(comment_create(vision=vision, author=alice, body="Mine"), NINE)
    soon = NINE + timedelta(minutes=1)

    with pytest.raises(CommentNotYours):
        comment_update(comment=comment, author=bob, body="Changed", now=soon)
    with pytest.raises(CommentNotYours):
        comment_delete(comment=comment, author=bob, now=soon)

    comment.refresh_from_db()
    assert (comment.body, comment.edited_at) == ("Mine", None)


def test_unread_counts_are_comments_by_others_after_the_read_mark(
    alice, bob, vision, django_assert_num_queries
):
    # Authors are set directly here: who may post is the views' business.
    second = VisionFactory(owner=alice)
    quiet = VisionFactory(owner=alice)
    comment_create(vision=vision, author=bob, body="One")
    comment_create(vision=vision, author=bob, body="Two")
    comment_create(vision=vision, author=alice, body="My own")
    comment_create(vision=second, author=bob, body="Seen")
    comments_mark_read(user=alice, vision=second)
    posted(comment_create(vision=second, author=bob, body="Before the mark"), NINE)
    later = timezone.now() + timedelta(seconds=1)
    posted(comment_create(vision=second, author=bob, body="After the mark"), later)

    with django_assert_num_queries(1):
        counts = unread(alice, vision, second, quiet)

    assert counts == {vision.pk: 2, second.pk: 1}
    # To bob, only alice's comment is new: his own two never are.
    assert unread(bob, vision) == {vision.pk: 1}


def test_the_comments_stamp_agrees_with_the_page_helper(
    alice, bob, vision, goal, django_assert_num_queries
):
    """A page kept in the cache under comments_stamp() must be rendered
    again exactly when what comments_for_page() gives it changes."""
    old = posted(comment_create(vision=vision, author=alice, body="Mine, long ago"), NINE)
    comment_create(vision=vision, author=alice, body="Mine, just now")
    posted(comment_create(vision=vision, goal=goal, author=bob, body="Read"), NINE)
    comments_mark_read(user=alice, vision=vision, at=NINE + timedelta(minutes=1))
    comment_create(vision=vision, goal=goal, author=bob, body="Not read yet")

    with django_assert_num_queries(1):
        stamp = comments_stamp(vision.pk, alice)

    page = comments_for_page(vision, alice)
    every = sorted(page["vision"] + page["goals"][goal.pk], key=lambda c: c.pk)
    assert [(pk, is_new, can_change) for pk, _, _, is_new, can_change, *_ in stamp] == [
        (c.pk, c.is_new, c.can_change) for c in every
    ]
    assert [(c.is_new, c.can_change) for c in every] == [
        (False, False),
        (False, True),
        (False, False),
        (True, False),
    ]
    changed = comment_update(comment=every[1], author=alice, body="Mine, changed")
    assert comments_stamp(vision.pk, alice) != stamp
    # Read as the ORM reads it, on SQLite (naive, in UTC) as on PostgreSQL.
    assert comments_stamp(vision.pk, alice)[1][2] == changed.edited_at
    comment_delete(comment=every[1], author=alice)
    assert [row[0] for row in comments_stamp(vision.pk, alice)] == [
        old.pk,
        every[2].pk,
        every[3].pk,
    ]


def test_the_page_helper_groups_the_thread_in_two_queries(
    alice, bob, vision, goal, django_assert_num_queries
):
    later_goal = goal_create(
        vision=vision, title="Later", target_date=timezone.localdate(), kind="skill"
    )
    on_vision = comment_create(vision=vision, author=bob, body="On the vision")
    on_later = comment_create(vision=vision, goal=later_goal, author=alice, body="Later goal")
    on_goal = comment_create(vision=vision, goal=goal, author=bob, body="Certificate")

    with django_assert_num_queries(2):
        page = comments_for_page(vision, alice)

    assert page["vision"] == [on_vision]
    assert page["goals"] == {goal.pk: [on_goal], later_goal.pk: [on_later]}
    assert page["goal_threads"] == [(goal, [on_goal]), (later_goal, [on_later])]
    assert (page["read_at"], page["unread"]) == (None, 2)
    shown = [*page["vision"], *page["goals"][later_goal.pk], *page["goals"][goal.pk]]
    assert [(c.is_new, c.can_change) for c in shown] == [
        (True, False),
        (False, True),
        (True, False),
    ]


# --- The digest email ---------------------------------------------------------------


def test_the_digest_tells_the_owner_about_others_comments(alice, bob, vision, goal):
    posted(comment_create(vision=vision, author=bob, body="Good start.\nKeep going."), NINE)
    posted(comment_create(vision=vision, goal=goal, author=bob, body="Which school?"), NINE)
    posted(comment_create(vision=vision, author=alice, body="Note to self"), NINE)

    assert comment_digests_send(now=NINE + timedelta(minutes=16)) == 1

    [message] = mail.outbox
    assert (message.subject, message.to) == (
        "[CareerVision] 2 new comments",
        ["alice@example.com"],
    )
    assert message.body == (
        "Hello Alice Adams,\n\n"
        "There are new comments on the career visions you follow:\n\n"
        "Bob Brown, on “Five years out”:\n"
        "Good start.\nKeep going.\n"
        f"Read and reply: https://careervision.example/visions/{vision.pk}/comments/\n\n"
        "Bob Brown, on the goal “Certificate” of “Five years out”:\n"
        "Which school?\n"
        f"Read and reply: https://careervision.example/visions/{vision.pk}/comments/#goal-{goal.pk}-comments\n"
        "\n"
        "You get this email when someone comments on a vision you own or one shared with "
        "you: at most one an hour.\n"
    )
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "Good start.<br>Keep going." in html
    assert list(CommentDigest.objects.values_list("user__email", "sent_at")) == [
        ("alice@example.com", NINE + timedelta(minutes=16))
    ]


def test_the_author_is_not_emailed_about_their_own_comment(alice, vision):
    posted(comment_create(vision=vision, author=alice, body="Note to self"), NINE)

    assert comment_digests_send(now=NINE + timedelta(hours=1)) == 0
    assert (mail.outbox, CommentDigest.objects.count()) == ([], 0)


def test_at_most_one_digest_an_hour_and_nothing_twice(alice, bob, vision):
    posted(comment_create(vision=vision, author=bob, body="First"), NINE)
    assert comment_digests_send(now=NINE + timedelta(minutes=20)) == 1
    # A second run in the same hour sends nothing, even with something new.
    posted(comment_create(vision=vision, author=bob, body="Second"), NINE + timedelta(minutes=25))
    assert comment_digests_send(now=NINE + timedelta(minutes=20)) == 0
    assert comment_digests_send(now=NINE + timedelta(minutes=50)) == 0
    assert len(mail.outbox) == 1

    # An hour later: only what the first digest did not list.
    assert comment_digests_send(now=NINE + timedelta(minutes=80)) == 1
    assert comment_digests_send(now=NINE + timedelta(minutes=200)) == 0

    assert [m.subject for m in mail.outbox] == [
        "[CareerVision] 1 new comment",
        "[CareerVision] 1 new comment",
    ]
    assert ["First" in m.body for m in mail.outbox] == [True, False]
    assert ["Second" in m.body for m in mail.outbox] == [False, True]


def test_the_digest_waits_until_a_comment_can_no_longer_change(alice, bob, vision):
    # The email must not show text its author then edits or deletes.
    posted(comment_create(vision=vision, author=bob, body="Still editable"), NINE)

    assert comment_digests_send(now=NINE + timedelta(minutes=10)) == 0
    assert comment_digests_send(now=NINE + timedelta(minutes=16)) == 1


def test_comments_already_read_are_not_emailed(alice, bob, vision):
    posted(comment_create(vision=vision, author=bob, body="Seen on the page"), NINE)
    comments_mark_read(user=alice, vision=vision, at=NINE + timedelta(minutes=5))

    assert comment_digests_send(now=NINE + timedelta(hours=1)) == 0
    assert mail.outbox == []


def test_the_command_says_how_many_digests_it_sent(alice, bob, vision):
    posted(
        comment_create(vision=vision, author=bob, body="Hello"),
        timezone.now() - timedelta(minutes=30),
    )
    out = StringIO()

    call_command("send_comment_digests", stdout=out)
    call_command("send_comment_digests", stdout=out)

    assert out.getvalue() == "Sent 1 comment digest.\nSent 0 comment digests.\n"
    assert [m.to for m in mail.outbox] == [["alice@example.com"]]


# --- Pages --------------------------------------------------------------------------


def test_the_owner_comments_on_the_vision(alice_client, alice, vision):
    response = alice_client.post(
        f"/visions/{vision.pk}/comments/",
        {"body": "Note to self", "next": f"/visions/{vision.pk}/"},
    )

    comment = Comment.objects.get()
    assert response["Location"] == f"/visions/{vision.pk}/#comment-{comment.pk}"
    assert (comment.vision, comment.goal, comment.author, comment.body) == (
        vision,
        None,
        alice,
        "Note to self",
    )


def test_the_owner_comments_on_a_goal(alice_client, alice, vision, goal):
    response = alice_client.post(
        f"/visions/{vision.pk}/comments/",
        {"body": "Which school?", "goal": goal.pk, "next": "https://elsewhere.example/"},
    )

    comment = Comment.objects.get()
    # An address elsewhere is not followed: back to the thread instead.
    assert response["Location"] == f"/visions/{vision.pk}/comments/#comment-{comment.pk}"
    assert (comment.vision, comment.goal, comment.author) == (vision, goal, alice)


@pytest.mark.parametrize("goal_field", ["other vision", "not a number", "99999999999999999999"])
def test_a_goal_that_is_not_the_visions_is_not_found(alice_client, alice, vision, goal_field):
    other = VisionFactory(owner=alice)
    foreign = goal_create(vision=other, title="Elsewhere", target_date=NINE.date(), kind="skill")
    goal = foreign.pk if goal_field == "other vision" else goal_field

    response = alice_client.post(f"/visions/{vision.pk}/comments/", {"body": "Hi", "goal": goal})

    assert response.status_code == 404
    assert Comment.objects.count() == 0


def test_an_empty_comment_is_refused_with_a_message(alice_client, vision, goal):
    response = alice_client.post(
        f"/visions/{vision.pk}/comments/", {"body": "   ", "goal": goal.pk}
    )

    assert response.status_code == 200
    assert "This field is required." in response.text
    assert value(response.text, "goal") == str(goal.pk)
    assert Comment.objects.count() == 0


def test_a_too_long_comment_is_refused_and_kept(alice_client, vision):
    typed = "x" * 4001

    response = alice_client.post(f"/visions/{vision.pk}/comments/", {"body": typed})

    assert response.status_code == 200
    assert "Ensure this value has at most 4000 characters (it has 4001)." in response.text
    assert value(response.text, "body") == typed
    assert Comment.objects.count() == 0


def test_comments_are_shown_escaped_with_their_line_breaks(alice_client, alice, bob, vision):
    comment_create(vision=vision, author=bob, body=SCRIPT)

    response = alice_client.get(f"/visions/{vision.pk}/comments/")

    assert f'<p class="preserve-lines mb-1">{SCRIPT_ESCAPED}</p>' in response.text
    assert "<script>alert" not in response.text
    assert "Bob Brown" in response.text


def test_the_thread_page_groups_comments_and_marks_them_read(
    alice_client, alice, bob, vision, goal
):
    comment_create(vision=vision, author=bob, body="About the vision")
    comment_create(vision=vision, goal=goal, author=bob, body="About the certificate")
    assert unread(alice, vision) == {vision.pk: 2}

    first = alice_client.get(f"/visions/{vision.pk}/comments/")

    on_vision, on_goal = first.text.split("On the goal “Certificate”")
    assert "About the vision" in on_vision
    assert "About the certificate" in on_goal
    assert first.text.count('<span class="badge text-bg-primary">new</span>') == 2
    assert unread(alice, vision) == {}
    second = alice_client.get(f"/visions/{vision.pk}/comments/")
    assert second.text.count('<span class="badge text-bg-primary">new</span>') == 0


def test_the_thread_page_queries_do_not_grow_with_comments(
    alice_client, alice, bob, vision, goal, django_assert_num_queries
):
    def add(count: int) -> None:
        for n in range(count):
            comment_create(
                vision=vision, goal=goal if n % 2 else None, author=(alice, bob)[n % 2], body=f"{n}"
            )

    add(1)
    with django_assert_num_queries(6):
        alice_client.get(f"/visions/{vision.pk}/comments/")
    add(29)
    with django_assert_num_queries(6):
        response = alice_client.get(f"/visions/{vision.pk}/comments/")
    assert response.text.count('class="comment ') == 30


def test_the_author_edits_a_comment_within_fifteen_minutes(alice_client, alice, vision):
    comment = comment_create(vision=vision, author=alice, body="Draft")
    next_page = f"/visions/{vision.pk}/goals/"

    form = alice_client.get(f"/comments/{comment.pk}/edit/?next={next_page}")
    assert value(form.text, "body") == "Draft"
    response = alice_client.post(
        f"/comments/{comment.pk}/edit/", {"body": "Final", "next": next_page}
    )

    assert response["Location"] == f"{next_page}#comment-{comment.pk}"
    comment.refresh_from_db()
    assert comment.body == "Final"
    assert comment.edited_at is not None


def test_after_fifteen_minutes_a_comment_stays_as_it_is(alice_client, alice, vision):
    comment = posted(
        comment_create(vision=vision, author=alice, body="Old"),
        timezone.now() - timedelta(minutes=16),
    )

    assert alice_client.get(f"/comments/{comment.pk}/edit/").status_code == 403
    edit = alice_client.post(f"/comments/{comment.pk}/edit/", {"body": "New words"})
    assert edit.status_code == 403
    assert "A comment can be changed only in the first 15 minutes" in edit.text
    assert value(edit.text, "body") == "New words"
    delete = alice_client.post(f"/comments/{comment.pk}/delete/")
    assert delete.status_code == 403

    comment.refresh_from_db()
    assert (comment.body, comment.edited_at) == ("Old", None)


def test_the_author_deletes_a_comment_within_fifteen_minutes(alice_client, alice, vision, goal):
    comment = comment_create(vision=vision, goal=goal, author=alice, body="Oops")

    assert alice_client.get(f"/comments/{comment.pk}/delete/").status_code == 405
    response = alice_client.post(f"/comments/{comment.pk}/delete/")

    assert response["Location"] == f"/visions/{vision.pk}/comments/#goal-{goal.pk}-comments"
    assert Comment.objects.count() == 0


def test_the_thread_tag_renders_a_goals_comments_with_the_authors_tools(alice, bob, vision, goal):
    mine = comment_create(vision=vision, goal=goal, author=alice, body="Mine")
    comment_create(vision=vision, goal=goal, author=bob, body=SCRIPT)
    comment_create(vision=vision, author=bob, body="On the vision, not this goal")
    request = RequestFactory().get(f"/visions/{vision.pk}/goals/")
    request.user = alice
    template = Template("{% load comments %}{% comment_thread vision comments goal=goal %}")

    html = template.render(
        Context(
            {
                "request": request,
                "vision": vision,
                "goal": goal,
                "comments": comments_for_page(vision, alice),
            }
        )
    )

    assert "On the vision, not this goal" not in html
    assert SCRIPT_ESCAPED in html
    assert html.count(f'href="/comments/{mine.pk}/edit/?next=/visions/{vision.pk}/goals/"') == 1
    assert html.count('action="/comments/') == 1
    assert html.count('<span class="badge text-bg-primary">new</span>') == 1
    assert f'<label class="form-label" for="comment-body-goal-{goal.pk}">Add a comment' in html
    assert value(html, "goal") == str(goal.pk)
    assert value(html, "next") == f"/visions/{vision.pk}/goals/"


def test_anonymous_visitors_are_sent_to_log_in(client, vision):
    response = client.get(f"/visions/{vision.pk}/comments/")
    assert response["Location"] == f"/accounts/login/?next=/visions/{vision.pk}/comments/"


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
def test_a_stranger_gets_not_found_and_changes_nothing(
    client, alice, carol, vision, goal, method, path
):
    comment = comment_create(vision=vision, goal=goal, author=alice, body="Private")
    client.force_login(carol)
    url = path.format(vision=vision.pk, comment=comment.pk)
    data = {"body": "hijack", "goal": goal.pk}

    response = client.post(url, data) if method == "post" else client.get(url)

    assert response.status_code == 404
    assert list(Comment.objects.values_list("pk", "body", "edited_at")) == [
        (comment.pk, "Private", None)
    ]
