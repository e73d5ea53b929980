"""API throttles that let requests through, logged, while the cache holding their counters is down.

DRF's throttles count in Django's cache (Redis in production). A Redis outage would otherwise turn
every API request into a 500; reading published meetings matters more than counting them for a
few minutes, so an unreachable cache lets the request pass and says so in the log.
"""

from __future__ import annotations

import logging

from redis.exceptions import RedisError
from rest_framework.throttling import AnonRateThrottle, BaseThrottle, UserRateThrottle

logger = logging.getLogger(__name__)


class CacheOutageAllows(BaseThrottle):
    """Mixed in before a DRF throttle class, whose ``allow_request`` it wraps."""

    def allow_request(self, request, view) -> bool:
        try:
            return super().allow_request(request, view)
        except RedisError as error:
            logger.warning("API throttle skipped, its cache is unreachable: %s", error)
            return True


class AnonThrottle(CacheOutageAllows, AnonRateThrottle):
    pass


class UserThrottle(CacheOutageAllows, UserRateThrottle):
    pass
