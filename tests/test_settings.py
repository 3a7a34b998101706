"""Production configuration: what an operator gets when they start the app."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "SECRET_KEY": "x7Qp2Lm9Vr4Tn8Ks1Wd6Hy3Fb5Jc0Gz-e_uAoRiSlEtNkMvXqYwZpBnCdFgHjK",
    "ALLOWED_HOSTS": "careervision.example.org",
    "DATABASE_URL": "",
    "EMAIL_HOST": "smtp.example.org",
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Only what a bare production host would have: none of the test run's variables.
    base = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    return subprocess.run(  # noqa: S603 -- our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": ""})
    assert result.returncode == 1
    assert "SECRET_KEY is not set." in result.stderr


def test_debug_runs_without_a_secret_key():
    result = run_manage("check", env={**PRODUCTION_ENV, "SECRET_KEY": "", "DEBUG": "true"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_deployment_checks_are_clean_in_production():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_a_misspelt_boolean_is_refused_rather_than_guessed():
    result = run_manage("check", env={**PRODUCTION_ENV, "DEBUG": "ture"})
    assert result.returncode == 1
    assert "DEBUG must be true or false, not 'ture'." in result.stderr


def test_postgresql_connections_persist_between_requests():
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['ENGINE'], d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])",
        env={**PRODUCTION_ENV, "DATABASE_URL": "postgres://cv@db:5432/careervision"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql 600 True"


def gunicorn_settings(bind: str) -> dict:
    """gunicorn.conf.py as gunicorn reads it: run in a fresh process, with
    the one variable that changes what it decides."""
    code = (
        "import json, runpy; s = runpy.run_path('gunicorn.conf.py'); "
        "print(json.dumps({k: s[k] for k in ('bind', 'worker_class', 'reuse_port')}))"
    )
    result = subprocess.run(  # noqa: S603 -- our own config file, fixed code
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "GUNICORN_BIND": bind},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_gunicorn_workers_each_listen_on_their_own_tcp_socket():
    assert gunicorn_settings("0.0.0.0:8000") == {
        "bind": "0.0.0.0:8000",
        "worker_class": "gthread",
        "reuse_port": True,
    }


def test_gunicorn_workers_share_a_unix_socket():
    # Each worker binding the path again would take it from the one before.
    assert gunicorn_settings("unix:/run/careervision.sock")["reuse_port"] is False
