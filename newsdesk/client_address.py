"""The client's address as the login throttle sees it, trusting as many proxies as the API does."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The peer's address, or behind ``NUM_PROXIES`` trusted proxies the one the outermost saw.

    Each proxy appends the address it received the request from to ``X-Forwarded-For``, so with
    N proxies the client is the N-th entry from the right; entries further left are whatever the
    client chose to send. DRF's throttles read the same header the same way (``NUM_PROXIES``).
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.NUM_PROXIES and forwarded:
        addresses = [address.strip() for address in forwarded.split(",")]
        return addresses[-min(settings.NUM_PROXIES, len(addresses))]
    return request.META.get("REMOTE_ADDR", "")
