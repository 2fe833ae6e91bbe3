from __future__ import annotations

import pytest
from django.db import connection

from tests.events.factories import EventFactory


@pytest.fixture
def event(process):
    return EventFactory(process=process, capacity=2)


@pytest.fixture
def pg_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("concurrence réelle testée sur PostgreSQL")
