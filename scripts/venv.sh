#!/usr/bin/env bash
# Creates .venv with a Python 3.12+ and installs the pinned dependencies.
# Re-running is cheap: it reinstalls only when requirements.lock changed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/python ]; then
    python="$(scripts/find-python)"
    echo "Creating .venv with $python"
    "$python" -m venv .venv
fi

stamp=.venv/.requirements.lock.sha256
wanted="$(sha256sum requirements.lock | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "Installing dependencies from requirements.lock"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
    echo "$wanted" > "$stamp"
fi
