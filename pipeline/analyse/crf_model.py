"""The feature strings a CRF model knows, read from its file (CRFsuite's format, as underthesea's models are).

A CRF scores a token by the weights of its feature strings; a string the model never saw in training has
no weight, and the tagger skips it. The 2017 chunk and NER models know about 2,000 strings and the POS
model 31,000, while their templates make 22 to 31 strings per token, mostly words and word pairs the
models never saw: making and passing only the known ones gives the same tags for less work.

underthesea_core does not list a model's attributes, so they are read here from the file: a header, then
the attribute names in a CQDB (a constant hash database) whose "backward" array gives the record of each
attribute id. Layouts: crfsuite's lib/crf/src/crf1d_model.c and lib/cqdb/src/cqdb.c.
"""

from __future__ import annotations

import struct
from pathlib import Path

_MODEL_MAGIC, _MODEL_TYPE, _CQDB_MAGIC = b"lCRF", b"FOMC", b"CQDB"
_HEADER = struct.Struct("<4sI4sI8I")  # magic, size, type, version; counts and offsets of the parts
_ATTRIBUTES_OFFSET = 9  # the place, in the header's fields, of the attribute database's offset
_CQDB_HEADER = struct.Struct("<4s5I")  # magic, size, flag, byte order, backward array: size and offset
_RECORD = struct.Struct("<2I")  # id, key size (with its closing NUL)


class UnknownModelFormat(ValueError):
    """A model file that is not in CRFsuite's format: its attributes cannot be listed."""


def model_attributes(path: Path) -> list[str]:
    """Every feature string ("T[0].lower=hội") that the model at `path` has weights for."""
    data = Path(path).read_bytes()
    fields = _HEADER.unpack_from(data)
    if fields[0] != _MODEL_MAGIC or fields[2] != _MODEL_TYPE:
        raise UnknownModelFormat(f"{path}: not a CRFsuite model")
    return _cqdb_keys(data, fields[_ATTRIBUTES_OFFSET], path)


def _cqdb_keys(data: bytes, base: int, path: Path) -> list[str]:
    magic, _size, _flag, _byte_order, count, backward = _CQDB_HEADER.unpack_from(data, base)
    if magic != _CQDB_MAGIC:
        raise UnknownModelFormat(f"{path}: no attribute database where the header says")
    keys = []
    for (offset,) in struct.iter_unpack("<I", data[base + backward : base + backward + 4 * count]):
        _id, size = _RECORD.unpack_from(data, base + offset)
        start = base + offset + _RECORD.size
        keys.append(data[start : start + size - 1].decode("utf-8"))
    return keys


def known_strings(attributes: list[str]) -> dict[str, dict[str, str]]:
    """Per template item ("T[0].lower"): value -> the feature string ("T[0].lower=hội") the model knows."""
    by_item: dict[str, dict[str, str]] = {}
    for attribute in attributes:
        item, _, value = attribute.partition("=")
        by_item.setdefault(item, {})[value] = attribute
    return by_item
