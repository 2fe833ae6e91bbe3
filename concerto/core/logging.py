"""A logging filter that removes personal data (e-mails, phone numbers) from records."""

from __future__ import annotations

import logging

from concerto.core.pii import mask_personal_data


class ScrubPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is still logged, unformatted
            return True
        scrubbed = mask_personal_data(message)
        if scrubbed != message:
            record.msg = scrubbed
            record.args = None
        return True
