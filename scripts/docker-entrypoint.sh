#!/usr/bin/env sh
# Brings the database schema up to date, then runs the given command (gunicorn).
set -eu
python manage.py migrate --no-input
python manage.py createcachetable
exec "$@"
