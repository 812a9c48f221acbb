"""Fast Vietnamese tagging with underthesea's own CRF models.

`underthesea.ner(sentence)` gives (word, POS, chunk, NER) per word, but its Python feature
extraction (``underthesea/pipeline/{pos_tag,chunking,ner}/tagged_feature.py``) rebuilds every
column of the whole sentence and re-parses the template with a regex for each feature of each
token, so its cost grows with the square of the sentence length.

`FastTagger` runs the same four stages with the same models (word segmentation, POS, chunk, NER),
each once per sentence, and builds each stage's feature strings template by template over the
whole sentence in one pass: per-token values (``lower``, ``istitle``) are computed once and
shifted, spans are joined once per position. The items that read only the words ("T[-1].lower",
"T[0,1]") are the same strings in all three templates, so they are built once per sentence and shared.
The feature strings are byte-for-byte those of underthesea, so the CRF (underthesea_core) returns the
same tags. The CRF is given only those its model has a weight for ("" in place of the others, which it
skips anyway): most strings are words the models never saw, and reading them was most of the CRFs' time.
"""

from __future__ import annotations

import operator
import pickle
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from itertools import repeat
from pathlib import Path

import underthesea
from underthesea.pipeline.chunking import tagged_feature as chunk_features
from underthesea.pipeline.ner import tagged_feature as ner_features
from underthesea.pipeline.pos_tag import tagged_feature as pos_features
from underthesea.pipeline.text_normalize.character_normalize import normalize_characters_in_text
from underthesea.pipeline.text_normalize.token_normalize import token_normalize
from underthesea.pipeline.word_tokenize import regex_tokenize
from underthesea_core import CRFFeaturizer, CRFTagger

from pipeline.analyse.crf_model import known_strings, model_attributes
from pipeline.analyse.crf_template import TemplateFeature
from pipeline.analyse.segmentation_features import SegmentationFeatures, padded_runs, runs_of

_PIPELINE_DIR = Path(underthesea.__file__).parent / "pipeline"
WS_MODEL_DIR = _PIPELINE_DIR / "word_tokenize" / "models" / "ws_crf_vlsp2013_20230727"
POS_MODEL = _PIPELINE_DIR / "pos_tag" / "pos_crf_2017_10_11.bin"
CHUNK_MODEL = _PIPELINE_DIR / "chunking" / "chunk_crf_2017_10_12.bin"
NER_MODEL = _PIPELINE_DIR / "ner" / "ner_crf_2017_10_12.bin"

# Copied from the predictors' __init__ (CRFPOSTagPredictor, CRFChunkingPredictor, CRFNERPredictor),
# which only exist inside the constructors; tests/test_crf_analysis.py checks they still match.
# fmt: off
POS_TEMPLATE = (
    "T[-2].lower", "T[-1].lower", "T[0].lower", "T[1].lower", "T[2].lower",
    "T[0].istitle", "T[-1].istitle", "T[1].istitle",
    "T[-2]", "T[-1]", "T[0]", "T[1]", "T[2]",
    "T[-2,-1]", "T[-1,0]", "T[0,1]", "T[1,2]",
    "T[-3][1]", "T[-2][1]", "T[-1][1]",
    "T[-3,-2][1]", "T[-2,-1][1]",
)
CHUNK_TEMPLATE = (
    "T[-2].lower", "T[-1].lower", "T[0].lower", "T[1].lower", "T[2].lower",
    "T[0].istitle", "T[-1].istitle", "T[1].istitle",
    "T[-2]", "T[-1]", "T[0]", "T[1]", "T[2]",
    "T[-2,-1]", "T[-1,0]", "T[0,1]", "T[1,2]",
    "T[-2][1]", "T[-1][1]", "T[0][1]", "T[1][1]", "T[2][1]",
    "T[-2,-1][1]", "T[-1,0][1]", "T[0,1][1]", "T[1,2][1]",
    "T[-3][2]", "T[-2][2]", "T[-1][2]",
)
NER_TEMPLATE = (
    "T[-2].lower", "T[-1].lower", "T[0].lower", "T[1].lower", "T[2].lower",
    "T[0].istitle", "T[-1].istitle", "T[1].istitle", "T[-2].istitle", "T[2].istitle",
    "T[-2]", "T[-1]", "T[0]", "T[1]", "T[2]",
    "T[-2,-1]", "T[-1,0]", "T[0,1]", "T[1,2]",
    "T[-2][1]", "T[-1][1]", "T[0][1]", "T[1][1]", "T[2][1]",
    "T[-2,-1][1]", "T[-1,0][1]", "T[0,1][1]", "T[1,2][1]",
    "T[-3][3]", "T[-2][3]", "T[-1][3]",
)
# fmt: on

# The same pattern as tagged_feature.template2features, parsed once here instead of per token.
# The predictors put this dummy label in the sentence's last column before featurising; templates
# such as "T[-1][3]" read it, so it has to be there for the features to match.
_LABEL_PLACEHOLDER = "X"

_MAX_REMEMBERED_WORDS = 200_000  # distinct words whose strings a stage keeps


WordFunction = Callable[[str], object]


class TemplateFeatureBuilder:
    """Builds a stage's features for a whole sentence, one template item at a time.

    Same strings as ``[word2features(sent, i, template) for i in range(len(sent))]``.

    Sentences are short (about 23 words), so what an item costs apart from its strings counts: each item
    slices values made once per sentence (the column's words, or every run of `width` words joined, each
    with the function applied), and prefixes them in one C-level pass.
    """

    def __init__(self, template: Sequence[str], functions: Mapping[str, WordFunction],
                 known: Mapping[str, Mapping[str, str]] | None = None):
        self.features = [TemplateFeature.parse(item) for item in template]
        # name -> function of the template's ".lower", ".istitle"...: the stage's own (underthesea's).
        self.functions = functions
        self._bounds: dict[int, list[tuple[int, int]]] = {}  # sentence length -> each item's bounds
        # Per item, value -> the feature string that a model knows (see `build_known`).
        self._known = [(known or {}).get(feature.prefix[:-1], {}) for feature in self.features]
        self._weighed = [(feature, known) for feature, known in zip(self.features, self._known, strict=True) if known]
        # How far an item may read before or after its token: `build_known` pads its value lists that far.
        self._margin = max(abs(row) for feature in self.features for row in (feature.start, feature.end or 0))
        # The weighed items of one word ("T[-1].lower", "T[2]"): their strings depend on that word alone, so they
        # are looked up once per distinct word (`_word_strings`), in this order, and shifted per item.
        self._single_word_items = [(feature, known) for feature, known in self._weighed
                                   if feature.column == 0 and feature.end is None]
        self._single_word_slots = {feature.prefix: slot for slot, (feature, _) in enumerate(self._single_word_items)}
        self._word_strings: dict[str, tuple[str, ...]] = {}
        self._bos, self._eos = (tuple(known.get(end, "") for _, known in self._single_word_items)
                                for end in ("BOS", "EOS"))

    def build(self, columns: list[list[str]], shared: dict) -> list[tuple[str, ...]]:
        """Each token's feature strings. `shared` holds the sentence's word-only items (column 0), which the
        three stages have in common (same words, same feature strings), so that each is built once."""
        n = len(columns[0])
        bounds = self._item_bounds(n)
        values: dict[tuple, list[str]] = {}  # the other columns' values, this stage only
        per_item = []
        for feature, (first, stop) in zip(self.features, bounds, strict=True):
            if feature.column == 0:
                column = shared.get(feature.prefix)
                if column is None:
                    column = shared[feature.prefix] = self._item_column(feature, columns, first, stop, n, shared)
            else:
                column = self._item_column(feature, columns, first, stop, n, values)
            per_item.append(column)
        return list(zip(*per_item, strict=True))

    def build_known(self, columns: list[list[str]], shared: dict) -> list[tuple[str, ...]]:
        """Each token's feature strings as `build` makes them, but only those a model knows (`known`); in
        place of the others, which have no weight and which the CRF skips, "". Each string is looked up by
        its value, made when the model was read, not per sentence; an item of which no value is known is
        left out whole. `shared` carries the word-only columns from stage to stage.

        Every item reads a list padded with `margin` BOS before and EOS after (`padded_runs`): token i of an
        item starting at row `start` reads index margin + start + i."""
        n = len(columns[0])
        margin = self._margin
        padded: dict[tuple, list[str]] = {}  # the other columns' values, this stage only
        single_words: list[tuple[str, ...]] | None = None
        per_item = []
        for feature, known in self._weighed:
            first = margin + feature.start
            if feature.column == 0:  # the same strings for the three stages: looked up once per sentence
                column = shared.get(("known", feature.prefix))
                if column is None:
                    slot = self._single_word_slots.get(feature.prefix)
                    if slot is None:
                        column = self._known_column(feature, columns, first, n, shared, known)
                    else:
                        if single_words is None:
                            single_words = self._single_word_strings(columns[0])
                        column = single_words[slot][first : first + n]
                    shared["known", feature.prefix] = column
            else:
                column = self._known_column(feature, columns, first, n, padded, known)
            per_item.append(column)
        return list(zip(*per_item, strict=True)) if per_item else [()] * n

    def _item_bounds(self, n: int) -> list[tuple[int, int]]:
        """Each item's (first, stop) tokens with a value of their own in a sentence of n (made once per n)."""
        bounds = self._bounds.get(n)
        if bounds is None:
            bounds = self._bounds[n] = [feature.bounds(n) for feature in self.features]
        return bounds

    def _single_word_strings(self, words: list[str]) -> list[tuple[str, ...]]:
        """Per single-word item (in `_single_word_items` order), its string for every token of the padded sentence;
        a word's strings are looked up when it is first seen."""
        strings = self._word_strings
        missing = [word for word in dict.fromkeys(words) if word not in strings]
        if len(strings) + len(missing) > _MAX_REMEMBERED_WORDS:
            strings.clear()
            missing = list(dict.fromkeys(words))
        for word in missing:
            strings[word] = tuple(known.get(self._value(feature.function, word), "")
                                  for feature, known in self._single_word_items)
        margin = self._margin
        return list(zip(*[self._bos] * margin, *[strings[word] for word in words], *[self._eos] * margin,
                        strict=True))

    def _value(self, function: str | None, word: str) -> str:
        """A word's value for an item: itself, or the function's answer as _apply writes it."""
        return word if function is None else f"{self.functions[function](word)}"

    def _known_column(self, feature: TemplateFeature, columns, first: int, n: int, padded,
                      known: Mapping[str, str]) -> list[str]:
        """The item's known feature string for every token; "" (a string no model knows) for the others.
        `first` is where token 0 reads in the padded values (`padded` keeps them for the sentence)."""
        width = 1 if feature.end is None else feature.end - feature.start + 1
        key = ("padded", feature.column, width, feature.function)
        body = padded.get(key)
        if body is None:
            runs = self._values(feature.column, width, feature.function, columns, padded)
            body = padded[key] = padded_runs(runs, n, self._margin)
        return list(map(known.get, body[first : first + n], repeat("")))

    def _item_column(self, feature: TemplateFeature, columns, first: int, stop: int, n: int, values) -> list[str]:
        """This item's feature string for every token of the sentence."""
        width = 1 if feature.end is None else feature.end - feature.start + 1
        body = self._values(feature.column, width, feature.function, columns, values)
        body = body[first + feature.start : stop + feature.start]
        prefix = feature.prefix
        return [prefix + "BOS"] * first + list(map(prefix.__add__, body)) + [prefix + "EOS"] * (n - stop)

    def _values(self, column: int, width: int, function: str | None, columns, values) -> list[str]:
        """Every run of `width` rows of the column joined by spaces (the rows themselves for width 1), with
        the function applied: made once per sentence, shifted by each item that reads them."""
        key = (column, width, function)
        found = values.get(key)
        if found is None:
            if function is not None:
                found = self._apply(function, self._values(column, width, None, columns, values))
            elif width == 1:
                found = columns[column]
            else:
                found = list(map(" ".join, runs_of(columns[column], width)))
            values[key] = found
        return found

    def _apply(self, name: str, words: list[str]) -> list[str]:
        function = self.functions[name]
        return [f"{function(word)}" for word in words]


def _stage_functions(module) -> dict[str, WordFunction]:
    """A 2017 stage's template functions: its tagged_feature.apply_function maps "lower" to text_lower..."""
    return {name: getattr(module, f"text_{name}") for name in ("lower", "istitle")}


class _CRFStage:
    """One of underthesea's 2017 CRF taggers (POS, chunk or NER): model, feature template, its functions."""

    def __init__(self, model_path: Path, template: Sequence[str], functions: Mapping[str, WordFunction],
                 known: Mapping[str, Mapping[str, str]]):
        self.model = CRFTagger()
        self.model.load(str(model_path))
        self.featurizer = TemplateFeatureBuilder(template, functions, known)

    def features(self, columns: list[list[str]], shared: dict | None = None) -> list[list[str]]:
        """Every feature string per token, as underthesea makes them, given the sentence's known columns (words,
        earlier tags); `shared` carries word-only items from one stage to the next for the same sentence."""
        placeholder = [_LABEL_PLACEHOLDER] * len(columns[0])
        rows = self.featurizer.build([*columns, placeholder], {} if shared is None else shared)
        return [list(token) for token in rows]

    def known_features(self, columns: list[list[str]], shared: dict | None = None) -> list[tuple[str, ...]]:
        """`features` with "" in place of the strings the models have no weight for: what the CRF is given,
        which scores the same."""
        placeholder = [_LABEL_PLACEHOLDER] * len(columns[0])
        return self.featurizer.build_known([*columns, placeholder], {} if shared is None else shared)

    def tag(self, columns: list[list[str]], shared: dict | None = None) -> list[str]:
        return self.model.tag(self.known_features(columns, shared))


class FastTagger:
    """Loads the four CRF models once (word segmentation, POS, chunk, NER) from the underthesea wheel."""

    def __init__(self) -> None:
        # Word segmentation: what underthesea's FastCRFSequenceTagger.load loads (its template, dictionary,
        # Rust featurizer and CRF), loaded here once, as its features are also looked up among the strings its
        # model weighs (segmentation_features.py; the Rust featurizer still gives each syllable's own values).
        template, dictionary = _unpickle(WS_MODEL_DIR / "features.bin"), _unpickle(WS_MODEL_DIR / "dictionary.bin")
        self._segmenter = CRFTagger()
        self._segmenter.load(str(WS_MODEL_DIR / "models.bin"))
        self._segmenter_featurizer = CRFFeaturizer(template, dictionary)
        self._segmentation = SegmentationFeatures(self._segmenter_featurizer, template, dictionary,
                                                  known_strings(model_attributes(WS_MODEL_DIR / "models.bin")))
        # The CRFs are given only the strings a model knows (see crf_model.py). The word-only strings are made
        # once for the three stages, so they keep what any of the three knows; a stage's CRF skips the rest.
        known = known_strings([a for path in (POS_MODEL, CHUNK_MODEL, NER_MODEL) for a in model_attributes(path)])
        self._pos = _CRFStage(POS_MODEL, POS_TEMPLATE, _stage_functions(pos_features), known)
        self._chunk = _CRFStage(CHUNK_MODEL, CHUNK_TEMPLATE, _stage_functions(chunk_features), known)
        self._ner = _CRFStage(NER_MODEL, NER_TEMPLATE, _stage_functions(ner_features), known)

    def words(self, sentence: str) -> list[str]:
        """Identical to underthesea.word_tokenize(sentence)."""
        tokens = _syllables(sentence)
        rows = self._segmentation.rows(tokens)
        if rows is None:  # FastCRFSequenceTagger.predict
            rows = self._segmenter_featurizer.process([[[token] for token in tokens]])[0]
        tags = self._segmenter.tag(rows)
        return _join_syllables(tokens, tags)

    def pos(self, sentence: str) -> list[tuple[str, str]]:
        """Identical to underthesea.pos_tag(sentence)."""
        words = self.words(sentence)
        # strict=False everywhere underthesea zips words with tags: same behaviour as its zip().
        return list(zip(words, self._pos.tag([words]), strict=False))

    def tag(self, sentence: str) -> list[tuple[str, str, str, str]]:
        """(word, pos, chunk, ner) per word; identical to underthesea.ner(sentence)."""
        words = self.words(sentence)
        shared: dict = {}
        pos = self._pos.tag([words], shared)
        chunk = self._chunk.tag([words, pos], shared)
        ner = self._ner.tag([words, pos, chunk], shared)
        return list(zip(words, pos, chunk, ner, strict=False))

    def pos_and_ner(self, sentence: str) -> list[tuple[str, str, str]]:
        """(word, pos, ner) per word: `tag` without the chunk tags, which the document needs no more than the NER
        model does (NER_TEMPLATE reads the words, the POS tags and its label column, never column 2): the
        chunking CRF is not run, and its column is left empty."""
        words = self.words(sentence)
        shared: dict = {}
        pos = self._pos.tag([words], shared)
        ner = self._ner.tag([words, pos, [""] * len(words)], shared)
        return list(zip(words, pos, ner, strict=False))

    def __reduce__(self):
        # The Rust models do not pickle; a child process loads its own copy instead.
        return (FastTagger, ())


def _unpickle(path: Path):
    """What joblib.load(path) gives (underthesea saved these with joblib.dump), read by the C unpickler:
    joblib's own reads with the pure-Python one, five times slower on the 72,547-word dictionary. A file
    that plain pickle cannot read (one holding numpy arrays) is left to joblib."""
    try:
        with open(path, "rb") as file:
            return pickle.load(file)  # noqa: S301 - underthesea's own model file, which joblib would unpickle too
    except Exception:  # noqa: BLE001 - any file plain pickle does not read
        import joblib

        return joblib.load(path)


def _syllables(sentence: str) -> list[str]:
    """Identical to regex_tokenize.tokenize(sentence, use_token_normalize=True, fixed_words=[]), which
    word_tokenize calls: its pattern's matches, each normalised by token_normalize.

    tokenize looks for the named group that matched in each match's groupdict (a Python loop over some
    twenty groups per token), and normalises every token again; here the match itself is the token (each
    alternative of the pattern is one named group, checked once per pattern), and the normalisation of a
    token, a pure function of it, is remembered."""
    patterns = regex_tokenize.patterns  # looked up at call time, as tokenize does: it may be recompiled
    if not _alternatives_are_named_groups(patterns):
        return regex_tokenize.tokenize(sentence, use_token_normalize=True, fixed_words=[])
    text = normalize_characters_in_text(sentence)
    known = _normalized.get
    return [known(token) or _normalized_token(token) for token in map(_WHOLE_MATCH, patterns.finditer(text))]


@lru_cache(maxsize=4)
def _alternatives_are_named_groups(patterns: re.Pattern[str]) -> bool:
    """Whether the pattern is one group holding alternatives that are each a whole named group: then the
    first named group that matched (what tokenize returns) is the whole match.

    Read from the pattern's text and underthesea's list of alternatives (`regex_patterns`), through public
    APIs only: an alternative is a whole named group when it is "(?P<name>" + a pattern that compiles on its
    own + ")" (so the group's parenthesis closes at the end) and holds no other named group."""
    alternatives = getattr(regex_tokenize, "regex_patterns", None)
    if not isinstance(alternatives, list) or patterns.pattern != "(" + "|".join(alternatives) + ")":
        return False
    return all(_is_whole_named_group(alternative, patterns.flags) for alternative in alternatives)


_NAMED_GROUP_OPENING = re.compile(r"\(\?P<(?P<name>\w+)>")


def _is_whole_named_group(alternative: str, flags: int) -> bool:
    opening = _NAMED_GROUP_OPENING.match(alternative)
    if opening is None or not alternative.endswith(")"):
        return False
    try:
        inner = re.compile(alternative[opening.end():-1], flags)
    except re.error:
        return False
    return not inner.groupindex


_normalized: dict[str, str] = {}  # token -> token_normalize(token)
_WHOLE_MATCH = operator.methodcaller("group", 0)


def _normalized_token(token: str) -> str:
    """token_normalize(token), remembered (it leaves tokens of more than 6 characters as they are)."""
    if len(_normalized) >= 100_000:
        _normalized.clear()
    normalized = _normalized[token] = token if len(token) > 6 else token_normalize(token)
    return normalized


def _join_syllables(tokens: list[str], tags: list[str]) -> list[str]:
    """Merge "I-W" tokens into the previous word, exactly as underthesea.word_tokenize does."""
    words: list[str] = []
    for tag, token in zip(tags, tokens, strict=False):
        if tag == "I-W" and words:
            words[-1] = words[-1] + " " + token
        else:
            words.append(token)
    return words


_tagger: FastTagger | None = None
_tagger_lock = threading.Lock()


def get_tagger() -> FastTagger:
    """The process's FastTagger, created on first use (loading the four models takes ~0.3 s)."""
    global _tagger
    if _tagger is None:
        with _tagger_lock:
            if _tagger is None:
                _tagger = FastTagger()
    return _tagger
