"""Failed sign-ins slow the next ones, per reviewer name and per client address.

The first few failures cost nothing (people mistype); after them each failure makes the next attempt under
the same name, or from the same address, wait twice as long as the last: 2 s, 4 s, 8 s … up to 15 minutes.
A refused attempt is answered at once (429 with Retry-After): nothing sleeps, so a guesser holds no worker
and the server stays quick for everyone else. A successful sign-in forgets the name's failures (not the
address's: one valid account must not reset a guesser's count), and failures are forgotten an hour after
the last one. The clock is injected, so tests move time instead of waiting for it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

FREE_FAILURES = 3
FIRST_WAIT = 2.0
LONGEST_WAIT = 15 * 60.0
FORGET_AFTER = 60 * 60.0
MAX_TRACKED = 10_000
"""Beyond this many names and addresses the oldest are forgotten, so made-up names cannot fill memory."""


@dataclass
class _Failures:
    count: int
    last: float
    blocked_until: float


class SignInThrottle:
    def __init__(self, clock: Callable[[], float] = time.time):
        self.clock = clock
        self._failures: dict[str, _Failures] = {}
        self._lock = threading.Lock()

    def wait(self, keys: Sequence[str]) -> float:
        """Seconds before an attempt under any of these keys may be tried (0: now)."""
        now = self.clock()
        with self._lock:
            return max((f.blocked_until - now for f in self._current(keys, now)), default=0.0)

    def failed(self, keys: Sequence[str]) -> float:
        """Count one failure under each key; returns the wait it imposes on the next attempt."""
        now = self.clock()
        with self._lock:
            for key in keys:
                previous = self._failures.get(key)
                count = previous.count + 1 if previous and now - previous.last < FORGET_AFTER else 1
                self._failures[key] = _Failures(count, now, now + _wait_after(count))
            self._forget_oldest()
            return max((f.blocked_until - now for f in self._current(keys, now)), default=0.0)

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)

    def _current(self, keys: Sequence[str], now: float) -> list[_Failures]:
        found = (self._failures.get(key) for key in keys)
        return [f for f in found if f is not None and now - f.last < FORGET_AFTER and f.blocked_until > now]

    def _forget_oldest(self) -> None:
        if len(self._failures) <= MAX_TRACKED:
            return
        newest_first = sorted(self._failures.items(), key=lambda item: item[1].last, reverse=True)
        self._failures = dict(newest_first[:MAX_TRACKED])


def _wait_after(failures: int) -> float:
    if failures <= FREE_FAILURES:
        return 0.0
    return min(FIRST_WAIT * 2 ** (failures - FREE_FAILURES - 1), LONGEST_WAIT)
