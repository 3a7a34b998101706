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

What a key names never changes (a change makes a new stamp, so a new key),
so each process also keeps the pieces it served last in its own memory
(`Recent`): a page asked for again is served without a trip to the cache.
"""

import hashlib
import threading
from collections import OrderedDict
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpResponse
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


class Recent:
    """The pieces this process served last, up to `limit` characters in all
    (a value that is not text says how big it is). Safe to share between a
    worker's threads."""

    def __init__(self, limit: int):
        self.limit, self.size = limit, 0
        self.pieces: OrderedDict[str, tuple] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str):
        with self.lock:
            kept = self.pieces.get(key)
            if kept is None:
                return None
            self.pieces.move_to_end(key)
            return kept[0]

    def put(self, key: str, value, size: int | None = None) -> None:
        size = len(value) if size is None else size
        if size > self.limit:
            return
        with self.lock:
            if key in self.pieces:
                return
            self.pieces[key] = (value, size)
            self.size += size
            while self.size > self.limit:
                _, (_, oldest) = self.pieces.popitem(last=False)
                self.size -= oldest

    def clear(self) -> None:
        with self.lock:
            self.pieces.clear()
            self.size = 0


# 16 million characters: a few dozen busy pages' worth per worker process.
RECENT = Recent(16_000_000)


def naturaltime_step(moment: datetime, now: datetime) -> tuple:
    """For a stamp: changes exactly when `moment|naturaltime` can read
    differently. It counts seconds under a minute ago, minutes under an
    hour, hours under a week ("2 days, 3 hours ago") and days beyond."""
    seconds = int((now - moment).total_seconds())
    for limit, unit in ((60, 1), (3600, 60), (7 * 86400, 3600)):
        if seconds < limit:
            return (unit, seconds // unit)
    return (86400, seconds // 86400)


def fragment_key(name: str, stamp: tuple) -> str:
    """The cache key of the piece `name` under `stamp`, for this code and language."""
    return (
        "fragment:"
        + hashlib.sha256(repr((CODE_VERSION, name, get_language(), stamp)).encode()).hexdigest()
    )


def fragment_text(name: str, stamp: tuple, render, *, shared: bool = True) -> str:
    """The text under this stamp: from this process's memory, else from the
    cache, else `render()`'s, stored for next time. With shared=False the
    cache is left out: for the many small pieces of one page, where a trip
    to the cache each (a query each, with the database cache) would cost
    more than it saves."""
    return _kept(fragment_key(name, stamp), render, shared)


def _kept(key: str, render, shared: bool) -> str:
    text = RECENT.get(key)
    if text is None:
        text = cache.get(key) if shared else None
        if text is None:
            text = render()
            if shared:
                cache.set(key, text, SECONDS)
        RECENT.put(key, text)
    return text


class Piece(SafeString):
    """A kept piece of a page, still with the CSRF placeholder in its forms,
    and the key it is kept under: a page made around it is kept under a key
    made from it (render_around)."""

    key: str


def fragment(
    request, template_name: str, context, stamp: tuple, *, shared: bool = True, finish=None
) -> Piece:
    """`template_name` rendered with what `context()` returns (plus request,
    user and a CSRF placeholder), shared by every request by the same reader
    at the same address with the same stamp, and passed through `finish`
    when one is given. The CSRF placeholder is still in it: render_around
    puts each response's token in, once for the whole page. `context` is
    called only when the piece has to be rendered."""

    def render() -> str:
        html = render_to_string(
            template_name,
            {**context(), "request": request, "user": request.user, "csrf_token": CSRF_PLACEHOLDER},
        )
        return finish(html) if finish else html

    key = fragment_key(template_name, (request.user.pk, request.get_full_path(), *stamp))
    piece = Piece(_kept(key, render, shared))
    piece.key = key
    return piece


# Stands where the piece goes until the page around it is rendered.
_BODY_MARK = "<!-- the kept piece goes here -->"


def render_around(
    request, template_name: str, context, body: Piece, *, around: tuple = (), keep: bool = True
) -> HttpResponse:
    """The page `template_name` around `body`, a kept piece: the page is
    rendered around a mark and the piece put in its place once (passed
    through the template instead, a piece is copied again at every level of
    blocks it sits in: 1.3 ms of the goals page's 412 KB, bench/results.md).

    The whole page is kept too, under the piece's key, in this process's
    memory only (the piece is in the shared cache, and what is around it is
    quick to render again), so a page asked for again costs its stamp and a
    look-up. What is around the piece (the layout, the title) must depend
    only on what the piece's stamp names, what `around` names, and whether
    the reader is a coach (the navigation). `context` may be a function,
    called only when the page is rendered. A page with messages to show is
    rendered each time, as is one with keep=False: around the piece is
    something no stamp names. Last, every form on the page gets this
    response's CSRF token."""

    def render_page() -> str:
        values = context() if callable(context) else context
        html = render_to_string(
            template_name,
            {**values, "body": mark_safe(_BODY_MARK), "csrf_token": CSRF_PLACEHOLDER},  # noqa: S308 -- a constant
            request,
        )
        return html.replace(_BODY_MARK, body, 1)

    if keep and not len(get_messages(request)):
        key = fragment_key(template_name, (body.key, request.user.is_coach, *around))
        page = _kept(key, render_page, False)
    else:
        page = render_page()
    return HttpResponse(page.replace(CSRF_PLACEHOLDER, get_token(request)))
