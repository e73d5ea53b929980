"""Request guards that run before any view."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _


class RefuseNulBytesMiddleware:
    """Answers 400 to a request whose path, query string or a header holds a NUL byte (raw or as ``%00``).

    Defence in depth, not the fix: no stored text can hold a NUL (PostgreSQL refuses it in text
    parameters, so a NUL reaching a query is a server error there), and each layer already refuses
    or ignores one (the public country page, the filter forms, the admin's list filters, the API's
    cursor). This catches what no layer of ours sees: the admin's own search, field filters and
    autocomplete, which would send the NUL to the database, and headers the login throttle stores
    (a failed login records the User-Agent).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(_("Адрес запроса содержит нулевой байт."))
        if any(key.startswith("HTTP_") and "\x00" in str(value) for key, value in request.META.items()):
            return HttpResponseBadRequest(_("Заголовок запроса содержит нулевой байт."))
        return self.get_response(request)
