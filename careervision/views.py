"""Project-wide pages: the error handlers and the privacy page."""

import sys

from django.db import DatabaseError, InterfaceError, connection
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string


def server_error(request):
    """The 500 handler. When the database is out of reach the page says so,
    as a 503 with Retry-After: nothing is wrong with what the person did, and
    the app recovers by itself when the database is back (connections are
    health-checked before reuse)."""
    _type, error, _traceback = sys.exc_info()
    if isinstance(error, DatabaseError | InterfaceError):
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(render_to_string("500.html"), status=500)


def healthz(request):
    """For load balancers and compose: 200 when the app can reach its
    database; the 503 page otherwise (through server_error above)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


def privacy(request):
    return render(request, "pages/privacy.html")
