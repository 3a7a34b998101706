import copy

from goals.management.commands.seed_demo import SAM_ANSWERS
from visions.drafts import DraftSentence, draft_suggest, draft_text
from visions.steps import STEPS_BY_SLUG

DIRECTION = "From Direction (step 9)"
VALUES = "From Work values and What matters most (steps 3 and 4)"
SKILLS = "From Skills and style (step 6)"
ENVIRONMENT = "From Environment (step 8)"
LIFE = "From Life first (step 2)"
PAY = "From Pay and security (step 7)"
SUCCESS = "From Success and recognition (step 5)"

SAM_DRAFT = [
    DraftSentence(
        "In 5 years, I have widened my skills at a similar level, or moved into a new specialism.",
        DIRECTION,
    ),
    DraftSentence(
        "I want to explore roles (Instructional designer, customer education lead), domains "
        "(Learning and development, customer education) and industries (Software, education "
        "technology).",
        DIRECTION,
    ),
    DraftSentence(
        "What I value most is at the centre of my work: Achievement and Relationships.", VALUES
    ),
    DraftSentence(
        "I use and grow the skills I care about: Explaining complex things simply, Writing help "
        "articles, Video editing, Instructional design (to build) and Facilitating workshops "
        "(to build).",
        SKILLS,
    ),
    DraftSentence("My work gives me plenty of room to be creative.", SKILLS),
    DraftSentence("I have freedom in how I work, with regular check-ins.", SKILLS),
    DraftSentence("Managing other people may come later, when the time is right.", SKILLS),
    DraftSentence("I teach, mentor or help others as part of my work.", SKILLS),
    DraftSentence("My job gives me flexible hours and access to training.", ENVIRONMENT),
    DraftSentence("I split my week between home and the workplace.", ENVIRONMENT),
    DraftSentence(
        "I work in a medium-sized organisation, with busy spells and quiet ones.", ENVIRONMENT
    ),
    DraftSentence(
        "My workplace shares what matters to me: Treats customers honestly; pays for courses; "
        "parental leave that people actually take.",
        ENVIRONMENT,
    ),
    DraftSentence(
        "I live and work where I want to be: Porto, or anywhere within an hour of it.", LIFE
    ),
    DraftSentence("My work and my life are in balance.", LIFE),
    DraftSentence(
        "My work gives my life what it needs: enough income for the life I want, time for the "
        "people who matter to me and the freedom to live where I want.",
        LIFE,
    ),
    DraftSentence("I earn EUR 52,000 a year.", PAY),
    DraftSentence("I can live with change, as long as there is a safety net.", PAY),
    DraftSentence(
        "Success, for me, means this: People learn something faster because of what I made, and "
        "I am trusted to decide how.",
        SUCCESS,
    ),
]


def sam_answers() -> dict:
    """The demo answers as the questionnaire stores them: through each step's form."""
    stored = {}
    for slug, data in SAM_ANSWERS.items():
        form = STEPS_BY_SLUG[slug].form_class(data)
        assert form.is_valid(), form.errors
        stored[slug] = form.answers()
    return stored


def test_the_demo_answers_give_a_full_draft_in_order():
    assert draft_suggest(sam_answers(), horizon_years=5) == SAM_DRAFT


def test_ratings_stored_as_strings_give_the_same_draft():
    assert sam_answers()["values"]["creativity"] == 5
    assert SAM_ANSWERS["values"]["creativity"] == "5"
    assert draft_suggest(SAM_ANSWERS, horizon_years=5) == SAM_DRAFT


def test_the_text_has_the_work_then_the_life_around_it():
    assert draft_text(SAM_DRAFT) == (
        "In 5 years, I have widened my skills at a similar level, or moved into a new "
        "specialism. I want to explore roles (Instructional designer, customer education lead), "
        "domains (Learning and development, customer education) and industries (Software, "
        "education technology). What I value most is at the centre of my work: Achievement and "
        "Relationships. I use and grow the skills I care about: Explaining complex things simply, "
        "Writing help articles, Video editing, Instructional design (to build) and Facilitating "
        "workshops (to build). My work gives me plenty of room to be creative. I have freedom in "
        "how I work, with regular check-ins. Managing other people may come later, when the time "
        "is right. I teach, mentor or help others as part of my work.\n"
        "\n"
        "My job gives me flexible hours and access to training. I split my week between home "
        "and the workplace. I work in a medium-sized organisation, with busy spells and quiet "
        "ones. My workplace shares what matters to me: Treats customers honestly; pays for "
        "courses; parental leave that people actually take. I live and work where I want to be: "
        "Porto, or anywhere within an hour of it. My work and my life are in balance. My work "
        "gives my life what it needs: enough income for the life I want, time for the people who "
        "matter to me and the freedom to live where I want. I earn EUR 52,000 a year. I can live "
        "with change, as long as there is a safety net. Success, for me, means this: People "
        "learn something faster because of what I made, and I am trusted to decide how."
    )


def test_no_answers_give_no_draft():
    assert draft_suggest({}, horizon_years=5) == []
    assert draft_text([]) == ""


def test_steps_saved_empty_give_no_draft():
    answers = {
        "life": {"location": "  ", "life_needs": [], "work_or_life_first": ""},
        "pay": {"pay_amount": None, "pay_currency": "", "pay_period": "year", "security": ""},
        "environment": {"flexible_hours": "indifferent", "work_from": "any", "size": "any"},
        "direction": {"direction": "", "roles": "", "domains": "", "industries": ""},
        "values": {"achievement": "5"},  # incomplete ratings: no profile yet
    }
    assert draft_suggest(answers, horizon_years=5) == []


def test_the_horizon_reads_as_a_year_or_as_years():
    answers = {"direction": {"direction": "upward"}}
    assert draft_suggest(answers, horizon_years=1) == [
        DraftSentence(
            "In a year, I have moved up to a more senior role, with more responsibility.",
            DIRECTION,
        )
    ]
    assert draft_suggest(answers, horizon_years=10) == [
        DraftSentence(
            "In 10 years, I have moved up to a more senior role, with more responsibility.",
            DIRECTION,
        )
    ]


def test_own_business_without_roles_names_only_what_was_given():
    answers = {"direction": {"direction": "own_business", "roles": "", "domains": ""}}
    assert draft_suggest(answers, horizon_years=3) == [
        DraftSentence("In 3 years, I run a business of my own.", DIRECTION)
    ]
    answers["direction"]["industries"] = "Specialty coffee."
    assert draft_suggest(answers, horizon_years=3) == [
        DraftSentence("In 3 years, I run a business of my own.", DIRECTION),
        DraftSentence("I want to explore industries (Specialty coffee).", DIRECTION),
    ]


def test_pay_without_an_amount_gives_only_security():
    answers = {
        "pay": {"pay_amount": None, "pay_currency": "", "pay_period": "year", "security": "high"}
    }
    assert draft_suggest(answers, horizon_years=5) == [
        DraftSentence("My job is steady and secure.", PAY)
    ]


def test_pay_shows_cents_only_when_there_are_some():
    def pay_sentence(amount: str, currency: str, period: str) -> str:
        answers = {"pay": {"pay_amount": amount, "pay_currency": currency, "pay_period": period}}
        [sentence] = draft_suggest(answers, horizon_years=5)
        return sentence.text

    assert pay_sentence("65000.00", "GBP", "year") == "I earn GBP 65,000 a year."
    assert pay_sentence("4200", "CHF", "month") == "I earn CHF 4,200 a month."
    assert pay_sentence("32.5", "USD", "hour") == "I earn USD 32.50 an hour."


def test_hostile_text_is_kept_as_text():
    answers = {
        "life": {"location": "<b>Porto</b>"},
        "success": {"success_meaning": "<script>alert('hi')</script> 100% %(meaning)s"},
    }
    assert draft_suggest(answers, horizon_years=5) == [
        DraftSentence("I live and work where I want to be: <b>Porto</b>.", LIFE),
        DraftSentence(
            "Success, for me, means this: <script>alert('hi')</script> 100% %(meaning)s.", SUCCESS
        ),
    ]


def test_their_own_words_are_trimmed_without_doubling_punctuation():
    answers = {
        "environment": {"company_values": "  Honest with customers.\n\nFair pay.  "},
        "success": {"success_meaning": "Would I do it again?"},
    }
    assert draft_suggest(answers, horizon_years=5) == [
        DraftSentence(
            "My workplace shares what matters to me: Honest with customers. Fair pay.",
            ENVIRONMENT,
        ),
        DraftSentence("Success, for me, means this: Would I do it again?", SUCCESS),
    ]


def test_only_the_first_five_skills_are_named():
    skills = "Python\n- SQL\n\nTeaching\nWriting.\nSQL\nPublic speaking\nCooking\nSailing\n"
    assert draft_suggest({"skills": {"skills": skills}}, horizon_years=5) == [
        DraftSentence(
            "I use and grow the skills I care about: Python, SQL, Teaching, Writing and Public "
            "speaking.",
            SKILLS,
        )
    ]


def test_the_draft_is_the_same_every_time_and_leaves_the_answers_alone():
    answers = sam_answers()
    before = copy.deepcopy(answers)
    first = draft_suggest(answers, horizon_years=5)
    assert draft_suggest(answers, horizon_years=5) == first
    assert answers == before


def test_a_draft_about_the_life_only_is_one_paragraph():
    sentences = draft_suggest(
        {"life": {"work_or_life_first": "life"}, "pay": {"security": "low"}}, horizon_years=5
    )
    assert draft_text(sentences) == (
        "My life comes first, and my work fits around it. "
        "I am comfortable taking risks for the right opportunity."
    )
