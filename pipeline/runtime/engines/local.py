"""Engines on this machine: in this process, or a pool of worker processes."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from pipeline.runtime.engines import Ready, own_peak_memory_mb, process_memory_mb


class SerialEngine:
    """Does each piece of work at once, in this process."""

    workers = 1

    def start(self, prepare: Callable[[], Any]) -> None:
        pass  # the pipeline is built here on the first file that needs it (none when all are cached)

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Ready:
        return Ready(fn(*args))

    def peak_memory_mb(self) -> float | None:
        return own_peak_memory_mb()

    def close(self) -> None:
        pass


def _context() -> multiprocessing.context.BaseContext:
    # On Linux, fork starts a worker in milliseconds with the parent's modules and rules already loaded
    # (spaCy and underthesea take over a second to import). Elsewhere fork is unsafe or absent: spawn.
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def _started() -> bool:
    return True


class PoolEngine:
    """A pool of worker processes. Forked (Linux), they inherit the pipeline `start` built; spawned, each
    builds its own once, on its first file."""

    def __init__(self, workers: int):
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context())

    def start(self, prepare: Callable[[], Any]) -> None:
        """Build the pipeline here, then start the workers: forked, they inherit it instead of each building
        their own. Started now, before any file, while this process is small: the pool would otherwise fork
        them at the first file that misses the cache, each with a copy of what this process holds by then
        (after 10,000 cache hits, some hundreds of MB counted against the worker's memory)."""
        if _context().get_start_method() == "fork":
            prepare()
        self._pool.submit(_started).result()

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Future:
        return self._pool.submit(fn, *args)

    def peak_memory_mb(self) -> float | None:
        # the pool's workers are this process's live multiprocessing children (the pool does not list them)
        peaks = [process_memory_mb(child.pid) for child in multiprocessing.active_children() if child.pid]
        return max((peak for peak in peaks if peak is not None), default=None)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
