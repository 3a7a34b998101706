"""The calendar feed, the one-off .ics download and the reminder "done" links."""

from django.urls import path

from goals import calendar_views

urlpatterns = [
    path("calendar/", calendar_views.calendar_settings, name="calendar_settings"),
    # Feed tokens are URL-safe base64, which is exactly what `slug` matches.
    path("calendar/feed/<slug:token>.ics", calendar_views.calendar_feed, name="calendar_feed"),
    path(
        "visions/<int:vision_id>/calendar.ics",
        calendar_views.vision_calendar,
        name="vision_calendar",
    ),
    path("reminders/done/<str:token>/", calendar_views.reminder_done, name="reminder_done"),
]
