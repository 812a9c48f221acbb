"""Engines run the per-document work (`work.process_files`: a batch of files, each on its own) and hand
the results back in input order.

- `local`, 1 worker: in this process, one file after the other.
- `local`, N workers: a pool of N processes on this machine.
- `dask`: the workers of a Dask distributed cluster (a local one when no scheduler address is given).

Every engine has the same operations: `submit(fn, *args)` (returns something with `.result()`),
`peak_memory_mb()` and `close()`. `in_order` keeps a bounded number of submissions in flight and
yields their results in the order submitted, so the output never depends on which worker finished
first, and memory stays bounded however many files a run has.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

ENGINES = ("local", "dask")


class EngineError(RuntimeError):
    """An engine that cannot start (no scheduler at that address, workers running other code)."""


class Pending(Protocol):
    def result(self) -> Any: ...


class Engine(Protocol):
    @property
    def workers(self) -> int: ...

    def start(self, prepare: Callable[[], Any]) -> None:
        """Called once before the first file; `prepare` builds the pipeline in this process, for engines
        whose workers can inherit it."""

    def submit(self, fn: Callable[..., Any], /, *args: Any) -> Pending: ...

    def peak_memory_mb(self) -> float | None:
        """The largest peak resident memory of any worker so far, if the engine can tell."""

    def close(self) -> None: ...


def own_peak_memory_mb() -> float | None:
    """This process's peak resident memory (Linux: VmHWM), in MB."""
    return process_memory_mb("self")


def own_memory_mb() -> float | None:
    """This process's resident memory now (Linux: VmRSS), in MB."""
    return process_memory_mb("self", "VmRSS")


def process_memory_mb(pid: int | str, field: str = "VmHWM") -> float | None:
    """A process's memory as /proc/<pid>/status gives it (VmHWM: its peak resident memory), in MB."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(f"{field}:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError):
        pass
    return None


class Ready:
    """A result already at hand (a cache hit, or work done on the spot), shaped like a future."""

    def __init__(self, value: Any):
        self.value = value

    def result(self) -> Any:
        return self.value


def in_order(jobs: Iterable[Callable[[], Pending]], window: int) -> Iterator[Any]:
    """Start each job (a callable that submits work and returns its pending result), never more than
    `window` unfinished at once, and yield the results in the order of `jobs`."""
    pending: deque[Pending] = deque()
    for start in jobs:
        pending.append(start())
        while len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def make_engine(name: str = "local", workers: int | None = None, scheduler: str | None = None) -> Engine:
    """`workers`: processes on this machine (local engine: default 1; dask local cluster: default one per
    core). A Dask scheduler address brings its own workers."""
    if name == "local":
        from pipeline.runtime.engines.local import PoolEngine, SerialEngine

        return SerialEngine() if not workers or workers <= 1 else PoolEngine(workers)
    if name == "dask":
        from pipeline.runtime.engines.dask_engine import DaskEngine

        return DaskEngine(workers=workers, scheduler=scheduler)
    raise EngineError(f"unknown engine {name!r} (choose from {', '.join(ENGINES)})")


def window_for(engine: Engine) -> int:
    """How many batches of files may be in flight: enough to keep every worker busy while the run collects."""
    return 1 if engine.workers <= 1 else 4 * engine.workers


def batch_for(engine: Engine) -> int:
    """How many files go to a worker as one piece of work. One in this process. Elsewhere a few: each
    hand-over wakes the run's process and a worker (about a millisecond when the workers keep the cores
    busy, against some 30 ms for a bulletin), and a batch pays it once; small, so that the last batches
    still spread over the workers."""
    return 1 if engine.workers <= 1 else 4
