"""The host's limits on what one client can make it do: rates and growing delays.

``Rate`` is a token bucket (``burst`` at once, then ``per_second``); ``Backoff`` counts the
failures of one key (an address guessing join codes or the facilitator's token, say): after
``free`` failures in a row each further one shuts the key out for twice as long as the one
before, up to ``cap_s``, and while it is shut out its attempts are refused without being
checked. A success clears the count. Both take the clock as an argument, so tests can drive
them; both forget keys idle for long, so a stream of new addresses cannot grow them without
limit.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

#: Keys remembered at most (the oldest is forgotten first).
MAX_KEYS = 4096


@dataclass
class _Bucket:
    tokens: float
    at: float


class Rate:
    """At most ``burst`` actions at once and ``per_second`` after that, per key."""

    def __init__(self, burst: int, per_second: float) -> None:
        self.burst, self.per_second = burst, per_second
        self._buckets: OrderedDict[str, _Bucket] = OrderedDict()

    def allow(self, key: str, now: float) -> bool:
        """Take one action's token for ``key`` if there is one."""
        bucket = self._buckets.pop(key, None) or _Bucket(float(self.burst), now)
        bucket.tokens = min(float(self.burst),
                            bucket.tokens + (now - bucket.at) * self.per_second)
        bucket.at = now
        self._buckets[key] = bucket
        while len(self._buckets) > MAX_KEYS:
            self._buckets.popitem(last=False)
        if bucket.tokens < 1.0:
            return False
        bucket.tokens -= 1.0
        return True


@dataclass
class _Failures:
    count: int
    until: float


class Backoff:
    """Failures per key; past ``free`` of them, a delay that doubles with each."""

    def __init__(self, free: int = 5, first_s: float = 0.5, cap_s: float = 60.0) -> None:
        self.free, self.first_s, self.cap_s = free, first_s, cap_s
        self._keys: OrderedDict[str, _Failures] = OrderedDict()

    def wait_s(self, key: str, now: float) -> float:
        """How long ``key`` must still wait before an attempt is checked (0: go ahead)."""
        failures = self._keys.get(key)
        return 0.0 if failures is None else max(0.0, failures.until - now)

    def failed(self, key: str, now: float) -> float:
        """Note a failure; returns the delay it earned (0 while still within ``free``)."""
        failures = self._keys.pop(key, None) or _Failures(0, now)
        failures.count += 1
        over = failures.count - self.free
        delay = 0.0 if over <= 0 else min(self.cap_s, self.first_s * 2 ** min(over - 1, 30))
        failures.until = now + delay
        self._keys[key] = failures
        while len(self._keys) > MAX_KEYS:
            self._keys.popitem(last=False)
        return delay

    def succeeded(self, key: str) -> None:
        self._keys.pop(key, None)
