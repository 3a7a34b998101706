import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from accounts.models import User
from goals.management.commands.seed_demo import DEMO_PASSWORD
from visions.models import Vision
from visions.steps import QUESTION_STEPS, answers_profile

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_verified_demo_people_once(capsys):
    call_command("seed_demo")
    call_command("seed_demo")

    users = list(User.objects.order_by("email").values_list("email", "display_name", "is_coach"))
    assert users == [
        ("jordan@example.com", "Jordan Lee", True),
        ("priya@example.com", "Priya Shah", False),
        ("sam@example.com", "Sam Rivera", False),
        ("tomas@example.com", "Tomás Díaz", False),
    ]
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == 4
    assert User.objects.get(email="sam@example.com").check_password(DEMO_PASSWORD)
    assert "individual: sam@example.com  (Sam Rivera)" in capsys.readouterr().out


def test_seed_demo_gives_sam_a_written_vision_with_history_and_an_archived_one():
    call_command("seed_demo")
    call_command("seed_demo")
    current, earlier = Vision.objects.filter(owner__email="sam@example.com").order_by("-created_at")
    assert (current.title, current.version, current.is_archived) == (
        "Leading learning design by 2031",
        3,
        False,
    )
    assert list(current.revisions.values_list("number", flat=True)) == [3, 2, 1]
    assert set(current.answers) == {step.slug for step in QUESTION_STEPS}
    assert current.questionnaire_completed_at is not None
    assert len(current.accomplishments) == 3
    assert (earlier.title, earlier.is_archived) == ("Team lead in support", True)
    assert [v.slug for v in answers_profile(earlier.answers).top] == [
        "achievement",
        "relationships",
    ]


def test_seed_demo_plans_sams_stepping_stones_with_progress_and_reminders():
    from django.utils import timezone

    from goals.models import Action, Goal, ReminderSettings

    call_command("seed_demo")
    call_command("seed_demo")
    goals = Goal.objects.filter(vision__owner__email="sam@example.com")
    assert goals.count() == 9
    assert goals.filter(status="in_progress").count() == 3
    today = timezone.localdate()
    actions = Action.objects.filter(goal__in=goals)
    assert actions.filter(done_on__isnull=False).count() == 3
    overdue = actions.filter(done_on__isnull=True, due_date__lt=today)
    assert list(overdue.values_list("title", flat=True)) == [
        "Update my CV with the courses I built"
    ]
    assert ReminderSettings.objects.get(user__email="sam@example.com").enabled is True


def test_seed_demo_gives_jordan_three_clients_sharing_with_them():
    from visions.models import AccessLog, Share

    call_command("seed_demo")
    call_command("seed_demo")
    shares = Share.objects.filter(coach__email="jordan@example.com", status="active")
    assert sorted(shares.values_list("vision__owner__display_name", flat=True)) == [
        "Priya Shah",
        "Sam Rivera",
        "Tomás Díaz",
    ]
    assert AccessLog.objects.filter(viewer__email="jordan@example.com").count() == 3
