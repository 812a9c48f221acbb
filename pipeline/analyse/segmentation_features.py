"""The word segmentation CRF's features, as underthesea_core's CRFFeaturizer makes them, less the unweighed.

underthesea's word segmentation featurises in Rust (`CRFFeaturizer.process`): 43 strings per syllable
("T[-1,0].lower=hội nghị", "T[0].is_in_dict=True"...), most of them (pairs and triples of syllables) strings
the model never saw, which its CRF then reads and skips. That was the largest single cost of tagging.

Here each string is looked up, by its value, among the model's own attribute names (crf_model.py); ""
stands in place of the strings the model has no weight for, so the CRF scores the same and no string is
made per sentence. The values are those of the Rust featurizer:

- a syllable's own values (itself, lower, isdigit, istitle, is_in_dict) are asked of the Rust featurizer
  itself, once per distinct syllable, and remembered: no reimplementation of its `isdigit` (an i32 parse)
  or `istitle` (each part's first character against its upper case);
- a run of syllables is the syllables joined by a space, its lower case their lower cases joined (lower
  casing is character by character, a space ending any context), `is_in_dict` that lower case in the
  dictionary, `istitle` whether every syllable is.

A sentence with a syllable holding a space (the runs would split differently), an empty one, or a template
function this does not know is featurised by the Rust featurizer as before.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from itertools import repeat
from typing import TypeVar

from underthesea_core import CRFFeaturizer

from pipeline.analyse.crf_template import TemplateFeature

T = TypeVar("T")

_RUN_FUNCTIONS = (None, "lower", "istitle", "is_in_dict")  # what a template may ask of a run of syllables
_MAX_REMEMBERED = 200_000  # distinct syllables whose values (and strings) are kept


class SegmentationFeatures:
    """Feature strings per syllable for the segmentation CRF: its model's known strings, "" for the others."""

    def __init__(self, featurizer: CRFFeaturizer, template: Sequence[str], dictionary: set[str],
                 known: Mapping[str, Mapping[str, str]]):
        self._featurizer = featurizer
        self._dictionary = dictionary
        self.features = [TemplateFeature.parse(item) for item in template]
        self._known = [known.get(feature.prefix[:-1], {}) for feature in self.features]
        # How far an item may read before or after its token: the run lists are padded that far (see `rows`).
        self._margin = max(abs(row) for feature in self.features for row in (feature.start, feature.end or 0))
        # Where the Rust featurizer puts each of a syllable's own values: the items "T[0]", "T[0].lower"...
        self._own = {feature.function: index for index, feature in enumerate(self.features)
                     if feature.start == 0 and feature.end is None and feature.column == 0}
        self._values: dict[str, dict[str | None, str]] = {}  # syllable -> function -> its value
        self.supported = all(
            feature.column == 0 and (feature.function in self._own if feature.end is None
                                     else feature.function in _RUN_FUNCTIONS and feature.end >= feature.start)
            for feature in self.features
        )
        # The weighed items of one syllable ("T[-1].lower"...): their strings depend on that syllable alone, so
        # they are looked up once per distinct syllable (`_strings`), in this order, and shifted per item.
        self._singles = [index for index, (feature, known) in enumerate(zip(self.features, self._known, strict=True))
                         if known and feature.end is None]
        self._strings: dict[str, tuple[str, ...]] = {}  # syllable -> its strings for the items of `_singles`
        self._bos, self._eos = (tuple(self._known[index].get(end, "") for index in self._singles)
                                for end in ("BOS", "EOS"))

    def rows(self, syllables: list[str]) -> list[tuple[str, ...]] | None:
        """Each syllable's strings in the template's order ("" for those the model does not weigh); None when
        this sentence is one for the Rust featurizer (see the module's docstring).

        Every item is read from a list padded with `margin` BOS before and EOS after (see `padded_runs`): token i
        of an item starting at row `start` reads index margin + start + i."""
        if not self.supported or not syllables or any(" " in syllable or not syllable for syllable in syllables):
            return None
        values = self._syllable_values(syllables)
        n = len(syllables)
        margin = self._margin
        strings = self._strings
        singles = iter(zip(*[self._bos] * margin, *[strings[syllable] for syllable in syllables],
                           *[self._eos] * margin, strict=True))
        runs: dict[tuple[int, str | None], list[str]] = {}
        padded: dict[tuple[int, str | None], list[str]] = {}
        per_item: list[Sequence[str]] = []
        for feature, known in zip(self.features, self._known, strict=True):
            if not known:
                continue  # the model weighs no value of this item
            first = margin + feature.start
            if feature.end is None:
                per_item.append(next(singles)[first : first + n])
                continue
            width = feature.end - feature.start + 1
            key = (width, feature.function)
            body = padded.get(key)
            if body is None:
                runs_values = self._run_values(width, feature.function, syllables, values, runs)
                body = padded[key] = padded_runs(runs_values, n, margin)
            per_item.append(list(map(known.get, body[first : first + n], repeat(""))))
        return list(zip(*per_item, strict=True)) if per_item else [()] * n

    def _syllable_values(self, syllables: list[str]) -> list[dict[str | None, str]]:
        """Each syllable's own values, asked of the Rust featurizer for the syllables not seen before (whose
        strings for the single-syllable items are then looked up too)."""
        missing = [syllable for syllable in dict.fromkeys(syllables) if syllable not in self._values]
        if missing:
            if len(self._values) + len(missing) > _MAX_REMEMBERED:
                self._values.clear()
                self._strings.clear()
                missing = list(dict.fromkeys(syllables))
            rows = self._featurizer.process([[[syllable] for syllable in missing]])[0]
            for syllable, row in zip(missing, rows, strict=True):
                own = self._values[syllable] = {function: row[index][len(self.features[index].prefix):]
                                                for function, index in self._own.items()}
                self._strings[syllable] = tuple(self._known[index].get(own[self.features[index].function], "")
                                                for index in self._singles)
        return [self._values[syllable] for syllable in syllables]

    def _run_values(self, width: int, function: str | None, syllables: list[str],
                    values: list[dict[str | None, str]], runs: dict) -> list[str]:
        """The function's value for every run of `width` syllables (every syllable, for width 1)."""
        key = (width, function)
        found = runs.get(key)
        if found is not None:
            return found
        if width == 1:
            found = [value[function] for value in values]
        elif function is None:
            found = list(map(" ".join, runs_of(syllables, width)))
        elif function == "lower":
            lowers = self._run_values(1, "lower", syllables, values, runs)
            found = list(map(" ".join, runs_of(lowers, width)))
        elif function == "is_in_dict":  # str(True) is "True", as the featurizer writes it
            lowered = self._run_values(width, "lower", syllables, values, runs)
            found = list(map(str, map(self._dictionary.__contains__, lowered)))
        else:  # istitle: every part's first character is its own upper case
            titles = list(map("True".__eq__, self._run_values(1, "istitle", syllables, values, runs)))
            found = list(map(str, map(all, runs_of(titles, width))))
        runs[key] = found
        return found


def runs_of(items: Sequence[T], width: int) -> Iterator[tuple[T, ...]]:
    """Every run of `width` consecutive items, in order (none when there are fewer): zipped in C from shifted
    slices, where a slice per run cost a Python step each."""
    return zip(*(items[shift:] for shift in range(width)), strict=False)  # the shorter slices end it


def padded_runs(runs: list[str], n: int, margin: int) -> list[str]:
    """The runs of a sentence of n tokens (run i starts at token i), with `margin` "BOS" before them and "EOS"
    after them up to n + 2 * margin: what the featurizer gives a token whose run starts before the sentence
    (BOS, checked first) or ends after it (EOS). Token i of an item starting at row `start` then reads index
    margin + start + i. (A token "BOS" gives the string of the BOS itself: the same string.)"""
    return ["BOS"] * margin + runs + ["EOS"] * (n + margin - len(runs))
