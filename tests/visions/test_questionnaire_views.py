import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goals.management.commands.seed_demo import SAM_ANSWERS
from tests.factories import VisionFactory, answered
from tests.html import checked, value
from visions.models import Vision
from visions.steps import QUESTION_STEPS

pytestmark = pytest.mark.django_db


@pytest.fixture
def vision(alice):
    return VisionFactory(owner=alice, title="Five years out")


def post_data(slug: str, **extra) -> dict:
    return {**SAM_ANSWERS[slug], **extra}


def test_starting_a_vision_lands_on_step_one(alice_client, alice):
    response = alice_client.post("/visions/new/", {"title": "Five years out", "horizon_years": 5})
    vision = Vision.objects.get()
    assert (vision.owner, vision.title, vision.horizon_years) == (alice, "Five years out", 5)
    assert response.status_code == 302
    assert response["Location"] == f"/visions/{vision.pk}/questionnaire/"
    response = alice_client.get(response["Location"])
    assert response["Location"] == f"/visions/{vision.pk}/questionnaire/now/"


def test_a_new_vision_needs_a_title_and_a_sensible_horizon(alice_client):
    response = alice_client.post("/visions/new/", {"title": "", "horizon_years": 40})
    assert response.status_code == 200
    assert Vision.objects.count() == 0
    assert "This field is required." in response.text
    assert "Ensure this value is less than or equal to 20." in response.text
    assert value(response.text, "horizon_years") == "40"


def test_the_new_vision_form_offers_five_years(alice_client):
    response = alice_client.get("/visions/new/")
    assert value(response.text, "horizon_years") == "5"


@pytest.mark.parametrize("step", QUESTION_STEPS, ids=lambda step: step.slug)
def test_every_step_saves_its_answers_and_moves_on(alice_client, vision, step):
    response = alice_client.post(
        f"/visions/{vision.pk}/questionnaire/{step.slug}/", post_data(step.slug)
    )
    assert response.status_code == 302
    vision.refresh_from_db()
    form = step.form_class(SAM_ANSWERS[step.slug])
    assert form.is_valid()
    assert vision.answers == {step.slug: form.answers()}
    expected_next = {
        "now": "questionnaire/life/",
        "life": "questionnaire/values/",
        "values": "questionnaire/most-important/",
        "most-important": "profile/",
        "success": "questionnaire/skills/",
        "skills": "questionnaire/pay/",
        "pay": "questionnaire/environment/",
        "environment": "questionnaire/direction/",
        "direction": "questionnaire/review/",
    }[step.slug]
    assert response["Location"] == f"/visions/{vision.pk}/{expected_next}"


def test_saved_answers_are_shown_when_the_step_is_opened_again(alice_client, vision):
    answered(vision, "now")
    response = alice_client.get(f"/visions/{vision.pk}/questionnaire/now/")
    assert value(response.text, "current_role") == SAM_ANSWERS["now"]["current_role"]
    assert checked(response.text, "job_or_career") == ["job"]
    assert checked(response.text, "needs_met") == ["2"]


def test_a_person_resumes_at_the_first_unfinished_step(alice_client, vision):
    answered(vision, "now", "life")
    response = alice_client.get(f"/visions/{vision.pk}/questionnaire/")
    assert response["Location"] == f"/visions/{vision.pk}/questionnaire/values/"


def test_back_saves_a_valid_page_and_goes_to_the_previous_step(alice_client, vision):
    response = alice_client.post(
        f"/visions/{vision.pk}/questionnaire/life/", post_data("life", action="back")
    )
    assert response["Location"] == f"/visions/{vision.pk}/questionnaire/now/"
    vision.refresh_from_db()
    assert vision.answers["life"]["location"] == "Porto, or anywhere within an hour of it"


def test_back_with_errors_shows_them_and_keeps_what_was_typed(alice_client, vision):
    data = post_data("values", action="back")
    del data["autonomy"]
    response = alice_client.post(f"/visions/{vision.pk}/questionnaire/values/", data)
    assert response.status_code == 200
    assert "Choose how important this is to you." in response.text
    assert "There is a problem on this page. Nothing was saved yet." in response.text
    assert checked(response.text, "creativity") == ["5"]
    assert checked(response.text, "autonomy") == []
    vision.refresh_from_db()
    assert vision.answers == {}


def test_after_a_change_from_the_review_the_person_returns_to_it(alice_client, vision):
    answered(vision)
    response = alice_client.post(
        f"/visions/{vision.pk}/questionnaire/pay/", post_data("pay", return_to="review")
    )
    assert response["Location"] == f"/visions/{vision.pk}/questionnaire/review/"


def test_review_lists_every_answer_with_links_to_change_each_step(alice_client, vision):
    answered(vision)
    response = alice_client.get(f"/visions/{vision.pk}/questionnaire/review/")
    assert response.status_code == 200
    for step in QUESTION_STEPS:
        assert f'href="/visions/{vision.pk}/questionnaire/{step.slug}/?return_to=review"' in (
            response.text
        )
    assert "EUR 52,000 a year" in response.text
    assert "Instructional designer, customer education lead" in response.text


def test_confirming_the_review_completes_the_questionnaire(alice_client, vision):
    answered(vision)
    response = alice_client.post(f"/visions/{vision.pk}/questionnaire/review/")
    assert response["Location"] == f"/visions/{vision.pk}/"
    vision.refresh_from_db()
    assert vision.questionnaire_completed_at is not None


def test_confirming_with_steps_missing_says_which(alice_client, vision):
    answered(vision, "now", "life")
    response = alice_client.post(f"/visions/{vision.pk}/questionnaire/review/", follow=True)
    assert "Some steps are not answered yet: they are marked below." in response.text
    assert f'href="/visions/{vision.pk}/questionnaire/values/?return_to=review">Work values' in (
        response.text
    )
    vision.refresh_from_db()
    assert vision.questionnaire_completed_at is None


def test_the_profile_follows_the_most_important_step(alice_client, vision):
    assert alice_client.get(f"/visions/{vision.pk}/profile/").status_code == 404
    answered(vision, "values", "most-important")
    response = alice_client.get(f"/visions/{vision.pk}/profile/")
    assert response.status_code == 200
    assert "Achievement: 100 out of 100 (a top value)." in response.text
    assert "Relationships: 94 out of 100 (a top value)." in response.text
    assert "Recognition: 38 out of 100." in response.text
    assert "Creative Commons Attribution 4.0" in response.text


def test_picking_more_than_five_needs_is_refused(alice_client, vision):
    picks = ["achievement", "activity", "compensation", "security", "variety", "autonomy"]
    response = alice_client.post(
        f"/visions/{vision.pk}/questionnaire/most-important/", {"most_important": picks}
    )
    assert response.status_code == 200
    assert "Pick at most five: you picked 6." in response.text
    vision.refresh_from_db()
    assert vision.answers == {}


def test_an_amount_without_a_currency_is_refused_next_to_the_field(alice_client, vision):
    response = alice_client.post(
        f"/visions/{vision.pk}/questionnaire/pay/", {"pay_amount": "50000", "pay_period": "year"}
    )
    assert response.status_code == 200
    assert "Choose the currency of this amount." in response.text
    assert value(response.text, "pay_amount") == "50000"


def test_hostile_text_is_stored_as_typed_and_shown_escaped(alice_client, vision):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>{{ 7|add:1 }}'
    alice_client.post(f"/visions/{vision.pk}/questionnaire/now/", {"missing": hostile})
    vision.refresh_from_db()
    assert vision.answers["now"]["missing"] == hostile
    response = alice_client.get(f"/visions/{vision.pk}/questionnaire/review/")
    assert "<script>alert" not in response.text
    assert "<img src=x" not in response.text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in response.text


def test_a_very_long_answer_is_refused_and_kept(alice_client, vision):
    response = alice_client.post(
        f"/visions/{vision.pk}/questionnaire/now/", {"missing": "word " * 20_000}
    )
    assert response.status_code == 200
    assert "Ensure this value has at most 2000 characters (it has 99999)." in response.text
    assert value(response.text, "missing") == "word " * 20_000
    vision.refresh_from_db()
    assert vision.answers == {}


def test_an_unknown_step_is_not_found(alice_client, vision):
    assert alice_client.get(f"/visions/{vision.pk}/questionnaire/nope/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/visions/{id}/",
        "/visions/{id}/profile/",
        "/visions/{id}/questionnaire/",
        "/visions/{id}/questionnaire/now/",
        "/visions/{id}/questionnaire/review/",
    ],
)
def test_a_stranger_gets_not_found_and_changes_nothing(client, carol, vision, path):
    answered(vision)
    client.force_login(carol)
    url = path.format(id=vision.pk)
    assert client.get(url).status_code == 404
    assert client.post(url, post_data("now", current_role="hijacked")).status_code == 404
    vision.refresh_from_db()
    assert vision.answers["now"]["current_role"] == SAM_ANSWERS["now"]["current_role"]
    assert vision.questionnaire_completed_at is None


def test_an_anonymous_visitor_is_sent_to_log_in(client, vision):
    response = client.get(f"/visions/{vision.pk}/questionnaire/now/")
    assert response["Location"] == (
        f"/accounts/login/?next=/visions/{vision.pk}/questionnaire/now/"
    )


def test_home_lists_the_persons_visions_in_constant_queries(
    alice_client, alice, carol, django_assert_num_queries
):
    VisionFactory(owner=carol, title="Carol's secret plan")
    VisionFactory(owner=alice, title="First")
    with CaptureQueriesContext(connection) as one:
        alice_client.get("/")
    VisionFactory(owner=alice, title="Second")
    VisionFactory(owner=alice, title="Third")
    with django_assert_num_queries(len(one)):
        response = alice_client.get("/")
    titles = re.findall(r'<h3 class="h5 mb-1"><a href="[^"]+">([^<]+)</a>', response.text)
    assert titles == ["Third", "Second", "First"]
    assert "Carol&#x27;s secret plan" not in response.text
    # Kept: the same page again reads only what the stamp needs.
    with django_assert_num_queries(3):
        again = alice_client.get("/")
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", again.text) == token.sub("", response.text)
