from visions import steps
from visions.forms import AnsweredQuestion


def test_steps_are_in_the_order_a_person_answers_them():
    assert [step.slug for step in steps.STEPS] == [
        "now",
        "life",
        "values",
        "most-important",
        "success",
        "skills",
        "pay",
        "environment",
        "direction",
        "review",
    ]


def test_next_and_previous_are_positions_in_the_list():
    life = steps.STEPS_BY_SLUG["life"]
    assert steps.step_after(life).slug == "values"
    assert steps.step_before(life).slug == "now"
    assert steps.step_before(steps.STEPS[0]) is None
    assert steps.step_after(steps.REVIEW) is None
    assert steps.step_number(steps.REVIEW) == 10


def test_a_person_resumes_at_the_first_unsaved_step():
    assert steps.first_unfinished_step({}).slug == "now"
    assert steps.first_unfinished_step({"now": {}, "life": {}, "success": {}}).slug == "values"
    everything = {step.slug: {} for step in steps.QUESTION_STEPS}
    assert steps.first_unfinished_step(everything) is steps.REVIEW


def test_progress_counts_saved_steps_even_when_left_empty():
    assert steps.questionnaire_progress({}) == (0, 9)
    assert steps.questionnaire_progress({"now": {}, "pay": {"pay_amount": None}}) == (2, 9)


def test_summary_shows_choice_labels_and_leaves_out_what_was_not_answered():
    answers = {"now": {"current_role": "Nurse", "job_or_career": "unsure", "missing": ""}}
    assert steps.step_summary(steps.STEPS_BY_SLUG["now"], answers) == [
        AnsweredQuestion("What do you do now?", "Nurse"),
        AnsweredQuestion("Is it a job or a career, for you?", "Not sure yet"),
    ]


def test_summary_reads_pay_as_one_answer():
    answers = {
        "pay": {
            "pay_amount": "65000.00",
            "pay_currency": "EUR",
            "pay_period": "year",
            "security": "low",
        }
    }
    assert steps.step_summary(steps.STEPS_BY_SLUG["pay"], answers) == [
        AnsweredQuestion("What pay do you want to reach?", "EUR 65,000 a year"),
        AnsweredQuestion(
            "How much job security do you need?",
            "Little: I am comfortable with risk for the right opportunity",
        ),
    ]
    hourly = {"pay": {"pay_amount": "42.50", "pay_currency": "GBP", "pay_period": "hour"}}
    assert steps.step_summary(steps.STEPS_BY_SLUG["pay"], hourly) == [
        AnsweredQuestion("What pay do you want to reach?", "GBP 42.50 an hour"),
    ]


def test_summary_groups_the_ratings_by_importance():
    answers = {"values": {"creativity": 5, "autonomy": 5, "security": 1}}
    assert steps.step_summary(steps.STEPS_BY_SLUG["values"], answers) == [
        AnsweredQuestion(
            "Essential",
            ["I can try out ideas of my own.", "I can plan my work with little supervision."],
        ),
        AnsweredQuestion("Not important", ["the job is steady, with little risk of losing it."]),
    ]
