"""The client as the login throttle sees it: its address (trusting as many proxies as the API does)
and the username it tried."""

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


# AccessAttempt keeps the username in 255 characters; Django's login form does not enforce the
# user model's 150 before authentication is tried (its max_length only reaches the widget).
USERNAME_KEPT = 150


def login_username(request: HttpRequest, credentials: dict) -> str:
    """The username the login throttle counts: as typed, cut to what a username can be.

    Without the cut, a 256-character username is a server error on PostgreSQL when the failure
    is recorded; two longer names that share their first 150 characters are one username anyway.
    """
    if credentials:
        username = credentials.get("username")
    else:  # asked before authentication (the lockout check): the form as posted, as axes reads it
        username = getattr(request, "data", request.POST).get("username")
    return str(username or "")[:USERNAME_KEPT]
