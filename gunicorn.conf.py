"""gunicorn settings for CareerVision (used by the Dockerfile and bench/).

Threaded workers: a request waiting on the PDF render pool (goals/pdf.py) or
on PostgreSQL holds a thread, not a whole worker, so other pages keep being
served during a burst of PDF downloads. bench/results.md has the numbers
that chose this.
"""

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
