"""Every page a signed-in owner and their coach can open, in Chromium: no
Content-Security-Policy violation, no script error (the `page` fixture fails
on either), and no serious accessibility problem."""

import pytest

from tests.browser.conftest import assert_accessible
from tests.browser.test_questionnaire_journey import log_in
from tests.test_authorization_matrix import MATRIX, world  # noqa: F401 -- the fixture

NOT_HTML = {"vision_pdf", "calendar_feed", "vision_calendar", "data_export", "healthz"}


def html_pages_for(persona: str) -> list[str]:
    return sorted(
        name
        for name, (method, _path, _data, expected) in MATRIX.items()
        if method == "get" and expected[persona] == 200 and name not in NOT_HTML
    )


@pytest.mark.parametrize("persona", ["owner", "coach"])
def test_every_page_is_clean_in_the_browser(page, live_server, world, persona):  # noqa: F811
    user = world.users[persona]
    log_in(page, live_server.url, user.email)
    for name in html_pages_for(persona):
        path = MATRIX[name][1].format(**world.ids)
        response = page.goto(live_server.url + path)
        assert response.status == 200, name
        assert_accessible(page)
