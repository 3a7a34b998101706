"""Emails each person the comments others wrote on their visions (or on
visions shared with them) since their last digest. Meant for cron, hourly:

    5 * * * *  cd /app && .venv/bin/python manage.py send_comment_digests

Nobody gets more than one an hour, however often it runs.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from goals.comments import comment_digests_send


class Command(BaseCommand):
    help = "Emails the digest of new comments to whoever has some, at most once an hour each."

    def handle(self, *args, **options) -> None:
        sent = comment_digests_send(now=timezone.now())
        noun = "digest" if sent == 1 else "digests"
        self.stdout.write(f"Sent {sent} comment {noun}.")
