"""The server side of a benchmark run: its environment, its database, gunicorn.

Production settings (DEBUG off, PostgreSQL, Redis for the cache, whitenoise,
the gunicorn.conf.py worker setup) plus the bench app (bench/settings.py).
Plain HTTP on loopback, so SECURE_HTTPS is off: it only changes cookie flags
and response headers, and HTTP clients drop Secure cookies over plain HTTP.
"""

import http.client
import json
import os
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
HOST = "127.0.0.1"
PORT = 8765


def bench_env(database_url: str, redis_url: str) -> dict:
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),  # noqa: S108 -- a harmless fallback
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": "bench-only-secret-key-not-used-anywhere-else-0123456789",
        "ALLOWED_HOSTS": HOST,
        "SECURE_HTTPS": "false",
        "STATIC_ROOT": str(OUT / "static"),
        "GUNICORN_BIND": f"{HOST}:{PORT}",
        "GUNICORN_ACCESS_LOG": "/dev/null",
    }


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def django_run(env: dict, code: str) -> dict:
    """Runs Python in the project's Django setup; it prints one JSON line last."""
    return json.loads(manage(env, "shell", "--no-imports", "-c", code).strip().splitlines()[-1])


def psql(database_url: str, sql: str, database: str | None = None) -> str:
    parts = urlsplit(database_url)
    return subprocess.run(
        [
            "psql",
            "-h",
            parts.hostname or HOST,
            "-p",
            str(parts.port or 5432),
            "-U",
            parts.username or "postgres",
            "-d",
            database or parts.path.lstrip("/"),
            "-tAc",
            sql,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def database_recreate(database_url: str) -> None:
    name = urlsplit(database_url).path.lstrip("/")
    psql(database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', database="postgres")
    psql(database_url, f'CREATE DATABASE "{name}"', database="postgres")


SESSIONS = """
import json, time
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from accounts.models import User

keys = {}
for user in User.objects.filter(pk__in=%(ids)r):
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session["signed_in_at"] = session["last_seen"] = time.time()
    session.save()
    keys[user.pk] = session.session_key
print(json.dumps(keys))
"""


def sessions_create(env: dict, user_ids: list[int]) -> dict[int, str]:
    """Signed-in sessions, as a login would leave them, without the login."""
    keys = django_run(env, SESSIONS % {"ids": sorted(set(user_ids))})
    return {int(pk): key for pk, key in keys.items()}


def wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not start on port {port}")


class Gunicorn:
    """gunicorn with the project's configuration, for the length of a `with`."""

    def __init__(self, env: dict, *extra: str):
        self.env, self.extra = env, extra

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "careervision.wsgi",
                "-c",
                "gunicorn.conf.py",
                *self.extra,
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=(OUT / "gunicorn.log").open("a"),
        )
        wait_for_port(PORT)
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def request(
    path: str,
    session: str | None = None,
    *,
    method: str = "GET",
    body: str | None = None,
    extra_cookies: str = "",
) -> tuple[int, bytes, float]:
    """One request on a fresh connection: status, body and seconds taken."""
    headers = {}
    cookies = "; ".join(c for c in (f"sessionid={session}" if session else "", extra_cookies) if c)
    if cookies:
        headers["Cookie"] = cookies
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Origin"] = f"http://{HOST}:{PORT}"
    connection = http.client.HTTPConnection(HOST, PORT, timeout=120)
    started = time.perf_counter()
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    content = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    return response.status, content, elapsed


def get(path: str, session: str) -> float:
    """Seconds for one GET; fails loudly on anything but 200."""
    status, _, elapsed = request(path, session)
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}")
    return elapsed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]
