"""Property tests: whatever a browser could send, every form answers with
valid data or field errors, never an exception; and a step's answers always
store as JSON."""

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.forms import ProfileForm, SignupExtrasForm
from goals.calendar_forms import ReminderSettingsForm
from goals.comment_forms import CommentForm
from goals.forms import ActionForm, GoalForm, PlanItemForm
from visions.forms import ShareForm, VisionComposeForm
from visions.steps import QUESTION_STEPS

# What a form field can receive: any text (null bytes, surrogates excluded
# only because HTTP cannot carry them), very long text, or several values.
values = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=300),
    st.text(alphabet="ab<>\"'&;\x00", min_size=2000, max_size=6000),
    st.lists(st.text(max_size=30), max_size=8),
    st.sampled_from(["", "0", "-1", "1e309", "NaN", "2026-02-30", "99999999999999", "on"]),
)


def form_data(field_names):
    return st.fixed_dictionaries({}, optional=dict.fromkeys(field_names, values))


def as_querydict(data: dict):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return query


SIMPLE_FORMS = [
    *[step.form_class for step in QUESTION_STEPS],
    SignupExtrasForm,
    ShareForm,
    PlanItemForm,
    CommentForm,
    ReminderSettingsForm,
]
MODEL_FORMS = [ProfileForm, VisionComposeForm, GoalForm, ActionForm]


@pytest.mark.parametrize("form_class", SIMPLE_FORMS + MODEL_FORMS, ids=lambda f: f.__name__)
def test_forms_never_raise(form_class):
    names = [*form_class().fields, "unexpected"]

    # A form with many fields (the values ratings) filled with the long texts
    # draws more data than hypothesis likes by default; long texts are the point.
    @settings(
        max_examples=60,
        deadline=None,
        suppress_health_check=[HealthCheck.data_too_large, HealthCheck.too_slow],
    )
    @given(data=form_data(names))
    def check(data):
        form = form_class(as_querydict(data))
        if form.is_valid():
            if hasattr(form, "answers"):
                json.dumps(form.answers())
        else:
            # Every refusal comes with a message to show next to the field.
            assert all(str(message) for errors in form.errors.values() for message in errors)

    check()


@pytest.mark.django_db
def test_questionnaire_steps_never_answer_500(alice):
    from tests.factories import VisionFactory

    vision = VisionFactory(owner=alice)
    client = Client(raise_request_exception=False)
    client.force_login(alice)

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(
        step=st.sampled_from(QUESTION_STEPS),
        data=form_data(["current_role", "needs_met", "creativity", "pay_amount", "skills", "x"]),
    )
    def check(step, data):
        response = client.post(f"/visions/{vision.pk}/questionnaire/{step.slug}/", data)
        assert response.status_code in {200, 302}

    check()
