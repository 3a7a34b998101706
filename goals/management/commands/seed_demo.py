"""Creates (or refreshes) the demo individual and coach that `make run` prints.

It lives in the top app because it fills every floor: accounts, visions, goals.
Running it twice leaves one copy of everything. The answers go through the
step forms and services, like a person's would, so they stay valid.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from goals.calendar import calendar_feed_regenerate
from goals.comments import comment_create
from goals.models import CalendarFeed, GoalStatus, Weekday
from goals.reminders import reminder_settings_update
from goals.services import action_create, action_set_done, goals_create_from_proposals
from goals.suggest import goals_suggest
from visions.models import AccessLog, Share, Vision, VisionRevision
from visions.services import (
    vision_answer_step,
    vision_archive,
    vision_complete_questionnaire,
    vision_create,
    vision_save,
)
from visions.sharing import vision_share_create_active
from visions.steps import STEPS_BY_SLUG

DEMO_PASSWORD = "careervision-demo"  # noqa: S105 -- printed on purpose: demo only
DEMO_INDIVIDUAL = {"email": "sam@example.com", "display_name": "Sam Rivera", "is_coach": False}
DEMO_COACH = {"email": "jordan@example.com", "display_name": "Jordan Lee", "is_coach": True}

SAM_VISION = {"title": "Leading learning design by 2031", "horizon_years": 5}
SAM_ANSWERS = {
    "now": {
        "current_role": "Customer support team member at a software company",
        "job_or_career": "job",
        "needs_met": "2",
        "missing": "Room to grow. I explain the product to customers all day and I am good at "
        "it, but nobody sees that as a skill, and I have no path forward.",
    },
    "life": {
        "life_priorities": "Time with my partner and our daughter, staying near my parents, "
        "and a home with a garden.",
        "work_or_life_first": "balance",
        "location": "Porto, or anywhere within an hour of it",
        "life_needs": ["income", "time", "location"],
        "life_needs_more": "School pick-up two days a week.",
    },
    "values": {
        "ability_utilization": "5",
        "achievement": "5",
        "activity": "3",
        "compensation": "4",
        "independence": "3",
        "security": "4",
        "variety": "4",
        "working_conditions": "3",
        "advancement": "3",
        "authority": "2",
        "recognition": "4",
        "social_status": "1",
        "co_workers": "4",
        "moral_values": "5",
        "social_service": "5",
        "company_policies": "3",
        "supervision_human_relations": "3",
        "supervision_technical": "2",
        "creativity": "5",
        "responsibility": "4",
        "autonomy": "4",
    },
    "most-important": {
        "most_important": ["ability_utilization", "social_service", "creativity", "achievement"]
    },
    "success": {
        "success_meaning": "People learn something faster because of what I made, and I am "
        "trusted to decide how.",
        "achievements": "Designing a training programme that a whole company uses; speaking at "
        "a learning conference.",
        "recognition": ["training", "exposure", "money"],
        "recognition_more": "",
    },
    "skills": {
        "skills": "Explaining complex things simply\nWriting help articles\nVideo editing\n"
        "Instructional design (to build)\nFacilitating workshops (to build)",
        "creativity": "a_lot",
        "autonomy": "mix",
        "manage_others": "maybe",
        "help_others": "yes",
    },
    "pay": {
        "pay_amount": "52000",
        "pay_currency": "EUR",
        "pay_period": "year",
        "security": "medium",
    },
    "environment": {
        "flexible_hours": "must",
        "work_from": "hybrid",
        "training": "must",
        "company_values": "Treats customers honestly; pays for courses; parental leave "
        "that people actually take.",
        "size": "medium",
        "pace": "varied",
    },
    "direction": {
        "direction": "lateral",
        "industries": "Software, education technology",
        "domains": "Learning and development, customer education",
        "roles": "Instructional designer, customer education lead",
    },
}


# The vision as Sam wrote it over three saves: the history shows it growing.
SAM_REVISIONS = [
    {
        "statement": "In five years I design training instead of answering tickets.",
        "accomplishments": ["A course that customers actually finish"],
        "bridge_plan": "My support job.",
    },
    {
        "statement": "In five years I lead customer education at a software company I believe "
        "in. I design the courses and guides that help people get good at a product quickly, "
        "and I work from home three days a week so I can collect my daughter from school.",
        "accomplishments": [
            "A course used by thousands of customers",
            "A talk at a learning conference",
        ],
        "bridge_plan": "My support job, while I study instructional design in the evenings.",
    },
    {
        "statement": "In five years I lead customer education at a software company I believe "
        "in. I design the courses and guides that help people get good at a product quickly, "
        "and I work from home three days a week so I can collect my daughter from school.\n\n"
        "It fits what matters most to me: using what I am good at, seeing that my work helps "
        "people, and room to try my own ideas.",
        "accomplishments": [
            "A course used by thousands of customers",
            "A talk at a learning conference",
            "Two newcomers to the field mentored",
        ],
        "bridge_plan": "My support job, four days a week from next spring, while I finish the "
        "instructional design certificate. Savings cover the fifth day for a year.",
    },
]

# An earlier vision, archived: its profile differs, to compare with today's.
SAM_EARLIER = {"title": "Team lead in support", "horizon_years": 3}
SAM_EARLIER_RATINGS = {
    **SAM_ANSWERS["values"],
    "advancement": "5",
    "authority": "4",
    "compensation": "5",
    "creativity": "3",
    "social_service": "3",
}


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


def demo_answer(vision: Vision, answers: dict) -> Vision:
    for slug, data in answers.items():
        form = STEPS_BY_SLUG[slug].form_class(data)
        if not form.is_valid():
            raise CommandError(f"Demo answers for step {slug!r} are invalid: {form.errors}")
        vision_answer_step(vision=vision, step_slug=slug, answers=form.answers())
    return Vision.objects.get(pk=vision.pk)


def demo_vision_ensure(*, owner: User) -> Vision:
    """Sam's visions, made afresh: an archived earlier one and today's."""
    Vision.objects.filter(
        owner=owner, title__in=[SAM_VISION["title"], SAM_EARLIER["title"]]
    ).delete()
    earlier = vision_create(owner=owner, **SAM_EARLIER)
    demo_answer(earlier, {"values": SAM_EARLIER_RATINGS})
    vision_archive(vision=earlier)
    # Demo only: make the dates look lived-in (three years ago, then months apart).
    now = timezone.now()
    Vision.objects.filter(pk=earlier.pk).update(created_at=now - timedelta(days=3 * 365))

    vision = vision_create(owner=owner, **SAM_VISION)
    vision = vision_complete_questionnaire(vision=demo_answer(vision, SAM_ANSWERS))
    for content in SAM_REVISIONS:
        vision = vision_save(
            vision=vision, author=owner, base_version=vision.version, **SAM_VISION, **content
        )
    for number, days_ago in ((1, 240), (2, 120), (3, 12)):
        VisionRevision.objects.filter(vision=vision, number=number).update(
            created_at=now - timedelta(days=days_ago)
        )
    Vision.objects.filter(pk=vision.pk).update(created_at=now - timedelta(days=250))
    return vision


def demo_goals_ensure(*, vision: Vision) -> None:
    """Sam planned the stepping stones seven weeks ago: the first actions are
    done, one slipped, the next is due soon."""
    today = timezone.localdate()
    planned_on = today - timedelta(days=50)
    proposals = goals_suggest(
        horizon_years=vision.horizon_years,
        accomplishments=vision.accomplishments,
        answers=vision.answers,
        today=planned_on,
    )
    kept = [(p, {"title": p.title, "target_date": p.target_date}) for p in proposals]
    goals = goals_create_from_proposals(vision=vision, kept=kept)
    first = goals[0]
    first.status = GoalStatus.IN_PROGRESS
    first.save(update_fields=["status"])
    first_actions = list(first.actions.all())
    action_set_done(action=first_actions[0], done=True, on=planned_on + timedelta(days=26))
    # The second first-90-days action is due ten days from now; add one that slipped.
    action_create(
        goal=first,
        title="Update my CV with the courses I built",
        due_date=today - timedelta(days=4),
    )
    for goal in goals[1:3]:
        goal.status = GoalStatus.IN_PROGRESS
        goal.save(update_fields=["status"])
        action_set_done(action=goal.actions.first(), done=True, on=today - timedelta(days=9))


# Two more of Jordan's clients, at other stages of the journey.
DEMO_CLIENTS = [
    {
        "email": "priya@example.com",
        "display_name": "Priya Shah",
        "vision": {"title": "From nursing to health informatics", "horizon_years": 3},
        "steps": ["now", "life", "values", "most-important"],
    },
    {
        "email": "tomas@example.com",
        "display_name": "Tomás Díaz",
        "vision": {"title": "My own carpentry workshop", "horizon_years": 4},
        "steps": list(SAM_ANSWERS),
    },
]


def demo_clients_ensure(*, coach: User, sam_vision: Vision) -> None:
    """Jordan coaches Sam and two others; Sam's sharing shows an access log."""
    Share.objects.filter(coach=coach).delete()
    vision_share_create_active(vision=sam_vision, coach=coach)
    for client in DEMO_CLIENTS:
        user = demo_user_ensure(
            email=client["email"], display_name=client["display_name"], is_coach=False
        )
        Vision.objects.filter(owner=user).delete()
        vision = vision_create(owner=user, **client["vision"])
        vision = demo_answer(vision, {slug: SAM_ANSWERS[slug] for slug in client["steps"]})
        if len(client["steps"]) == len(SAM_ANSWERS):
            vision = vision_complete_questionnaire(vision=vision)
            vision = vision_save(
                vision=vision,
                author=user,
                base_version=vision.version,
                title=vision.title,
                horizon_years=vision.horizon_years,
                statement="In four years I run a small workshop making furniture to order, "
                "and teach weekend courses.",
                accomplishments=["Ten commissioned pieces a year", "A weekend course that fills"],
                bridge_plan="Site carpentry three days a week.",
            )
            demo_goals_ensure(vision=vision)
        vision_share_create_active(vision=vision, coach=coach)
    for what in ("vision", "goals", "pdf"):
        AccessLog.objects.create(vision=sam_vision, viewer=coach, what=what)
    skill_goal = sam_vision.goals.filter(kind="skill").first()
    comment_create(
        vision=sam_vision,
        author=coach,
        body="This reads like you already know where you are going. What would make the "
        "bridge plan feel safer to you?",
    )
    comment_create(
        vision=sam_vision,
        author=coach,
        goal=skill_goal,
        body="Two courses I trust for this: the university one is slower but recognised.",
    )
    comment_create(
        vision=sam_vision,
        author=sam_vision.owner,
        goal=skill_goal,
        body="Thanks! I will ask my manager about the university one on Monday.",
    )


class Command(BaseCommand):
    help = "Create the demo individual and coach, with their data, for trying CareerVision."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        individual = demo_user_ensure(**DEMO_INDIVIDUAL)
        coach = demo_user_ensure(**DEMO_COACH)
        vision = demo_vision_ensure(owner=individual)
        demo_goals_ensure(vision=vision)
        reminder_settings_update(user=individual, enabled=True, weekday=Weekday.MONDAY)
        if not CalendarFeed.objects.filter(user=individual).exists():
            calendar_feed_regenerate(user=individual)
        demo_clients_ensure(coach=coach, sam_vision=vision)
        self.stdout.write(f"Demo accounts (password for both: {DEMO_PASSWORD}):")
        self.stdout.write(f"  individual: {individual.email}  ({individual.name})")
        self.stdout.write(
            f"    with the vision “{vision.title}” ({vision.version} revisions) "
            f"and an archived earlier one; {vision.goals.count()} goals, weekly reminders on"
        )
        self.stdout.write(
            f"  coach:      {coach.email}  ({coach.name}), with Sam and two more clients "
            f"sharing their visions"
        )
