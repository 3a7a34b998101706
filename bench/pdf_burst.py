"""Does a burst of PDF downloads slow the other pages down?

Starts gunicorn on PostgreSQL twice — once with sync workers rendering PDFs
in the request, once with the project's setup (threaded workers and the
render pool of goals/pdf.py) — and in each measures the vision page's
latency when idle and while 16 clients download 16 different PDFs at once
(cold renders), plus a cold render and a stored download of one PDF.
Appends a table to bench/results.md.

Run with `make bench` (it makes sure PostgreSQL is up), or:
    .venv/bin/python bench/pdf_burst.py --database-url postgres://postgres@127.0.0.1/careervision_bench
"""

import argparse
import datetime
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PORT = 8765
CLIENTS = 16

SEED = """
import json
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from accounts.models import User
from goals.management.commands.seed_demo import (
    SAM_ANSWERS, SAM_REVISIONS, demo_answer, demo_goals_ensure,
)
from visions.models import Vision
from visions.services import vision_create, vision_save, vision_complete_questionnaire

user, _ = User.objects.get_or_create(email="bench@example.com", defaults={"display_name": "Bench"})
Vision.objects.filter(owner=user).delete()
ids = []
for n in range(%(count)d):
    vision = vision_create(owner=user, title=f"Bench vision {n}", horizon_years=5)
    vision = vision_complete_questionnaire(vision=demo_answer(vision, SAM_ANSWERS))
    for content in SAM_REVISIONS:
        vision = vision_save(vision=vision, author=user, base_version=vision.version,
                             title=vision.title, horizon_years=5, **content)
    demo_goals_ensure(vision=vision)
    ids.append(vision.pk)
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
print(json.dumps({"ids": ids, "session": session.session_key}))
"""


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


def wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not start on port {port}")


def get(path: str, session: str) -> float:
    """Seconds for one GET, body read; fails loudly on anything but 200."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=120)
    started = time.perf_counter()
    connection.request("GET", path, headers={"Cookie": f"sessionid={session}"})
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"GET {path} answered {response.status}")
    return elapsed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(label: str, gunicorn_args: list[str], env: dict, seed: dict) -> dict:
    env = {**env}
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "careervision.wsgi", *gunicorn_args],
        cwd=ROOT,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{PORT}", "GUNICORN_ACCESS_LOG": "/dev/null"},
        stdout=subprocess.DEVNULL,
        stderr=(ROOT / "bench" / "out" / "gunicorn.log").open("a"),
    )
    try:
        wait_for_port(PORT)
        session, ids = seed["session"], seed["ids"]
        page = f"/visions/{ids[0]}/"
        for _ in range(20):  # warm up connections and imports
            get(page, session)
        idle = [get(page, session) for _ in range(200)]

        manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            "from goals.models import VisionPdf; VisionPdf.objects.all().delete()",
        )
        # One cold render first, so the render pool (or the worker) has
        # imported WeasyPrint, as it would have in a running server.
        get(f"/visions/{ids[-1]}/vision.pdf", session)
        manage(
            env,
            "shell",
            "--no-imports",
            "-c",
            "from goals.models import VisionPdf; VisionPdf.objects.all().delete()",
        )

        during: list[float] = []
        pdf_times: list[float] = []
        done = threading.Event()

        def probe() -> None:
            while not done.is_set():
                during.append(get(page, session))

        def download(vision_id: int) -> None:
            pdf_times.append(get(f"/visions/{vision_id}/vision.pdf", session))

        prober = threading.Thread(target=probe)
        clients = [threading.Thread(target=download, args=(i,)) for i in ids[:CLIENTS]]
        started = time.perf_counter()
        prober.start()
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        burst = time.perf_counter() - started
        done.set()
        prober.join()

        cold = get(f"/visions/{ids[0]}/vision.pdf?size=letter", session)
        stored = statistics.median(
            get(f"/visions/{ids[0]}/vision.pdf?size=letter", session) for _ in range(20)
        )
        return {
            "label": label,
            "idle_p50": percentile(idle, 0.5),
            "idle_p99": percentile(idle, 0.99),
            "burst_p50": percentile(during, 0.5),
            "burst_p99": percentile(during, 0.99),
            "burst_requests": len(during),
            "burst_seconds": burst,
            "pdf_p50": percentile(pdf_times, 0.5),
            "cold": cold,
            "stored": stored,
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def report(results: list[dict]) -> str:
    machine = f"{platform.node()}: {os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    lines = [
        f"## PDF burst — {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        "",
        f"Machine: {machine}. Commit {commit}. PostgreSQL, DEBUG off. {CLIENTS} clients each download "
        "a different vision's PDF (cold render) while one client keeps loading a vision page.",
        "",
        "| setup | page p50 idle | page p99 idle | page p50 in burst | page p99 in burst | p99 burst/idle | page loads in burst | burst took | PDF p50 in burst | one cold PDF | stored PDF | cold/stored |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['label']} | {r['idle_p50'] * 1000:.1f} ms | {r['idle_p99'] * 1000:.1f} ms "
            f"| {r['burst_p50'] * 1000:.1f} ms | {r['burst_p99'] * 1000:.1f} ms "
            f"| {r['burst_p99'] / r['idle_p99']:.1f}x | {r['burst_requests']} | {r['burst_seconds']:.1f} s "
            f"| {r['pdf_p50']:.2f} s | {r['cold'] * 1000:.0f} ms | {r['stored'] * 1000:.1f} ms "
            f"| {r['cold'] / r['stored']:.0f}x |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    options = parser.parse_args()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),  # noqa: S108 -- a harmless fallback
        "DATABASE_URL": options.database_url,
        "SECRET_KEY": "bench-only-secret-key-not-used-anywhere-else-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_HTTPS": "false",
        "EMAIL_HOST": "localhost",
        "STATIC_ROOT": str(ROOT / "bench" / "out" / "static"),
    }
    (ROOT / "bench" / "out").mkdir(parents=True, exist_ok=True)
    manage(env, "collectstatic", "--no-input")
    manage(env, "migrate", "--no-input")
    manage(env, "createcachetable")
    seed = json.loads(
        manage(env, "shell", "--no-imports", "-c", SEED % {"count": CLIENTS})
        .strip()
        .splitlines()[-1]
    )
    results = [
        measure(
            "sync workers (2), render in the request",
            ["--config", "gunicorn.conf.py", "--worker-class", "sync", "--workers", "2"],
            {**env, "PDF_RENDER_PROCESSES": "0"},
            seed,
        ),
        measure(
            "chosen: gthread 2x8 + render pool of 1 process per worker",
            ["--config", "gunicorn.conf.py"],
            {**env, "PDF_RENDER_PROCESSES": "1"},
            seed,
        ),
    ]
    table = report(results)
    print(table)
    results_file = ROOT / "bench" / "results.md"
    if not results_file.exists():
        results_file.write_text(
            "# Benchmark results\n\nNewest first is not kept: each run appends.\n\n"
        )
    with results_file.open("a") as out:
        out.write("\n" + table)
    chosen = results[-1]
    # The target: other pages' p99 within 3x of idle while PDFs render.
    return 0 if chosen["burst_p99"] <= 3 * chosen["idle_p99"] else 1


if __name__ == "__main__":
    sys.exit(main())
