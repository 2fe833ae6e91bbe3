"""Rules that hold across the parts of a process, checked inside the writing transaction
after the change (a failure rolls the change back: nothing is half-saved)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from concerto.builder.services.errors import BuilderError, french_date
from concerto.processes.models import Process


def process_end(process: Process) -> dt.date | None:
    """The last day of the process: the end of its last phase (None without phases)."""
    return process.phases.order_by("-ends_on").values_list("ends_on", flat=True).first()


def check_channels_within(process: Process, *, field: str | None = None) -> None:
    """No channel closes after the process has ended (the end of its last phase)."""
    end = process_end(process)
    if end is None:
        return
    for channel in process.channels.order_by("-closes_at"):
        closes_on = timezone.localtime(channel.closes_at).date()
        # A channel closing at midnight after the last day still closes "on" that day.
        if timezone.localtime(channel.closes_at).time() == dt.time(0, 0):
            closes_on -= dt.timedelta(days=1)
        if closes_on > end:
            raise BuilderError(
                _(
                    "Le canal « %(channel)s » ferme le %(closes)s, après la fin de la "
                    "démarche (le %(end)s, fin de sa dernière phase)."
                )
                % {
                    "channel": channel.get_kind_display(),
                    "closes": french_date(closes_on),
                    "end": french_date(end),
                },
                field=field,
            )
        return  # the latest closing is within: so are all the others
