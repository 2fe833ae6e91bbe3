"""Fixtures of the paper channel. The reading pipeline needs Debian packages (Tesseract and
its French model, Pango for WeasyPrint): when one is missing the tests fail and say to run
``make system-deps`` (they are never skipped silently)."""

from __future__ import annotations

import pytest

from concerto.intake.models import PrintBatch
from concerto.intake.services import print_batch_create
from concerto.processes.models import Process, Urn
from tests.factories import ProcessFactory, UrnFactory


@pytest.fixture(scope="session", autouse=True)
def _system_dependencies() -> None:
    from concerto.intake.pipeline import SystemDependencyMissing, check_tesseract

    try:
        check_tesseract()
    except SystemDependencyMissing as exc:
        pytest.fail(f"{exc} Lancez `make system-deps` (en root) puis relancez les tests.")
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:  # pragma: no cover - depends on the system
        pytest.fail(
            f"WeasyPrint ne trouve pas Pango ({exc}) : lancez `make system-deps` "
            "(paquets libpango-1.0-0 libpangoft2-1.0-0)."
        )


@pytest.fixture
def urn(process: Process) -> Urn:
    return UrnFactory(process=process)


@pytest.fixture
def other_process(db) -> Process:
    return ProcessFactory(title="Une autre démarche")


@pytest.fixture
def printed(urn: Urn) -> PrintBatch:
    """Three sheets printed for ``urn`` (numbers 1 to 3)."""
    return print_batch_create(urn=urn, count=3, actor=None)
