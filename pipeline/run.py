"""A run: input paths in, a dataset out, every input accounted for in the manifest.

One bad file never stops a run: reading, decoding and analysing each file is guarded, and its outcome
(processed, duplicate, skipped, failed, with a plain reason) goes to the manifest. The good files still
give their records.
"""

from __future__ import annotations

import importlib.metadata
import platform
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import __version__
from pipeline.assemble import Collected, collect_document, finish
from pipeline.ingest.document import SourceDocument, read_document
from pipeline.ingest.reader import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, InputRejected
from pipeline.nlp import make_nlp, process_document
from pipeline.output.writer import TOOL_NAME, write_dataset
from pipeline.recognise.entities import gazetteers_for
from pipeline.rules.loader import RuleSet, default_rules, load_rules
from pipeline.schema import InputOutcome, Manifest

VERSIONED_PACKAGES = ("underthesea", "spacy", "pydantic", "duckdb")


@dataclass
class RunResult:
    tables: dict[str, list]
    manifest: Manifest
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def failed(self) -> list[InputOutcome]:
        return [item for item in self.manifest.inputs if item.status == "failed"]


def discover(paths: Iterable[Path]) -> list[tuple[Path, Path]]:
    """(file, root) for every file under the given files and folders, sorted; root is what `source` is
    relative to. Hidden files and folders are ignored."""
    found: list[tuple[Path, Path]] = []
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                relative = file.relative_to(path)
                if file.is_file() and not any(part.startswith(".") for part in relative.parts):
                    found.append((file, path))
        else:
            found.append((path, path.parent))
    return sorted(set(found), key=lambda item: (str(item[1]), item[0].relative_to(item[1]).as_posix()))


def _outcome(source: str, status: str, reason: str | None = None, document: SourceDocument | None = None,
             duplicate_of: str | None = None, fmt: str | None = None) -> InputOutcome:
    return InputOutcome(
        source=source, status=status, reason=reason,
        doc_id=document.doc_id if document else None, sha256=document.sha256 if document else None,
        duplicate_of=duplicate_of, format=document.format if document else fmt,
        encoding=document.encoding if document else None, notes=list(document.notes) if document else [],
    )


def _versions() -> dict[str, str]:
    versions = {"python": platform.python_version(), TOOL_NAME: __version__}
    for package in VERSIONED_PACKAGES:
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = "missing"
    return versions


def _dropped_paragraph_note(document: SourceDocument) -> str | None:
    repeats = [p for p in document.paragraphs if p.duplicate_of is not None]
    if not repeats:
        return None
    where = ", ".join(f"{p.index + 1} (repeats {p.duplicate_of + 1})" for p in repeats)
    return f"dropped {len(repeats)} repeated paragraph(s): {where}"


def run(paths: list[Path], rules_path: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
        progress: Callable[[Iterable], Iterable] | None = None) -> RunResult:
    started = time.perf_counter()
    rules: RuleSet = load_rules(rules_path) if rules_path else default_rules()
    nlp = make_nlp(str(rules_path) if rules_path else None)
    collected = Collected()
    outcomes: list[InputOutcome] = []
    seen: dict[str, str] = {}
    files = discover(paths)
    timings = {"startup": time.perf_counter() - started}
    for file, root in (progress or iter)(files):
        source = file.relative_to(root).as_posix() if file != root else file.name
        if file.suffix.lower() not in SUPPORTED_SUFFIXES:
            outcomes.append(_outcome(source, "skipped", f"unsupported file type {file.suffix or '(none)'}"))
            continue
        try:
            document = read_document(file, root, max_bytes)
        except InputRejected as rejected:
            outcomes.append(_outcome(source, rejected.status, rejected.reason, fmt=file.suffix.lstrip(".")))
            continue
        except Exception as error:  # noqa: BLE001 - one broken file must not end the run
            outcomes.append(_outcome(source, "failed", f"could not read: {error}", fmt=file.suffix.lstrip(".")))
            continue
        if document.sha256 in seen:
            outcomes.append(_outcome(source, "duplicate", f"same text as {seen[document.sha256]}", document,
                                     duplicate_of=seen[document.sha256]))
            continue
        seen[document.sha256] = source
        try:
            doc = process_document(nlp, document)
            collect_document(doc, rules, gazetteers_for(rules), collected)
        except Exception as error:  # noqa: BLE001 - report and go on with the next file
            detail = traceback.format_exception_only(type(error), error)[-1].strip()
            outcomes.append(_outcome(source, "failed", f"analysis failed: {detail}", document))
            continue
        outcomes.append(_outcome(source, "processed", _dropped_paragraph_note(document), document))
    timings["documents"] = time.perf_counter() - started - timings["startup"]
    tables = finish(collected, gazetteers_for(rules))
    counts = {name: len(records) for name, records in tables.items()}
    counts.update({f"inputs_{status}": sum(o.status == status for o in outcomes)
                   for status in ("processed", "duplicate", "skipped", "failed")})
    manifest = Manifest(tool=TOOL_NAME, version=__version__, versions=_versions(), rules_sha256=rules.sha256,
                        inputs=sorted(outcomes, key=lambda o: o.source), counts=counts)
    timings["total"] = time.perf_counter() - started
    return RunResult(tables=tables, manifest=manifest, timings={k: round(v, 3) for k, v in timings.items()})


def run_to(paths: list[Path], out: Path, **options) -> RunResult:
    result = run(paths, **options)
    write_dataset(out, result.tables, result.manifest, result.timings)
    return result


def main_error(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2
