"""Hostile text into every text field of every form: never a server error,
never an element we did not write in the pages that show it back."""

from html.parser import HTMLParser

import pytest
from django.utils import timezone

from goals.services import goal_create
from tests.factories import UserFactory, VisionFactory, answered
from visions.sharing import vision_share_create_active

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    "<iframe src=//example.com></iframe>",
    "<body onload=alert(1)>",
    "'\"><b onmouseover=alert(1)>x</b>",
    "{{ 7|add:7 }}",
    "{% debug %}",
    "${7*7}",
    "' OR '1'='1",
    "1; DROP TABLE visions_vision;--",
    "Robert'); DELETE FROM accounts_user;--",
    "\x00",
    "null\x00byte",
    "x" * 100_000,
    "word " * 20_000,
    "\u202eevil\u202c",
    "\u200f\u200e\u200b",
    "😀🚀👩🏽‍💻",
    "Zoë Ångström — 東京 — עברית — العربية",
    "<style>body{display:none}</style>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<!--",
    "]]><![CDATA[",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\r\n\r\nSet-Cookie: injected=1",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}


class Elements(HTMLParser):
    """Counts what an injection would add: script-capable elements,
    event-handler attributes and javascript: links."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "embed", "svg", "math", "img", "style"}:
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{tag}[{name}=javascript:]")


def elements(html: str) -> list[str]:
    parser = Elements()
    parser.feed(html)
    return sorted(parser.found)


def forms(vision, goal) -> list[tuple[str, dict]]:
    """(url, data) for every form with free text, every text field set to `{}`."""
    v = vision.pk
    return [
        ("/profile/", {"display_name": "{}"}),
        ("/visions/new/", {"title": "{}", "horizon_years": "5"}),
        (f"/visions/{v}/questionnaire/now/", {"current_role": "{}", "missing": "{}"}),
        (
            f"/visions/{v}/questionnaire/life/",
            {"life_priorities": "{}", "location": "{}", "life_needs_more": "{}"},
        ),
        (
            f"/visions/{v}/questionnaire/success/",
            {"success_meaning": "{}", "achievements": "{}", "recognition_more": "{}"},
        ),
        (f"/visions/{v}/questionnaire/skills/", {"skills": "{}"}),
        (f"/visions/{v}/questionnaire/environment/", {"company_values": "{}"}),
        (
            f"/visions/{v}/questionnaire/direction/",
            {"industries": "{}", "domains": "{}", "roles": "{}"},
        ),
        (
            f"/visions/{v}/edit/",
            {
                "title": "{}",
                "horizon_years": "5",
                "statement": "{}",
                "bridge_plan": "{}",
                "version": "VERSION",
                "accomplishments-TOTAL_FORMS": "1",
                "accomplishments-INITIAL_FORMS": "0",
                "accomplishments-MIN_NUM_FORMS": "0",
                "accomplishments-MAX_NUM_FORMS": "1000",
                "accomplishments-0-text": "{}",
                "accomplishments-0-ORDER": "1",
                "action": "save",
            },
        ),
        (
            f"/visions/{v}/goals/new/",
            {
                "title": "{}",
                "description": "{}",
                "measure": "{}",
                "kind": "skill",
                "status": "planned",
                "target_date": timezone.localdate().isoformat(),
            },
        ),
        (f"/goals/{goal.pk}/actions/new/", {f"goal-{goal.pk}-title": "{}"}),
        (f"/visions/{v}/comments/", {"body": "{}"}),
        (f"/visions/{v}/sharing/", {"email": "{}"}),
    ]


SHOWN_ON = [
    "/",
    "/visions/",
    "/visions/{v}/",
    "/visions/{v}/answers/",
    "/visions/{v}/questionnaire/review/",
    "/visions/{v}/goals/",
    "/visions/{v}/timeline/",
    "/visions/{v}/history/",
    "/visions/{v}/comments/",
    "/profile/",
]


@pytest.fixture
def baseline(alice_client, alice):
    vision = answered(VisionFactory(owner=alice, title="Plain"))
    goal = goal_create(
        vision=vision, title="Plain goal", target_date=timezone.localdate(), kind="skill"
    )
    pages = {path: elements(alice_client.get(path.format(v=vision.pk)).text) for path in SHOWN_ON}
    return vision, goal, pages


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_hostile_text_never_breaks_a_page_or_injects_an_element(alice_client, baseline, payload):
    vision, goal, before = baseline
    for url, data in forms(vision, goal):
        vision.refresh_from_db()
        filled = {
            key: (
                payload if value == "{}" else str(vision.version) if value == "VERSION" else value
            )
            for key, value in data.items()
        }
        response = alice_client.post(url, filled)
        assert response.status_code in {200, 302, 409}, (url, response.status_code)
        assert elements(response.text) == elements(response.text.replace(payload, "")), url
    for path in SHOWN_ON:
        response = alice_client.get(path.format(v=vision.pk))
        assert response.status_code == 200, path
        assert elements(response.text) == before[path], path


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_hostile_text_in_the_coachs_search(client, bob, payload):
    # The query goes to the database and back into the page's search box.
    # A name cannot hold a NUL (the profile form refuses it); a query drops it.
    owner = UserFactory(display_name=f"Zoë {payload[:60]}".replace("\x00", ""))
    vision_share_create_active(vision=VisionFactory(owner=owner, title="Plain"), coach=bob)
    client.force_login(bob)
    plain = elements(client.get("/coach/", {"q": "zzz"}).text)
    response = client.get("/coach/", {"q": payload})
    assert response.status_code == 200
    assert elements(response.text) == plain
    # And the client is found by that text, NUL or not.
    found = client.get("/coach/", {"q": payload[:20]}).text
    assert "Plain" in found, repr(payload)
