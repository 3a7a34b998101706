"""The emails CareerVision sends: plain text with an HTML alternative."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def email_message(*, to: str, subject: str, template: str, context: dict) -> EmailMultiAlternatives:
    """An email to one address, its text from `template`.txt and its HTML
    from `template`.html, both rendered with `context`."""
    message = EmailMultiAlternatives(
        subject=subject, body=render_to_string(f"{template}.txt", context), to=[to]
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
