"""The phone channel: the provider's webhook and the staff review workspace."""

from __future__ import annotations

import hmac
import re

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from concerto.accounts.models import User
from concerto.backoffice.permissions import staff_view
from concerto.contributions.services import ContributionError
from concerto.voice.audio import SystemDependencyMissing
from concerto.voice.forms import CallerLookupForm, DismissForm, ReviewForm
from concerto.voice.lookup import lookup_record, messages_of_caller
from concerto.voice.models import Voicemail
from concerto.voice.permissions import ACCESS
from concerto.voice.provider import read_received_at
from concerto.voice.services import (
    VoiceError,
    voicemail_dismiss,
    voicemail_queue_too_large,
    voicemail_queue_without_audio,
    voicemail_receive,
    voicemail_validate,
)


def _token_ok(request: HttpRequest) -> bool:
    expected = settings.CONCERTO_VOICEMAIL_TOKEN
    if not expected:
        return False  # no token configured: the webhook is closed
    header = request.headers.get("Authorization", "")
    given = (
        header[7:] if header.startswith("Bearer ") else request.headers.get("X-Concerto-Token", "")
    )
    return hmac.compare_digest(given.encode(), expected.encode())


@csrf_exempt
@require_POST
def webhook(request: HttpRequest) -> JsonResponse:
    """The line's provider posts one message as ``multipart/form-data``: ``audio`` (the
    file), ``caller`` (the number, kept only as an HMAC) and ``received_at`` (ISO 8601),
    authenticated by a secret token (``Authorization: Bearer …`` or ``X-Concerto-Token``).

    Whatever arrives is kept: a good recording is queued for transcription (201, or 200
    when the same file was already received); a file that cannot be listened to, or sent
    with data that cannot be read (an impossible date, the file under another field name,
    no file at all but a caller or a time), is a queue entry with its reason (201, with
    ``problem`` and ``message``). The other answers, where nothing is stored:

    - 403: token missing or wrong (or no token configured: the webhook is closed);
    - 400: nothing received (no field, no file), or a body that is not a readable form;
    - 413: over ``CONCERTO_VOICEMAIL_MAX_BYTES`` (not read; a queue entry says it came);
    - 503: ffprobe missing on the server (nothing decided: send it again later).
    """
    if not _token_ok(request):
        return JsonResponse(
            {"error": _("Jeton d'authentification absent ou invalide.")}, status=403
        )
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.CONCERTO_VOICEMAIL_MAX_BYTES:
        # Not read, but not lost: a queue entry tells the reviewers a message exists.
        entry = voicemail_queue_too_large(size=length, source=Voicemail.Source.WEBHOOK)
        return JsonResponse({"error": entry.message, "id": entry.pk}, status=413)
    try:
        fields, files = request.POST, request.FILES
    except MultiPartParserError:
        return JsonResponse(
            {"error": _("Requête illisible : envoyez un formulaire multipart/form-data.")},
            status=400,
        )
    given = read_received_at(fields.get("received_at", ""))
    notes = [given.note] if given.note else []
    caller = fields.get("caller", "")
    upload = files.get("audio")
    if upload is None and files:  # a file, under another name: still the message
        field = next(iter(files))
        upload = files.get(field)
        notes.append(
            _("Le fichier est arrivé dans le champ « %(field)s » au lieu de « audio ».")
            % {"field": field[:40]}
        )
    if upload is None:
        if not fields:
            return JsonResponse(
                {"error": _("Rien n'a été reçu : le champ « audio » (fichier) manque.")},
                status=400,
            )
        if fields.get("audio"):  # sent as text, not as a file: kept, it is unreadable
            notes.append(_("Le champ « audio » n'était pas un fichier."))
            data, name = fields["audio"].encode("utf-8", "replace"), "audio.bin"
        else:
            entry = voicemail_queue_without_audio(
                source=Voicemail.Source.WEBHOOK,
                caller=caller,
                received_at=given.value,
                notes=notes,
            )
            return _received(entry, created=True)
    else:
        if (upload.size or 0) > settings.CONCERTO_VOICEMAIL_MAX_BYTES:
            entry = voicemail_queue_too_large(
                size=upload.size or 0,
                source=Voicemail.Source.WEBHOOK,
                name=upload.name or "message",
                caller=caller,
                received_at=given.value,
                notes=notes,
            )
            return JsonResponse({"error": entry.message, "id": entry.pk}, status=413)
        data, name = upload.read(), upload.name or "message"
    try:
        result = voicemail_receive(
            data=data,
            name=name,
            caller=caller,
            source=Voicemail.Source.WEBHOOK,
            received_at=given.value,
            notes=notes,
        )
    except SystemDependencyMissing as exc:
        return JsonResponse({"error": str(exc)}, status=503)
    return _received(result.voicemail, created=result.created)


def _received(voicemail: Voicemail, *, created: bool) -> JsonResponse:
    body: dict[str, object] = {"id": voicemail.pk, "created": created}
    if voicemail.problem:  # queued for manual handling: said to the provider too
        body.update(problem=voicemail.problem, message=voicemail.message)
    return JsonResponse(body, status=201 if created else 200)


@staff_view("messages", table=ACCESS)
def message_list(request: HttpRequest) -> HttpResponse:
    items = Voicemail.objects.select_related("process", "contribution")[:300]
    return render(
        request,
        "voice/messages.html",
        {"voicemails": items, "model_configured": bool(settings.CONCERTO_WHISPER_MODEL_DIR)},
    )


@staff_view("receipt_lookup", table=ACCESS)
def receipt_lookup(request: HttpRequest) -> HttpResponse:
    """A caller asks for their receipt number: search by the day and their number."""
    form = CallerLookupForm(request.GET if "number" in request.GET else None)
    found = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            user = request.user
            assert isinstance(user, User)
            day = form.cleaned_data["day"]
            found = messages_of_caller(number=form.cleaned_data["number"], day=day)
            lookup_record(actor=user, day=day, found=found)
        else:
            status = 400
    return render(
        request, "voice/receipt_lookup.html", {"form": form, "found": found}, status=status
    )


@staff_view("message", table=ACCESS)
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    voicemail = get_object_or_404(
        Voicemail.objects.select_related("process", "contribution"), pk=pk
    )
    initial = {"text": voicemail.draft_text, "process": voicemail.process_id}
    form = ReviewForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            user = request.user
            assert isinstance(user, User)
            try:
                contribution = voicemail_validate(
                    voicemail=voicemail,
                    process=data["process"],
                    questions=list(data["questions"]),
                    neighbourhood=data["neighbourhood"],
                    text=data["text"],
                    names_to_mask=form.names(),
                    actor=user,
                    kind=data["kind"],
                )
            except (VoiceError, ContributionError) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Message validé : contribution %(receipt)s.") % {"receipt": contribution},
                )
                return redirect("voice:messages")
        status = 400
    return _render_message(request, voicemail, form=form, status=status)


def _render_message(
    request: HttpRequest,
    voicemail: Voicemail,
    *,
    form: ReviewForm | None = None,
    dismiss_form: DismissForm | None = None,
    status: int = 200,
) -> HttpResponse:
    if form is None:
        form = ReviewForm(initial={"text": voicemail.draft_text, "process": voicemail.process_id})
    return render(
        request,
        "voice/message.html",
        {
            "voicemail": voicemail,
            "form": form,
            "dismiss_form": dismiss_form or DismissForm(),
            "open": voicemail.state not in (Voicemail.State.TRANSCRIBED, Voicemail.State.DISMISSED),
            "model_configured": bool(settings.CONCERTO_WHISPER_MODEL_DIR),
        },
        status=status,
    )


@staff_view("dismiss", table=ACCESS)
def message_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a message without a contribution (empty file, nothing said...): audited."""
    voicemail = get_object_or_404(
        Voicemail.objects.select_related("process", "contribution"), pk=pk
    )
    form = DismissForm(request.POST)
    if form.is_valid():
        user = request.user
        assert isinstance(user, User)
        try:
            voicemail_dismiss(voicemail=voicemail, reason=form.cleaned_data["reason"], actor=user)
        except VoiceError as exc:
            messages.error(request, str(exc))
            return redirect("voice:message", pk=voicemail.pk)
        else:
            messages.success(
                request, _("Message n° %(n)d classé sans suite.") % {"n": voicemail.pk}
            )
            return redirect("voice:messages")
    return _render_message(request, voicemail, dismiss_form=form, status=400)


_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The (first, last) bytes asked by a single-range ``Range`` header, or None."""
    match = _RANGE.match(header.strip())
    if match is None or size == 0:
        return None
    first, last = match.groups()
    if first == "":
        if last == "":
            return None
        return max(0, size - int(last)), size - 1  # the last N bytes
    start, end = int(first), int(last) if last else size - 1
    if start >= size or end < start:
        return None
    return start, min(end, size - 1)


@staff_view("audio", table=ACCESS)
def audio(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The audio for the staff player, with single byte-range support so that the player
    can jump to a timestamp."""
    voicemail = get_object_or_404(Voicemail, pk=pk)
    if not voicemail.audio:
        raise Http404(_("L'audio de ce message a été supprimé (durée de conservation)."))
    try:
        handle = voicemail.audio.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404(_("Fichier introuvable.")) from exc
    size = voicemail.audio.size
    wanted = _byte_range(request.headers.get("Range", ""), size)
    response: HttpResponseBase
    if wanted is None:
        # A file ffprobe could not read is offered as a download, never played inline.
        unreadable = voicemail.problem == Voicemail.Problem.UNREADABLE
        response = FileResponse(
            handle,
            content_type=voicemail.content_type,
            as_attachment=unreadable,
            filename=f"message-{voicemail.pk}{voicemail.extension}" if unreadable else "",
        )
    else:
        first, last = wanted
        with handle:
            handle.seek(first)
            chunk = handle.read(last - first + 1)
        response = HttpResponse(chunk, status=206, content_type=voicemail.content_type)
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
        response["Content-Length"] = str(len(chunk))
    response["Accept-Ranges"] = "bytes"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
