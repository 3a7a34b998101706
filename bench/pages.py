"""Throughput and latency of every main page, measured with wrk.

Each target is first requested once and checked (status and a piece of text
only the right page shows), so a redirect to the login page or an error page
can never pass for a fast page. Then wrk keeps CONNECTIONS connections busy
for a few seconds, after a short warm-up, and the script counts any response
whose status is not the expected one.
"""

import json
import os
import statistics
import subprocess
from dataclasses import dataclass
from urllib.parse import urlencode

from bench.server import HOST, PORT, ROOT, request

CONNECTIONS = 16
# Any 32 letters do: Django compares the form's token with the cookie's.
CSRF = "benchbenchbenchbenchbenchbench32"


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    who: str  # "owner", "coach", "admin" or "" (no session: the calendar feed)
    expect: str  # text the response must contain (for a redirect: its Location)
    kind: str = "main"  # "main" pages have targets; "floor" and "admin" are the yardsticks
    method: str = "GET"
    body: dict | None = None
    status: int = 200


def people(seed: dict) -> dict[str, int]:
    """The user id behind each Target.who of the seeded data."""
    return {who: seed[who] for who in ("owner", "coach", "admin")}


def targets(seed: dict) -> list[Target]:
    v = seed["owner_vision"]
    questionnaire_now = {
        "csrfmiddlewaretoken": CSRF,
        "action": "next",
        "current_role": "Customer support team member at a software company",
        "job_or_career": "job",
        "needs_met": "2",
        "missing": "Room to grow, and a path forward.",
    }
    return [
        Target("floor", "/bench/floor/", "owner", "has 1 visions", kind="floor"),
        Target(
            "admin: goals change list",
            "/admin/goals/goal/",
            "admin",
            "Select goal to change",
            kind="admin",
        ),
        Target("home", "/", "owner", "Leading learning design"),
        Target("my visions", "/visions/", "owner", "Leading learning design"),
        Target(
            "questionnaire step (GET)", f"/visions/{v}/questionnaire/now/", "owner", "current_role"
        ),
        Target(
            "questionnaire step (POST)",
            f"/visions/{v}/questionnaire/now/",
            "owner",
            f"/visions/{v}/questionnaire/life/",
            method="POST",
            body=questionnaire_now,
            status=302,
        ),
        Target("vision page", f"/visions/{v}/", "owner", "Leading learning design"),
        Target("history", f"/visions/{v}/history/", "owner", "#10"),
        Target(
            "diff of two revisions", f"/visions/{v}/history/compare/?from=1&to=10", "owner", "<ins"
        ),
        Target("goals page", f"/visions/{v}/goals/", "owner", "(50)"),
        Target("goals timeline", f"/visions/{v}/timeline/", "owner", "(50)"),
        Target("coach dashboard, page 1", "/coach/", "coach", "Visions shared with you"),
        Target("coach dashboard, search", "/coach/?q=Person+00042", "coach", "Person 00042"),
        Target("shared vision, as the coach", f"/visions/{v}/", "coach", "Leading learning design"),
        Target(
            "calendar feed (.ics)",
            f"/calendar/feed/{seed['feed_token']}.ics",
            "",
            "BEGIN:VCALENDAR",
        ),
    ]


def cookie(target: Target, sessions: dict[str, str]) -> str:
    parts = [f"sessionid={sessions[target.who]}"] if target.who else []
    if target.method == "POST":
        parts.append(f"csrftoken={CSRF}")
    return "; ".join(parts)


def check(target: Target, sessions: dict[str, str]) -> None:
    """One request, checked, before and after the page is timed."""
    body = urlencode(target.body) if target.body else None
    status, content, _ = request(
        target.path,
        sessions.get(target.who) if target.who else None,
        method=target.method,
        body=body,
        extra_cookies=f"csrftoken={CSRF}" if target.method == "POST" else "",
    )
    if status != target.status:
        raise RuntimeError(f"{target.name}: {target.method} {target.path} answered {status}")
    if target.status == 200 and target.expect.encode() not in content:
        raise RuntimeError(f"{target.name}: {target.path} does not show {target.expect!r}")


def wrk(target: Target, sessions: dict[str, str], seconds: int, *, warm_up: bool = True) -> dict:
    env = {
        **os.environ,
        "BENCH_METHOD": target.method,
        "BENCH_BODY": urlencode(target.body) if target.body else "",
        "BENCH_ORIGIN": f"http://{HOST}:{PORT}",
        "BENCH_COOKIE": cookie(target, sessions),
    }
    url = f"http://{HOST}:{PORT}{target.path}"
    script = str(ROOT / "bench" / "wrk.lua")
    base = ["wrk", "-t1", f"-c{CONNECTIONS}", "--timeout=30s", "-s", script]
    if warm_up:
        subprocess.run([*base, "-d1s", url], env=env, check=True, capture_output=True)
    output = subprocess.run(
        [*base, f"-d{seconds}s", url], env=env, check=True, capture_output=True, text=True
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    return {
        "name": target.name,
        "kind": target.kind,
        "requests": result["requests"],
        "rps": result["requests"] / (result["duration_us"] / 1e6),
        "p50_ms": result["p50_us"] / 1000,
        "p99_ms": result["p99_us"] / 1000,
        "failures": result["errors"] + result["unexpected"],
    }


def rounds(runs: list[dict]) -> dict:
    """One row from runs of one target: their requests/s, the median of
    their p50 and p99, every failure."""
    return {
        **runs[0],
        "requests": sum(r["requests"] for r in runs),
        "rps": statistics.mean(r["rps"] for r in runs),
        "p50_ms": statistics.median(r["p50_ms"] for r in runs),
        "p99_ms": statistics.median(r["p99_ms"] for r in runs),
        "failures": sum(r["failures"] for r in runs),
    }


def measure(seed: dict, sessions: dict[str, str], seconds: int) -> list[dict]:
    """Every target next to the floor, taking turns with it a second at a
    time for `seconds` turns each. The speed has swung within seconds (the
    floor seen at 165 and at 539 requests/s a few seconds apart, mostly
    while gunicorn's workers shared one socket: bench/results.md), so a
    page measured for five seconds on its own and a floor measured a minute
    earlier cannot be compared; a page and the floor measured in alternate
    seconds can ("floor_rps" is the floor's
    rate during the page's turns, "vs_floor" the median of the turns'
    ratios)."""
    every = targets(seed)
    for target in every:
        check(target, sessions)
        wrk(target, sessions, 1, warm_up=False)
    floor, others = every[0], every[1:]
    floors, results = [], []
    for target in others:
        pairs = [
            (wrk(floor, sessions, 1, warm_up=False), wrk(target, sessions, 1, warm_up=False))
            for _ in range(seconds)
        ]
        # wrk counts failed answers (400 and over), not wrong ones: a page
        # still shown right after its turns was shown right during them
        # (a session that ended would answer with the sign-in page).
        check(target, sessions)
        floors += [f for f, _ in pairs]
        row = rounds([page for _, page in pairs])
        row["floor_rps"] = statistics.mean(f["rps"] for f, _ in pairs)
        # The median of the turns' ratios: a turn in which the machine
        # stalled for the page's second and not the floor's (or the other
        # way round) moves it less than it moves the ratio of the means.
        row["vs_floor"] = statistics.median(page["rps"] / f["rps"] for f, page in pairs)
        results.append(row)
    rates = [f["rps"] for f in floors]
    summary = {**rounds(floors), "floor_rps": statistics.mean(rates), "vs_floor": 1.0}
    summary["floor_range"] = (min(rates), max(rates))
    return [summary, *results]
