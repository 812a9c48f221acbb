"""Objects that live as long as the process: made with the garbage collector paused, then left alone.

Loading spaCy and underthesea, the models and the rules makes some 120,000 objects, none of them garbage.
The cyclic collector, which runs every 700 new objects, walked them again and again while they were made
(0.27 s of a 1.8 s start), and each later full collection walked them all once more (0.1 s each; in a
forked worker it also copied the pages the worker shared with its parent, since it writes to every
object's header).

`making_long_lived()` pauses the collector while such objects are made, then moves everything that
exists into the permanent generation (`gc.freeze`), which the collector leaves alone. Frozen objects are
still freed when nothing refers to them; only cycles among them are no longer looked for. So it is used
once per process for each such thing (the imports, the rules, the pipeline, a process's first document),
never per document.

`settle()` does the same for what a run has gathered when it starts merging (see its docstring).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def making_long_lived() -> Iterator[None]:
    """The collector paused inside; what exists at the end (made inside or before) is frozen."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def settle() -> None:
    """Collect once, then freeze what is left: for a point after which what exists lives on to the end of a
    step (a run's manifest entries, merge keys and record locations, while it merges and writes). Later full
    collections then walk only what is made after it: merging 10,000 cached bulletins made 15 of them, each
    walking all the run had gathered (0.9 s of a 12.8 s re-run). The collection first leaves no garbage
    cycle to freeze."""
    gc.collect()
    gc.freeze()


def long_lived(make: Callable[P, R]) -> Callable[P, R]:
    """`making_long_lived` around each call: for a cached function, whose result the process keeps."""

    @wraps(make)
    def made(*args: P.args, **kwargs: P.kwargs) -> R:
        with making_long_lived():
            return make(*args, **kwargs)

    return made
