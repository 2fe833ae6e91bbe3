"""django-allauth, adapted: its rate limits count per client IP as everything else does, and
its e-mails are signed with the City's platform name (core.identity), not the Site's."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest

from concerto.core.clientip import client_ip
from concerto.core.identity import current_identity


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        # allauth reads X-Forwarded-For through its own ALLAUTH_TRUSTED_PROXY_COUNT (0 by
        # default): behind our proxy every person would share the proxy's address.
        return client_ip(request)

    def format_email_subject(self, subject: str) -> str:
        return f"[{current_identity().platform_name}] {subject}"
