import copy
from datetime import date

import pytest

from goals.management.commands.seed_demo import SAM_ANSWERS, SAM_REVISIONS
from goals.models import GoalKind
from goals.suggest import ActionProposal, GoalProposal, goals_suggest
from visions.steps import STEPS_BY_SLUG, answers_profile
from visions.values import NEEDS

SAM_ACCOMPLISHMENTS = SAM_REVISIONS[-1]["accomplishments"]
SAM_TODAY = date(2026, 11, 23)
LEAP_DAY = date(2028, 2, 29)


def outline(proposals: list[GoalProposal]) -> list[tuple]:
    """What a person sees first of each proposal: key, title, kind, date, values, actions."""
    return [
        (
            p.key,
            p.title,
            p.kind,
            p.target_date,
            p.values,
            [(a.title, a.due_date) for a in p.actions],
        )
        for p in proposals
    ]


def stored(answers: dict) -> dict:
    """Answers as the questionnaire stores them: through each step's form."""
    result = {}
    for slug, data in answers.items():
        form = STEPS_BY_SLUG[slug].form_class(data)
        assert form.is_valid(), form.errors
        result[slug] = form.answers()
    return result


def years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def ratings(*top: str) -> dict:
    """Every need rated: "essential" for the needs of the given values, "not important" else."""
    return {need.slug: 5 if need.value in top else 1 for need in NEEDS}


SAM_OUTLINE = [
    (
        "first-90-days",
        "First 90 days: get a close look at the new specialism",
        "network",
        date(2027, 2, 21),
        ["achievement", "relationships"],
        [
            (
                "Talk to someone in a role you want to explore: Instructional designer, "
                "customer education lead",
                date(2026, 12, 23),
            ),
            ("Ask to shadow someone in that specialism for a day", date(2027, 1, 22)),
            ("Finish an introductory course in the new specialism", date(2027, 2, 21)),
        ],
    ),
    (
        "skill-1",
        "Build a skill: Instructional design",
        "skill",
        date(2027, 11, 23),
        ["achievement"],
        [
            (
                "Choose a course, a book or a teacher for this skill: Instructional design",
                date(2027, 1, 22),
            ),
            (
                "Use it on a real project, at work or on your own: Instructional design",
                date(2027, 8, 20),
            ),
        ],
    ),
    (
        "skill-2",
        "Build a skill: Facilitating workshops",
        "skill",
        date(2027, 11, 23),
        ["achievement"],
        [
            (
                "Choose a course, a book or a teacher for this skill: Facilitating workshops",
                date(2027, 1, 22),
            ),
            (
                "Use it on a real project, at work or on your own: Facilitating workshops",
                date(2027, 8, 20),
            ),
        ],
    ),
    (
        "accomplishment-01",
        "A course used by thousands of customers",
        "skill",
        date(2028, 11, 23),
        ["achievement"],
        [],
    ),
    (
        "credential",
        "Earn a certificate: Instructional design",
        "credential",
        date(2028, 11, 23),
        ["achievement"],
        [
            (
                "Find a recognised course that ends with a certificate: Instructional design",
                date(2027, 1, 22),
            ),
            (
                "Ask your employer to pay for the course or to give you time for it",
                date(2027, 2, 21),
            ),
        ],
    ),
    (
        "accomplishment-02",
        "A talk at a learning conference",
        "network",
        date(2030, 11, 23),
        ["relationships"],
        [],
    ),
    (
        "accomplishment-03",
        "Two newcomers to the field mentored",
        "network",
        date(2031, 11, 23),
        ["relationships"],
        [],
    ),
    (
        "direction",
        "Working in a role you chose to explore: Instructional designer, customer education lead",
        "role_move",
        date(2031, 11, 23),
        ["achievement"],
        [],
    ),
    (
        "finances",
        "Reach EUR 52,000 a year",
        "finances",
        date(2031, 11, 23),
        [],
        [
            (
                "Find out what the work you aim for pays, from at least three sources",
                date(2027, 3, 23),
            )
        ],
    ),
]


def sam_suggest(**changes) -> list[GoalProposal]:
    vision = {
        "horizon_years": 5,
        "accomplishments": SAM_ACCOMPLISHMENTS,
        "answers": SAM_ANSWERS,
        "today": SAM_TODAY,
        **changes,
    }
    return goals_suggest(**vision)


def test_the_demo_vision_gets_its_stepping_stones():
    assert outline(sam_suggest()) == SAM_OUTLINE


def test_the_demo_answers_as_stored_give_the_same_proposals():
    # Stored answers hold ratings as ints and the pay as "52000"; the demo's
    # literal answers hold strings. Both give the same goals.
    assert sam_suggest(answers=stored(SAM_ANSWERS)) == sam_suggest()


def test_each_demo_proposal_says_why_and_where_it_came_from():
    by_key = {p.key: p for p in sam_suggest()}

    talk = by_key["accomplishment-02"]
    assert talk.description == (
        "You named this as one of the accomplishments that would show your vision came true. "
        "Your accomplishments are spread evenly over your horizon; change the date if this one "
        "can come sooner."
    )
    assert talk.measure == (
        "You could show someone that this is done: A talk at a learning conference"
    )
    assert talk.source == "From your accomplishment “A talk at a learning conference”"
    assert by_key["first-90-days"].source == "From Direction (step 9)"
    assert by_key["skill-1"].measure == (
        "A finished piece of real work that uses this skill: Instructional design"
    )
    assert by_key["credential"].source == "From Skills and style and Environment (steps 6 and 8)"
    assert by_key["finances"].measure == (
        "Your contract, payslips or accounts show at least EUR 52,000 a year."
    )
    assert by_key["finances"].source == "From Pay and security (step 7)"


def test_an_empty_vision_still_gets_a_start_and_a_review():
    proposals = goals_suggest(horizon_years=1, accomplishments=[], answers={}, today=LEAP_DAY)

    assert outline(proposals) == [
        (
            "first-90-days",
            "First 90 days: explore your options",
            "network",
            date(2028, 5, 29),
            [],
            [
                (
                    "Ask three people whose work interests you for a short conversation",
                    date(2028, 3, 30),
                ),
                (
                    "Hold three informational conversations and note what draws you in",
                    date(2028, 4, 29),
                ),
                ("Choose one direction to try first", date(2028, 5, 29)),
            ],
        ),
        (
            "review",
            "Review where you are against your vision",
            "life",
            date(2029, 2, 28),
            [],
            [("Read your vision again and adjust these goals", date(2028, 8, 27))],
        ),
    ]
    assert [p.source for p in proposals] == [
        "A place to start, whichever way you go",
        "From your horizon of 1 year",
    ]


def test_a_leap_day_lands_on_the_leap_day_when_the_horizon_year_has_one():
    proposals = goals_suggest(horizon_years=4, accomplishments=[], answers={}, today=LEAP_DAY)

    assert [(p.key, p.target_date) for p in proposals] == [
        ("first-90-days", date(2028, 5, 29)),
        ("review", date(2032, 2, 29)),
    ]
    assert proposals[1].actions == [
        ActionProposal("Read your vision again and adjust these goals", date(2029, 2, 28))
    ]


def test_upward_with_roles_uses_their_words_as_written():
    answers = {
        "direction": {
            "direction": "upward",
            "roles": "Team lead, engineering manager",
            "domains": "",
            "industries": "",
        }
    }
    proposals = goals_suggest(
        horizon_years=3,
        accomplishments=["Leading a team of five"],
        answers=answers,
        today=date(2027, 1, 31),
    )

    assert outline(proposals) == [
        (
            "first-90-days",
            "First 90 days: find out what the next step up takes",
            "role_move",
            date(2027, 5, 1),
            [],
            [
                ("Ask your manager what the next level up needs from you", date(2027, 3, 2)),
                (
                    "Talk to someone in a role you want to explore: Team lead, engineering manager",
                    date(2027, 4, 1),
                ),
                (
                    "Take on one task from the level above, with your manager's agreement",
                    date(2027, 5, 1),
                ),
            ],
        ),
        ("accomplishment-01", "Leading a team of five", "role_move", date(2030, 1, 31), [], []),
        (
            "direction",
            "In a role you aim for: Team lead, engineering manager",
            "role_move",
            date(2030, 1, 31),
            [],
            [],
        ),
    ]


def test_own_business_without_roles_gets_plain_steps():
    answers = {"direction": {"direction": "own_business", "roles": "", "domains": ""}}
    proposals = goals_suggest(
        horizon_years=3, accomplishments=[], answers=answers, today=date(2026, 6, 1)
    )

    assert outline(proposals) == [
        (
            "first-90-days",
            "First 90 days: test your business idea",
            "role_move",
            date(2026, 8, 30),
            [],
            [
                (
                    "Ask five potential clients whether they would pay for your idea",
                    date(2026, 7, 1),
                ),
                (
                    "Work out your runway: how many months your savings cover your costs",
                    date(2026, 7, 31),
                ),
                (
                    "Talk to someone who runs a business like the one you want",
                    date(2026, 8, 30),
                ),
            ],
        ),
        ("direction", "Running your own business", "role_move", date(2029, 6, 1), [], []),
    ]


def test_explore_words_come_from_roles_then_domains_then_industries():
    def first_action(direction: dict) -> str:
        answers = {"direction": {"direction": "lateral", **direction}}
        [start, *_] = goals_suggest(
            horizon_years=2, accomplishments=[], answers=answers, today=SAM_TODAY
        )
        return start.actions[0].title

    assert first_action({"industries": "renewable energy", "domains": "data"}) == (
        "Talk to someone in a domain you want to explore: data"
    )
    assert first_action({"industries": "renewable energy."}) == (
        "Talk to someone in an industry you want to explore: renewable energy"
    )
    assert first_action({"roles": "  "}) == "Talk to someone who works in the specialism you want"


def test_a_ten_year_horizon_spreads_the_accomplishments_to_its_end():
    proposals = sam_suggest(horizon_years=10)

    assert [(p.key, p.target_date) for p in proposals if p.key.startswith("accomplishment")] == [
        ("accomplishment-01", date(2030, 11, 23)),
        ("accomplishment-02", date(2033, 11, 23)),
        ("accomplishment-03", date(2036, 11, 23)),
    ]
    assert [(p.key, p.target_date) for p in proposals][-2:] == [
        ("direction", date(2036, 11, 23)),
        ("finances", date(2036, 11, 23)),
    ]


def test_a_one_year_horizon_keeps_everything_within_the_year():
    proposals = sam_suggest(horizon_years=1)

    assert [(p.key, p.target_date) for p in proposals] == [
        ("first-90-days", date(2027, 2, 21)),
        ("accomplishment-01", date(2027, 11, 23)),
        ("accomplishment-02", date(2027, 11, 23)),
        ("accomplishment-03", date(2027, 11, 23)),
        ("credential", date(2027, 11, 23)),
        ("direction", date(2027, 11, 23)),
        ("finances", date(2027, 11, 23)),
        ("skill-1", date(2027, 11, 23)),
        ("skill-2", date(2027, 11, 23)),
    ]


def test_no_pay_means_no_finances_goal_and_high_security_a_safety_net():
    answers = copy.deepcopy(SAM_ANSWERS)
    answers["pay"] = {"pay_amount": None, "pay_currency": "", "security": "high"}
    proposals = sam_suggest(answers=answers)

    assert [p.key for p in proposals] == [
        "first-90-days",
        "safety-net",
        "skill-1",
        "skill-2",
        "accomplishment-01",
        "credential",
        "accomplishment-02",
        "accomplishment-03",
        "direction",
    ]
    [safety_net] = [p for p in proposals if p.key == "safety-net"]
    assert (safety_net.title, safety_net.kind, safety_net.target_date) == (
        "Build a safety net of savings",
        "finances",
        date(2027, 11, 23),
    )
    assert safety_net.actions == [
        ActionProposal("Work out what three months of your costs come to", date(2026, 12, 23)),
        ActionProposal(
            "Set up a monthly transfer into a separate savings account", date(2027, 1, 22)
        ),
    ]


def test_a_certificate_needs_both_training_as_a_must_and_a_skill_to_build():
    answers = copy.deepcopy(SAM_ANSWERS)
    answers["skills"]["skills"] = "Explaining complex things simply\nVideo editing"
    assert "credential" not in [p.key for p in sam_suggest(answers=answers)]

    answers = copy.deepcopy(SAM_ANSWERS)
    answers["environment"]["training"] = "nice"
    keys = [p.key for p in sam_suggest(answers=answers)]
    assert "credential" not in keys
    assert "skill-1" in keys


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Instructional design (to build)", ["Build a skill: Instructional design"]),
        (
            "- Negotiation [to learn]\n• Public speaking - to build",
            [
                "Build a skill: Negotiation",
                "Build a skill: Public speaking",
            ],
        ),
        ("Learn Spanish", ["Build a skill: Learn Spanish"]),
        (
            "I want to build confidence speaking",
            ["Build a skill: I want to build confidence speaking"],
        ),
        # "Learning" names a skill; only the verb at the start marks one to learn.
        ("Learning design\nMachine learning\nLearned helplessness", []),
        (
            "A (to build)\nB (to build)\nC (to build)\nA (TO BUILD)",
            [
                "Build a skill: A",
                "Build a skill: B",
            ],
        ),
        ("(to build)", []),
    ],
)
def test_skills_to_build_are_the_lines_that_say_so(text, expected):
    proposals = goals_suggest(
        horizon_years=2, accomplishments=[], answers={"skills": {"skills": text}}, today=SAM_TODAY
    )
    assert [p.title for p in proposals if p.kind == GoalKind.SKILL] == expected


def test_every_top_value_is_served_with_a_small_goal_if_needed():
    answers = {"values": ratings("recognition", "support")}
    assert [v.slug for v in answers_profile(answers).top] == ["recognition", "support"]

    proposals = goals_suggest(horizon_years=5, accomplishments=[], answers=answers, today=SAM_TODAY)

    assert outline(proposals) == [
        (
            "first-90-days",
            "First 90 days: explore your options",
            "network",
            date(2027, 2, 21),
            [],
            [
                (
                    "Ask three people whose work interests you for a short conversation",
                    date(2026, 12, 23),
                ),
                (
                    "Hold three informational conversations and note what draws you in",
                    date(2027, 1, 22),
                ),
                ("Choose one direction to try first", date(2027, 2, 21)),
            ],
        ),
        (
            "value-recognition",
            "Show your work beyond your team",
            "network",
            date(2027, 5, 22),
            ["recognition"],
            [
                (
                    "Pick a piece of work and a place to show it: a meeting, a blog, a meetup",
                    date(2027, 1, 22),
                )
            ],
        ),
        (
            "value-support",
            "Find out what support your workplace offers",
            "network",
            date(2027, 5, 22),
            ["support"],
            [
                (
                    "Ask your manager or HR what training and mentoring are on offer",
                    date(2027, 1, 22),
                )
            ],
        ),
        (
            "review",
            "Review where you are against your vision",
            "life",
            date(2031, 11, 23),
            [],
            [("Read your vision again and adjust these goals", date(2027, 11, 23))],
        ),
    ]
    assert proposals[1].description == (
        "Recognition is one of your top values, and no other goal serves it yet. A small goal "
        "keeps it in view."
    )
    assert proposals[1].source == "From your top value: Recognition"


def test_one_small_goal_can_serve_two_unserved_values():
    # Relationships is served by the networking goal added for Recognition.
    answers = {"values": ratings("recognition", "relationships")}
    proposals = goals_suggest(horizon_years=5, accomplishments=[], answers=answers, today=SAM_TODAY)

    assert [(p.key, p.values) for p in proposals] == [
        ("first-90-days", ["relationships"]),
        ("value-recognition", ["recognition", "relationships"]),
        ("review", []),
    ]


def test_values_are_tagged_from_kind_direction_and_their_words():
    answers = {
        "values": ratings("independence", "recognition", "working_conditions"),
        "direction": {"direction": "own_business", "roles": "Freelance trainer"},
        "pay": {"pay_amount": "4200", "pay_currency": "CHF", "pay_period": "month"},
    }
    proposals = goals_suggest(
        horizon_years=2,
        accomplishments=["Speaking at a conference", "A garden to grow vegetables in"],
        answers=answers,
        today=SAM_TODAY,
    )

    assert [(p.key, p.kind, p.values) for p in proposals] == [
        ("first-90-days", "role_move", ["independence"]),
        ("accomplishment-01", "network", ["recognition"]),
        ("accomplishment-02", "life", []),
        ("direction", "role_move", ["independence"]),
        ("finances", "finances", ["working_conditions"]),
    ]
    assert proposals[-1].title == "Reach CHF 4,200 a month"


def test_long_text_is_shortened_to_fit_the_goal_fields():
    long = "A " + "very " * 80 + "long accomplishment"
    roles = "Head of " + "learning " * 30
    proposals = goals_suggest(
        horizon_years=2,
        accomplishments=[long],
        answers={"direction": {"direction": "upward", "roles": roles}},
        today=SAM_TODAY,
    )
    by_key = {p.key: p for p in proposals}

    assert by_key["accomplishment-01"].title == "A " + "very " * 30 + "very…"
    assert len(by_key["accomplishment-01"].title) <= 160
    assert len(by_key["accomplishment-01"].measure) <= 300
    assert by_key["accomplishment-01"].measure.startswith("You could show someone that this is")
    assert by_key["direction"].title.startswith("In a role you aim for: Head of learning")
    assert by_key["direction"].title.endswith("…")
    assert all(len(a.title) <= 200 for p in proposals for a in p.actions)


def test_their_words_are_kept_as_text():
    answers = {"direction": {"direction": "lateral", "roles": "<b>DevRel</b> 100% %(words)s"}}
    [start, direction] = goals_suggest(
        horizon_years=1,
        accomplishments=[],
        answers=answers,
        today=SAM_TODAY,
    )
    assert start.actions[0].title == (
        "Talk to someone in a role you want to explore: <b>DevRel</b> 100% %(words)s"
    )
    assert direction.title == "Working in a role you chose to explore: <b>DevRel</b> 100% %(words)s"


def test_malformed_answers_do_not_break_the_proposals():
    answers = {
        "direction": "upward",
        "skills": {"skills": ["not", "text"]},
        "pay": {"pay_amount": "lots", "security": None},
        "values": ["5"],
        "most-important": {"most_important": "creativity"},
    }
    proposals = goals_suggest(
        horizon_years=0,
        accomplishments=["", "  ", None, "Ship it", "Ship it."],
        answers=answers,
        today=SAM_TODAY,
    )
    assert [(p.key, p.title, p.target_date) for p in proposals] == [
        ("first-90-days", "First 90 days: explore your options", date(2027, 2, 21)),
        ("accomplishment-01", "Ship it", date(2027, 11, 23)),
        ("review", "Review where you are against your vision", date(2027, 11, 23)),
    ]


# Properties that hold for every vision.

VISIONS = {
    "demo": (SAM_ACCOMPLISHMENTS, SAM_ANSWERS),
    "empty": ([], {}),
    "many accomplishments": ([f"Accomplishment {n}" for n in range(1, 31)], SAM_ANSWERS),
    "own business": (
        ["My own practice, with ten regular clients"],
        {
            "direction": {"direction": "own_business"},
            "pay": {"pay_amount": "95.50", "pay_currency": "USD", "pay_period": "hour"},
            "values": ratings("independence", "working_conditions"),
        },
    ),
    "every value on top": (
        [],
        {
            "values": ratings(
                "achievement",
                "independence",
                "recognition",
                "relationships",
                "support",
                "working_conditions",
            ),
            "pay": {"security": "high"},
        },
    ),
    **{
        way: (["A new job title"], {"direction": {"direction": way, "roles": "Analyst"}})
        for way in ("upward", "lateral", "several_jobs", "deepen", "unsure", "sideways")
    },
}
TODAYS = [SAM_TODAY, LEAP_DAY, date(2027, 12, 31), date(2030, 1, 1)]
KINDS = {kind.value for kind in GoalKind}


@pytest.mark.parametrize("name", VISIONS)
@pytest.mark.parametrize("today", TODAYS)
@pytest.mark.parametrize("horizon_years", [1, 2, 5, 10, 20])
def test_proposals_are_dated_sorted_unique_and_serve_every_top_value(name, today, horizon_years):
    accomplishments, answers = VISIONS[name]
    proposals = goals_suggest(
        horizon_years=horizon_years, accomplishments=accomplishments, answers=answers, today=today
    )
    horizon = years_after(today, horizon_years)

    dates = [p.target_date for p in proposals] + [a.due_date for p in proposals for a in p.actions]
    assert all(today < day <= horizon for day in dates)
    assert all(a.due_date <= p.target_date for p in proposals for a in p.actions)
    assert proposals == sorted(proposals, key=lambda p: (p.target_date, p.key))
    assert len({p.key for p in proposals}) == len(proposals)
    assert {p.kind for p in proposals} <= KINDS
    assert len(proposals) >= 2
    assert max(p.target_date for p in proposals) == horizon

    profile = answers_profile(answers)
    top = [v.slug for v in profile.top] if profile else []
    assert all(value in top for p in proposals for value in p.values)
    assert {value for p in proposals for value in p.values} == set(top)

    texts = [p.title for p in proposals] + [p.description for p in proposals]
    texts += [p.measure for p in proposals] + [p.source for p in proposals]
    texts += [a.title for p in proposals for a in p.actions]
    assert all(text and "!" not in text for text in texts)
    assert all(len(p.title) <= 160 and len(p.measure) <= 300 for p in proposals)


@pytest.mark.parametrize("name", VISIONS)
def test_the_same_vision_gives_the_same_proposals_and_is_left_as_it_was(name):
    accomplishments, answers = VISIONS[name]
    before = copy.deepcopy((accomplishments, answers))

    first = goals_suggest(
        horizon_years=5, accomplishments=accomplishments, answers=answers, today=LEAP_DAY
    )
    second = goals_suggest(
        horizon_years=5, accomplishments=accomplishments, answers=answers, today=LEAP_DAY
    )

    assert first == second
    assert (accomplishments, answers) == before
