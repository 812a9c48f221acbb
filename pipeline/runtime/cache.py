"""Per-document results on disk, so that a re-run processes only what changed.

An entry is found by the file's content (sha256 of its bytes), its name in the run (`source`: the records
carry it) and the code that made it (`code_fingerprint`: the package's source files and the versions of
the libraries whose output it depends on). It remembers the rule files it depended on, by hash: every
rule file except the extraction rules of languages the document does not contain (a Vietnamese-only
bulletin never reads `en/extraction.yaml`). An entry whose rule files have changed since is not used,
so editing a rule file re-runs exactly the documents that read it.

Entries are written atomically (a temporary file, then a rename), so two runs sharing a cache, or a run
killed midway, never leave a half-written entry behind. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import pickle
import re
import tempfile
from functools import cache
from pathlib import Path

from pipeline import __version__
from pipeline.rules.loader import LANGUAGE_FILE, rule_file_names, rules_root
from pipeline.runtime.work import DocumentResult

FORMAT = "1"  # bump when the layout of an entry changes
# Libraries (by distribution name) whose output the records depend on: a new version may tag or parse
# differently (underthesea, spacy), decode, repair or extract a document's text differently (charset-normalizer,
# ftfy, trafilatura, lxml, python-docx, pdfminer.six), or find words differently.
LIBRARIES = (
    "underthesea", "underthesea_core", "spacy", "pydantic",
    "charset-normalizer", "ftfy", "trafilatura", "lxml", "python-docx", "pdfminer.six",
    "pyahocorasick",
)
_LANGUAGE_FILE = re.compile(r"^(?P<lang>[a-z]{2})/")  # rules/<lang>/…: one language's extraction rules


@cache
def code_fingerprint() -> str:
    """Hash of this package's Python sources and the libraries' versions: a result made by other code is
    never reused (the version number alone does not change while the code is being worked on)."""
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0".encode())
    for library in LIBRARIES:
        try:
            digest.update(f"{library}={importlib.metadata.version(library)}\0".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{library}=missing\0".encode())
    package = Path(__file__).resolve().parents[1]  # the whole pipeline package
    # and language.yaml (the language detector's and a page's layout words): ingest and segmentation read the
    # package's own, whatever rules a run is given
    # and the commitment clause models' files (pipeline/models/): a retrained model makes other records
    models = [p for p in (package / "models").rglob("*") if p.is_file()]
    for path in sorted([*package.rglob("*.py"), package / "rules" / LANGUAGE_FILE, *models]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def rule_file_hashes(rules_path: Path | None) -> dict[str, str]:
    """sha256 of every rule file a run reads, by its name under the rules folder."""
    root = rules_path if rules_path is not None else rules_root()
    hashes = {}
    for name in rule_file_names():
        node = root
        for part in name.split("/"):
            node = node.joinpath(part)
        hashes[name] = hashlib.sha256(node.read_bytes()).hexdigest()
    return hashes


def dependencies(languages: tuple[str, ...], hashes: dict[str, str]) -> dict[str, str]:
    """The rule files (with their hashes) that a document in these languages was processed with."""
    return {
        name: digest for name, digest in hashes.items()
        if (match := _LANGUAGE_FILE.match(name)) is None or match["lang"] in languages
    }


def file_digest(path: Path, max_bytes: int) -> str | None:
    """sha256 of a file's bytes, or None for one that is not a regular file within the size limit (its
    outcome comes from the reader every time: it costs nothing to find out again)."""
    try:
        if not path.is_file() or path.stat().st_size > max_bytes:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class ResultCache:
    """Results of `process_file` by file content and source, checked against the current rule files."""

    def __init__(self, folder: Path, rules_path: Path | None):
        self.folder = folder
        self.rule_hashes = rule_file_hashes(rules_path)
        self.hits = 0
        self.misses = 0

    def key(self, path: Path, source: str, max_bytes: int) -> str | None:
        digest = file_digest(path, max_bytes)
        if digest is None:
            return None
        return hashlib.sha256(f"{code_fingerprint()}\0{source}\0{digest}".encode()).hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str | None) -> DocumentResult | None:
        if key is None:
            return None
        try:
            with self._entry(key).open("rb") as handle:
                used, result = pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
            self.misses += 1  # absent, or unreadable (e.g. written by other code): processed afresh
            return None
        if any(self.rule_hashes.get(name) != digest for name, digest in used.items()):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def put(self, key: str | None, result: DocumentResult) -> None:
        if key is None or (result.outcome.status == "failed" and result.records is None):
            return  # a file that could not be read may be readable next time
        entry = self._entry(key)
        entry.parent.mkdir(parents=True, exist_ok=True)
        used = dependencies(result.languages, self.rule_hashes)
        handle = tempfile.NamedTemporaryFile(dir=entry.parent, prefix=".tmp-", delete=False)
        try:
            with handle:
                pickle.dump((used, result), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(handle.name, entry)
        except BaseException:
            Path(handle.name).unlink(missing_ok=True)
            raise
