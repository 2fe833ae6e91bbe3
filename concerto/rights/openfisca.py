"""The OpenFisca-France Web API, called over HTTP (``CONCERTO_OPENFISCA_URL``).

One POST /calculate per diagnostic, one for a whole batch. The country package's version
comes back in the ``Country-Package-Version`` header and is kept with every result. Nothing
about the household is logged: only the status and the duration.
"""

from __future__ import annotations

import json
import logging
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class OpenFiscaUnavailable(Exception):
    """The service did not answer (down, refused, time-out); ``str(exc)`` is French."""


class OpenFiscaRejected(Exception):
    """The service refused the situation (a bug on our side: never the resident's input)."""


@dataclass(frozen=True)
class Calculation:
    result: dict[str, Any]
    country_package: str
    version: str
    seconds: float


def unavailable_message() -> str:
    return _(
        "Le service de calcul des droits (OpenFisca) ne répond pas pour le moment. Vos "
        "réponses sont gardées : réessayez dans quelques instants. Si cela dure, prévenez "
        "l'administrateur·rice de Concerto."
    )


def calculate(situation: dict[str, Any], *, timeout: float | None = None) -> Calculation:
    base = str(settings.CONCERTO_OPENFISCA_URL).rstrip("/")
    if not base.startswith(("http://", "https://")):
        raise OpenFiscaUnavailable(unavailable_message())
    body = json.dumps(situation).encode()
    request = urllib.request.Request(  # noqa: S310 (http(s) only, checked above)
        f"{base}/calculate",
        data=body,
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    started = time.monotonic()
    seconds = float(timeout if timeout is not None else settings.CONCERTO_OPENFISCA_TIMEOUT)
    try:
        with urllib.request.urlopen(request, timeout=seconds) as response:  # noqa: S310
            payload = json.loads(response.read())
            headers = response.headers
    except urllib.error.HTTPError as exc:
        logger.error("OpenFisca a refusé la situation (HTTP %s)", exc.code)
        raise OpenFiscaRejected(
            _("Le calcul des droits a échoué (erreur %(code)s du service OpenFisca).")
            % {"code": exc.code}
        ) from exc
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        logger.warning("OpenFisca ne répond pas (%s)", type(exc).__name__)
        raise OpenFiscaUnavailable(unavailable_message()) from exc
    except ValueError as exc:  # not JSON
        raise OpenFiscaRejected(_("Le service OpenFisca a envoyé une réponse illisible.")) from exc
    elapsed = time.monotonic() - started
    logger.info("OpenFisca : calcul en %.2f s", elapsed)
    return Calculation(
        result=payload,
        country_package=headers.get("Country-Package", "openfisca-france"),
        version=headers.get("Country-Package-Version", ""),
        seconds=elapsed,
    )
