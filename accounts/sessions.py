"""Session lifetime: a signed-in session ends after SESSION_IDLE_SECONDS
without a request, and SESSION_ABSOLUTE_SECONDS after signing in, whatever
happens in between."""

import time

from django.conf import settings
from django.contrib.auth import logout

# Writing the session on every request would cost a database write each;
# the last-seen time is refreshed at most this often.
LAST_SEEN_PRECISION = 300


def session_lifetime_start(sender, request, user, **kwargs) -> None:
    """On sign-in (connected to user_logged_in in AccountsConfig.ready): the
    clock of both limits starts, written with the login itself."""
    now = time.time()
    request.session["signed_in_at"] = now
    request.session["last_seen"] = now


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            signed_in_at = session.get("signed_in_at", now)
            last_seen = session.get("last_seen", now)
            if (
                now - last_seen > settings.SESSION_IDLE_SECONDS
                or now - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS
            ):
                logout(request)
            elif now - last_seen > LAST_SEEN_PRECISION or "signed_in_at" not in session:
                session.setdefault("signed_in_at", now)
                session["last_seen"] = now
        return self.get_response(request)
