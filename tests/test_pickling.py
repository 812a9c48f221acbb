"""Drafts' slotted dataclasses pickle as a call of their class: the same values back, faster."""

from __future__ import annotations

import copyreg
import pickle
from dataclasses import dataclass, field

import pytest

from pipeline.extract.instruments import InstrumentMention
from pipeline.extract.meetings.mention import Evidence
from pipeline.recognise.dates import DateMention
from pipeline.recognise.entities import EntityMention
from pipeline.runtime.pickling import pickled_as_call, register_drafts

register_drafts()

DATE = DateMention(3, 13, "22/8/2023", "2023-08-22", "2023-08-22", None, False)
EXAMPLES = [
    DATE,
    EntityMention(0, 9, "Hà Nội", "CITY", "gazetteer", "gazetteer.cities.hanoi", actor="Viet Nam", date=DATE),
    Evidence("date", 3, 13, "22/8/2023", "vi.date"),
    InstrumentMention(0, 20, "Kế hoạch hành động", 2, "plan", None, "adopted", "vi.instrument.plan"),
]


@pytest.mark.parametrize("value", EXAMPLES, ids=lambda value: type(value).__name__)
def test_round_trip_gives_an_equal_value_of_the_same_class(value):
    back = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == value and type(back) is type(value)
    assert copyreg.dispatch_table[type(value)](value)[0] is type(value), "made by a call of the class"


@pickled_as_call
@dataclass(frozen=True, slots=True)
class Only:
    value: int


def test_one_field_class():
    assert pickle.loads(pickle.dumps(Only(7))) == Only(7)


def test_a_field_outside_init_is_refused():
    with pytest.raises(TypeError, match="__init__"):
        @pickled_as_call
        @dataclass
        class Counted:
            total: int = field(default=0, init=False)
