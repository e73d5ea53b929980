"""Odd values in every parameter the admin and the public pages take: never a server error.

A table, not random generation: every value below goes into every list filter parameter of every
registered ModelAdmin (discovered from its changelist's filter specs, plus search, ordering, page
and the date hierarchy), into admin object URLs and actions, and into every public page, as a
superuser, an analyst and an anonymous visitor. Any answer is fine (200, a redirect, 400, 403,
404) except a 5xx. The failures are collected and reported together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

import pytest
from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, PAGE_VAR, SEARCH_VAR
from django.db import DatabaseError, transaction
from django.test import Client, RequestFactory
from django.urls import reverse

from meetings.web.filters import PublicMeetingFilter
from tests.fuzz.conftest import ANALYST, ANONYMOUS, ROLES, SUPERUSER

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

# Sent as they are (the client percent-encodes them).
ODD_VALUES = {
    "NUL": "\x00",
    "NUL inside": "Чили\x00",
    "10k digits": "9" * 10_000,
    "10k letters": "ж" * 10_000,
    "not a number": "abc",
    "negative": "-1",
    "fraction": "1.5",
    "beyond bigint": "99999999999999999999999",
    "last year a date holds": "9999",
    "RTL marks": "\u200f\u202eاختبار\u202c\u200e",
    "combining marks": "e\u0301\u0308\u0327",
    "emoji": "🇰🇿👩\u200d👩\u200d👧",
    "URL syntax": "../%2F?#&=",
    "SQL-ish": "' OR 1=1 --",
    "empty": "",
}
# Sent already percent-encoded: bytes no str can hold (a lone surrogate as UTF-8, invalid UTF-8).
RAW_ODD_VALUES = {"lone surrogate": "%ED%A0%80", "invalid UTF-8": "%FF%FE%00"}


def encoded_values() -> dict[str, str]:
    """Every odd value as it goes into a URL (query value or path segment)."""
    return {**{name: quote(value, safe="") for name, value in ODD_VALUES.items()}, **RAW_ODD_VALUES}


@dataclass
class Prober:
    """Sends requests as each role and remembers every one answered with a 5xx (or a database error)."""

    clients: dict[str, Client]
    failures: list[str] = field(default_factory=list)
    sent: int = 0

    def send(self, role: str, method: str, url: str, data: dict | None = None) -> None:
        self.sent += 1
        client = self.clients[role]
        try:
            # A savepoint per request: on PostgreSQL a failed query would otherwise abort the test's
            # transaction, and every later request would fail for that reason instead of its own.
            with transaction.atomic():
                response = getattr(client, method)(url, data) if data is not None else client.get(url)
        except DatabaseError as error:
            self.failures.append(f"{role} {method.upper()} {url[:200]} -> {type(error).__name__}: {error}")
            return
        if response.status_code >= 500:
            self.failures.append(f"{role} {method.upper()} {url[:200]} -> {response.status_code}")

    def assert_no_failures(self) -> None:
        assert self.sent
        assert not self.failures, f"{len(self.failures)} of {self.sent} requests failed:\n" + "\n".join(
            self.failures[:50]
        )


@pytest.fixture
def prober(clients) -> Prober:
    for client in clients.values():
        # A view's exception becomes the 500 response a visitor would get, instead of being raised.
        client.raise_request_exception = False
    return Prober(clients)


def registered_admins() -> list[admin.ModelAdmin]:
    return list(admin.site._registry.values())


def admin_label(model_admin: admin.ModelAdmin) -> str:
    return model_admin.model._meta.label


def changelist_url(model_admin: admin.ModelAdmin) -> str:
    opts = model_admin.model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")


def changelist_parameters(model_admin: admin.ModelAdmin, superuser) -> list[str]:
    """Every query parameter the changelist reads: each list filter's, search, ordering, page, dates."""
    request = RequestFactory().get(changelist_url(model_admin))
    request.user = superuser
    changelist = model_admin.get_changelist_instance(request)
    names = {name for spec in changelist.filter_specs for name in spec.expected_parameters()}
    if model_admin.date_hierarchy:
        names |= {f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")}
    return sorted(names | {SEARCH_VAR, ORDER_VAR, PAGE_VAR})


@pytest.fixture
def admin_superuser(users):
    return users[SUPERUSER]


# --- the admin ------------------------------------------------------------------------------------


@pytest.mark.parametrize("model_admin", registered_admins(), ids=admin_label)
def test_odd_values_in_every_admin_list_parameter_get_no_server_error(
    prober, newsroom, admin_superuser, model_admin
):
    parameters = changelist_parameters(model_admin, admin_superuser)
    base = changelist_url(model_admin)
    for parameter in parameters:
        for value in encoded_values().values():
            for role in ROLES:
                prober.send(role, "get", f"{base}?{parameter}={value}")
    prober.assert_no_failures()


@pytest.mark.parametrize("model_admin", registered_admins(), ids=admin_label)
def test_odd_object_ids_in_admin_urls_get_no_server_error(prober, newsroom, model_admin):
    base = changelist_url(model_admin)
    suffixes = ["change/", "delete/", "history/", ""]
    for value in encoded_values().values():
        for suffix in suffixes:
            for role in ROLES:
                prober.send(role, "get", f"{base}{value}/{suffix}")
        if admin_label(model_admin) == "meetings.Meeting":
            for action in ("approve", "reject"):
                for role in ROLES:
                    prober.send(role, "post", f"{base}{value}/{action}/", {"version": "1", "reason": "x"})
    prober.assert_no_failures()


@pytest.mark.parametrize("model_admin", registered_admins(), ids=admin_label)
def test_admin_actions_on_odd_selections_get_no_server_error(prober, newsroom, admin_superuser, model_admin):
    request = RequestFactory().get(changelist_url(model_admin))
    request.user = admin_superuser
    actions = [*sorted(model_admin.get_actions(request)), "no_such_action"]
    base = changelist_url(model_admin)
    for action in actions:
        for value in [*ODD_VALUES.values(), str(newsroom.pending.pk)]:
            for role in ROLES:
                prober.send(
                    role, "post", base, {"action": action, "_selected_action": [value, "1"], "index": "0"}
                )
                prober.send(role, "post", base, {"action": action, "select_across": value, "index": value})
        # The intermediate page's confirmation (reject asks for a reason) with odd values.
        for role in ROLES:
            prober.send(
                role,
                "post",
                base,
                {"action": action, "_selected_action": ["abc"], "post": "yes", "reason": "\u202e"},
            )
    prober.assert_no_failures()


def test_axes_cleanup_action_gets_no_server_error(prober, newsroom):
    prober.send(
        SUPERUSER,
        "post",
        "/admin/axes/accessattempt/",
        {"action": "cleanup_expired_attempts", "select_across": "1", "_selected_action": ["1"], "index": "0"},
    )
    prober.assert_no_failures()


def test_odd_values_in_admin_autocomplete_get_no_server_error(prober, newsroom):
    params = {"app_label": "meetings", "model_name": "participant", "field_name": "person", "term": "x"}
    for name in params:
        for value in encoded_values().values():
            query = "&".join(
                f"{key}={value if key == name else quote(default)}" for key, default in params.items()
            )
            for role in ROLES:
                prober.send(role, "get", f"/admin/autocomplete/?{query}")
    prober.assert_no_failures()


# --- the public pages, the API's extras and the exports -------------------------------------------


def public_list_parameters() -> list[str]:
    return sorted({*PublicMeetingFilter().filters, "page"})


def test_odd_values_in_every_public_list_parameter_get_no_server_error(prober, newsroom):
    for parameter in public_list_parameters():
        for value in encoded_values().values():
            for role in ROLES:
                prober.send(role, "get", f"/?{parameter}={value}")
    prober.assert_no_failures()


def test_odd_path_values_on_public_pages_get_no_server_error(prober, newsroom):
    official = newsroom.published[0].participants.get(side="kz").person_id
    for value in encoded_values().values():
        for url in (
            f"/countries/{value}/",
            f"/countries/{value}/{value}/",
            f"/people/{value}/",
            f"/meetings/{value}/",
            f"/countries/{quote('Тринидад/Тобаго', safe='')}/?page={value}",
            f"/people/{official}/?page={value}",
        ):
            for role in (ANONYMOUS, ANALYST):
                prober.send(role, "get", url)
    prober.assert_no_failures()


def test_odd_values_in_the_exports_and_api_extras_get_no_server_error(prober, newsroom):
    export_parameters = [*public_list_parameters(), "review_state", "bom"]
    urls = [f"/api/meetings/export.csv?{p}=" for p in export_parameters]
    urls += [f"/admin/meetings/meeting/export.csv?{p}=" for p in ("review_state__exact", "country", "q", "o")]
    urls += ["/api/schema/?lang=", "/api/schema/?format=", "/api/docs/?x="]
    for url in urls:
        for value in encoded_values().values():
            for role in ROLES:
                prober.send(role, "get", f"{url}{value}")
    prober.assert_no_failures()


def test_the_odd_values_are_sent_as_they_are():
    # Guard against the table quietly losing its worst values to encoding.
    assert "%00" in encoded_values()["NUL"]
    assert len(encoded_values()["10k letters"]) > 10_000
    assert urlencode({"q": ODD_VALUES["RTL marks"]}).startswith("q=%E2%80%8F")
