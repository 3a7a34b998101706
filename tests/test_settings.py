"""Production configuration: what an operator gets when they start the app."""

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
