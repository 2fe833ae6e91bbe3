from tests.reading.conftest import hidden, postgres_only  # noqa: F401 (shared fixtures)
