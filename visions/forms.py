"""Forms: creating a vision, and one form per questionnaire step.

Forms only validate. What a step stores is `form.answers()`: the cleaned
data in plain JSON types, handed to `visions.services.vision_answer_step`.
"""

from dataclasses import dataclass
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from visions.models import HORIZON_DEFAULT_YEARS, HORIZON_MAX_YEARS, HORIZON_MIN_YEARS, Vision
from visions.money import pay_text
from visions.values import IMPORTANCE_CHOICES, MOST_IMPORTANT_LIMIT, NEEDS

SHORT_TEXT = 200
LONG_TEXT = 2000


VISION_LABELS = {"title": _("Name this vision"), "horizon_years": _("How many years ahead?")}


class VisionCreateForm(forms.ModelForm):
    copy_answers_from = forms.ModelChoiceField(
        label=_("Start from the answers of an earlier vision?"),
        help_text=_("Optional. You can change every answer; the earlier vision stays as it is."),
        queryset=Vision.objects.none(),
        required=False,
        empty_label=_("No, start afresh"),
    )

    class Meta:
        model = Vision
        fields = ["title", "horizon_years"]
        labels = VISION_LABELS
        help_texts = {
            "title": _("For example “Five years out” or “After the move to Lisbon”."),
            "horizon_years": _(
                "Five years is a good default: near enough to plan for, far enough to change "
                "direction. Between 1 and 20."
            ),
        }

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["horizon_years"].initial = HORIZON_DEFAULT_YEARS
        self.fields["horizon_years"].widget.attrs.update(
            {"min": HORIZON_MIN_YEARS, "max": HORIZON_MAX_YEARS}
        )
        earlier = Vision.objects.filter(owner=owner).exclude(answers={})
        if earlier.exists():
            self.fields["copy_answers_from"].queryset = earlier
        else:
            del self.fields["copy_answers_from"]


class ShareForm(forms.Form):
    email = forms.EmailField(
        label=_("Your coach's email address"),
        help_text=_(
            "They get an email with a link. If they have no account yet, they sign up as a "
            "coach with this address first."
        ),
    )


STATEMENT_MAX = 5000
ACCOMPLISHMENT_MAX = 300
ACCOMPLISHMENTS_LIMIT = 30


class VisionComposeForm(forms.ModelForm):
    """The vision itself. `version` is the revision the person started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = Vision
        fields = ["title", "horizon_years", "statement", "bridge_plan"]
        labels = {
            **VISION_LABELS,
            "statement": _("Your vision"),
            "bridge_plan": _("What keeps the bills paid meanwhile"),
        }
        help_texts = {
            "statement": _(
                "Write it in the first person, as if looking back from the end of your horizon: "
                "what you do, for whom, how it feels, and why it fits what you value."
            ),
            "bridge_plan": _(
                "The job, income or savings that carry you while you get there, and for how long."
            ),
        }
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 8}),
            "bridge_plan": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statement"].validators.append(MaxLengthValidator(STATEMENT_MAX))
        self.fields["bridge_plan"].validators.append(MaxLengthValidator(LONG_TEXT))
        self.fields["horizon_years"].widget.attrs.update(
            {"min": HORIZON_MIN_YEARS, "max": HORIZON_MAX_YEARS}
        )


class AccomplishmentForm(forms.Form):
    text = forms.CharField(label=_("Accomplishment"), required=False, max_length=ACCOMPLISHMENT_MAX)


AccomplishmentFormSet = forms.formset_factory(
    AccomplishmentForm,
    extra=2,
    can_order=True,
    can_delete=True,
    max_num=ACCOMPLISHMENTS_LIMIT,
    validate_max=True,
)


def accomplishments_formset(data=None, *, items: list[str] | None = None):
    initial = [{"text": text} for text in items or []]
    return AccomplishmentFormSet(data, initial=initial, prefix="accomplishments")


def accomplishments_from(formset) -> list[str]:
    """The kept items, in the order the person gave, blank rows dropped."""
    return [
        form.cleaned_data["text"] for form in formset.ordered_forms if form.cleaned_data.get("text")
    ]


def short_text(label, help_text="") -> forms.CharField:
    return forms.CharField(label=label, help_text=help_text, required=False, max_length=SHORT_TEXT)


def long_text(label, help_text="", rows=3) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def one_of(label, choices, help_text="", required=False) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        help_text=help_text,
        required=required,
        choices=choices,
        widget=forms.RadioSelect,
    )


def any_of(label, choices, help_text="") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        help_text=help_text,
        required=False,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
    )


@dataclass(frozen=True)
class AnsweredQuestion:
    label: str
    answer: str | list[str]

    @property
    def is_list(self) -> bool:
        return isinstance(self.answer, list)


def display_answer(field: forms.Field, value) -> str | list[str] | None:
    """A stored answer as the person would read it: choice labels, not codes."""
    if value in (None, "", []):
        return None
    choices = {str(key): label for key, label in getattr(field, "choices", [])}
    if isinstance(value, list):
        return [str(choices.get(str(item), item)) for item in value]
    return str(choices.get(str(value), value))


class StepForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The step template draws the <form> tag and its buttons.
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def answers(self) -> dict:
        """The cleaned data as JSON: decimals become strings, the rest is plain."""
        return {
            name: str(value) if isinstance(value, Decimal) else value
            for name, value in self.cleaned_data.items()
        }

    @classmethod
    def summarise(cls, stored: dict) -> list[AnsweredQuestion]:
        """The answered questions of this step, in order, for reading back."""
        summary = []
        for name, field in cls().fields.items():
            shown = display_answer(field, stored.get(name))
            if shown is not None:
                summary.append(AnsweredQuestion(label=str(field.label), answer=shown))
        return summary


JOB_OR_CAREER_CHOICES = [
    ("job", _("A job: a means to an end, and that is fine")),
    ("career", _("A career: a path I want to progress along")),
    ("unsure", _("Not sure yet")),
]
NEEDS_MET_CHOICES = [
    ("1", _("Hardly at all")),
    ("2", _("A little")),
    ("3", _("Partly")),
    ("4", _("Mostly")),
    ("5", _("Fully")),
]


class NowForm(StepForm):
    current_role = short_text(
        _("What do you do now?"),
        _("Your role, or what you spend your working days on. Studying or between jobs counts."),
    )
    job_or_career = one_of(_("Is it a job or a career, for you?"), JOB_OR_CAREER_CHOICES)
    needs_met = one_of(_("How well does your work meet your needs today?"), NEEDS_MET_CHOICES)
    missing = long_text(_("What is missing?"), _("What would make the biggest difference."))


WORK_OR_LIFE_CHOICES = [
    ("work", _("Work comes first: my life is arranged around my career")),
    ("life", _("Life comes first: work has to fit around it")),
    ("balance", _("Both, in balance")),
]
LIFE_NEEDS_CHOICES = [
    ("income", _("Enough income for the life I want")),
    ("time", _("Time for family, friends and myself")),
    ("flexibility", _("Flexibility in when and where I work")),
    ("stability", _("Stability I can plan around")),
    ("location", _("Work I can do from where I want to live")),
    ("meaning", _("A sense of meaning")),
]


class LifeForm(StepForm):
    life_priorities = long_text(
        _("What matters most in your life at this stage?"),
        _("Family, health, a home, adventure, learning, community — in your own words."),
    )
    work_or_life_first = one_of(
        _("Which comes first for you right now?"),
        WORK_OR_LIFE_CHOICES,
    )
    location = short_text(
        _("Where do you want to live and work?"),
        _("A city, a region, “near my family”, “anywhere by the sea”."),
    )
    life_needs = any_of(_("What does your personal life need from your work?"), LIFE_NEEDS_CHOICES)
    life_needs_more = long_text(_("Anything else your life needs from work?"), rows=2)


class ValuesForm(StepForm):
    """Importance of each need, 1 to 5. Every need must be rated: the profile
    is computed from all of them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for need in NEEDS:
            self.fields[need.slug] = forms.TypedChoiceField(
                label=need.statement,
                choices=IMPORTANCE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose how important this is to you.")},
            )

    @classmethod
    def summarise(cls, stored: dict) -> list[AnsweredQuestion]:
        """The needs grouped by importance, most important first: shorter to
        read back than twenty-one separate answers."""
        groups = []
        for level, label in reversed(IMPORTANCE_CHOICES):
            statements = [str(n.statement) for n in NEEDS if str(stored.get(n.slug)) == str(level)]
            if statements:
                groups.append(AnsweredQuestion(label=str(label), answer=statements))
        return groups


class MostImportantForm(StepForm):
    most_important = forms.MultipleChoiceField(
        label=_("Which needs matter most to you?"),
        help_text=_("Pick up to five. They weigh double in your profile."),
        required=False,
        choices=[(need.slug, need.statement) for need in NEEDS],
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_most_important(self) -> list[str]:
        picked = self.cleaned_data["most_important"]
        if len(picked) > MOST_IMPORTANT_LIMIT:
            raise forms.ValidationError(
                ngettext(
                    "Pick at most five: you picked %(count)d.",
                    "Pick at most five: you picked %(count)d.",
                    len(picked),
                )
                % {"count": len(picked)}
            )
        return picked


RECOGNITION_CHOICES = [
    ("money", _("Money: a raise, a bonus")),
    ("exposure", _("Being seen beyond my team: talks, publications, clients")),
    ("training", _("More training and chances to learn")),
    ("title", _("A title that reflects what I do")),
    ("thanks", _("A simple thank-you from the people I work with")),
    ("autonomy", _("More trust and freedom")),
]


class SuccessForm(StepForm):
    success_meaning = long_text(
        _("What does success mean to you?"),
        _("Picture yourself at the end of your horizon, content with your work: what is true?"),
    )
    achievements = long_text(_("Which achievements would matter most to you?"))
    recognition = any_of(_("Which kinds of recognition matter to you?"), RECOGNITION_CHOICES)
    recognition_more = short_text(_("Other recognition that matters"))


AMOUNT_CHOICES = [
    ("a_lot", _("A lot")),
    ("some", _("Some")),
    ("little", _("Little")),
]
AUTONOMY_CHOICES = [
    ("autonomy", _("Lots of autonomy: give me the goal, I find the way")),
    ("mix", _("A mix: freedom with regular check-ins")),
    ("direction", _("Clear direction: I like to know exactly what is expected")),
]
YES_MAYBE_NO_CHOICES = [
    ("yes", _("Yes")),
    ("maybe", _("Maybe, later")),
    ("no", _("No")),
]


class SkillsForm(StepForm):
    skills = long_text(
        _("Which skills do you want to use in your work?"),
        _("One per line: skills you have and enjoy, and skills you want to build."),
        rows=4,
    )
    creativity = one_of(_("How much do you want to be creative?"), AMOUNT_CHOICES)
    autonomy = one_of(_("Autonomy or direction?"), AUTONOMY_CHOICES)
    manage_others = one_of(_("Do you want to manage other people?"), YES_MAYBE_NO_CHOICES)
    help_others = one_of(
        _("Do you want to teach, mentor or help others in your work?"), YES_MAYBE_NO_CHOICES
    )


CURRENCY_CHOICES = [
    ("", _("Choose a currency")),
    *[
        (code, code)
        for code in (
            "EUR",
            "USD",
            "GBP",
            "CAD",
            "AUD",
            "NZD",
            "CHF",
            "SEK",
            "NOK",
            "DKK",
            "PLN",
            "JPY",
            "INR",
            "SGD",
            "ZAR",
            "BRL",
            "MXN",
        )
    ],
]
PERIOD_CHOICES = [
    ("year", _("per year")),
    ("month", _("per month")),
    ("hour", _("per hour")),
]
SECURITY_CHOICES = [
    ("high", _("A lot: a steady, secure job matters a great deal to me")),
    ("medium", _("Some: I can live with change if there is a safety net")),
    ("low", _("Little: I am comfortable with risk for the right opportunity")),
]


class PayForm(StepForm):
    pay_amount = forms.DecimalField(
        label=_("What pay do you want to reach?"),
        help_text=_("Before tax. Leave it empty if you do not know yet."),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )
    pay_currency = forms.ChoiceField(label=_("Currency"), choices=CURRENCY_CHOICES, required=False)
    pay_period = forms.ChoiceField(
        label=_("Period"), choices=PERIOD_CHOICES, required=False, initial="year"
    )
    security = one_of(_("How much job security do you need?"), SECURITY_CHOICES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Row(
                Column("pay_amount", css_class="col-md-6"),
                Column("pay_currency", css_class="col-md-3"),
                Column("pay_period", css_class="col-md-3"),
            ),
            "security",
        )

    @classmethod
    def summarise(cls, stored: dict) -> list[AnsweredQuestion]:
        """The amount, currency and period read as one answer: "EUR 65,000 a year"."""
        pay_fields = {"pay_amount", "pay_currency", "pay_period"}
        summary = super().summarise({k: v for k, v in stored.items() if k not in pay_fields})
        if shown := pay_text(stored):
            label = str(cls.base_fields["pay_amount"].label)
            summary.insert(0, AnsweredQuestion(label=label, answer=shown))
        return summary

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("pay_amount") is not None:
            if not cleaned.get("pay_currency"):
                self.add_error("pay_currency", _("Choose the currency of this amount."))
            if not cleaned.get("pay_period"):
                self.add_error("pay_period", _("Choose whether this is per year, month or hour."))
        return cleaned


IMPORTANCE3_CHOICES = [
    ("must", _("Must have")),
    ("nice", _("Nice to have")),
    ("indifferent", _("Does not matter")),
]
WHERE_CHOICES = [
    ("remote", _("From home")),
    ("hybrid", _("Partly from home")),
    ("onsite", _("At the workplace")),
    ("any", _("No preference")),
]
SIZE_CHOICES = [
    ("small", _("Small: under 50 people")),
    ("medium", _("Medium: 50 to 1,000")),
    ("large", _("Large: over 1,000")),
    ("any", _("No preference")),
]
PACE_CHOICES = [
    ("calm", _("Calm and steady")),
    ("varied", _("Varied: busy spells and quiet ones")),
    ("fast", _("Fast-moving")),
    ("any", _("No preference")),
]


class EnvironmentForm(StepForm):
    flexible_hours = one_of(_("Flexible working hours"), IMPORTANCE3_CHOICES)
    work_from = one_of(_("Where do you want to do your work?"), WHERE_CHOICES)
    training = one_of(_("Access to training"), IMPORTANCE3_CHOICES)
    company_values = long_text(
        _("Which company policies and values matter to you?"),
        _("Parental leave, sustainability, diversity, how people are treated, what it makes."),
    )
    size = one_of(_("Size of the organisation"), SIZE_CHOICES)
    pace = one_of(_("Pace of work"), PACE_CHOICES)


DIRECTION_CHOICES = [
    ("upward", _("Upward: more responsibility, a more senior role")),
    ("lateral", _("Lateral: a similar level, a wider set of skills or a new specialism")),
    ("own_business", _("My own business")),
    ("several_jobs", _("Several jobs at once")),
    ("deepen", _("Stay and deepen: grow where I am")),
    ("unsure", _("Not sure yet")),
]


class DirectionForm(StepForm):
    direction = one_of(_("Which way do you want to progress?"), DIRECTION_CHOICES)
    industries = short_text(
        _("Industries to explore"), _("For example healthcare, renewable energy, publishing.")
    )
    domains = short_text(_("Domains to explore"), _("For example data, training, operations."))
    roles = short_text(_("Roles to explore"), _("For example team lead, consultant, trainer."))
