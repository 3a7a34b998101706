import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command

from accounts.models import User
from goals.management.commands.seed_demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_a_verified_individual_and_coach_once(capsys):
    call_command("seed_demo")
    call_command("seed_demo")

    users = list(User.objects.order_by("email").values_list("email", "display_name", "is_coach"))
    assert users == [
        ("jordan@example.com", "Jordan Lee", True),
        ("sam@example.com", "Sam Rivera", False),
    ]
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == 2
    assert User.objects.get(email="sam@example.com").check_password(DEMO_PASSWORD)
    assert "individual: sam@example.com  (Sam Rivera)" in capsys.readouterr().out
