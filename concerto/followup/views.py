"""Public pages of the droit de suite: the receipt path, unsubscribing, the published annual
follow-up report. Staff pages are in ``staff_views``."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from concerto.core import ratelimit
from concerto.followup import annual, links
from concerto.followup.forms import ReceiptForm
from concerto.followup.notifications import FollowupError, followup_unsubscribe
from concerto.followup.recipients import read_unsubscribe_token
from concerto.followup.selectors import receipt_path
from concerto.processes.selectors import public_process_or_404

SCOPE = "followup"


def _private(response: HttpResponse) -> HttpResponse:
    # Whoever knows a receipt number may read its path; no shared cache should keep it.
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def lookup(request: HttpRequest) -> HttpResponse:
    """The form: a receipt number leads to its path page (GET, works without JavaScript)."""
    if "numero" in request.GET:
        form = ReceiptForm(request.GET)
        if form.is_valid():
            # A typed number: the look-up that could walk every receipt is what is counted.
            ratelimit.check(request, SCOPE, limit=settings.CONCERTO_FOLLOWUP_LOOKUP_RATE)
            return redirect(links.path_url(form.cleaned_data["numero"]))
        status = 400
    else:
        form = ReceiptForm()
        status = 200
    return _private(render(request, "followup/lookup.html", {"form": form}, status=status))


@require_safe
def path(request: HttpRequest, receipt: str) -> HttpResponse:
    # Receipt numbers are sequences: anyone could walk them. An address typed or guessed is
    # limited per client; a link the site gave (signed, see ``links``) is not.
    if not links.is_signed(receipt, request.GET.get(links.PARAM)):
        ratelimit.check(request, SCOPE, limit=settings.CONCERTO_FOLLOWUP_LOOKUP_RATE)
    found = receipt_path(receipt)
    if found is None:
        form = ReceiptForm(initial={"numero": receipt[:40]})
        return _private(
            render(
                request, "followup/not_found.html", {"form": form, "receipt": receipt}, status=404
            )
        )
    return _private(render(request, "followup/path.html", {"path": found}))


@csrf_exempt  # RFC 8058: mail clients send the one-click POST without any cookie or token
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (link checkers of mail servers open links: a GET changes
    nothing); POST, from that button or from the mail client (List-Unsubscribe-Post),
    turns the news off. The signed token is the credential."""
    if read_unsubscribe_token(token) is None:
        status = 403 if request.method == "POST" else 404
        return _private(render(request, "followup/unsubscribe_invalid.html", status=status))
    if request.method != "POST":
        return _private(render(request, "followup/unsubscribe.html", {"token": token}))
    try:
        result = followup_unsubscribe(token=token)
    except FollowupError:
        return _private(render(request, "followup/unsubscribe_invalid.html", status=403))
    return _private(render(request, "followup/unsubscribed.html", {"result": result}))


@require_safe
def annual_public(request: HttpRequest, slug: str) -> HttpResponse:
    process = public_process_or_404(slug)
    report = annual.published_report(process)
    if report is None:
        raise Http404("Aucun rapport annuel de suivi publié.")
    return render(
        request,
        "followup/annual_public.html",
        {"process": process, "report": report, "data": annual.AnnualData.from_json(report.content)},
    )


@require_safe
def annual_public_pdf(request: HttpRequest, slug: str) -> FileResponse:
    process = public_process_or_404(slug)
    report = annual.published_report(process)
    if report is None or not report.pdf:
        raise Http404("Aucun rapport annuel de suivi publié.")
    try:
        handle = report.pdf.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404("Fichier introuvable.") from exc
    return FileResponse(
        handle,
        content_type="application/pdf",
        filename=f"suivi-annuel-{process.slug}-{report.period_end:%Y}.pdf",
    )
