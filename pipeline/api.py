"""Front door for programs: one call turns a text or a file into validated records.

    >>> from pipeline.api import extract
    >>> text = "Hội nghị Bộ trưởng Môi trường ASEAN lần thứ 17 diễn ra ngày 22-24/8/2023 tại Viên Chăn, Lào."
    >>> records = extract(text)
    >>> records["meetings"][0].city
    'Vientiane'

`get_nlp()` gives the spaCy `Language` for those who want the annotated `Doc` itself:
`doc = get_nlp()(text)`; then `doc._.meetings`, `doc._.commitments`, `doc._.entities`, `doc.spans["entities"]`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from spacy.language import Language

from pipeline.ingest.document import build_document, read_document
from pipeline.ingest.reader import DEFAULT_MAX_BYTES
from pipeline.nlp import make_nlp, process_document
from pipeline.recognise.entities import gazetteers_for
from pipeline.records.assemble import Collected, collect_document
from pipeline.rules.loader import default_rules
from pipeline.runtime.spill import tables_of
from pipeline.schema import Record

__all__ = ["extract", "extract_file", "get_nlp"]


@cache
def get_nlp() -> Language:
    """The pipeline as a spaCy Language, built once per process."""
    return make_nlp()


def _records(document) -> dict[str, list[Record]]:
    rules = default_rules()
    collected = Collected()
    collect_document(process_document(get_nlp(), document), rules, gazetteers_for(rules), collected)
    return tables_of([collected], gazetteers_for(rules))


def extract(text: str, lang: str | None = None, published: str | None = None,
            source: str = "<text>") -> dict[str, list[Record]]:
    """Records of one text, by table name: documents, sentences, entities, meetings, commitments,
    instruments, areas, rejects. `lang` ('vi'/'en') and `published` (ISO date) override detection."""
    return _records(build_document(text, source, lang=lang, published=published))


def extract_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> dict[str, list[Record]]:
    """Records of one file (.txt .md .html .pdf .docx); raises InputRejected for a file it cannot use."""
    path = Path(path)
    return _records(read_document(path, path.parent, max_bytes))
