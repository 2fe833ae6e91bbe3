"""Background work of the paper channel (Django Tasks API): PDF batches and page reading."""

from __future__ import annotations

from django_tasks import task

from concerto.intake.models import PrintBatch, ScanPage


@task()
def generate_print_batch(batch_id: int) -> None:
    from concerto.intake.services import print_batch_generate

    batch = PrintBatch.objects.select_related("urn", "process").filter(pk=batch_id).first()
    if batch is not None and batch.status != PrintBatch.Status.READY:
        print_batch_generate(batch)


@task()
def process_scan_page(page_id: int) -> None:
    from concerto.intake.services import scan_page_process

    page = (
        ScanPage.objects.select_related("batch__process", "sheet__batch").filter(pk=page_id).first()
    )
    if page is not None and page.state in (ScanPage.State.QUEUED, ScanPage.State.PROCESSING):
        scan_page_process(page)
