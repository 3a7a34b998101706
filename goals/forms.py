from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from goals.models import Action, Goal, GoalStatus
from visions.values import WORK_VALUES


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class GoalForm(forms.ModelForm):
    values = forms.MultipleChoiceField(
        label=_("Which of your work values does it serve?"),
        choices=[(value.slug, value.name) for value in WORK_VALUES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Goal
        fields = ["title", "description", "kind", "measure", "target_date", "status", "values"]
        widgets = {
            "target_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        target = cleaned.get("target_date")
        unchanged = self.instance.pk and target == self.instance.target_date
        # An overdue goal keeps its date when edited; a new past date is only
        # for recording a goal already reached.
        if (
            target
            and not unchanged
            and target < timezone.localdate()
            and cleaned.get("status") != GoalStatus.DONE
        ):
            self.add_error(
                "target_date",
                _(
                    "A date in the past is only for goals already done: pick a later date, "
                    "or set the status to Done."
                ),
            )
        return cleaned


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["title", "due_date"]
        labels = {"title": _("Next action"), "due_date": _("Due")}
        widgets = {"due_date": DateInput()}


class PlanItemForm(forms.Form):
    """One proposed goal on the planning page: keep it or not, and adjust it."""

    key = forms.CharField(widget=forms.HiddenInput)
    keep = forms.BooleanField(label=_("Keep this goal"), required=False)
    title = forms.CharField(label=_("Goal"), max_length=160)
    target_date = forms.DateField(label=_("Target date"), widget=DateInput())

    def clean_target_date(self):
        target = self.cleaned_data["target_date"]
        if target < timezone.localdate():
            raise forms.ValidationError(_("Pick a date from today on."))
        return target


PlanFormSet = forms.formset_factory(PlanItemForm, extra=0)
