#!/usr/bin/env bash
# `make bench`: every benchmark of bench/run.py against gunicorn on a local
# PostgreSQL database careervision_bench (seeded on first use, reused after)
# and Redis. Not part of `make test`. Extra arguments go to bench/run.py,
# e.g. scripts/bench.sh --only pages --seconds 3
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-system-packages.sh
source scripts/ensure-postgres.sh
if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
    echo "Starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
        --logfile /tmp/careervision-redis.log
    for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.2; done
fi
if ! command -v wrk >/dev/null; then
    echo "Installing wrk (the HTTP load generator) from Debian's packages"
    if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null; else sudo apt-get install -y -qq wrk >/dev/null; fi
fi
exec .venv/bin/python -m bench.run "$@"
