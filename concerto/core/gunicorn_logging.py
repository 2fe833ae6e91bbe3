"""gunicorn's logger, without personal data (used by concerto/gunicorn_conf.py).

Whatever ``access_log_format`` says, the access log gets no client IP (``h``), no user
(``u``), no query string (``q``, and ``r`` rebuilt without it), no referer (``f``, it holds
the previous page's query string), no user agent (``a``), no request or response header
and no WSGI environ value (``{…}i``, ``{…}o``, ``{…}e`` print "-"); the path is scrubbed
(``core.logging.scrub_path``: signed tokens, e-mails, phone numbers). Both of gunicorn's
logs also go through ``ScrubPersonalData``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gunicorn.glogging import Logger  # type: ignore[import-untyped]

from concerto.core.logging import ScrubPersonalData, scrub_path

_REMOVED = {"h": "-", "u": "-", "f": "-", "a": "-", "q": ""}


class ScrubbingLogger(Logger):
    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if not any(isinstance(f, ScrubPersonalData) for f in handler.filters):
                    handler.addFilter(ScrubPersonalData())

    def atoms(
        self, resp: Any, req: Any, environ: dict[str, Any], request_time: dt.timedelta
    ) -> dict[str, Any]:
        atoms = {
            key: value
            for key, value in super().atoms(resp, req, environ, request_time).items()
            if not key.startswith("{")
        }
        path = scrub_path(str(environ.get("PATH_INFO") or "/"))
        atoms.update(_REMOVED)
        atoms["U"] = path
        atoms["r"] = (
            f"{environ.get('REQUEST_METHOD', '-')} {path} {environ.get('SERVER_PROTOCOL', '-')}"
        )
        return atoms
