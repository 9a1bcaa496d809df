"""The people of the load test (Locust users; bench/load.py starts Locust with this file).

Weights give the mix: of every 10 simulated people, about 5 are visitors, 2 talents, 1.5 mentors
and 1.5 employers. Everyone signed in uses the allauth headless app API: ``POST
/_allauth/app/v1/auth/login`` once, then the session token in ``X-Session-Token``. Requests are
named by route (ids replaced by ``{id}``), so the report has one row per endpoint. The accounts
come from ``$LOAD_ACCOUNTS`` (written by bench/load.py's seeding).
"""

from __future__ import annotations

import itertools
import json
import os
import random
from datetime import UTC, datetime

from locust import HttpUser, between, task

ACCOUNTS = json.loads(open(os.environ["LOAD_ACCOUNTS"]).read()) if os.environ.get("LOAD_ACCOUNTS") else {}
# Each signed-in person takes the next account of their role (several simulated people never share one).
_next = {role: itertools.count() for role in ("talents", "mentors", "employers")}
LANGUAGES = ["en", "nl", "ar"]
PAGE_WORDS = {
    "en": ["diploma", "work", "language", "course"],
    "nl": ["diploma", "werk", "taal", "cursus"],
    "ar": ["شهادة", "عمل", "لغة", "دورة"],
}
POST_SEARCHES = ["opleiding", "data analyst", "vacancy", "training", "وظيفة", "stage", "nurse"]
POST_FILTERS = [
    "type=vacancy,event",
    "sector=ict",
    "sector=healthcare&dutch_level=B1",
    "order=soonest",
    "type=study&online=false",
    "place=Ghent",
]
POOL_FILTERS = ["", "sector=ict", "dutch_level=B1", "q=python", "language=ar", "sector=ict&dutch_level=B1"]


class Visitor(HttpUser):
    """Someone reading the information pages, anonymously, in English, Dutch or Arabic."""

    weight = 10
    wait_time = between(1, 4)

    def on_start(self) -> None:
        self.language = random.choice(LANGUAGES)
        self.client.headers["Accept-Language"] = self.language
        self.pages: list[int] = []
        self.list_pages()

    def _list(self, query: str, name: str) -> list[dict]:
        with self.client.get(f"/api/v1/pages/?{query}", name=name, catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code}")
                return []
            return answer.json().get("results", [])

    @task(3)
    def list_pages(self) -> None:
        found = self._list(f"locale={self.language}&page_size=20", "/api/v1/pages/?locale=")
        if found:
            self.pages = [page["id"] for page in found]

    @task(5)
    def read_page(self) -> None:
        if self.pages:
            self.client.get(f"/api/v1/pages/{random.choice(self.pages)}/", name="/api/v1/pages/{id}/")

    @task(2)
    def children(self) -> None:
        if self.pages:
            self._list(f"child_of={random.choice(self.pages)}&page_size=20", "/api/v1/pages/?child_of=")

    @task(2)
    def search(self) -> None:
        word = random.choice(PAGE_WORDS[self.language])
        self._list(f"search={word}&locale={self.language}&page_size=20", "/api/v1/pages/?search=")


class SignedIn(HttpUser):
    """Signs in through the allauth headless app API and sends the session token."""

    abstract = True
    role = ""

    def on_start(self) -> None:
        emails = ACCOUNTS[self.role]
        if not emails:
            raise RuntimeError(f"no {self.role} to sign in as in {os.environ.get('LOAD_ACCOUNTS')}")
        self.email = emails[next(_next[self.role]) % len(emails)]
        self.language = random.choice(LANGUAGES)
        self.client.headers["Accept-Language"] = self.language
        answer = self.client.post(
            "/_allauth/app/v1/auth/login", json={"email": self.email, "password": ACCOUNTS["password"]}
        )
        token = answer.json().get("meta", {}).get("session_token") if answer.status_code == 200 else None
        if token:
            self.client.headers["X-Session-Token"] = token
        self.client.get("/api/v1/me/", name="/api/v1/me/")


class Talent(SignedIn):
    """A talent searching posts and writing to their mentor."""

    role = "talents"
    weight = 4
    wait_time = between(2, 6)

    def on_start(self) -> None:
        super().on_start()
        self.threads: list[str] = []
        self.list_threads()

    @task(4)
    def search_posts(self) -> None:
        q = random.choice(POST_SEARCHES)
        self.client.get(f"/api/v1/posts/?q={q}&page_size=20", name="/api/v1/posts/?q=")

    @task(3)
    def filter_posts(self) -> None:
        self.client.get(
            f"/api/v1/posts/?{random.choice(POST_FILTERS)}&page_size=20", name="/api/v1/posts/?filters"
        )

    @task(2)
    def list_threads(self) -> None:
        answer = self.client.get("/api/v1/threads/", name="/api/v1/threads/")
        if answer.status_code == 200:
            self.threads = [t["id"] for t in answer.json().get("results", []) if t.get("is_open")]

    @task(2)
    def read_messages(self) -> None:
        if self.threads:
            thread = random.choice(self.threads)
            self.client.get(f"/api/v1/threads/{thread}/messages/", name="/api/v1/threads/{id}/messages/")

    @task(1)
    def write_message(self) -> None:
        if self.threads:
            thread = random.choice(self.threads)
            self.client.post(
                f"/api/v1/threads/{thread}/messages/",
                json={
                    "body": random.choice(
                        ["Thank you!", "Can we meet next week?", "شكرا جزيلا", "Tot dinsdag."]
                    )
                },
                name="/api/v1/threads/{id}/messages/",
            )


class Mentor(SignedIn):
    """A mentor reading their meetings and filing (or improving) meeting reports."""

    role = "mentors"
    weight = 3
    wait_time = between(3, 8)

    def on_start(self) -> None:
        super().on_start()
        self.meetings: list[str] = []
        self.list_meetings()

    @task(3)
    def list_meetings(self) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        answer = self.client.get(f"/api/v1/meetings/?to={now}", name="/api/v1/meetings/?to=")
        if answer.status_code == 200:
            body = answer.json()
            results = body.get("results", body) if isinstance(body, dict) else body
            self.meetings = [m["id"] for m in results if m.get("status") == "scheduled"]

    @task(2)
    def file_report(self) -> None:
        if not self.meetings:
            return
        meeting = random.choice(self.meetings)
        self.client.put(
            f"/api/v1/meetings/{meeting}/report/",
            json={
                "rapport": "We talked about the CV and the recognition of the diploma.",
                "goal": "Apply for two vacancies in logistics this month.",
                "plan": "Shorten the CV; practise the interview in Dutch.",
                "next_steps": "Send the new CV by Friday.",
                "evaluation": "A useful session.",
                "next_appointment": None,
            },
            name="/api/v1/meetings/{id}/report/",
        )

    @task(1)
    def read_threads(self) -> None:
        self.client.get("/api/v1/threads/", name="/api/v1/threads/")


class Employer(SignedIn):
    """An employer browsing the talent pool with filters."""

    role = "employers"
    weight = 3
    wait_time = between(2, 6)

    @task
    def browse_pool(self) -> None:
        query = random.choice(POOL_FILTERS)
        name = "/api/v1/talent-pool/" + ("?filters" if query else "")
        self.client.get(f"/api/v1/talent-pool/?{query}&page_size=20", name=name)
