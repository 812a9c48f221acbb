"""Shared fixtures: the pipeline is built once per test session.

Building the pipeline takes a second or two (underthesea, rules, gazetteers); processing a short text
takes well under a second, so every stage test shares the one `nlp` below.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from pipeline import __version__
from pipeline.ingest.document import build_document
from pipeline.nlp import make_nlp, process_document
from pipeline.output.writer import TOOL_NAME
from pipeline.recognise.entities import Gazetteers, gazetteers_for
from pipeline.records.assemble import Collected, collect_document
from pipeline.rules.loader import RuleSet, default_rules
from pipeline.runtime.spill import tables_of
from pipeline.schema import InputOutcome, Manifest

# A short bulletin that gives at least one record of every kind the writer has to write.
SMALL_BULLETIN = (
    "Hội nghị Bộ trưởng Môi trường ASEAN\n\n"
    "Hà Nội, 25/8/2023 - Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 diễn ra ngày 22/8/2023 tại "
    "Viên Chăn, Lào. Các Bộ trưởng đã thông qua Tuyên bố chung ASEAN về Biến đổi khí hậu. Việt Nam cam "
    "kết đạt mức phát thải ròng bằng “0” vào năm 2050.\n"
)


@pytest.fixture(scope="session")
def extract_text():
    from pipeline.api import extract

    return extract


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    return default_rules()


@pytest.fixture(scope="session")
def gazetteers(rules: RuleSet) -> Gazetteers:
    return gazetteers_for(rules)


@pytest.fixture(scope="session")
def nlp() -> Language:
    return make_nlp()


@pytest.fixture(scope="session")
def process(nlp: Language) -> Callable[..., Doc]:
    """text -> processed Doc, through ingest (normalisation included), exactly as a run does it."""

    def _process(text: str, source: str = "t.txt") -> Doc:
        return process_document(nlp, build_document(text, source))

    return _process


@pytest.fixture(scope="session")
def assemble(process, rules: RuleSet, gazetteers: Gazetteers) -> Callable[[dict[str, str]], dict[str, list]]:
    """{source: text} -> the tables of one run over those documents (merged, validated, with ids)."""

    def _assemble(texts: dict[str, str]) -> dict[str, list]:
        documents = []
        for source, text in texts.items():
            documents.append(Collected())
            collect_document(process(text, source), rules, gazetteers, documents[-1])
        return tables_of(documents, gazetteers)

    return _assemble


@pytest.fixture(scope="session")
def small_dataset(assemble, rules: RuleSet) -> tuple[dict[str, list], Manifest]:
    """The tables and manifest of a one-bulletin run, for the writer."""
    tables = assemble({"bulletin.txt": SMALL_BULLETIN})
    document = tables["documents"][0]
    manifest = Manifest(
        tool=TOOL_NAME, version=__version__, versions={"python": "test"}, rules_sha256=rules.sha256,
        inputs=[InputOutcome(source="bulletin.txt", status="processed", reason=None, doc_id=document.doc_id,
                             sha256=document.sha256, duplicate_of=None, format="txt", encoding="utf-8", notes=[])],
        counts={name: len(records) for name, records in tables.items()},
    )
    return tables, manifest


CORPUS = Path(__file__).resolve().parent.parent / "corpus"
# A few corpus bulletins with a record of every kind the keys join: meetings named in two languages,
# instruments adopted at a meeting, commitments made at one.
FEW_BULLETINS = ("dev/en-amme17-vientiane.txt", "dev/vi-a-amme17-vientiane-2023.txt",
                 "heldout/en-chairman-statement-amme15.txt", "heldout/vi-a-bao-cao-hop-tac-asean-2024.txt",
                 "heldout/vi-b-msc-mekong-khoi-mu-2025.txt")


def copy_bulletins(folder: Path, sources: tuple[str, ...] = FEW_BULLETINS) -> Path:
    """The corpus bulletins `sources` copied into `folder` (kept under their corpus paths)."""
    for source in sources:
        (folder / source).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CORPUS / source, folder / source)
    return folder


@pytest.fixture(scope="session")
def few_dataset(tmp_path_factory) -> Path:
    """The dataset of a run over a few corpus bulletins (read it, do not change it: copy it first)."""
    from pipeline.runtime.run import run_to

    work = tmp_path_factory.mktemp("few")
    run_to([copy_bulletins(work / "in")], work / "out")
    return work / "out"
