from __future__ import annotations

import pytest

from tests.factories import UserFactory


@pytest.fixture
def analyst_b(db):
    return UserFactory(email="analyse-b@exemple.test", roles=["analyst"])


@pytest.fixture(autouse=True)
def _no_automatic_retraining(settings):
    # Each test that wants the automatic retraining sets it itself.
    settings.CONCERTO_SYNTHESIS_RETRAIN_EVERY = 0
