"""The collector is paused while long-lived objects are made, then left to the rest; never left off."""

from __future__ import annotations

import gc

from pipeline.runtime.long_lived import long_lived, making_long_lived, settle


def test_collector_paused_inside_and_back_on_after():
    assert gc.isenabled()
    with making_long_lived():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collector_back_on_after_an_error():
    try:
        with making_long_lived():
            raise ValueError("a rule file with a mistake")
    except ValueError:
        pass
    assert gc.isenabled()


def test_collector_left_off_when_it_was_off():
    gc.disable()
    try:
        with making_long_lived():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_what_was_made_is_frozen():
    @long_lived
    def make() -> list[list[int]]:
        return [[index] for index in range(1000)]  # lists are always tracked by the collector

    before = gc.get_freeze_count()
    made = make()
    assert gc.get_freeze_count() >= before + len(made)
    young = {id(item) for item in gc.get_objects(generation=0)}
    assert not any(id(item) in young for item in made)


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_settle_collects_garbage_cycles_before_freezing_what_lives():
    import weakref

    first, second = _Node(), _Node()
    first.other, second.other = second, first  # a cycle: only the collector frees it
    gone = weakref.ref(first)
    del first, second
    kept = [[index] for index in range(100)]
    before = gc.get_freeze_count()
    settle()
    assert gone() is None, "the garbage cycle was collected, not frozen"
    assert gc.get_freeze_count() >= before + len(kept)
