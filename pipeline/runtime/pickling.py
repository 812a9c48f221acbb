"""Slotted dataclasses pickled as a call of their class, for the records that travel pickled.

A dataclass made with `slots=True` pickles its fields as a list and sets them back one at a time through
`dataclasses.fields()`, in pure Python (`_dataclass_setstate`). A run's drafts travel pickled (from the
worker, in the cache, on disk until the merge), and a re-run of 10,000 cached bulletins unpickled some
220,000 of them (dates, entities, evidence), which took about a second of that run. `@pickled_as_call`
pickles one as `(cls, its field values)`, so unpickling calls the class's own generated `__init__`.

The stages know nothing of this: the classes are registered here, in the runtime, through `copyreg` (the
dispatch table every pickler consults), by `register_drafts()`, which the modules that pickle call on import.
"""

from __future__ import annotations

import copyreg
import dataclasses
from operator import attrgetter
from typing import Any, TypeVar

from pipeline.extract.instruments import InstrumentMention
from pipeline.extract.meetings.mention import Evidence
from pipeline.recognise.dates import DateMention
from pipeline.recognise.entities import EntityMention

T = TypeVar("T")


def pickled_as_call(cls: type[T]) -> type[T]:
    """`cls` (a dataclass whose fields are all `__init__` arguments) pickled as `cls(*fields)`."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if not all(field.init for field in fields):
        raise TypeError(f"{cls.__name__}: a field that __init__ does not take cannot be pickled as a call")
    values = attrgetter(*(field.name for field in fields))
    if len(fields) == 1:
        def __reduce__(self: Any) -> tuple[type[T], tuple[Any, ...]]:
            return cls, (values(self),)
    else:
        def __reduce__(self: Any) -> tuple[type[T], tuple[Any, ...]]:
            return cls, values(self)
    copyreg.pickle(cls, __reduce__)
    return cls


def register_drafts() -> None:
    """The drafts that travel pickled (from workers, in the cache, on disk until the merge)."""
    for cls in (DateMention, EntityMention, Evidence, InstrumentMention):
        pickled_as_call(cls)
