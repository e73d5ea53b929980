"""Reads kept a few minutes in the cache (Redis in production): lists every visitor's page needs
that would otherwise scan the archive on each request. A cache that cannot be reached is no
failure: the value is computed as if nothing were cached."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from redis.exceptions import RedisError

from meetings.models import can_see_unpublished

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Choice lists (countries, officials): a newly published name appears within this many seconds.
CHOICES_TTL = 300


def cached(key: str, compute: Callable[[], T], timeout: int = CHOICES_TTL) -> T:
    """The value cached under ``key``, else ``compute()`` stored for ``timeout`` seconds."""
    value = peek(key)
    if value is None:
        value = compute()
        store(key, value, timeout)
    return value


def peek(key: str) -> Any:
    """The value cached under ``key``, or None (also when Redis cannot be reached)."""
    return quietly(lambda: cache.get(key), None, f"{key} not read from the cache")


def claim(key: str, timeout: int, value: Any = 1) -> bool:
    """True for the one caller that sets ``key`` (to ``value``) first within ``timeout`` seconds (a
    lock that expires); False for the others, and when Redis cannot be reached."""
    return bool(quietly(lambda: cache.add(key, value, timeout), False, f"{key} not claimed"))


def forget(*keys: str) -> None:
    """Drop ``keys`` (when Redis is down they expire in their time)."""
    quietly(lambda: cache.delete_many(keys), None, f"{', '.join(keys)} not forgotten")


def release(key: str) -> None:
    """Let go of a :func:`claim` (when Redis is down, the claim expires)."""
    quietly(lambda: cache.delete(key), None, f"{key} not released")


def store(key: str, value: Any, timeout: int = CHOICES_TTL) -> None:
    """Keep ``value`` under ``key`` for ``timeout`` seconds."""
    quietly(lambda: cache.set(key, value, timeout), None, f"{key} not cached")


def quietly(action: Callable[[], Any], fallback: Any, failure: str) -> Any:
    """``action()``, or ``fallback`` (logged as ``failure``) when Redis cannot be reached: a cache
    that fails is no failure of the page (the value is computed as if nothing were cached)."""
    try:
        return action()
    except RedisError as error:
        logger.warning("%s: %s", failure, error)
        return fallback


def cached_for(user, name: str, compute: Callable[[], T], timeout: int = CHOICES_TTL) -> T:
    """:func:`cached` once per kind of user: those who may see unpublished meetings, and the rest
    (who see the published ones only), so one kind never reads the other's list."""
    kind = "all" if can_see_unpublished(user) else "published"
    return cached(f"meetings:{name}:{kind}", compute, timeout)
