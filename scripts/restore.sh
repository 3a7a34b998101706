#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into the database named by
# DATABASE_URL, replacing what is there. Create the database first if it
# does not exist (createdb, or CREATE DATABASE).
# Usage: DATABASE_URL=postgres://... scripts/restore.sh FILE
set -euo pipefail
: "${DATABASE_URL:?Set DATABASE_URL to the PostgreSQL database to restore into}"
file="${1:?Name the backup file to restore}"
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error \
    --dbname="$DATABASE_URL" "$file"
echo "Restored $file"
