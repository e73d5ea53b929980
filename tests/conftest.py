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
