"""The API's request rates: one counter per requester and window, one small write per request."""

from __future__ import annotations

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.redis import RedisCache
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class RequesterRateThrottle(SimpleRateThrottle):
    """A signed-in user at the ``user`` rate (``HELIX_THROTTLE_USER``, per account), anyone else at
    the ``anon`` rate (``HELIX_THROTTLE_ANON``, per client address); past it a 429 whose
    ``Retry-After`` is the time left in the window.

    Requests are counted per window of the rate's period (a minute for ``120/minute``): one
    integer per requester and window, added to once per request. DRF's ``AnonRateThrottle`` and
    ``UserRateThrottle`` kept the time of every request of the last period instead, read and
    written whole on every request (up to 600 timestamps for a signed-in user), and side by
    side, so that an anonymous request was recorded twice; a page answered from the page cache
    spent more on them than on its answer. A window lets a client that waited for its end make
    the rate's number of requests again at once: up to twice the rate across the boundary."""

    scope = "anon"

    def __init__(self):
        # The rate depends on who asks: ``allow_request`` chooses it per request.
        self.rate = None
        self.wait_seconds = None

    def get_cache_key(self, request, view):
        user = request.user
        if user is not None and user.is_authenticated:
            self.scope, ident = "user", user.pk
        else:
            self.scope, ident = "anon", self.get_ident(request)
        self.rate = self.get_rate()
        if self.rate is None:
            return None
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def get_ident(self, request):
        """DRF's client address (``NUM_PROXIES`` and ``X-Forwarded-For`` as DRF reads them), from
        ``META``: DRF reads ``request.headers``, which Django builds whole on first use, and an
        answer from the page cache used it for nothing else."""
        xff = request.META.get("HTTP_X_FORWARDED_FOR")
        remote_addr = request.META.get("REMOTE_ADDR")
        num_proxies = api_settings.NUM_PROXIES
        if num_proxies is not None:
            if num_proxies == 0 or xff is None:
                return remote_addr
            addrs = xff.split(",")
            return addrs[-min(num_proxies, len(addrs))].strip()
        return "".join(xff.split()) if xff else remote_addr

    def allow_request(self, request, view):
        requester = self.get_cache_key(request, view)
        if requester is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        self.key = f"{requester}:{window}"
        count = self._counted()
        if count <= self.num_requests:
            return True
        self.wait_seconds = (window + 1) * self.duration - now
        return False

    def _counted(self) -> int:
        """This request added to its window's counter: the count so far.

        On Redis one round trip, ``INCR`` with ``EXPIRE … NX`` in one pipeline (Django's
        ``incr`` asks whether the key exists first, and the window's first request then adds
        it: three round trips). Elsewhere Django's ``incr``, and ``add`` for a new window."""
        backend = caches[DEFAULT_CACHE_ALIAS]
        if isinstance(backend, RedisCache):
            key = backend.make_and_validate_key(self.key)
            # The connection Django's own ``incr`` would use (``RedisCache._cache`` is its client).
            pipeline = backend._cache.get_client(key, write=True).pipeline(transaction=True)
            pipeline.incr(key)
            pipeline.expire(key, self.duration + 1, nx=True)
            return int(pipeline.execute()[0])
        try:
            return backend.incr(self.key)
        except ValueError:  # the window's first request (or its counter was evicted)
            return 1 if backend.add(self.key, 1, timeout=self.duration + 1) else backend.incr(self.key)

    def wait(self):
        return self.wait_seconds
