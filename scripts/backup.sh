#!/usr/bin/env bash
# Backs up the PostgreSQL database named by DATABASE_URL into one file
# (pg_dump's custom format: compressed, restorable table by table).
# Usage: DATABASE_URL=postgres://... scripts/backup.sh [FILE]
set -euo pipefail
: "${DATABASE_URL:?Set DATABASE_URL to the PostgreSQL database to back up}"
file="${1:-careervision-$(date +%Y%m%d-%H%M%S).dump}"
pg_dump --format=custom --no-owner --no-privileges --dbname="$DATABASE_URL" --file="$file"
echo "Backed up to $file"
