"""Settings for the test suite and the type checker: the normal settings in test mode."""

import os

os.environ.setdefault("CONCERTO_TESTING", "1")
os.environ.setdefault("CONCERTO_TASKS_BACKEND", "immediate")
os.environ.setdefault("CONCERTO_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

from concerto.settings import *  # noqa: F403
