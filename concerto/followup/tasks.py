"""Background work of the droit de suite (Django Tasks API)."""

from __future__ import annotations

from django_tasks import task


@task()
def send_followups() -> dict[str, int]:
    """Detect what changed and send the weekly digests that are due (like the command)."""
    from concerto.followup.detection import followups_detect
    from concerto.followup.notifications import followups_send

    detected = followups_detect()
    sent = followups_send()
    return {"events": detected.events, "sent": sent.sent, "waiting": sent.waiting}


@task()
def generate_annual_report(report_id: int) -> None:
    from concerto.followup.annual import annual_report_generate
    from concerto.followup.models import AnnualReport

    report = AnnualReport.objects.select_related("process").filter(pk=report_id).first()
    if report is not None and report.status != AnnualReport.Status.READY:
        annual_report_generate(report)
