"""Login throttling: failed sign-ins are counted per login name and per client IP in the cache
(Redis when configured); past the limit the next attempt answers 429 until the window passes."""

import hashlib
import re

from rest_framework.throttling import SimpleRateThrottle

_RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class WindowedRateThrottle(SimpleRateThrottle):
    """DRF's rate throttle with windows such as "5/15m"."""

    def parse_rate(self, rate):
        if rate is None:
            return (None, None)
        match = _RATE.match(rate)
        if not match:
            raise ValueError(f"Bad throttle rate {rate!r}; use e.g. '5/15m'")
        count, multiplier, unit = match.groups()
        return int(count), int(multiplier or 1) * _SECONDS[unit]


class FailedLoginThrottle(WindowedRateThrottle):
    """Counts only failures: `allow_request` looks without recording, the view calls
    `record_failure` when the credentials were wrong and `clear` when they were right."""

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        self.history = [moment for moment in self.cache.get(self.key, []) if moment > self.now - self.duration]
        if len(self.history) >= self.num_requests:
            return self.throttle_failure()
        return True

    def record_failure(self, request, view) -> None:
        key = self.get_cache_key(request, view)
        if key is None:
            return
        now = self.timer()
        history = [moment for moment in self.cache.get(key, []) if moment > now - self.duration]
        history.insert(0, now)
        self.cache.set(key, history, self.duration)

    def clear(self, request, view) -> None:
        key = self.get_cache_key(request, view)
        if key is not None:
            self.cache.delete(key)


class LoginIpThrottle(FailedLoginThrottle):
    scope = "login_ip"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class LoginNameThrottle(FailedLoginThrottle):
    scope = "login_name"

    def get_cache_key(self, request, view):
        data = request.data if hasattr(request.data, "get") else {}  # a JSON list or string is no login
        login = str(data.get("username", "")).strip().lower()
        if not login:
            return None
        # Hashed: a fixed-length key whatever was typed, and no login names in the cache.
        return self.cache_format % {"scope": self.scope, "ident": hashlib.sha256(login.encode()).hexdigest()}


class PasswordResetThrottle(WindowedRateThrottle):
    scope = "password_reset"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
