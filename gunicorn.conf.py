"""gunicorn settings for CareerVision (used by the Dockerfile and bench/).

Threaded workers: a request waiting on the PDF render pool (goals/pdf.py) or
on PostgreSQL holds a thread, not a whole worker, so other pages keep being
served during a burst of PDF downloads. bench/results.md has the numbers
that chose this.
"""

import ctypes
import ctypes.util
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = 60
# How long an idle connection is kept open for the next request. Longer than
# the pause between a person's clicks, so the server does not close a
# connection just as the browser sends on it (seen as "connection reset" in
# the bench's load run with gunicorn's default of 2 s).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Each worker listens on its own socket (SO_REUSEPORT) and the kernel spreads
# new connections across them. With one shared socket, the worker that wakes
# first accepts a whole burst of connections and keeps them for as long as
# they stay open: 16 kept-alive connections all on one worker leave the other
# core idle and halve the throughput (bench/results.md, 2026-11-24). Not for
# a Unix socket, whose path each worker's own socket would take from the last.
reuse_port = not bind.startswith("unix:")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")


def malloc_keep_freed_memory() -> None:
    """glibc's malloc: serve blocks up to 1 MB from the heap, keep up to 16
    MB of freed heap before handing it back to the system, and use at most
    two heaps (arenas) per worker, which bounds what is kept (the threads
    take turns on Python's lock anyway). With the defaults, the few hundred
    kilobytes a large page is built in (the goals page of a 50-goal plan is
    320 KB, copied when its CSRF token goes in and again when it is encoded)
    are mapped fresh and faulted in on each request, then given back: the
    goals page made 0.83x the floor's throughput, and 0.91x with this
    (bench/results.md, 2026-11-24). Set in the arbiter, before the workers
    fork, so each inherits it; nothing happens where the C library is not
    glibc."""
    libc = ctypes.util.find_library("c")
    mallopt = getattr(ctypes.CDLL(libc), "mallopt", None) if libc else None
    if mallopt is None:
        return
    m_trim_threshold, m_mmap_threshold, m_arena_max = -1, -3, -8  # glibc's malloc.h
    mallopt(m_arena_max, 2)
    mallopt(m_mmap_threshold, 1024 * 1024)
    mallopt(m_trim_threshold, 16 * 1024 * 1024)


malloc_keep_freed_memory()
