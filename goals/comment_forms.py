from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from goals.comments import EDIT_WINDOW

COMMENT_MAX_LENGTH = 4000


def _edit_minutes() -> int:
    return int(EDIT_WINDOW.total_seconds() // 60)


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Add a comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        minutes = _edit_minutes()
        self.fields["body"].help_text = ngettext(
            "Plain text. You can change or delete it for %(minutes)d minute after posting.",
            "Plain text. You can change or delete it for %(minutes)d minutes after posting.",
            minutes,
        ) % {"minutes": minutes}


class CommentEditForm(CommentForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Your comment")
        self.fields["body"].help_text = ""
