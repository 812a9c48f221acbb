"""FastTagger must give exactly what underthesea gives: word_tokenize, pos_tag and ner."""

from __future__ import annotations

import functools
import multiprocessing
import pickle

import pytest
import underthesea
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from underthesea.pipeline.chunking.model_crf import CRFChunkingPredictor
from underthesea.pipeline.ner.model_crf import CRFNERPredictor
from underthesea.pipeline.pos_tag.model_crf import CRFPOSTagPredictor

from pipeline.analyse import crf_analysis, segmentation_features
from pipeline.analyse.crf_analysis import FastTagger, get_tagger
from pipeline.analyse.crf_model import model_attributes
from pipeline.bench.crf_analysis_bench import benchmark, corpus_files, file_sentences

LONG_PARAGRAPH = (
    "Về biến đổi khí hậu: Tại Hội nghị các nhà Lãnh đạo ASEAN đã thông qua một số văn kiện quan trọng, "
    "bao gồm Tuyên bố chung ASEAN về Biến đổi khí hậu gửi Hội nghị lần thứ 28 các Bên tham gia Công ước "
    "khung của Liên hợp quốc về biến đổi khí hậu (COP28), Thỏa thuận thành lập Trung tâm ASEAN về biến "
    "đổi khí hậu ở cấp AWGCC và ASOEN nhân dịp Hội nghị Bộ trưởng AMME lần thứ 17 và các Hội nghị liên "
    "quan vào ngày 22-24 tháng 8 năm 2023 tại Viên Chăn, CHDCND Lào"
)

AWKWARD_SENTENCES = [
    "",
    " ",
    "\n\t  \n",
    ".",
    "...",
    "!?!?;:,",
    "“0”",
    "« » “ ” ‘ ’ \" ' ( ) [ ] { }",
    # one sentence of ~1,000 syllables: underthesea's quadratic path, and every template at full width
    "; ".join([LONG_PARAGRAPH] * 8) + ".",
    "Hội nghị diễn ra ngày 22-24/8/2023 tại Viên Chăn.",
    "22-24/8/2023",
    "Từ 02/05/2014 đến 2014/08/20, lúc 10:20:50, ngày 20.08.2014 hoặc 08-2014.",
    "Ngân sách 60.542.000 đồng, tăng 4,5% so với 100,000,000 đồng; tỷ lệ 1/2 và 3x4 m.",
    "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 (AMME-17) và ASEAN+3 tại COP28.",
    "AMME-17",
    "ASEAN+3",
    "COP28",
    "INC-5, SOM-AMME, AWGCC, ASOEN, ACB, ACMECS, CHDCND Lào, TP.HCM, Tp. Hồ Chí Minh, T.Ư, NĐ-CP",
    "The 17th ASEAN Ministerial Meeting on the Environment (AMME) was held in Vientiane, Lao PDR.",
    "Bộ trưởng nói: “We will achieve net zero by 2050” tại Hội nghị ASEAN - EU.",
    "🌏🌱 Bảo vệ môi trường 👍👍 :) <3 ♥‿♥ =))",
    "BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG THÔNG BÁO",
    "Liên hệ: https://asean.org/amme hoặc email contact@asean.org, điện thoại 03-5730-2357.",
    "Người H'Mông ở xã N’Thôn Hạ, biển số 43H-0530, H&M, v.v...",
    "Hoa\u0300 Bi\u0300nh",  # decomposed (NFD) diacritics
    "ASEAN\u00a0–\u00a0Nhật Bản\u200b hợp tác",  # no-break spaces, en dash, zero-width space
    "Môi  trường   biển\tvà\nđới bờ",
    "环境 สิ่งแวดล้อม окружающая среда",
    "a",
    "X",
    "T[0]=BOS EOS X",  # strings that look like feature syntax
    "BOS",  # the markers the feature lists are padded with, as words
    "EOS bos Hà Nội BOS eos",
]


@pytest.fixture(scope="module")
def tagger() -> FastTagger:
    return get_tagger()


def _mismatches(tagger: FastTagger, sentence: str) -> list[str]:
    """Which outputs differ from underthesea's (empty when identical)."""
    checks = [
        ("tag", tagger.tag, underthesea.ner),
        ("words", tagger.words, underthesea.word_tokenize),
        ("pos", tagger.pos, underthesea.pos_tag),
        ("pos_and_ner", tagger.pos_and_ner, lambda text: [(w, pos, ner) for w, pos, _, ner in underthesea.ner(text)]),
    ]
    return [name for name, fast, reference in checks if fast(sentence) != reference(sentence)]


def test_stages_share_word_functions():
    """Word-only items are built once and shared by the POS, chunk and NER stages: that is only right
    while the three stages' lower/istitle are the same function."""
    import inspect

    from underthesea.pipeline.chunking import tagged_feature as chunk_features
    from underthesea.pipeline.ner import tagged_feature as ner_features
    from underthesea.pipeline.pos_tag import tagged_feature as pos_features

    for name in ("text_lower", "text_istitle"):
        sources = {inspect.getsource(getattr(module, name)) for module in (pos_features, chunk_features, ner_features)}
        assert len(sources) == 1, name


def test_templates_are_underthesea_templates():
    assert list(crf_analysis.POS_TEMPLATE) == CRFPOSTagPredictor.Instance().transformer.template
    assert list(crf_analysis.CHUNK_TEMPLATE) == CRFChunkingPredictor.Instance().transformer.template
    assert list(crf_analysis.NER_TEMPLATE) == CRFNERPredictor.Instance().transformer.template


def test_ner_reads_no_chunk_tags():
    """What lets `pos_and_ner` skip the chunking CRF: no item of the NER template reads column 2."""
    from pipeline.analyse.crf_template import TemplateFeature

    assert all(TemplateFeature.parse(item).column != 2 for item in crf_analysis.NER_TEMPLATE)


def _feature_mismatches(tagger: FastTagger, sentence: str) -> list[str]:
    """Stages whose feature strings differ from underthesea's TaggedTransformer output.

    Stricter than comparing tags: a CRF often hides a wrong feature, identical features cannot differ.
    """
    chunked = underthesea.chunk(sentence)
    words = [row[0] for row in chunked]
    pos = [row[1] for row in chunked]
    chunk = [row[2] for row in chunked]
    stages = [
        ("pos", tagger._pos, CRFPOSTagPredictor, [words]),
        ("chunk", tagger._chunk, CRFChunkingPredictor, [words, pos]),
        ("ner", tagger._ner, CRFNERPredictor, [words, pos, chunk]),
    ]
    models = {"pos": crf_analysis.POS_MODEL, "chunk": crf_analysis.CHUNK_MODEL, "ner": crf_analysis.NER_MODEL}
    mismatches = []
    for name, stage, predictor, columns in stages:
        rows = [(*row, "X") for row in zip(*columns, strict=True)]  # what the predictor's predict() builds
        expected = predictor.Instance().transformer.transform([rows])[0][0]
        if stage.features(columns) != expected:
            mismatches.append(f"{name} features")
        if not _gives_the_crf_what_it_weighs(stage.known_features(columns), expected, models[name]):
            mismatches.append(f"{name} known features")
    return mismatches


@functools.cache
def _weighed(model) -> frozenset[str]:
    return frozenset(model_attributes(model))


def _gives_the_crf_what_it_weighs(given: list, expected: list[list[str]], model) -> bool:
    """What the CRF is given per token: underthesea's strings in their order, less only strings the model has
    no weight for ("" and strings another model knows may stand in their place): the same scores."""
    weighed = _weighed(model)
    for token_given, token_expected in zip(given, expected, strict=True):
        passed = [string for string in token_given if string]
        if [string for string in token_expected if string in passed] != passed:
            return False  # a string underthesea does not make, or out of order
        if any(string in weighed and string not in passed for string in token_expected):
            return False  # a string the model weighs, left out
    return len(given) == len(expected)


def _segmentation_mismatches(tagger: FastTagger, sentence: str) -> list[str]:
    """Whether the segmentation CRF is given the Rust featurizer's strings less only unweighed ones."""
    syllables = crf_analysis._syllables(sentence)
    rows = tagger._segmentation.rows(syllables)
    if rows is None:
        return []  # featurised by the Rust featurizer itself
    expected = tagger._segmenter_featurizer.process([[[syllable] for syllable in syllables]])[0]
    weighed = _weighed(crf_analysis.WS_MODEL_DIR / "models.bin")
    given = [[string for string in row if string] for row in rows]
    return [] if given == [[s for s in row if s in weighed] for row in expected] else ["segmentation features"]


@pytest.mark.parametrize("path", corpus_files(), ids=lambda path: path.name)
def test_identical_on_corpus(tagger, path):
    differing = {}
    for sentence in file_sentences(path):
        mismatches = (_mismatches(tagger, sentence) + _feature_mismatches(tagger, sentence)
                      + _segmentation_mismatches(tagger, sentence))
        if mismatches:
            differing[sentence] = mismatches
    assert differing == {}


@pytest.mark.parametrize("sentence", AWKWARD_SENTENCES)
def test_identical_on_awkward_sentences(tagger, sentence):
    assert _mismatches(tagger, sentence) + _feature_mismatches(tagger, sentence) == []
    assert _segmentation_mismatches(tagger, sentence) == []


_ALPHABET = st.sampled_from(
    list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐEÊOÔƠƯ0123456789")
    + list("àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")
    + list(" " * 8 + ".,;:-+/&%()“”'’!?\n")
    + ["🌏", "–", "\u00a0"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=_ALPHABET, max_size=200))
def test_identical_on_random_text(tagger, sentence):
    assert _mismatches(tagger, sentence) + _feature_mismatches(tagger, sentence) == []
    assert _segmentation_mismatches(tagger, sentence) == []


def test_identical_when_the_remembered_strings_are_forgotten(tagger, monkeypatch):
    """The strings kept per syllable and per word are dropped when there are too many: same tags after."""
    monkeypatch.setattr(crf_analysis, "_MAX_REMEMBERED_WORDS", 5)
    monkeypatch.setattr(segmentation_features, "_MAX_REMEMBERED", 5)
    for sentence in [LONG_PARAGRAPH, *AWKWARD_SENTENCES[9:16]]:
        assert tagger.tag(sentence) == underthesea.ner(sentence)


def test_output_shape(tagger):
    tagged = tagger.tag("Hội nghị AMME-17 diễn ra tại Viên Chăn, Lào.")
    assert all(isinstance(row, tuple) and len(row) == 4 for row in tagged)
    assert [row[0] for row in tagged] == tagger.words("Hội nghị AMME-17 diễn ra tại Viên Chăn, Lào.")


def test_get_tagger_is_one_per_process():
    assert get_tagger() is get_tagger()


def test_pickles_by_reloading(tagger):
    clone = pickle.loads(pickle.dumps(tagger))
    assert clone is not tagger
    assert clone.tag("Hợp tác ASEAN về môi trường.") == tagger.tag("Hợp tác ASEAN về môi trường.")


def test_works_in_worker_processes(tagger):
    sentences = ["Hợp tác ASEAN về môi trường.", "Hội nghị COP28 tại Dubai."]
    # The bound method pickles the tagger itself, so each worker rebuilds it via __reduce__.
    with multiprocessing.get_context().Pool(2) as pool:
        assert pool.map(tagger.tag, sentences) == [underthesea.ner(s) for s in sentences]


def test_benchmark_reports_both_rates():
    result = benchmark(["Hợp tác ASEAN về môi trường.", LONG_PARAGRAPH])
    assert result["sentences"] == 2
    assert result["underthesea_per_s"] > 0 and result["fast_per_s"] > 0
    assert result["speedup"] == pytest.approx(result["fast_per_s"] / result["underthesea_per_s"], rel=0.05)


def test_syllables_read_the_match_only_where_each_alternative_is_a_named_group():
    import re

    from underthesea.pipeline.word_tokenize import regex_tokenize

    assert crf_analysis._alternatives_are_named_groups(regex_tokenize.patterns)
    assert not crf_analysis._alternatives_are_named_groups(re.compile(r"((?P<word>\w+)|\s)"))
    assert not crf_analysis._alternatives_are_named_groups(re.compile(r"((?P<a>a)b|(?P<c>c))"))
    for sentence in AWKWARD_SENTENCES:
        expected = regex_tokenize.tokenize(sentence, use_token_normalize=True, fixed_words=[])
        assert crf_analysis._syllables(sentence) == expected
