"""Settings for the test suite and the type checker: the production settings, with the few
switches the tests need. Nothing here can be turned on in production: there is no
CONCERTO_TESTING any more, and ``check --deploy`` refuses these settings (core/checks.py)."""

import os

# Known keys, refused in production (they start with INSECURE_KEY_PREFIX).
TEST_SECRET_KEY = "insecure-test-secret-key-" + "t" * 40
TEST_PSEUDONYM_KEY = "insecure-test-pseudonym-key-" + "p" * 40

for _name, _value in {
    "CONCERTO_SECRET_KEY": TEST_SECRET_KEY,
    "CONCERTO_PSEUDONYM_KEY": TEST_PSEUDONYM_KEY,
    "CONCERTO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "CONCERTO_SSL_REDIRECT": "0",
    "CONCERTO_SECURE_COOKIES": "0",
    "CONCERTO_HSTS_SECONDS": "0",
    "CONCERTO_PAGE_CACHE_SECONDS": "0",
    "CONCERTO_TASKS_BACKEND": "immediate",
    "CONCERTO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}.items():
    os.environ.setdefault(_name, _value)

from concerto.settings import *  # noqa: E402, F403
from concerto.settings import CACHES, REDIS_URL, STORAGES  # noqa: E402

CONCERTO_TEST_SETTINGS = True  # read by the deploy check

if not REDIS_URL:
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
WHITENOISE_USE_FINDERS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
