"""API throttling: anonymous clients get 60 requests a minute per address, users 600 each."""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.core.cache import cache

from tests.conftest import missing_service

ANON_PER_MINUTE = 60
CACHE_REDIS_DB = 3  # this suite's Redis database; the broker uses 0, the site's cache 1


def redis_cache_url() -> str:
    broker = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    parts = urlsplit(broker)
    return urlunsplit((parts.scheme, parts.netloc, f"/{CACHE_REDIS_DB}", "", ""))


@pytest.fixture(params=["memory", "redis"])
def throttle_cache(request, settings):
    """The cache the counters live in: this process's memory (development) or Redis (production)."""
    if request.param == "redis":
        import redis

        url = redis_cache_url()
        try:
            redis.Redis.from_url(url, socket_connect_timeout=2).ping()
        except redis.RedisError as error:
            missing_service(f"Redis is not reachable at {url}: {error}")
        settings.CACHES = {
            "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
        }
        cache.clear()
        yield request.param
        cache.clear()
    else:
        yield request.param


def get_many(client, count: int, **headers) -> list:
    return [client.get("/api/meetings/", headers=headers) for _ in range(count)]


@pytest.mark.django_db
def test_the_61st_anonymous_request_in_a_minute_gets_429_with_retry_after(client, throttle_cache):
    allowed = get_many(client, ANON_PER_MINUTE)

    refused = client.get("/api/meetings/")

    assert [r.status_code for r in allowed] == [200] * ANON_PER_MINUTE
    assert refused.status_code == 429
    wait = int(refused["Retry-After"])
    assert 0 < wait <= 60
    # In Russian throughout (DRF's own catalog leaves the second sentence in English).
    assert refused.json() == {"detail": f"Слишком много запросов. Повторите запрос через {wait} с."}


@pytest.mark.django_db
def test_a_made_up_x_forwarded_for_does_not_escape_the_anonymous_limit(client):
    get_many(client, ANON_PER_MINUTE)

    refused = client.get("/api/meetings/", headers={"X-Forwarded-For": "203.0.113.7"})

    assert refused.status_code == 429


@pytest.mark.django_db
def test_a_logged_in_user_is_not_held_to_the_anonymous_limit(client, client_as):
    analyst = client_as("analyst")
    get_many(client, ANON_PER_MINUTE + 1)  # anonymous requests from the same address

    responses = get_many(analyst, ANON_PER_MINUTE + 1)

    assert [r.status_code for r in responses] == [200] * (ANON_PER_MINUTE + 1)


@pytest.mark.django_db
def test_the_api_still_answers_while_the_throttle_cache_is_unreachable(client, settings, caplog):
    # A real Redis client against a port where nothing listens: the outage as production sees it.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }

    response = client.get("/api/meetings/")

    assert response.status_code == 200
    assert "throttle skipped" in caplog.text


@pytest.mark.django_db
def test_the_csv_export_counts_against_the_same_anonymous_limit(client):
    allowed = [client.get("/api/meetings/export.csv") for _ in range(ANON_PER_MINUTE)]

    refused = client.get("/api/meetings/export.csv")

    assert [r.status_code for r in allowed] == [200] * ANON_PER_MINUTE
    assert refused.status_code == 429
