"""PostgreSQL goes away and comes back: the app answers 503 meanwhile and
recovers by itself, without a restart.

A small TCP relay stands between the app and PostgreSQL; closing it is the
database going down."""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="needs a PostgreSQL server to cut off; runs in the PostgreSQL pass",
    ),
]

# The app as a server runs it: the WSGI application, whose request signals
# close broken database connections (the test client skips that on purpose).
APP = """
import sys
from wsgiref.util import setup_testing_defaults
from careervision.wsgi import application
for line in sys.stdin:
    environ = {"PATH_INFO": "/healthz/", "HTTP_HOST": "testserver"}
    setup_testing_defaults(environ)
    status = []
    body = application(environ, lambda s, h, exc_info=None: status.append(s))
    b"".join(body)
    body.close()
    print(status[0].split()[0], flush=True)
"""


class Relay:
    """Forwards connections on a local port to PostgreSQL until closed."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.open_sockets: list[socket.socket] = []
        self.accepting = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            if not self.accepting:
                client.close()
                continue
            upstream = socket.create_connection(self.target)
            self.open_sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            # shutdown, not just close: it wakes the other direction's recv
            # and sends the end of stream, so PostgreSQL ends the session.
            for each in (source, sink):
                with contextlib.suppress(OSError):
                    each.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    each.close()

    def cut(self) -> None:
        """The database goes down: open connections drop, new ones are refused."""
        self.accepting = False
        for each in self.open_sockets:
            with contextlib.suppress(OSError):
                each.shutdown(socket.SHUT_RDWR)
        self.open_sockets.clear()

    def restore(self) -> None:
        self.accepting = True

    def close(self) -> None:
        self.cut()
        self.server.close()


def test_the_app_answers_503_while_the_database_is_away_and_recovers(tmp_path):
    settings = connection.settings_dict
    relay = Relay((settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432)))
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "careervision.settings",
        "SECRET_KEY": "x" * 50,
        "SECURE_HTTPS": "false",
        "ALLOWED_HOSTS": "testserver",
        "STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": f"postgres://{settings['USER']}@127.0.0.1:{relay.port}/{settings['NAME']}",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=True,
        timeout=120,
    )
    app = subprocess.Popen(  # noqa: S603 -- our own code
        [sys.executable, "-c", APP],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )

    def probe() -> str:
        app.stdin.write("go\n")
        app.stdin.flush()
        return app.stdout.readline().strip()

    try:
        assert probe() == "200"
        relay.cut()
        assert probe() == "503"
        assert probe() == "503"
        relay.restore()
        assert probe() == "200"
    finally:
        app.kill()
        app.wait(timeout=30)
        app.stdin.close()
        app.stdout.close()
        relay.close()
        wait_for_other_sessions_to_end(settings["NAME"])


def wait_for_other_sessions_to_end(database: str) -> None:
    """The relayed sessions end a moment after their sockets close; the
    test database can only be dropped once they have."""
    for _ in range(100):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [database],
            )
            if cursor.fetchone()[0] == 0:
                return
        time.sleep(0.1)
