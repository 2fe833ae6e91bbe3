"""The synthetic contribution generator: deterministic, plausible, well spread."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from concerto.demo.nantes import NEIGHBOURHOODS
from concerto.demo.textgen import OPEN, generate

WINDOW = dt.timedelta(days=145, hours=23, minutes=59)


def test_same_count_same_contributions():
    assert generate(50, window=WINDOW) == generate(50, window=WINDOW)


def test_texts_do_not_depend_on_the_window():
    short = generate(40, window=dt.timedelta(days=60, hours=5))
    long = generate(40, window=WINDOW)
    assert sorted((c.index, tuple(c.answers.items())) for c in short) == sorted(
        (c.index, tuple(c.answers.items())) for c in long
    )


def test_distributions_for_400():
    items = generate(400, window=WINDOW)
    assert len(items) == 400
    # A process closed long ago (the default): nothing left to moderate.
    statuses = Counter(c.status for c in items)
    assert statuses == {"published": 373, "rejected": 27}
    # An open one: some wait for the moderation.
    live = Counter(c.status for c in generate(400, window=WINDOW, statuses=OPEN))
    assert 0.45 <= live["published"] / 400 <= 0.65
    assert 0.22 <= live["pending"] / 400 <= 0.38
    assert 0.08 <= (live["rejected"] + live["changes_requested"]) / 400 <= 0.22
    channels = Counter(c.channel for c in items)
    assert channels["online"] > channels["paper"] > channels["phone"] > 0
    assert set(Counter(c.kind for c in items)) == {"testimony", "experience", "proposal"}
    assert len({c.neighbourhood for c in items}) == len(NEIGHBOURHOODS)
    assert {len(c.answers) for c in items} == {1, 2, 3}
    # Varied texts, not one template repeated.
    assert len({tuple(c.answers.values()) for c in items}) >= 380
    # Sorted by arrival, all inside the window, over most of it.
    offsets = [c.submitted_after for c in items]
    assert offsets == sorted(offsets)
    assert offsets[0] >= dt.timedelta(0)
    assert offsets[-1] < WINDOW
    assert offsets[-1] - offsets[0] > dt.timedelta(days=120)


def test_personal_data_is_invented():
    items = generate(400, window=WINDOW)
    emails = [c.email for c in items if c.email]
    assert emails
    assert len(emails) < 60
    assert all(e.endswith("@exemple.test") for e in emails)
    assert all(c.email for c in items if c.status == "changes_requested")
    assert all(c.consent_publication for c in items if c.status == "published")
    assert all(c.rejection_reason for c in items if c.status == "rejected")
    assert any(c.author_name == "" for c in items)
    assert any(c.author_name.startswith("Habitant") for c in items)
