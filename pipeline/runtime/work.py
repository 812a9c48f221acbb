"""The unit of work of a run: one input file in, its outcome and its per-document records out.

`process_file` depends only on its arguments (the file, the rules folder, the size limit), and it
returns plain picklable data (pydantic records and dataclasses, never a spaCy Doc), so an engine can run
it anywhere: in this process, in a pool of processes, or on a Dask worker. Whether a file repeats an
earlier one is not decided here: that needs every earlier input, so the run decides it in input order.
An engine is given a few consecutive files at a time (`process_files`), each processed on its own.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from spacy.language import Language

from pipeline.ingest.document import SourceDocument, read_document
from pipeline.ingest.duplicates import DocumentText, Fingerprint, fingerprint
from pipeline.ingest.reader import SUPPORTED_SUFFIXES, InputRejected
from pipeline.nlp import make_nlp, process_document
from pipeline.recognise.entities import Gazetteers, gazetteers_for
from pipeline.records.assemble import Collected, collect_document
from pipeline.rules.loader import RuleSet, default_rules, load_rules
from pipeline.runtime.long_lived import long_lived, making_long_lived
from pipeline.runtime.spill import DocumentRecords, prepare
from pipeline.schema import InputOutcome, InputStatus


@dataclass
class DocumentResult:
    """What one input gave: its outcome for the manifest and, once read, its records ready for the run."""

    outcome: InputOutcome  # processed, skipped or failed; the run turns a repeat into "duplicate"
    records: DocumentRecords | None = None  # None when the file could not be read or analysed
    languages: tuple[str, ...] = ()  # languages of its paragraphs: which language rule files it used
    seconds: float = 0.0  # time spent in process_file, wherever it ran
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, for the benchmark
    # Made where the work ran (and cached with it), not in the run's process: the duplicate check's
    # fingerprint of the text (the text itself travels only in the records' JSONL lines).
    fingerprint: Fingerprint | None = None

    def document_text(self) -> DocumentText | None:
        """What the duplicate check compares: the source and the hash (the text is in the fingerprint)."""
        if self.outcome.sha256 is None:
            return None
        return DocumentText(self.outcome.source, self.outcome.sha256, "")


def source_name(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path != root else path.name


def outcome(source: str, status: InputStatus | str, reason: str | None = None,
            document: SourceDocument | None = None,
            duplicate_of: str | None = None, fmt: str | None = None) -> InputOutcome:
    return InputOutcome(
        source=source, status=InputStatus(status), reason=reason,
        doc_id=document.doc_id if document else None, sha256=document.sha256 if document else None,
        duplicate_of=duplicate_of, format=document.format if document else fmt,
        encoding=document.encoding if document else None, notes=list(document.notes) if document else [],
        warnings=list(document.warnings) if document else [],
    )


def as_duplicate(first: InputOutcome, duplicate_of: str) -> InputOutcome:
    """The manifest entry of a file whose text an earlier input already had."""
    return first.model_copy(update={"status": "duplicate", "reason": f"same text as {duplicate_of}",
                                    "duplicate_of": duplicate_of})


def dropped_paragraph_note(document: SourceDocument) -> str | None:
    repeats = [p for p in document.paragraphs if p.duplicate_of is not None]
    if not repeats:
        return None
    where = ", ".join(f"{p.index + 1} (repeats {(p.duplicate_of or 0) + 1})" for p in repeats)
    return f"dropped {len(repeats)} repeated paragraph(s): {where}"


@cache
@long_lived
def pipeline_for(rules_path: str | None, rules_sha256: str | None = None) -> tuple[Language, RuleSet, Gazetteers]:
    """The spaCy pipeline, rules and gazetteers, built once per process (and per version of the rules:
    `rules_sha256` is part of the cache key so that edited rule files are read again)."""
    rules = load_rules(Path(rules_path)) if rules_path else default_rules()
    return make_nlp(rules_path), rules, gazetteers_for(rules)


def process_files(files: list[tuple[Path, Path]], rules_path: str | None, max_bytes: int,
                  rules_sha256: str | None = None) -> list[DocumentResult]:
    """`process_file` for each (file, root), in order: the piece of work an engine runs."""
    return [process_file(path, root, rules_path, max_bytes, rules_sha256) for path, root in files]


_warmed_up = False  # whether this process has analysed a document (and so loaded what documents need)


def process_file(path: Path, root: Path, rules_path: str | None, max_bytes: int,
                 rules_sha256: str | None = None) -> DocumentResult:
    """Read, analyse and collect one file. Never raises for a bad file: its outcome says what went wrong.

    The first document a process analyses also loads the tagger's models and compiles the rules' patterns
    on the way: that one runs with the garbage collector paused, and what it leaves is frozen (see
    `long_lived.py`)."""
    global _warmed_up
    if _warmed_up:
        return _process_file(path, root, rules_path, max_bytes, rules_sha256)
    with making_long_lived():
        result = _process_file(path, root, rules_path, max_bytes, rules_sha256)
    _warmed_up = result.records is not None
    return result


def _process_file(path: Path, root: Path, rules_path: str | None, max_bytes: int,
                  rules_sha256: str | None) -> DocumentResult:
    started = time.perf_counter()
    source = source_name(path, root)
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        return DocumentResult(outcome(source, "skipped", f"unsupported file type {path.suffix or '(none)'}"))
    try:
        document = read_document(path, root, max_bytes)
    except InputRejected as rejected:
        return DocumentResult(outcome(source, rejected.status, rejected.reason, fmt=path.suffix.lstrip(".")))
    except Exception as error:  # noqa: BLE001 - one broken file must not end the run
        return DocumentResult(outcome(source, "failed", f"could not read: {error}", fmt=path.suffix.lstrip(".")))
    read_seconds = time.perf_counter() - started
    nlp, rules, gazetteers = pipeline_for(rules_path, rules_sha256)
    collected = Collected()
    languages = tuple(sorted({p.lang for p in document.paragraphs} | {document.lang}))
    try:
        doc = process_document(nlp, document)
        analysed = time.perf_counter()
        collect_document(doc, rules, gazetteers, collected)
    except Exception as error:  # noqa: BLE001 - report and go on with the next file
        detail = traceback.format_exception_only(type(error), error)[-1].strip()
        # A failed file gives no record: half of a document's records would read as all of them. Not cached
        # either (no records), so the next run tries it again.
        return DocumentResult(outcome(source, "failed", f"analysis failed: {detail}", document), None,
                              languages, time.perf_counter() - started)
    finished = time.perf_counter()
    timings = {"read": read_seconds, "analyse": analysed - started - read_seconds, "collect": finished - analysed}
    return DocumentResult(outcome(source, "processed", dropped_paragraph_note(document), document),
                          prepare(collected, rules), languages, finished - started, timings, fingerprint(document))
