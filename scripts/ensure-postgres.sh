# Sourced by the test scripts: makes sure a local PostgreSQL answers and sets
# CAREERVISION_TEST_POSTGRES_URL. Starts the local cluster when it is down.
# Set CAREERVISION_TEST_POSTGRES_URL yourself to use another server.
if [ -z "${CAREERVISION_TEST_POSTGRES_URL:-}" ]; then
    CAREERVISION_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:5432/careervision"
    if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
        if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
            echo "Starting the local PostgreSQL server"
            for version in /etc/postgresql/*; do
                pg_ctlcluster --skip-systemctl-redirect "$(basename "$version")" main start || true
            done
            for _ in $(seq 1 30); do
                pg_isready -q -h 127.0.0.1 -p 5432 && break
                sleep 1
            done
        fi
    fi
    if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
        echo "PostgreSQL is not running on 127.0.0.1:5432 and could not be started." >&2
        echo "Install it (sudo apt-get install postgresql), start it, or set CAREERVISION_TEST_POSTGRES_URL." >&2
        exit 1
    fi
    # The tests create (and drop) their own test_careervision database; the
    # main one only has to exist for the first connection.
    psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'careervision'" \
        | grep -q 1 || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE careervision"
fi
export CAREERVISION_TEST_POSTGRES_URL
