"""Rendered pieces of pages that many requests share, kept in the cache under
a stamp of everything they show.

A page with fifty goals and their actions costs more to render in Django's
templates than everything else in the request together (bench/results.md).
What it shows changes only when the person writes: every write to a vision,
its answers, goals or actions moves `vision.updated_at` (goals.services
`_touch`). So the caller names what its piece depends on — that timestamp,
the day (overdue marks), who reads it, whether they may edit — and the piece
is rendered once per distinct stamp.

Forms inside a cached piece carry a placeholder where the CSRF token goes;
each response gets its own token in its place. The stamp also holds the
language, the address asked for and a version of the code and templates, so
a deploy never serves a piece rendered by older code.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# Not a valid token (too long, not alphanumeric), so it can never pass a check.
CSRF_PLACEHOLDER = "--csrf-token-goes-here--"
# A piece nobody asks for leaves the cache after a day.
SECONDS = 60 * 60 * 24


def _code_version() -> str:
    """Changes whenever a template or a Python file of the project does."""
    digest = hashlib.sha256()
    for pattern in ("templates/**/*.html", "*/*.py", "*/templatetags/*.py"):
        for path in sorted(Path(settings.BASE_DIR).glob(pattern)):
            if ".venv" in path.parts:
                continue
            stat = path.stat()
            digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    return digest.hexdigest()[:16]


CODE_VERSION = _code_version()


def fragment_text(name: str, stamp: tuple, render) -> str:
    """The cached text under this stamp, or `render()`'s, stored for next time."""
    key = (
        "fragment:"
        + hashlib.sha256(repr((CODE_VERSION, name, get_language(), stamp)).encode()).hexdigest()
    )
    text = cache.get(key)
    if text is None:
        text = render()
        cache.set(key, text, SECONDS)
    return text


def fragment(request, template_name: str, context, stamp: tuple) -> SafeString:
    """`template_name` rendered with what `context()` returns (plus request,
    user and a CSRF placeholder), shared by every request with the same
    stamp. `context` is called only when the piece has to be rendered."""
    html = fragment_text(
        template_name,
        (request.user.pk, request.get_full_path(), *stamp),
        lambda: render_to_string(
            template_name,
            {**context(), "request": request, "user": request.user, "csrf_token": CSRF_PLACEHOLDER},
        ),
    )
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))  # noqa: S308 -- our own rendered template
