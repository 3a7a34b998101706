"""Browser tests: Playwright drives Debian's Chromium against the live server.

Playwright cannot download its own browsers here, so it is pointed at the
system Chromium (CHROMIUM_PATH overrides /usr/bin/chromium)."""

import os
from pathlib import Path

import pytest
from django.core.cache import cache

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "args": CHROMIUM_FLAGS,
    }


@pytest.fixture(autouse=True)
def _fresh_cache(transactional_db):
    # Live-server tests commit for real; rate-limit counters must not leak
    # from one test into the next.
    cache.clear()


@pytest.fixture
def page(page):
    """The page, failing the test on any Content-Security-Policy violation or
    JavaScript error it logs."""
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.set_default_timeout(10_000)
    yield page
    assert problems == []


def assert_accessible(page) -> None:
    """Runs axe-core on the page: no serious or critical violation."""
    page.evaluate(AXE_SOURCE)
    violations = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.id}: ${v.help} (${v.nodes.map(n => n.target).join(", ")})`);
        }"""
    )
    assert violations == [], f"{page.url}: {violations}"
