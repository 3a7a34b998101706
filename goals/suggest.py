"""Stepping-stone goals proposed for a vision, for the person to accept or change.

A pure function of the vision's data and the date it is asked on: no
database, no network, no randomness, so the same vision on the same day always
gives the same proposals, and tests can fix the day.

What it proposes, in the order a person meets it:

- the first 90 days: one goal with three actions, a month apart, shaped by
  the direction they chose (exploring when they have not chosen one);
- up to two skills to build, in year 1, and a certificate in the first of them
  by year 2 when access to training is a must;
- a safety net of savings in year 1 when job security matters a great deal;
- one milestone per accomplishment of the vision, spread evenly over the
  years so that the last one lands at the horizon;
- at the horizon: where the direction leads (or, with no direction, a review
  of the vision) and the pay they want to reach;
- a small goal for each top value that nothing else serves yet.

Year milestones fall on today's day and month, N years on (29 February
becomes 28 February), so nothing is due before today or after the horizon.

Free text goes in as the person wrote it: as a title of its own, after a
colon or in quotation marks, so it is never re-cased. It is shortened, with
"…", only when it would not fit the goal's fields.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from goals.models import GoalKind
from visions.models import HORIZON_MAX_YEARS, HORIZON_MIN_YEARS
from visions.money import pay_text
from visions.reading import answer_code, own_words, step_answers
from visions.steps import STEPS_BY_SLUG, answers_profile, step_number

# The lengths of Goal.title, Goal.measure and Action.title.
TITLE_MAX = 160
MEASURE_MAX = 300
ACTION_MAX = 200
SOURCE_WORDS_MAX = 60

SKILLS_PROPOSED = 2
# What people type to start a list line: hyphen, star, bullet, en and em dashes.
BULLETS = "-*\u2022\u2013\u2014 \t"

DIRECTIONS = ("upward", "lateral", "own_business", "several_jobs", "deepen", "unsure")
# The order in which explore words are used: the most concrete first.
EXPLORE_FIELDS = ("roles", "domains", "industries")

# A skill line is a skill to build when it says "to build" or "to learn"
# anywhere, or starts with the verb "learn" ("Learn Spanish"). Conservative on
# purpose: "Learning design" names a skill, it does not ask to learn one.
TO_BUILD = re.compile(r"\bto (?:build|learn)\b|^learn\s", re.IGNORECASE)
# The marker is dropped from the skill's name when it stands apart from it:
# "Instructional design (to build)", "Public speaking - to learn".
TO_BUILD_MARKER = re.compile(
    r"\s*[(\[]\s*to (?:build|learn)\s*[)\]]|\s*[-\u2013\u2014,:;]\s*to (?:build|learn)\s*$",
    re.IGNORECASE,
)

# Which work values a kind of goal serves in itself.
KIND_VALUES = {
    GoalKind.SKILL: {"achievement"},
    GoalKind.CREDENTIAL: {"achievement"},
    GoalKind.NETWORK: {"relationships"},
    GoalKind.ROLE_MOVE: set(),
    GoalKind.FINANCES: {"working_conditions"},
    GoalKind.LIFE: set(),
}
# Which work values each direction of progression serves.
DIRECTION_VALUES = {
    "upward": {"recognition"},
    "lateral": {"achievement"},
    "own_business": {"independence"},
    "several_jobs": {"independence", "working_conditions"},
    "deepen": {"achievement", "support"},
    "unsure": set(),
}
# Words in the person's own text that show a value it serves. Each pattern
# matches at the start of a word: "lead" finds "leading", not "mislead".
KEYWORD_VALUES = [
    (
        "recognition",
        r"talk|speak|keynote|conference|present|publish|books?\b|award|prize|promot|title|lead|"
        r"senior|head of|director|known|recogni",
    ),
    ("relationships", r"mentor|teach|help|coach|volunteer|communit"),
    (
        "independence",
        r"own business|my own|freelanc|independen|self-employ|founder|co-found|start-?up",
    ),
    (
        "working_conditions",
        r"pay|salar|income|earn|secur|stab|saving|remote|from home|part-time|four days|flexib",
    ),
]
# The kind of an accomplishment's milestone, from its words; the first match
# wins, and anything else is taken as a skill put to use.
KEYWORD_KINDS = [
    (
        GoalKind.CREDENTIAL,
        r"certif|diploma|degree|qualif|licen|accredit|mba|master's|bachelor",
    ),
    (
        GoalKind.ROLE_MOVE,
        r"role|job|position|promot|lead|manag|head of|director|chief|principal|senior|hired",
    ),
    (GoalKind.FINANCES, r"pay|salar|income|earn|saving|debt|mortgage|pension"),
    (GoalKind.NETWORK, r"talk|speak|keynote|conference|mentor|network|communit|meetup"),
    (GoalKind.LIFE, r"home|house|garden|family|move to|relocat|health|part-time|four days"),
]


@dataclass(frozen=True)
class ActionProposal:
    title: str
    due_date: date


@dataclass(frozen=True)
class GoalProposal:
    key: str  # stable id for the form, unique within one list of proposals
    title: str
    description: str  # one or two plain sentences: why this goal, where it came from
    kind: str  # a GoalKind value
    measure: str  # how the person will know it is done
    target_date: date
    values: list[str]  # slugs of the top values it serves, strongest first
    actions: list[ActionProposal]
    source: str  # where it came from, for the person


@dataclass(frozen=True)
class _Plan:
    """What a goal is before it is tagged with the values it serves."""

    key: str
    title: str
    description: str
    kind: str
    measure: str
    target_date: date
    actions: list[ActionProposal]
    source: str
    serves: frozenset[str] = frozenset()  # values it serves beyond its kind
    words: str = ""  # the person's words in it, read for values


def goals_suggest(
    *, horizon_years: int, accomplishments: list[str], answers: dict, today: date
) -> list[GoalProposal]:
    """The proposed goals for a vision, sorted by target date, then by key."""
    # The model validates the horizon; a stray value should not break the page.
    years = min(max(horizon_years, HORIZON_MIN_YEARS), HORIZON_MAX_YEARS)
    direction = step_answers(answers, "direction")
    way = answer_code(direction, "direction")
    skills = _skills_to_build(step_answers(answers, "skills").get("skills"))

    plans = [_first_days(direction, today)]
    plans += _skill_plans(skills, today)
    if skills and answer_code(step_answers(answers, "environment"), "training") == "must":
        plans.append(_credential(skills[0], today, years))
    if answer_code(step_answers(answers, "pay"), "security") == "high":
        plans.append(_safety_net(today))
    plans += _accomplishment_plans(accomplishments, today, years)
    if way in DIRECTIONS and way != "unsure":
        plans.append(_destination(way, direction, today, years))
    else:
        plans.append(_review(today, years))
    if pay := pay_text(step_answers(answers, "pay")):
        plans.append(_finances(pay, today, years))

    top = _top_values(answers)
    proposals = [_tagged(plan, top) for plan in plans]
    for value in top:
        if not any(value.slug in proposal.values for proposal in proposals):
            proposals.append(_tagged(_value_plan(value, today), top))
    return sorted(proposals, key=lambda proposal: (proposal.target_date, proposal.key))


# Dates


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February, in a year that has none
        return day.replace(year=day.year + years, day=28)


def _days_after(day: date, days: int) -> date:
    return day + timedelta(days=days)


# The person's answers


def _top_values(answers: dict) -> list:
    stored = {
        "values": step_answers(answers, "values"),
        "most-important": step_answers(answers, "most-important"),
    }
    picked = stored["most-important"].get("most_important")
    stored["most-important"] = {"most_important": picked if isinstance(picked, list) else []}
    profile = answers_profile(stored)
    return list(profile.top) if profile is not None else []


def _skills_to_build(text: object) -> list[str]:
    """The first skills marked as ones to build, named without the marker."""
    if not isinstance(text, str):
        return []
    names: list[str] = []
    for line in text.splitlines():
        skill = line.strip().lstrip(BULLETS)
        if not TO_BUILD.search(skill):
            continue
        name = own_words(TO_BUILD_MARKER.sub("", skill))
        if name and name not in names:
            names.append(name)
    return names[:SKILLS_PROPOSED]


def _explore(direction: dict) -> tuple[str, str]:
    """The first of roles, domains and industries the person wants to explore."""
    for field in EXPLORE_FIELDS:
        if words := own_words(direction.get(field)):
            return field, words
    return "", ""


# Text


def _shorten(text: str, limit: int) -> str:
    """The text cut at a word to fit `limit` characters, "…" showing the cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut.strip():
        cut = cut.rstrip().rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-") + "…"


def _within(limit: int, template: str, **words: str) -> str:
    """The template filled in, the longest of the person's words shortened if
    the whole would not fit `limit` characters."""
    text = template % words
    if len(text) > limit and words:
        longest = max(words, key=lambda name: len(words[name]))
        room = max(len(words[longest]) - (len(text) - limit), 1)
        text = template % {**words, longest: _shorten(words[longest], room)}
    return _shorten(text, limit)


def _from_step(slug: str) -> str:
    step = STEPS_BY_SLUG[slug]
    return _("From %(step)s (step %(number)d)") % {"step": step.title, "number": step_number(step)}


def _from_steps(first_slug: str, second_slug: str) -> str:
    first, second = STEPS_BY_SLUG[first_slug], STEPS_BY_SLUG[second_slug]
    return _("From %(first)s and %(second)s (steps %(first_number)d and %(second_number)d)") % {
        "first": first.title,
        "second": second.title,
        "first_number": step_number(first),
        "second_number": step_number(second),
    }


# Values


def _serves(plan: _Plan) -> set[str]:
    served = set(KIND_VALUES[plan.kind]) | set(plan.serves)
    words = plan.words.lower()
    for value, pattern in KEYWORD_VALUES:
        if re.search(rf"\b(?:{pattern})", words):
            served.add(value)
    return served


def _tagged(plan: _Plan, top: list) -> GoalProposal:
    served = _serves(plan)
    return GoalProposal(
        key=plan.key,
        title=plan.title,
        description=plan.description,
        kind=str(plan.kind),
        measure=plan.measure,
        target_date=plan.target_date,
        values=[value.slug for value in top if value.slug in served],
        actions=list(plan.actions),
        source=plan.source,
    )


# The goals


def _talk_text(direction: dict, fallback: str) -> str:
    """A conversation with someone in what they want to explore, in their words."""
    templates = {
        "roles": _("Talk to someone in a role you want to explore: %(words)s"),
        "domains": _("Talk to someone in a domain you want to explore: %(words)s"),
        "industries": _("Talk to someone in an industry you want to explore: %(words)s"),
    }
    field, words = _explore(direction)
    if not field:
        return fallback
    return _within(ACTION_MAX, templates[field], words=words)


def _first_days(direction: dict, today: date) -> _Plan:
    """Three small steps, a month apart, for the way the person wants to progress.
    Each way has one conversation among them (None below), which names what
    the person wants to explore when they said."""
    way = answer_code(direction, "direction")
    if way not in DIRECTIONS:
        way = "unsure"
    plans = {
        "upward": (
            _("First 90 days: find out what the next step up takes"),
            GoalKind.ROLE_MOVE,
            _("You know what the next role asks for and what you still need to show."),
            _("Talk to someone who already does the job you want next"),
            [
                _("Ask your manager what the next level up needs from you"),
                None,
                _("Take on one task from the level above, with your manager's agreement"),
            ],
        ),
        "lateral": (
            _("First 90 days: get a close look at the new specialism"),
            GoalKind.NETWORK,
            _("You have seen the new specialism up close and finished an introductory course."),
            _("Talk to someone who works in the specialism you want"),
            [
                None,
                _("Ask to shadow someone in that specialism for a day"),
                _("Finish an introductory course in the new specialism"),
            ],
        ),
        "own_business": (
            _("First 90 days: test your business idea"),
            GoalKind.ROLE_MOVE,
            _(
                "Five potential clients have told you whether they would pay, and you know how "
                "many months your savings would carry you."
            ),
            _("Talk to someone who runs a business like the one you want"),
            [
                _("Ask five potential clients whether they would pay for your idea"),
                _("Work out your runway: how many months your savings cover your costs"),
                None,
            ],
        ),
        "several_jobs": (
            _("First 90 days: get a clear picture of your jobs"),
            GoalKind.FINANCES,
            _("The hours and income of each job are on one page, and you know which to grow."),
            _("Talk to someone who combines jobs the way you want to"),
            [
                _("Write down the hours and income of each job, month by month"),
                _("Decide which job to grow and which to keep as it is"),
                None,
            ],
        ),
        "deepen": (
            _("First 90 days: agree how you will grow where you are"),
            GoalKind.SKILL,
            _("A development plan, agreed with your manager, is written down."),
            _("Talk to someone a few years ahead of you in your line of work"),
            [
                _("Ask your manager for a conversation about how you can grow in your job"),
                _("Agree a development plan and write it down"),
                None,
            ],
        ),
        "unsure": (
            _("First 90 days: explore your options"),
            GoalKind.NETWORK,
            _("You have held three conversations and chosen one direction to try first."),
            _("Ask three people whose work interests you for a short conversation"),
            [
                None,
                _("Hold three informational conversations and note what draws you in"),
                _("Choose one direction to try first"),
            ],
        ),
    }
    title, kind, measure, talk, steps = plans[way]
    talk = _talk_text(direction, talk)
    dues = [_days_after(today, days) for days in (30, 60, 90)]
    _field, words = _explore(direction)
    answered = answer_code(direction, "direction") in DIRECTIONS or words
    return _Plan(
        key="first-90-days",
        title=title,
        description=_(
            "Three small steps, about a month apart, so your vision turns into action this season."
        ),
        kind=kind,
        measure=measure,
        target_date=dues[-1],
        actions=[ActionProposal(step or talk, due) for step, due in zip(steps, dues, strict=True)],
        source=_from_step("direction") if answered else _("A place to start, whichever way you go"),
        serves=frozenset(DIRECTION_VALUES[way]),
        words=words,
    )


def _skill_plans(skills: list[str], today: date) -> list[_Plan]:
    return [
        _Plan(
            key=f"skill-{number}",
            title=_within(TITLE_MAX, _("Build a skill: %(skill)s"), skill=skill),
            description=_(
                "You named this as a skill you want to build. A course gives you the basics; "
                "using it on real work makes it yours."
            ),
            kind=GoalKind.SKILL,
            measure=_within(
                MEASURE_MAX,
                _("A finished piece of real work that uses this skill: %(skill)s"),
                skill=skill,
            ),
            target_date=_years_after(today, 1),
            actions=[
                ActionProposal(
                    _within(
                        ACTION_MAX,
                        _("Choose a course, a book or a teacher for this skill: %(skill)s"),
                        skill=skill,
                    ),
                    _days_after(today, 60),
                ),
                ActionProposal(
                    _within(
                        ACTION_MAX,
                        _("Use it on a real project, at work or on your own: %(skill)s"),
                        skill=skill,
                    ),
                    _days_after(today, 270),
                ),
            ],
            source=_from_step("skills"),
            words=skill,
        )
        for number, skill in enumerate(skills, start=1)
    ]


def _credential(skill: str, today: date, years: int) -> _Plan:
    """Access to training is a must: a certificate in the first skill to build."""
    return _Plan(
        key="credential",
        title=_within(TITLE_MAX, _("Earn a certificate: %(skill)s"), skill=skill),
        description=_(
            "Access to training is a must for you, and this is a skill you want to build. A "
            "recognised certificate shows it to employers and clients too."
        ),
        kind=GoalKind.CREDENTIAL,
        measure=_("Certificate received."),
        target_date=_years_after(today, min(2, years)),
        actions=[
            ActionProposal(
                _within(
                    ACTION_MAX,
                    _("Find a recognised course that ends with a certificate: %(skill)s"),
                    skill=skill,
                ),
                _days_after(today, 60),
            ),
            ActionProposal(
                _("Ask your employer to pay for the course or to give you time for it"),
                _days_after(today, 90),
            ),
        ],
        source=_from_steps("skills", "environment"),
        # An employer that trains its people is what the Support value is about.
        serves=frozenset({"support"}),
        words=skill,
    )


def _safety_net(today: date) -> _Plan:
    """Job security matters a great deal: savings that make any change less risky.
    A goal of its own, so that the first 90 days keep to three steps."""
    return _Plan(
        key="safety-net",
        title=_("Build a safety net of savings"),
        description=_(
            "A steady, secure job matters a great deal to you. Savings that cover a few months "
            "make every change you plan less of a risk."
        ),
        kind=GoalKind.FINANCES,
        measure=_("Savings that cover three months of your costs."),
        target_date=_years_after(today, 1),
        actions=[
            ActionProposal(
                _("Work out what three months of your costs come to"), _days_after(today, 30)
            ),
            ActionProposal(
                _("Set up a monthly transfer into a separate savings account"),
                _days_after(today, 60),
            ),
        ],
        source=_from_step("pay"),
    )


def _accomplishment_kind(words: str) -> str:
    lowered = words.lower()
    for kind, pattern in KEYWORD_KINDS:
        if re.search(rf"\b(?:{pattern})", lowered):
            return kind
    return GoalKind.SKILL


def _accomplishment_plans(accomplishments: list[str], today: date, years: int) -> list[_Plan]:
    """One milestone per accomplishment, the n-th of `count` in year
    ceil(n × years / count): evenly spread, the last at the horizon."""
    items: list[str] = []
    for item in accomplishments if isinstance(accomplishments, list) else []:
        if (words := own_words(item)) and words not in items:
            items.append(words)
    count = len(items)
    spread = (
        _(
            "Your accomplishments are spread evenly over your horizon; change the date if this one "
            "can come sooner."
        )
        if count > 1
        else _("It is planned for the end of your horizon; change the date if it can come sooner.")
    )
    plans = []
    for number, words in enumerate(items, start=1):
        year = -(-number * years // count)
        plans.append(
            _Plan(
                key=f"accomplishment-{number:02d}",
                title=_shorten(words, TITLE_MAX),
                description=_(
                    "You named this as one of the accomplishments that would show your vision "
                    "came true."
                )
                + " "
                + spread,
                kind=_accomplishment_kind(words),
                measure=_within(
                    MEASURE_MAX,
                    _("You could show someone that this is done: %(accomplishment)s"),
                    accomplishment=words,
                ),
                target_date=_years_after(today, year),
                actions=[],
                source=_("From your accomplishment “%(accomplishment)s”")
                % {"accomplishment": _shorten(words, SOURCE_WORDS_MAX)},
                words=words,
            )
        )
    return plans


def _destination(way: str, direction: dict, today: date, years: int) -> _Plan:
    """Where the chosen direction leads, at the horizon."""
    roles = own_words(direction.get("roles"))
    titles = {
        "upward": (_("In the role you aim for"), _("In a role you aim for: %(roles)s")),
        "lateral": (
            _("Working in your new specialism"),
            _("Working in a role you chose to explore: %(roles)s"),
        ),
        "own_business": (
            _("Running your own business"),
            _("Running your own business, working as: %(roles)s"),
        ),
        "several_jobs": (
            _("A mix of jobs that works for you"),
            _("A mix of jobs that works for you, among them: %(roles)s"),
        ),
        "deepen": (
            _("Deeper in the work you do now"),
            _("Deeper in the work you do now, as: %(roles)s"),
        ),
    }
    measures = {
        "upward": _("You have the title and the responsibilities of the role you aim for."),
        "lateral": _("You spend most of your working week in the new specialism."),
        "own_business": _(
            "Your business has paying clients and has covered your costs for six months in a row."
        ),
        "several_jobs": _("Together, your jobs give you the income and the hours you want."),
        "deepen": _("You hold the responsibilities your development plan aimed for."),
    }
    plain, with_roles = titles[way]
    return _Plan(
        key="direction",
        title=_within(TITLE_MAX, with_roles, roles=roles) if roles else plain,
        description=_("Where the direction you chose leads, by the end of your horizon."),
        kind=GoalKind.ROLE_MOVE,
        measure=measures[way],
        target_date=_years_after(today, years),
        actions=[],
        source=_from_step("direction"),
        serves=frozenset(DIRECTION_VALUES[way]),
        words=roles,
    )


def _review(today: date, years: int) -> _Plan:
    """With no direction chosen, the horizon is a time to look back and choose again."""
    return _Plan(
        key="review",
        title=_("Review where you are against your vision"),
        description=_(
            "At the end of your horizon, look back at what came true, and decide what comes next."
        ),
        kind=GoalKind.LIFE,
        measure=_(
            "You have read your vision again, noted what came true and written what is next."
        ),
        target_date=_years_after(today, years),
        # A look back after a year, or half way through a one-year horizon.
        actions=[
            ActionProposal(
                _("Read your vision again and adjust these goals"),
                _years_after(today, 1) if years > 1 else _days_after(today, 180),
            )
        ],
        source=ngettext(
            "From your horizon of %(years)d year", "From your horizon of %(years)d years", years
        )
        % {"years": years},
    )


def _finances(pay: str, today: date, years: int) -> _Plan:
    return _Plan(
        key="finances",
        title=_within(TITLE_MAX, _("Reach %(pay)s"), pay=pay),
        description=_("The pay you said you want to reach, by the end of your horizon."),
        kind=GoalKind.FINANCES,
        measure=_within(
            MEASURE_MAX, _("Your contract, payslips or accounts show at least %(pay)s."), pay=pay
        ),
        target_date=_years_after(today, years),
        actions=[
            ActionProposal(
                _("Find out what the work you aim for pays, from at least three sources"),
                _days_after(today, 120),
            )
        ],
        source=_from_step("pay"),
    )


def _value_plan(value, today: date) -> _Plan:
    """A small goal for a top value that no other goal serves yet."""
    goals = {
        "achievement": (
            _("Take on one piece of work that stretches you"),
            GoalKind.SKILL,
            _("The work is finished, and you can name what it taught you."),
            _("Choose the piece of work and tell someone you are doing it"),
        ),
        "independence": (
            _("Run one piece of work your own way"),
            GoalKind.SKILL,
            _("You planned it, decided how to do it, and finished it."),
            _("Agree on one piece of work you will plan and decide on yourself"),
        ),
        "recognition": (
            _("Show your work beyond your team"),
            GoalKind.NETWORK,
            _("You have presented or published one piece of your work outside your team."),
            _("Pick a piece of work and a place to show it: a meeting, a blog, a meetup"),
        ),
        "relationships": (
            _("Find a mentor or a peer group"),
            GoalKind.NETWORK,
            _("You have met a mentor or a peer group three times."),
            _("Ask one person whose work you admire for a first conversation"),
        ),
        "support": (
            _("Find out what support your workplace offers"),
            GoalKind.NETWORK,
            _("You know what training and mentoring are on offer, and have asked for one."),
            _("Ask your manager or HR what training and mentoring are on offer"),
        ),
        "working_conditions": (
            _("Check that your pay and conditions fit what you need"),
            GoalKind.FINANCES,
            _("You have compared your pay and conditions with three similar jobs."),
            _("Look up what three similar jobs pay and offer"),
        ),
    }
    title, kind, measure, action = goals[value.slug]
    return _Plan(
        key=f"value-{value.slug}",
        title=title,
        description=_(
            "%(value)s is one of your top values, and no other goal serves it yet. A small goal "
            "keeps it in view."
        )
        % {"value": value.name},
        kind=kind,
        measure=measure,
        target_date=_days_after(today, 180),
        actions=[ActionProposal(action, _days_after(today, 60))],
        source=_("From your top value: %(value)s") % {"value": value.name},
        serves=frozenset({value.slug}),
    )
