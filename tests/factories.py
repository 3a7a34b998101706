import factory
from allauth.account.models import EmailAddress

from accounts.models import User

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    """A user who can log in: password set, email address verified."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    display_name = factory.Faker("name")
    is_coach = False

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs) -> None:
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def verified(self, create: bool, extracted: bool | None, **kwargs) -> None:
        if create:
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=extracted is not False
            )


class VisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "visions.Vision"

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Vision {n}")
    horizon_years = 5


def answered(vision, *slugs: str):
    """Saves the demo person's answers for these steps (all steps when none
    are named) through the step forms and the service, as a person would."""
    from goals.management.commands.seed_demo import SAM_ANSWERS
    from visions.models import Vision
    from visions.services import vision_answer_step
    from visions.steps import STEPS_BY_SLUG

    for slug in slugs or SAM_ANSWERS:
        form = STEPS_BY_SLUG[slug].form_class(SAM_ANSWERS[slug])
        assert form.is_valid(), form.errors
        vision_answer_step(vision=vision, step_slug=slug, answers=form.answers())
    return Vision.objects.get(pk=vision.pk)
