"""`make bench`: seeds data at scale, starts gunicorn, measures, reports.

    .venv/bin/python -m bench.run [--seconds 8] [--locust-seconds 300] [--only pages,pdf,curves,load]

What it measures, all in one run on one machine, against one server:
- pages: requests/s, p50 and p99 of every main page with wrk, next to the
  floor (bench/views.py) and the Django admin's change list of goals;
- pdf: a cold render next to bare WeasyPrint on the same HTML, a stored
  download next to a cold render, and the vision page's p99 while 16
  clients download PDFs;
- curves: p50 of the coach dashboard from 10 to 500 clients and of the
  goals timeline from 5 to 200 goals;
- load: 50 simulated people with locust (bench/locustfile.py).

The table is printed and appended to bench/results.md with the date, the
machine and the commit. The exit status is 1 when a target is missed.
"""

import argparse
import csv
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys

from bench import pages, pdf
from bench.server import (
    HOST,
    OUT,
    PORT,
    ROOT,
    Gunicorn,
    bench_env,
    database_recreate,
    get,
    manage,
    psql,
    sessions_create,
)

FLOOR_SHARE = 0.8  # every main page: at least this share of the floor's requests/s
ADMIN_TIMES = 3  # and at least this many times the admin change list's
PDF_OVER_BARE = 1.2  # a cold render: at most this many times bare WeasyPrint
STORED_TIMES = 50  # a stored PDF: at least this many times faster than a cold render
BURST_P99 = 3  # the vision page's p99 during a PDF burst: at most this many times idle
CURVE_REQUESTS = 30
SEED_FORMAT = 2  # raise when seed_bench's summary changes shape: the next run seeds anew


def seed_ensure(env: dict, database_url: str, scale: dict, fresh: bool) -> dict:
    """The bench database, seeded once and reused while the scale is the same."""
    saved = OUT / "seed.json"
    if not fresh and saved.exists():
        seed = json.loads(saved.read_text())
        try:
            coach = int(seed["coach"])
            present = psql(database_url, f"SELECT 1 FROM accounts_user WHERE id = {coach}")  # noqa: S608
        except subprocess.CalledProcessError:
            present = ""
        same = seed.get("scale") == scale and seed.get("database_url") == database_url
        if same and seed.get("format") == SEED_FORMAT and present:
            manage(env, "migrate", "--no-input")  # the code's schema, on the data seeded before
            return seed
    print("Seeding the bench database (about a minute)...", flush=True)
    database_recreate(database_url)
    manage(env, "migrate", "--no-input")
    manage(env, "createcachetable")
    arguments = [f"--{name}={value}" for name, value in scale.items()]
    seed = json.loads(manage(env, "seed_bench", *arguments).strip().splitlines()[-1])
    # As autovacuum would soon after a bulk load: the planner needs statistics.
    psql(database_url, "VACUUM ANALYZE")
    seed.update(scale=scale, database_url=database_url, format=SEED_FORMAT)
    saved.write_text(json.dumps(seed, indent=1))
    return seed


def curves(seed: dict, sessions: dict[int, str]) -> list[dict]:
    """p50 of the coach dashboard and of the goals timeline as data grows."""

    def p50(path: str, session: str) -> float:
        for _ in range(3):
            get(path, session)
        return statistics.median(get(path, session) for _ in range(CURVE_REQUESTS))

    coaches = {int(size): pk for size, pk in seed["curve_coaches"].items()}
    coaches[seed["scale"]["clients"]] = seed["coach"]
    rows = [
        {"what": "coach dashboard", "size": f"{size} clients", "p50": p50("/coach/", sessions[pk])}
        for size, pk in sorted(coaches.items())
    ]
    rows += [
        {
            "what": "goals timeline",
            "size": f"{size} goals",
            "p50": p50(f"/visions/{pk}/timeline/", sessions[seed["curve"]]),
        }
        for size, pk in sorted((int(s), pk) for s, pk in seed["curve_visions"].items())
    ]
    return rows


def load(seed: dict, seconds: int) -> dict:
    """50 simulated people for `seconds`, with locust; its totals and failures."""
    accounts = {
        "password": seed["password"],
        "individuals": [
            {"email": client["email"], "vision": client["vision"]}
            for client in seed["clients"][1:46]
        ],
        "coaches": [
            {"email": "coach@bench.example", "visions": seed["client_visions"]},
            *(
                {"email": f"coach{size}@bench.example", "visions": seed["client_visions"][:10]}
                for size in seed["curve_coaches"]
            ),
        ],
    }
    (OUT / "locust_accounts.json").write_text(json.dumps(accounts))
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "locust"),
            "-f",
            str(ROOT / "bench" / "locustfile.py"),
            "--headless",
            "--users=50",
            # One arrival a second: a sign-in costs about a second of CPU
            # (PBKDF2), and fifty at once would measure only that.
            "--spawn-rate=1",
            # People finish what they are doing when the time is up; a
            # request cut off mid-flight is not a failure of the site.
            "--stop-timeout=30",
            f"--run-time={seconds}s",
            f"--host=http://{HOST}:{PORT}",
            f"--csv={OUT / 'locust'}",
            "--only-summary",
            "--loglevel=WARNING",
        ],
        env={**os.environ, "BENCH_ACCOUNTS": str(OUT / "locust_accounts.json")},
        check=False,
        capture_output=True,
        cwd=ROOT,
    )
    with (OUT / "locust_stats.csv").open() as stats:
        rows = list(csv.DictReader(stats))
    with (OUT / "locust_failures.csv").open() as failures:
        failed = [
            f"{r['Method']} {r['Name']}: {r['Error']} ({r['Occurrences']}x)"
            for r in csv.DictReader(failures)
        ]
    return {
        "seconds": seconds,
        "rows": [
            {
                "name": r["Name"],
                "requests": int(r["Request Count"]),
                "failures": int(r["Failure Count"]),
                "p50": float(r["50%"]),
                "p95": float(r["95%"]),
                "rps": float(r["Requests/s"]),
            }
            for r in rows
        ],
        "failed": failed,
    }


def verdicts(results: dict) -> list[str]:
    """The targets that were missed, in words; empty when all were met."""
    missed = []
    if "pages" in results:
        by_kind = {}
        for row in results["pages"]:
            by_kind.setdefault(row["kind"], []).append(row)
            if row["failures"]:
                missed.append(f"{row['name']}: {row['failures']} failed requests")
        for row in by_kind.get("main", []):
            if row["vs_floor"] < FLOOR_SHARE:
                missed.append(
                    f"{row['name']}: {row['vs_floor']:.2f}x the floor (target {FLOOR_SHARE}x)"
                )
            if row["vs_admin"] < ADMIN_TIMES:
                missed.append(
                    f"{row['name']}: {row['vs_admin']:.1f}x the admin (target {ADMIN_TIMES}x)"
                )
    if "pdf" in results:
        p = results["pdf"]
        if p["cold_p50"] > PDF_OVER_BARE * p["bare_p50"]:
            missed.append(f"PDF render: {p['cold_p50'] / p['bare_p50']:.2f}x bare WeasyPrint")
        if p["cold_p50"] < STORED_TIMES * p["stored_p50"]:
            missed.append(f"stored PDF: only {p['cold_p50'] / p['stored_p50']:.0f}x faster")
        if p["burst_p99"] > BURST_P99 * p["idle_p99"]:
            missed.append(f"PDF burst: page p99 {p['burst_p99'] / p['idle_p99']:.1f}x idle")
    if "load" in results:
        failures = sum(r["failures"] for r in results["load"]["rows"] if r["name"] == "Aggregated")
        if failures or not results["load"]["rows"]:
            missed.append(f"locust: {failures} failed requests: {results['load']['failed'][:5]}")
    return missed


def ratios(rows: list[dict]) -> None:
    """Each page against the admin, through the floor each was measured
    beside (bench.pages.measure gives "vs_floor")."""
    admin = next(r for r in rows if r["kind"] == "admin")
    for row in rows:
        row["vs_admin"] = row["vs_floor"] / admin["vs_floor"]


def report(results: dict, options, missed: list[str]) -> str:
    machine = (
        f"{platform.node()}: {os.cpu_count()} cores, {platform.machine()}, "
        f"Python {platform.python_version()}"
    )
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    scale = results["seed"]["scale"]
    lines = [
        f"## make bench — {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        "",
        f"Machine: {machine}. Commit {commit}. gunicorn (gunicorn.conf.py), PostgreSQL, Redis, "
        f"DEBUG off. Data: {scale['users']:,} people, a coach with {scale['clients']} clients, "
        f"{scale['revisions']} revisions and {scale['goals']} goals of {scale['actions']} actions "
        "per client vision.",
        "",
    ]
    if "pages" in results:
        low, high = results["pages"][0]["floor_range"]
        lines += [
            f"Pages: wrk, {pages.CONNECTIONS} connections, each page taking turns with the floor "
            f"a second at a time, {options.seconds} turns each; a page's ratio is the median of "
            "its turns' ratios to the floor's turns beside them (the floor's seconds ranged "
            f"from {low:.0f} to {high:.0f} requests/s during the run). "
            f"Targets: at least {FLOOR_SHARE}x the floor and {ADMIN_TIMES}x the admin change list.",
            "",
            "| page | requests/s | p50 | p99 | floor in its turns | x floor | x admin | failed |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for r in results["pages"]:
            lines.append(
                f"| {r['name']} | {r['rps']:.0f} | {r['p50_ms']:.1f} ms | {r['p99_ms']:.1f} ms "
                f"| {r['floor_rps']:.0f} | {r['vs_floor']:.2f} | {r['vs_admin']:.1f} "
                f"| {r['failures']} |"
            )
        lines.append("")
    if "pdf" in results:
        p = results["pdf"]
        lines += [
            "| PDF | value | target |",
            "|---|---|---|",
            f"| cold render over HTTP, p50 of {pdf.RENDERS} | {p['cold_p50'] * 1000:.0f} ms | |",
            f"| bare WeasyPrint on the same HTML, p50 of {pdf.RENDERS} | {p['bare_p50'] * 1000:.0f} ms | |",
            f"| render / bare | {p['cold_p50'] / p['bare_p50']:.2f}x | at most {PDF_OVER_BARE}x |",
            f"| stored PDF, p50 | {p['stored_p50'] * 1000:.1f} ms | |",
            f"| cold / stored | {p['cold_p50'] / p['stored_p50']:.0f}x | at least {STORED_TIMES}x |",
            f"| vision page p99, idle | {p['idle_p99'] * 1000:.1f} ms | |",
            f"| vision page p99, {pdf.BURST_CLIENTS} PDFs downloading ({p['burst_requests']} loads "
            f"in {p['burst_seconds']:.1f} s) | {p['burst_p99'] * 1000:.1f} ms | |",
            f"| burst / idle | {p['burst_p99'] / p['idle_p99']:.1f}x | at most {BURST_P99}x |",
            "",
        ]
    if "curves" in results:
        lines += ["| cost curve | size | p50 |", "|---|---|---|"]
        lines += [
            f"| {r['what']} | {r['size']} | {r['p50'] * 1000:.1f} ms |" for r in results["curves"]
        ]
        lines.append("")
    if "load" in results:
        lines += [
            f"Load: locust, 50 people (45 individuals, 5 coaches), one arriving a second, each "
            f"signed in once, 1–4 s between clicks, for {results['load']['seconds']} s.",
            "",
            "| request | count | failed | p50 | p95 | requests/s |",
            "|---|---|---|---|---|---|",
        ]
        lines += [
            f"| {r['name']} | {r['requests']} | {r['failures']} | {r['p50']:.0f} ms | {r['p95']:.0f} ms "
            f"| {r['rps']:.1f} |"
            for r in results["load"]["rows"]
        ]
        lines.append("")
    lines.append("Targets missed: " + ("; ".join(missed) if missed else "none."))
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/careervision_bench"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/3")
    parser.add_argument(
        "--seconds",
        type=int,
        default=8,
        help="per page: seconds of wrk, each beside a second of the floor",
    )
    parser.add_argument("--locust-seconds", type=int, default=300)
    parser.add_argument("--only", default="pages,pdf,curves,load")
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--fresh", action="store_true", help="seed a new database")
    parser.add_argument("--no-write", action="store_true", help="do not append to results.md")
    options = parser.parse_args()
    parts = set(options.only.split(","))
    OUT.mkdir(parents=True, exist_ok=True)
    env = bench_env(options.database_url, options.redis_url)
    scale = {
        "users": options.users,
        "clients": options.clients,
        "revisions": 10,
        "goals": 50,
        "actions": 3,
    }
    seed = seed_ensure(env, options.database_url, scale, options.fresh)
    manage(env, "collectstatic", "--no-input")
    subprocess.run(
        ["redis-cli", "-u", options.redis_url, "FLUSHDB"], check=True, capture_output=True
    )
    roles = pages.people(seed)
    keys = sessions_create(env, [*roles.values(), seed["curve"], *seed["curve_coaches"].values()])
    sessions = {role: keys[pk] for role, pk in roles.items()}
    results: dict = {"seed": seed}
    with Gunicorn(env):
        if "pages" in parts:
            results["pages"] = pages.measure(seed, sessions, options.seconds)
            ratios(results["pages"])
        if "pdf" in parts:
            results["pdf"] = pdf.measure(env, options.database_url, seed, sessions)
        if "curves" in parts:
            results["curves"] = curves(seed, keys)
        if "load" in parts:
            results["load"] = load(seed, options.locust_seconds)
    missed = verdicts(results)
    table = report(results, options, missed)
    print(table)
    if not options.no_write:
        with (ROOT / "bench" / "results.md").open("a") as out:
            out.write("\n" + table)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
