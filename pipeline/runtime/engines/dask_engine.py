"""The Dask engine: the same per-document work on the workers of a Dask distributed cluster.

With no scheduler address it starts a local cluster of worker processes on this machine (one per core,
or `workers`); with one (`tcp://host:8786`) it uses that cluster's workers, however many it has.
Workers read the input files and the rules folder themselves, so they must see them at the same paths
(a shared file system), and they must run the same version of this package: that is checked before
any file is sent.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

from pipeline.runtime.cache import code_fingerprint
from pipeline.runtime.engines import EngineError, own_peak_memory_mb


def _worker_code() -> str:
    return code_fingerprint.__wrapped__()  # the files as they are now, not as when first asked


class DaskEngine:
    def __init__(self, workers: int | None = None, scheduler: str | None = None):
        # Dask's own INFO lines would bury the run's output; workers inherit this environment (a user's
        # own setting wins).
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")
        try:
            from distributed import Client, LocalCluster
        except ImportError as error:  # pragma: no cover - a dependency of the package
            raise EngineError("the dask engine needs dask[distributed]: pip install 'dask[distributed]'") from error
        self._cluster = None
        try:
            if scheduler:
                self._client = Client(scheduler, timeout="10s")
            else:
                # One thread per worker process: the pipeline is CPU-bound Python, threads would share the GIL.
                self._cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                                             processes=True, dashboard_address=None, silence_logs=logging.ERROR)
                self._client = Client(self._cluster)
        except (OSError, TimeoutError) as error:
            self._close_cluster()
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error
        self._check_workers()

    @property
    def workers(self) -> int:
        return max(1, sum(self._client.nthreads().values()))

    def start(self, prepare: Callable[[], Any]) -> None:
        pass  # each worker builds its own pipeline on its first file

    def _check_workers(self) -> None:
        if not self._client.nthreads():
            self._client.wait_for_workers(1, timeout=60)
        ours = _worker_code()
        theirs = self._client.run(_worker_code)
        different = sorted(address for address, code in theirs.items() if code != ours)
        if different:
            self.close()
            raise EngineError(f"Dask worker(s) {', '.join(different)} run a different version of the pipeline "
                              "(install the same version there)")

    def submit(self, fn: Callable[..., Any], /, *args: Any):
        # pure=False: the same file twice is two tasks, never a result shared by key.
        return self._client.submit(fn, *args, pure=False)

    def peak_memory_mb(self) -> float | None:
        peaks = self._client.run(own_peak_memory_mb).values()
        return max((peak for peak in peaks if peak is not None), default=None)

    def close(self) -> None:
        self._client.close()
        self._close_cluster()

    def _close_cluster(self) -> None:
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
