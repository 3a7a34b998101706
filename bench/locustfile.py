"""Simulated people for `make bench`: 45 individuals and 5 coaches.

Each signs in once through the real sign-in form, then keeps using the site
with a few seconds' thought between clicks: reading their vision and goals,
answering a questionnaire step, ticking actions, commenting. Coaches open
their dashboard, search it, read their clients' visions and answer comments.
The accounts come from the file named by BENCH_ACCOUNTS (written by
bench/run.py from what seed_bench made).
"""

import json
import os
import random
import re
from itertools import count
from pathlib import Path

from locust import HttpUser, between, task

ACCOUNTS = json.loads(Path(os.environ["BENCH_ACCOUNTS"]).read_text())
NEXT_INDIVIDUAL = count()
NEXT_COACH = count()
ACTION_DONE = re.compile(r'action="(/actions/\d+/done/)"')


class Person(HttpUser):
    abstract = True
    wait_time = between(1, 4)
    password = ACCOUNTS["password"]

    def sign_in(self, email: str) -> None:
        self.client.get("/accounts/login/", name="sign in (form)")
        with self.client.post(
            "/accounts/login/",
            {"login": email, "password": self.password, "csrfmiddlewaretoken": self.csrf()},
            name="sign in",
            catch_response=True,
        ) as response:
            if "/accounts/login/" in response.url:
                response.failure(f"{email} could not sign in")

    def csrf(self) -> str:
        return self.client.cookies.get("csrftoken", "")

    def page(self, path: str, name: str, must_show: str = "") -> str:
        """A GET that fails unless it is the page asked for."""
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code == 0:
                response.failure(f"{path}: no answer ({response.error!r})")
            elif response.status_code != 200 or "/accounts/login/" in response.url:
                response.failure(f"{path} answered {response.status_code} at {response.url}")
            elif must_show and must_show not in response.text:
                response.failure(f"{path} does not show {must_show!r}")
            return response.text

    def post(self, path: str, data: dict, name: str) -> None:
        with self.client.post(
            path, {**data, "csrfmiddlewaretoken": self.csrf()}, name=name, catch_response=True
        ) as response:
            if response.status_code == 0:
                response.failure(f"POST {path}: no answer ({response.error!r})")
            elif response.status_code != 200 or "/accounts/login/" in response.url:
                response.failure(f"POST {path} answered {response.status_code} at {response.url}")


class Individual(Person):
    weight = 9

    def on_start(self) -> None:
        account = ACCOUNTS["individuals"][next(NEXT_INDIVIDUAL) % len(ACCOUNTS["individuals"])]
        self.vision = account["vision"]
        self.sign_in(account["email"])

    @task(3)
    def home(self) -> None:
        self.page("/", "home", "Leading learning design")

    @task(3)
    def vision_page(self) -> None:
        self.page(f"/visions/{self.vision}/", "vision page", "Leading learning design")

    @task(2)
    def goals(self) -> None:
        self.page(f"/visions/{self.vision}/goals/", "goals page")

    @task(2)
    def timeline(self) -> None:
        self.page(f"/visions/{self.vision}/timeline/", "goals timeline")

    @task(1)
    def my_visions(self) -> None:
        self.page("/visions/", "my visions")

    @task(1)
    def history(self) -> None:
        self.page(f"/visions/{self.vision}/history/", "history")
        self.page(f"/visions/{self.vision}/history/compare/?from=1&to=10", "diff")

    @task(2)
    def answer_a_step(self) -> None:
        path = f"/visions/{self.vision}/questionnaire/now/"
        self.page(path, "questionnaire step (GET)", "current_role")
        self.post(
            path,
            {
                "action": "next",
                "current_role": random.choice(  # noqa: S311 -- made-up answers
                    ["Customer support team member", "Support lead at a software company"]
                ),
                "job_or_career": "job",
                "needs_met": "2",
                "missing": "Room to grow, and a path forward.",
            },
            "questionnaire step (POST)",
        )

    @task(1)
    def tick_an_action(self) -> None:
        goals = self.page(f"/visions/{self.vision}/goals/", "goals page")
        forms = ACTION_DONE.findall(goals)
        if forms:
            path = random.choice(forms)  # noqa: S311
            self.post(path, {"done": random.choice(["1", "0"])}, "action done")  # noqa: S311

    @task(1)
    def comment(self) -> None:
        path = f"/visions/{self.vision}/comments/"
        self.page(path, "comments")
        self.post(path, {"body": "Thank you, I will try that this week."}, "comment (POST)")


class Coach(Person):
    fixed_count = 5

    def on_start(self) -> None:
        account = ACCOUNTS["coaches"][next(NEXT_COACH) % len(ACCOUNTS["coaches"])]
        self.visions = account["visions"]
        self.sign_in(account["email"])

    def client_vision(self) -> int:
        return random.choice(self.visions)  # noqa: S311

    @task(3)
    def dashboard(self) -> None:
        self.page("/coach/", "coach dashboard")

    @task(1)
    def search(self) -> None:
        self.page(f"/coach/?q=Person+000{random.randint(0, 9)}", "coach dashboard, search")  # noqa: S311

    @task(3)
    def shared_vision(self) -> None:
        self.page(f"/visions/{self.client_vision()}/", "shared vision, as the coach")

    @task(1)
    def shared_goals(self) -> None:
        self.page(f"/visions/{self.client_vision()}/timeline/", "shared timeline, as the coach")

    @task(1)
    def comment(self) -> None:
        path = f"/visions/{self.client_vision()}/comments/"
        self.page(path, "comments, as the coach")
        self.post(
            path,
            {"body": "How did the conversation with your manager go?"},
            "comment (POST), as the coach",
        )
