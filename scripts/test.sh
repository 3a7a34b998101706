#!/usr/bin/env bash
# Runs every test: once on SQLite (the default), once on PostgreSQL. The
# browser tests drive Debian's Chromium. Installs what a fresh machine lacks.
# Extra arguments go to pytest, e.g. `scripts/test.sh -k signup`.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/venv.sh
scripts/ensure-system-packages.sh
source scripts/ensure-postgres.sh

run_pytest() {
    local label="$1"; shift
    echo "=== tests on $label ==="
    set +e
    .venv/bin/python -m pytest "$@"
    local status=$?
    set -e
    # pytest exits 5 when it collected no test: treat that as a failure too,
    # a suite that ran nothing proves nothing.
    if [ "$status" -ne 0 ]; then
        echo "Tests on $label failed (pytest exit code $status)." >&2
        exit "$status"
    fi
}

run_pytest "SQLite" "$@"
DATABASE_URL="$CAREERVISION_TEST_POSTGRES_URL" run_pytest "PostgreSQL" "$@"
