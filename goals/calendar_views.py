"""Calendar and reminders: the settings page, the feed, the .ics download and
the one-click "done" page behind the links in the reminder emails."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from goals.calendar import (
    calendar_feed_of,
    calendar_feed_owner,
    calendar_feed_regenerate,
    calendar_for_user_stored,
    calendar_for_vision,
)
from goals.calendar_forms import ReminderSettingsForm
from goals.models import Weekday
from goals.reminders import (
    LinkProblem,
    ReminderLinkInvalid,
    reminder_link_check,
    reminder_link_use,
    reminder_settings_for,
    reminder_settings_update,
)
from visions.access import vision_get_for_user
from visions.models import Vision


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def calendar_settings(request):
    if request.method == "POST" and request.POST.get("action") == "regenerate":
        calendar_feed_regenerate(user=request.user)
        messages.success(
            request, _("Your calendar has a new address. The old one has stopped working.")
        )
        return redirect("calendar_settings")
    reminders = reminder_settings_for(request.user)
    form = ReminderSettingsForm(
        request.POST or None,
        initial={"enabled": reminders.enabled, "weekday": reminders.weekday},
    )
    if request.method == "POST" and form.is_valid():
        reminders = reminder_settings_update(user=request.user, **form.cleaned_data)
        messages.success(request, reminders_saved_message(reminders))
        return redirect("calendar_settings")
    return render(request, "goals/calendar/settings.html", settings_context(request, form))


def settings_context(request, form: ReminderSettingsForm) -> dict:
    feed = calendar_feed_of(request.user)
    feed_url = (
        request.build_absolute_uri(reverse("calendar_feed", args=[feed.token])) if feed else ""
    )
    return {
        "feed_url": feed_url,
        # webcal:// hands the address to the calendar app the system prefers.
        "webcal_url": "webcal://" + feed_url.split("://", 1)[-1] if feed else "",
        "visions": Vision.objects.visible_to(request.user).filter(
            owner=request.user, archived_at=None
        ),
        "form": form,
    }


def reminders_saved_message(reminders) -> str:
    if not reminders.enabled:
        return _("Reminders are off. We will not email you about your actions.")
    return _("Reminders are on: an email every %(day)s when actions are due soon or overdue.") % {
        "day": Weekday(reminders.weekday).label
    }


def ics_response(content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    # Private dates behind a secret address: no shared cache may keep a copy.
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def calendar_feed(request, token: str):
    """No login: calendar apps cannot log in, so the token is the credential."""
    response = ics_response(calendar_for_user_stored(calendar_feed_owner(token)))
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_safe
def vision_calendar(request, vision_id: int):
    # write=True: the download is the owner's alone, not a coach's.
    vision = vision_get_for_user(request.user, write=True, pk=vision_id)
    response = ics_response(calendar_for_vision(vision))
    filename = f"{slugify(vision.title) or 'vision'}.ics"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def reminder_done(request, token: str):
    """GET only shows what the button will do: mail scanners open links, and
    opening a link must not tick anything off."""
    try:
        if request.method == "POST":
            link = reminder_link_use(token=token)
            return render(request, "goals/calendar/reminder_done.html", {"action": link.action})
        link = reminder_link_check(token=token)
    except ReminderLinkInvalid as invalid:
        status = 404 if invalid.problem == LinkProblem.BAD_SIGNATURE else 410
        return render(
            request,
            "goals/calendar/reminder_link_invalid.html",
            {"problem": invalid.problem.value},
            status=status,
        )
    return render(request, "goals/calendar/reminder_confirm.html", {"action": link.action})
