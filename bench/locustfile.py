"""Locust scenarios for the bench (driven by bench/run.py, see bench/RESULTS.md).

``BENCH_SCENARIO`` picks what every simulated user does:

* ``ReadUser`` (geventhttpclient, no think time: a closed loop of N concurrent clients):
  ``home``, ``process``, ``list``, ``list_filtered``, ``list_search``, ``detail`` or
  ``mixed`` (all of them);
* ``WriteUser`` (requests, for multipart uploads): ``post`` (GET the form, then POST it,
  no think time), ``rush`` and ``crash`` (residents who submit with think time, some
  twice at once with the same token, some with a PNG attachment).

``BENCH_FIXTURE`` is the JSON written by run.py: receipts, neighbourhoods, questions,
texts and search words taken from the database.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import gevent
from locust import FastHttpUser, HttpUser, between, constant, events, task

SCENARIO = os.environ.get("BENCH_SCENARIO", "mixed")
FIXTURE: dict[str, Any] = json.loads(Path(os.environ["BENCH_FIXTURE"]).read_text())
SLUG = FIXTURE["slug"]
LIST_URL = f"/demarches/{SLUG}/contributions/"
FORM_URL = f"/demarches/{SLUG}/contribuer/"
OUT = os.environ.get("BENCH_OUT", "")
DOUBLE_SHARE = float(os.environ.get("BENCH_DOUBLE_SHARE", "0.2"))
ATTACH_SHARE = float(os.environ.get("BENCH_ATTACH_SHARE", "0"))

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN_RE = re.compile(r'name="submission_token" value="([^"]+)"')
RECEIPT_RE = re.compile(re.escape(FIXTURE["receipt_prefix"]) + r"-\d{4}-\d{6}")

# What the writers saw: one entry per form whose POST was answered by a redirect.
ACCEPTED: list[dict[str, Any]] = []
STATUSES: dict[str, int] = {}


@events.test_stop.add_listener
def _dump(**_: Any) -> None:
    if OUT:
        Path(OUT).write_text(json.dumps({"accepted": ACCEPTED, "statuses": STATUSES}))


class ReadUser(FastHttpUser):
    wait_time = constant(0)

    @task
    def step(self) -> None:
        if SCENARIO == "mixed":
            choices = [self.home, self.process, self.list, self.list_filtered, self.list_search]
            random.choice([*choices, self.detail, self.detail])()
        else:
            getattr(self, SCENARIO)()

    def home(self) -> None:
        self.client.get("/", name="home")

    # Events (issue 5): agenda list, month view, iCalendar feed of the process
    # (bench/load_events.py adds 1,000 events and 10,000 registrations).
    def agenda(self) -> None:
        self.client.get(f"/demarches/{SLUG}/agenda/", name="agenda")

    def agenda_month(self) -> None:
        today = datetime.date.today()
        self.client.get(
            f"/demarches/{SLUG}/agenda/mois/{today.year}/{today.month}/", name="agenda month"
        )

    def ics(self) -> None:
        self.client.get(f"/demarches/{SLUG}/agenda.ics", name="agenda ics")

    def process(self) -> None:
        self.client.get(f"/demarches/{SLUG}/", name="process")

    def list(self) -> None:
        self.client.get(LIST_URL, name="list")

    def list_filtered(self) -> None:
        query = {
            FIXTURE["neighbourhood_param"]: random.choice(FIXTURE["neighbourhoods"]),
            FIXTURE["question_param"]: random.choice(FIXTURE["question_filter_values"]),
        }
        self.client.get(f"{LIST_URL}?{urlencode(query)}", name="list filtered")

    def list_search(self) -> None:
        query = {FIXTURE["search_param"]: random.choice(FIXTURE["words"])}
        self.client.get(f"{LIST_URL}?{urlencode(query)}", name="list search")

    def detail(self) -> None:
        self.client.get(f"{LIST_URL}{random.choice(FIXTURE['receipts'])}/", name="detail")


class WriteUser(HttpUser):
    wait_time = (
        constant(0)
        if SCENARIO == "post"
        else between(
            float(os.environ.get("BENCH_WAIT_MIN", "0.5")),
            float(os.environ.get("BENCH_WAIT_MAX", "3")),
        )
    )

    @task
    def step(self) -> None:
        double = SCENARIO != "post" and random.random() < DOUBLE_SHARE
        self.submit_once(double=double)

    def form_data(self, page: str) -> dict[str, str] | None:
        csrf, token = CSRF_RE.search(page), TOKEN_RE.search(page)
        if csrf is None or token is None:
            return None
        data = {
            "csrfmiddlewaretoken": csrf.group(1),
            "submission_token": token.group(1),
            "kind": random.choice(["testimony", "experience", "proposal"]),
            "author_name": random.choice(["", "Camille", "Sacha"]),
            "email": "",
            "neighbourhood": str(random.choice(FIXTURE["neighbourhood_pks"])),
            "profile": "resident",
            "age_bracket": "",
            "consent_publication": "on",
            "consent_processing": "on",
            "website": "",
        }
        data[f"question_{random.choice(FIXTURE['questions'])}"] = random.choice(FIXTURE["texts"])
        return data

    def submit(self, data: dict[str, str], attach: bool) -> tuple[int, str]:
        files = None
        if attach:
            png = bytes.fromhex(FIXTURE["png_hex"])
            files = [("attachments", (f"photo{i}.png", png, "image/png")) for i in range(3)]
        with self.client.post(
            FORM_URL,
            data=data,
            files=files,
            name="POST contribuer",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            status = response.status_code or 0
            STATUSES[str(status)] = STATUSES.get(str(status), 0) + 1
            if status == 302:
                response.success()
            else:
                response.failure(f"HTTP {status}")
            return status, response.headers.get("Location", "")

    def submit_once(self, *, double: bool) -> None:
        form = self.client.get(FORM_URL, name="GET formulaire")
        data = self.form_data(form.text or "")
        if data is None:
            return
        attach = random.random() < ATTACH_SHARE
        if double:  # the same form sent twice at once (double click, flaky network)
            jobs = [gevent.spawn(self.submit, data, attach) for _ in range(2)]
            gevent.joinall(jobs, timeout=30)
            results = [job.value for job in jobs if job.value is not None]
        else:
            results = [self.submit(data, attach)]
        locations = sorted({location for status, location in results if status == 302})
        if not locations:
            return
        entry: dict[str, Any] = {
            "token": data["submission_token"],
            "locations": locations,
            "posts": len(results),
            "accepted": sum(1 for status, _ in results if status == 302),
            "attachments": 3 if attach else 0,
        }
        if SCENARIO != "post":
            thanks = self.client.get(locations[0], name="GET merci")
            found = RECEIPT_RE.search(thanks.text or "")
            entry["receipt"] = found.group(0) if found else None
        ACCEPTED.append(entry)
