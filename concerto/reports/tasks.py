"""Background work of the report (Django Tasks API): building a version's PDF."""

from __future__ import annotations

from django_tasks import task

from concerto.reports.models import ReportVersion


@task()
def build_report_pdf(version_id: int) -> None:
    from concerto.reports.publication import version_build_pdf

    version = ReportVersion.objects.select_related("report__process").filter(pk=version_id).first()
    if version is not None and not version.pdf:
        version_build_pdf(version)
