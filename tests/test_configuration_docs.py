"""The files an operator reads must match what the code does."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def variables_read_by_settings() -> set[str]:
    source = (ROOT / "careervision" / "settings.py").read_text()
    return set(re.findall(r"""(?:os\.environ\.get|env_bool|env_list)\(\s*"([A-Z_]+)\"""", source))


def test_every_setting_read_from_the_environment_is_in_env_example():
    documented = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    read = variables_read_by_settings()
    assert len(read) >= 20
    assert read - documented == set()


def test_docker_compose_sets_only_variables_the_settings_read():
    compose = (ROOT / "docker-compose.yml").read_text()
    web = compose.split("\n  web:\n", 1)[1].split("\nvolumes:", 1)[0]
    environment = web.split("    environment:\n", 1)[1].split("\n    ports:", 1)[0]
    given = set(re.findall(r"^      ([A-Z_]+):", environment, re.M))
    assert given - variables_read_by_settings() == set()
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "EMAIL_HOST"} <= given
