"""Shared test configuration: tiers, service requirements and eager Celery outside integration."""

from __future__ import annotations

import os

import pytest

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES", "") in {"1", "true", "yes"}


def missing_service(reason: str) -> None:
    """Skip the test when a service is missing, but fail it when CI requires every service."""
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def fresh_cache_outside_integration(request, settings):
    """Each test starts with an empty cache of its own, so API throttling counts only its requests.

    Memory, not the Redis that CELERY_BROKER_URL may point at: another test run on the same
    machine would share (and flush) those counters. tests/api/test_throttling.py covers Redis.
    """
    if request.node.get_closest_marker("integration"):
        yield
        return
    from django.core.cache import cache

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
    }
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def eager_celery_outside_integration(request):
    """Unit and django tiers run tasks in-process; the integration tier talks to a real broker."""
    if request.node.get_closest_marker("integration"):
        yield
        return
    from newsdesk.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous
