#!/usr/bin/env bash
# Runs the benchmarks under bench/ against a local PostgreSQL database
# careervision_bench (created when missing). Not part of `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-postgres.sh
psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'careervision_bench'" \
    | grep -q 1 || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE careervision_bench"
.venv/bin/python bench/pdf_burst.py --database-url "postgres://postgres@127.0.0.1:5432/careervision_bench"
