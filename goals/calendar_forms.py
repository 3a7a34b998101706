from django import forms
from django.utils.translation import gettext_lazy as _

from goals.models import Weekday


class ReminderSettingsForm(forms.Form):
    enabled = forms.BooleanField(
        label=_("Email me once a week about actions due soon or overdue"),
        required=False,
    )
    weekday = forms.TypedChoiceField(
        label=_("Day of the week"),
        choices=Weekday.choices,
        coerce=int,
        initial=Weekday.MONDAY,
        help_text=_("No email on weeks with nothing due and nothing overdue."),
    )
