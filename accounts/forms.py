from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.services import user_update_profile


class SignupExtrasForm(forms.Form):
    """What allauth's sign-up form asks besides email and password."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=User._meta.get_field("display_name").max_length,
        required=False,
        help_text=_("Optional. How we greet you, and what a coach you share with sees."),
    )
    is_coach = forms.BooleanField(
        label=_("I am a career coach"),
        required=False,
        help_text=_("Coaches follow the clients who choose to share a vision with them."),
    )

    def signup(self, request, user: User) -> None:
        user_update_profile(
            user=user,
            display_name=self.cleaned_data["display_name"],
            is_coach=self.cleaned_data["is_coach"],
        )


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "is_coach"]
