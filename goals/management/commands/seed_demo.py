"""Creates (or refreshes) the demo individual and coach that `make run` prints.

It lives in the top app because it fills every floor: accounts, visions, goals.
Running it twice leaves one copy of everything.
"""

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User

DEMO_PASSWORD = "careervision-demo"  # noqa: S105 -- printed on purpose: demo only
DEMO_INDIVIDUAL = {"email": "sam@example.com", "display_name": "Sam Rivera", "is_coach": False}
DEMO_COACH = {"email": "jordan@example.com", "display_name": "Jordan Lee", "is_coach": True}


def demo_user_ensure(*, email: str, display_name: str, is_coach: bool) -> User:
    user, _ = User.objects.update_or_create(
        email=email, defaults={"display_name": display_name, "is_coach": is_coach}
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


class Command(BaseCommand):
    help = "Create the demo individual and coach, with their data, for trying CareerVision."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        individual = demo_user_ensure(**DEMO_INDIVIDUAL)
        coach = demo_user_ensure(**DEMO_COACH)
        self.stdout.write(f"Demo accounts (password for both: {DEMO_PASSWORD}):")
        self.stdout.write(f"  individual: {individual.email}  ({individual.name})")
        self.stdout.write(f"  coach:      {coach.email}  ({coach.name})")
