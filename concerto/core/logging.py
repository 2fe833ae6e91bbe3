"""A logging filter that removes personal data (e-mails, phone numbers) from records.

It scrubs everything a handler may print: the message (with its arguments), the traceback
of ``exc_info`` (an ``IntegrityError`` says ``Key (email)=(jean@exemple.fr)``), an already
formatted ``exc_text`` and ``stack_info``. URL-encoded text is read too: a request line
``GET /liste/?q=jean%40exemple.fr`` or ``?q=06+12+34+56+78`` is masked like plain text.
Installed on every handler of ``settings.LOGGING`` and on gunicorn's (gunicorn_conf.py).
"""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote_plus

from concerto.core.pii import mask_personal_data

# A run of URL characters holding an escape (%40) or a "+" (an encoded space).
_ENCODED = re.compile(r"[^\s\"'<>()\[\]{}]*(?:%[0-9A-Fa-f]{2}|\+)[^\s\"'<>()\[\]{}]*")
_FORMATTER = logging.Formatter()


def _decoded(token: str) -> str:
    for _ in range(3):  # double-encoded values (%2540) too
        decoded = unquote_plus(token)
        if decoded == token:
            break
        token = decoded
    return token


def _mask_encoded(match: re.Match[str]) -> str:
    token = match.group()
    decoded = _decoded(token)
    masked = mask_personal_data(decoded)
    return masked if masked != decoded else token


def scrub(text: str) -> str:
    """``text`` with every e-mail address and phone number masked, encoded or not."""
    return mask_personal_data(_ENCODED.sub(_mask_encoded, text))


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


def _is_token(segment: str) -> bool:
    """A path segment that is a credential: a signed link (``payload:time:signature``), a
    password-reset key, a UUID. Slugs and receipt numbers (ASN-2022-000123) are not."""
    return len(segment) >= 16 and (":" in segment or sum(c.isdigit() for c in segment) >= 6)


def scrub_path(path: str) -> str:
    """A URL path fit for an access log: tokens replaced, e-mails and phones masked."""
    return scrub("/".join("[jeton]" if _is_token(part) else part for part in path.split("/")))
