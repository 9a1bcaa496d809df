"""The API's request rates: one counter per requester and window, one small write per request."""

from __future__ import annotations

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

    def allow_request(self, request, view):
        requester = self.get_cache_key(request, view)
        if requester is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        self.key = f"{requester}:{window}"
        try:
            count = self.cache.incr(self.key)
        except ValueError:  # the window's first request (or its counter was evicted)
            count = 1 if self.cache.add(self.key, 1, timeout=self.duration + 1) else self.cache.incr(self.key)
        if count <= self.num_requests:
            return True
        self.wait_seconds = (window + 1) * self.duration - now
        return False

    def wait(self):
        return self.wait_seconds
