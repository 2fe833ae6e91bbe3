"""A logging filter that removes personal data (e-mails, phone numbers) from records.

It scrubs everything a handler may print: the message (with its arguments), the traceback
of ``exc_info`` (an ``IntegrityError`` says ``Key (email)=(jean@exemple.fr)``), an already
formatted ``exc_text`` and ``stack_info``. URL-encoded text is read too: a request line
``GET /liste/?q=jean%40exemple.fr`` or ``?q=06+12+34+56+78`` is masked like plain text, and
the token of a signed link in a path (a credential) becomes ``[jeton]``.
Installed on every handler of ``settings.LOGGING`` and on gunicorn's (gunicorn_conf.py).
"""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote, unquote_plus

from concerto.core.pii import mask_personal_data

# A run of URL characters holding an escape (%40) or a "+" (an encoded space).
_ENCODED = re.compile(r"[^\s\"'<>()\[\]{}]*(?:%[0-9A-Fa-f]{2}|\+)[^\s\"'<>()\[\]{}]*")
_FORMATTER = logging.Formatter()
# A segment of a URL path (what follows a "/", up to the next one).
_PATH_SEGMENT = re.compile(r"(?<=/)[^/\s?#\"'<>]{16,}(?=[/?#\s\"'<>]|$)")
# Times in messages ("11:39:05.123456+00:00") are not phone numbers ("05.123456").
_TIME = re.compile(r"\d{2}:\d{2}:\d{2}(?:[.,]\d+)?")


def _decoded(token: str) -> str:
    token = unquote_plus(token)  # "+" is a space only in the encoded form
    for _ in range(2):  # double-encoded values (%2540) too
        decoded = unquote(token)
        if decoded == token:
            break
        token = decoded
    return token


def _mask(text: str) -> str:
    """mask_personal_data, leaving the times alone."""
    times = _TIME.findall(text)
    parts = [mask_personal_data(part) for part in _TIME.split(text)]
    return "".join(part + (times[i] if i < len(times) else "") for i, part in enumerate(parts))


def _mask_encoded(match: re.Match[str]) -> str:
    token = match.group()
    decoded = _decoded(token)
    masked = _mask(decoded)
    return masked if masked != decoded else token


def _is_token(segment: str) -> bool:
    """A path segment that is a credential: a signed link (``payload:time:signature``), a
    password-reset key, a UUID. Slugs and receipt numbers (ASN-2022-000123) are not."""
    return len(segment) >= 16 and (":" in segment or sum(c.isdigit() for c in segment) >= 6)


def _mask_token(match: re.Match[str]) -> str:
    return "[jeton]" if _is_token(match.group()) else match.group()


def scrub(text: str) -> str:
    """``text`` with every e-mail address and phone number masked, encoded or not, and the
    tokens of signed links in URL paths ("Not Found: /suivi/desabonnement/<token>/")."""
    text = _PATH_SEGMENT.sub(_mask_token, text)
    return _mask(_ENCODED.sub(_mask_encoded, text))


def scrub_path(path: str) -> str:
    """A URL path fit for an access log: tokens replaced, e-mails and phones masked."""
    return scrub(path if path.startswith("/") else "/" + path)


class ScrubPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is still logged, scrubbed and unformatted
            message = f"{record.msg} {record.args!r}"
            record.msg, record.args = scrub(message), None
        else:
            scrubbed = scrub(message)
            if scrubbed != message:
                record.msg, record.args = scrubbed, None
        if record.exc_info and record.exc_info[0] is not None:
            # Formatted once here, scrubbed, and the exception object dropped: no handler
            # or formatter can print its raw text afterwards.
            text = record.exc_text or _FORMATTER.formatException(record.exc_info)
            record.exc_text, record.exc_info = scrub(text), None
        elif record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True
