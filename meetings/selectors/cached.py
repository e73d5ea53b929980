"""Reads kept a few minutes in the cache (Redis in production): lists every visitor's page needs
that would otherwise scan the archive on each request. A cache that cannot be reached is no
failure: the value is computed as if nothing were cached."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from redis.exceptions import RedisError

from meetings.models import can_see_unpublished

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Choice lists (countries, officials): a newly published name appears within this many seconds.
CHOICES_TTL = 300


def cached(key: str, compute: Callable[[], T], timeout: int = CHOICES_TTL) -> T:
    """The value cached under ``key``, else ``compute()`` stored for ``timeout`` seconds."""
    try:
        value = cache.get(key)
    except RedisError as error:
        logger.warning("%s computed without its cache: %s", key, error)
        return compute()
    if value is None:
        value = compute()
        store(key, value, timeout)
    return value


def peek(key: str):
    """The value cached under ``key``, or None (also when Redis cannot be reached)."""
    try:
        return cache.get(key)
    except RedisError as error:
        logger.warning("%s not read from the cache: %s", key, error)
        return None


def claim(key: str, timeout: int) -> bool:
    """True for the one caller that sets ``key`` first within ``timeout`` seconds (a lock that
    expires); False for the others, and when Redis cannot be reached."""
    try:
        return bool(cache.add(key, 1, timeout))
    except RedisError as error:
        logger.warning("%s not claimed: %s", key, error)
        return False


def forget(*keys: str) -> None:
    """Drop ``keys`` (logged, not raised, when Redis is down: they then expire in their time)."""
    try:
        cache.delete_many(keys)
    except RedisError as error:
        logger.warning("%s not forgotten: %s", ", ".join(keys), error)


def release(key: str) -> None:
    """Let go of a :func:`claim` (logged, not raised, when Redis is down: the claim then expires)."""
    try:
        cache.delete(key)
    except RedisError as error:
        logger.warning("%s not released: %s", key, error)


def store(key: str, value: T, timeout: int = CHOICES_TTL) -> None:
    """Keep ``value`` under ``key`` for ``timeout`` seconds (logged, not raised, when Redis is down)."""
    try:
        cache.set(key, value, timeout)
    except RedisError as error:
        logger.warning("%s not cached: %s", key, error)


def cached_for(user, name: str, compute: Callable[[], T], timeout: int = CHOICES_TTL) -> T:
    """:func:`cached` once per kind of user: those who may see unpublished meetings, and the rest
    (who see the published ones only), so one kind never reads the other's list."""
    kind = "all" if can_see_unpublished(user) else "published"
    return cached(f"meetings:{name}:{kind}", compute, timeout)
