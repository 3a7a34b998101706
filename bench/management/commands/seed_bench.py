"""Fills an empty database with data at the scale the benchmarks need.

    python manage.py seed_bench --settings=bench.settings

By default: 10,000 people, each with a vision whose questionnaire is
complete. 500 of them are clients of one coach; each client's vision has 10
revisions, 50 goals with 3 actions each, and a conversation of 6 comments.
The other people have one revision and 5 goals. On top of that, for the
cost curves: coaches with 10, 50, 100 and 250 of the same clients, and one
person with visions of 5, 25, 50, 100 and 200 goals.

One vision is made through the product's services (the questionnaire forms,
vision_save, the goal suggester), so that its answers and content are what
the product stores; the rest are copies of it made with bulk_create. Every
bench address ends in @bench.example. Run it on an empty database: the bench
runner drops and recreates its database when the scale changes.
"""

import json
import random
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from goals.calendar import calendar_feed_regenerate
from goals.management.commands.seed_demo import SAM_ANSWERS, SAM_REVISIONS, demo_answer
from goals.models import Action, Comment, CommentReadMark, Goal, GoalKind, GoalStatus
from visions.models import Share, ShareStatus, Vision, VisionRevision
from visions.services import vision_complete_questionnaire, vision_create, vision_save
from visions.values import WORK_VALUES

BENCH_PASSWORD = "bench-password-not-secret"  # noqa: S105 -- benchmark accounts on a local database
DOMAIN = "bench.example"
CURVE_CLIENTS = (10, 50, 100, 250)
CURVE_GOALS = (5, 25, 50, 100, 200)
BATCH = 5000

GOAL_TITLES = [
    ("Finish the instructional design certificate", GoalKind.CREDENTIAL),
    ("Build a portfolio of three short courses", GoalKind.SKILL),
    ("Meet two learning designers a month", GoalKind.NETWORK),
    ("Move into a training role", GoalKind.ROLE_MOVE),
    ("Save six months of expenses", GoalKind.FINANCES),
    ("Keep two afternoons a week for family", GoalKind.LIFE),
    ("Give a talk at a learning conference", GoalKind.NETWORK),
    ("Learn the basics of video editing", GoalKind.SKILL),
]
ACTION_TITLES = [
    "Ask my manager about a training budget",
    "Draft the outline and share it for feedback",
    "Book an hour a week in the calendar for it",
    "Write down what I learned and what is next",
]
COMMENTS = [
    "This reads like you already know where you are going. What would make the bridge "
    "plan feel safer?",
    "Thanks! I will think about it this week.",
    "The third goal looks ambitious for its date. Is there a smaller first step?",
    "Good point: I moved the date and split it in two.",
    "Well done on finishing the first action.",
    "It felt good. The next one is harder.",
]


class Command(BaseCommand):
    help = "Create benchmark data at scale (10,000 people, a coach with 500 clients)."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=10_000)
        parser.add_argument("--clients", type=int, default=500)
        parser.add_argument("--revisions", type=int, default=10)
        parser.add_argument("--goals", type=int, default=50)
        parser.add_argument("--actions", type=int, default=3)
        parser.add_argument("--comments", type=int, default=6)

    def handle(self, *args, **options):
        if options["clients"] > options["users"] or options["clients"] < max(CURVE_CLIENTS):
            raise CommandError(f"--clients must be between {max(CURVE_CLIENTS)} and --users.")
        if User.objects.filter(email__endswith=f"@{DOMAIN}").exists():
            raise CommandError("Bench data exists already; seed an empty database.")
        started = timezone.now()
        self.rng = random.Random(2026)  # noqa: S311 -- made-up data, not secrets
        with transaction.atomic():
            summary = self.seed(**options)
        summary["seconds"] = round((timezone.now() - started).total_seconds(), 1)
        self.stdout.write(json.dumps(summary))

    # -- the pieces -------------------------------------------------------

    def seed(self, *, users, clients, revisions, goals, actions, comments, **_):
        template = self.template_vision()
        password = make_password(BENCH_PASSWORD)
        people = self.people(users, password)
        coach, admin = self.staff(password)
        curve = self.person("curve", "Curve Person", password)
        visions = self.visions(people, template)
        client_visions = visions[:clients]
        self.revisions(client_visions, template, revisions)
        self.revisions(visions[clients:], template, 1)
        self.goals(client_visions, goals, actions)
        self.goals(visions[clients:], 5, actions)
        self.shares(client_visions, coach)
        curve_coaches = {}
        for size in CURVE_CLIENTS:
            curve_coach = self.person(f"coach{size}", f"Coach of {size}", password, coach=True)
            self.shares(client_visions[:size], curve_coach)
            curve_coaches[size] = curve_coach.pk
        self.comments(client_visions, coach, comments)
        curve_visions = {}
        for size in CURVE_GOALS:
            (vision,) = self.visions([curve], template, title=f"A vision with {size} goals")
            self.revisions([vision], template, 1)
            self.goals([vision], size, actions)
            curve_visions[size] = vision.pk
        owner = people[0]
        feed = calendar_feed_regenerate(user=owner)
        return {
            "users": User.objects.filter(email__endswith=f"@{DOMAIN}").count(),
            "visions": Vision.objects.count(),
            "revisions": VisionRevision.objects.count(),
            "goals": Goal.objects.count(),
            "actions": Action.objects.count(),
            "comments": Comment.objects.count(),
            "shares": Share.objects.filter(status=ShareStatus.ACTIVE).count(),
            "owner": owner.pk,
            "owner_vision": client_visions[0].pk,
            "client_visions": [v.pk for v in client_visions[:16]],
            "clients": [
                {"id": v.owner.pk, "email": v.owner.email, "vision": v.pk}
                for v in client_visions[:60]
            ],
            "coach": coach.pk,
            "admin": admin.pk,
            "curve": curve.pk,
            "curve_coaches": curve_coaches,
            "curve_visions": curve_visions,
            "feed_token": feed.token,
            "password": BENCH_PASSWORD,
        }

    def template_vision(self) -> Vision:
        """One vision made the way a person makes it, then deleted: its
        answers and content are the pattern for every copy."""
        maker = User.objects.create(email=f"template@{DOMAIN}", display_name="Template")
        vision = vision_create(
            owner=maker, title="Leading learning design by 2031", horizon_years=5
        )
        vision = vision_complete_questionnaire(vision=demo_answer(vision, SAM_ANSWERS))
        for content in SAM_REVISIONS:
            vision = vision_save(
                vision=vision,
                author=maker,
                base_version=vision.version,
                title=vision.title,
                horizon_years=5,
                **content,
            )
        maker.delete()
        return vision

    def person(self, name: str, display_name: str, password: str, *, coach=False) -> User:
        user = User.objects.create(
            email=f"{name}@{DOMAIN}", display_name=display_name, is_coach=coach, password=password
        )
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return user

    def people(self, count: int, password: str) -> list[User]:
        users = User.objects.bulk_create(
            [
                User(
                    email=f"person{n}@{DOMAIN}",
                    display_name=f"Person {n:05d}",
                    password=password,
                )
                for n in range(count)
            ],
            batch_size=BATCH,
        )
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
            batch_size=BATCH,
        )
        return users

    def staff(self, password: str) -> tuple[User, User]:
        coach = self.person("coach", "Bench Coach", password, coach=True)
        admin = self.person("admin", "Bench Admin", password)
        admin.is_staff = admin.is_superuser = True
        admin.save(update_fields=["is_staff", "is_superuser"])
        return coach, admin

    def visions(self, owners, template: Vision, title: str | None = None) -> list[Vision]:
        now = timezone.now()
        return Vision.objects.bulk_create(
            [
                Vision(
                    owner=owner,
                    title=title or f"{template.title} ({owner.display_name})",
                    horizon_years=template.horizon_years,
                    answers=template.answers,
                    questionnaire_completed_at=now,
                    statement=template.statement,
                    accomplishments=template.accomplishments,
                    bridge_plan=template.bridge_plan,
                    version=0,
                )
                for owner in owners
            ],
            batch_size=BATCH,
        )

    def revisions(self, visions, template: Vision, count: int) -> None:
        """`count` revisions per vision, growing towards the template's
        final text, the way a statement gets written over weeks."""
        words = template.statement.split()
        rows = []
        for vision in visions:
            for number in range(1, count + 1):
                length = max(8, len(words) * number // count)
                rows.append(
                    VisionRevision(
                        vision=vision,
                        number=number,
                        author_id=vision.owner_id,
                        title=vision.title,
                        horizon_years=vision.horizon_years,
                        statement=" ".join(words[:length]),
                        accomplishments=template.accomplishments[: 1 + number % 3],
                        bridge_plan=template.bridge_plan,
                    )
                )
        VisionRevision.objects.bulk_create(rows, batch_size=BATCH)
        Vision.objects.filter(pk__in=[v.pk for v in visions]).update(version=count)

    def goals(self, visions, per_vision: int, actions: int) -> None:
        today = timezone.localdate()
        slugs = [value.slug for value in WORK_VALUES]
        statuses = [GoalStatus.DONE, GoalStatus.IN_PROGRESS, GoalStatus.PLANNED, GoalStatus.PLANNED]
        goal_rows = []
        for vision in visions:
            for n in range(per_vision):
                title, kind = GOAL_TITLES[n % len(GOAL_TITLES)]
                goal_rows.append(
                    Goal(
                        vision=vision,
                        title=f"{title} ({n + 1})",
                        kind=kind,
                        measure="Something I can show someone",
                        target_date=today + timedelta(days=30 * n - 60),
                        status=statuses[n % len(statuses)],
                        values=self.rng.sample(slugs, 2),
                        position=n,
                    )
                )
        goal_rows = Goal.objects.bulk_create(goal_rows, batch_size=BATCH)
        action_rows = []
        for goal in goal_rows:
            for n in range(actions):
                due = goal.target_date - timedelta(days=14 * (actions - n))
                action_rows.append(
                    Action(
                        goal=goal,
                        title=ACTION_TITLES[n % len(ACTION_TITLES)],
                        due_date=due,
                        done_on=due if due < today else None,
                        position=n,
                    )
                )
        Action.objects.bulk_create(action_rows, batch_size=BATCH)

    def shares(self, visions, coach: User) -> None:
        now = timezone.now()
        Share.objects.bulk_create(
            [
                Share(
                    vision=vision,
                    email=coach.email,
                    coach=coach,
                    status=ShareStatus.ACTIVE,
                    expires_at=now + timedelta(days=14),
                    accepted_at=now,
                )
                for vision in visions
            ],
            batch_size=BATCH,
        )

    def comments(self, visions, coach: User, count: int) -> None:
        """A conversation on each client's vision; the coach has read the
        older half of them, so the dashboard shows unread markers."""
        now = timezone.now()
        rows, marks = [], []
        for index, vision in enumerate(visions):
            for n in range(count):
                rows.append(
                    Comment(
                        vision=vision,
                        author_id=coach.pk if n % 2 == 0 else vision.owner_id,
                        body=COMMENTS[n % len(COMMENTS)],
                        created_at=now - timedelta(days=count - n),
                    )
                )
            if index % 2 == 0:
                marks.append(CommentReadMark(user=coach, vision=vision, read_at=now))
            else:
                marks.append(
                    CommentReadMark(user=coach, vision=vision, read_at=now - timedelta(days=2))
                )
        Comment.objects.bulk_create(rows, batch_size=BATCH)
        CommentReadMark.objects.bulk_create(marks, batch_size=BATCH)
