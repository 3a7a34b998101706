"""Sends today's reminder digests. Meant for cron, once a day or more often:

    0 7 * * *  cd /app && .venv/bin/python manage.py send_reminders

Running it again the same day sends only what has not been sent yet.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from goals.reminders import reminders_send


class Command(BaseCommand):
    help = "Emails the weekly digest of actions due soon and overdue to whoever gets it today."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            metavar="YYYY-MM-DD",
            help="Send as if today were this day (to catch up on a missed run). "
            "Default: today in the site's time zone.",
        )

    def handle(self, *args, **options) -> None:
        today = self.day(options["date"]) if options["date"] else timezone.localdate()
        sent = reminders_send(today=today)
        noun = "digest" if sent == 1 else "digests"
        self.stdout.write(f"Sent {sent} reminder {noun} for {today.isoformat()}.")

    def day(self, text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CommandError(f"--date must look like 2026-03-02, not {text!r}.") from None
