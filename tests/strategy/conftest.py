from __future__ import annotations

import pytest

from tests.strategy.factories import report_with_proposals


@pytest.fixture
def proposals(process, admin_user):
    """Three numbered proposals of the published report of ``process``."""
    return report_with_proposals(process, 3, publisher=admin_user)
