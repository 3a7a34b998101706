"""Where a page's time goes: every bench page served in this process.

    .venv/bin/python -m bench.profile [--repeat 50] [--page "goals page"] [--sql] [--pyinstrument]

Runs against the database `make bench` seeded (bench/out/seed.json), with the
bench settings, through Django's test client: the same middleware, views and
templates as under gunicorn, without the network and the server. For each
page it prints the median milliseconds, the SQL queries and the milliseconds
above the floor page. With --pyinstrument it prints a profile of the pages
asked for with --page. Nothing is written to bench/results.md: this finds
what to fix, `make bench` measures.
"""

import argparse
import json
import os
import statistics
import sys
import time

from bench.pages import CSRF, people, targets
from bench.server import OUT, bench_env, sessions_create


def setup(database_url: str, redis_url: str) -> None:
    os.environ.update(bench_env(database_url, redis_url))
    import django

    django.setup()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/careervision_bench"
    )
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--page", action="append", help="a page's name in the bench table")
    parser.add_argument("--pyinstrument", action="store_true")
    parser.add_argument("--sql", action="store_true", help="print the queries of each page")
    options = parser.parse_args()
    saved = OUT / "seed.json"
    if not saved.exists():
        sys.exit(
            "No bench database yet: run `make bench` (or scripts/bench.sh --only curves) once."
        )
    seed = json.loads(saved.read_text())
    env = bench_env(options.database_url, options.redis_url)
    who_is = people(seed)
    keys = sessions_create(env, list(who_is.values()))
    setup(options.database_url, options.redis_url)

    from django.db import connection
    from django.test import Client

    def client_for(who: str) -> Client:
        client = Client(HTTP_HOST="127.0.0.1")
        if who:
            client.cookies["sessionid"] = keys[who_is[who]]
        client.cookies["csrftoken"] = CSRF
        return client

    def serve(target, client):
        if target.method == "POST":
            return client.post(target.path, target.body)
        return client.get(target.path)

    chosen = [
        t for t in targets(seed) if not options.page or t.name in options.page or t.kind == "floor"
    ]
    clients, counts = {}, {}
    for target in chosen:
        client = clients[target.name] = client_for(target.who)
        response = serve(target, client)
        if response.status_code != target.status:
            sys.exit(f"{target.name}: answered {response.status_code}")
        queries = []

        def count(execute, sql, params, many, context, queries=queries):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                queries.append(f"{(time.perf_counter() - started) * 1000:.2f} ms: {sql[:300]}")

        # Not CaptureQueriesContext: each request's start empties its log.
        with connection.execute_wrapper(count):
            serve(target, client)
        counts[target.name] = len(queries)
        if options.sql and target.kind != "floor":
            print(f"--- {target.name}", *queries, sep="\n")
    # The pages take turns, so a machine that slows down for a while slows
    # every page alike; the median leaves out the odd slow request. A save
    # changes what the other pages show, so saves are timed on their own
    # afterwards, as wrk times each page on its own.
    times: dict[str, list[float]] = {target.name: [] for target in chosen}
    gets = [target for target in chosen if target.method == "GET"]
    for turn in [gets] * options.repeat + [
        [target] for target in chosen if target.method != "GET" for _ in range(options.repeat)
    ]:
        for target in turn:
            started = time.perf_counter()
            serve(target, clients[target.name])
            times[target.name].append(time.perf_counter() - started)
    rows = [(name, statistics.median(t) * 1000, counts[name]) for name, t in times.items()]
    if options.pyinstrument:
        from pyinstrument import Profiler

        for target in chosen:
            if target.kind == "floor":
                continue
            with Profiler(interval=0.0002) as profiler:
                for _ in range(options.repeat):
                    serve(target, clients[target.name])
            print(profiler.output_text(unicode=True, color=False, show_all=False))
    floor = next(ms for name, ms, _ in rows if name == "floor")
    print(f"{'page':<32} {'ms':>7} {'queries':>8} {'ms over floor':>14}")
    for name, ms, count in rows:
        print(f"{name:<32} {ms:7.2f} {count:8d} {ms - floor:14.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
