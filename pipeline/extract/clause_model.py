"""The commitment clause model: a small text classifier that reads one clause and says how likely it is to be a
commitment, and of which form.

It is spaCy's own bag-of-words text classifier (a linear model over word and word-pair hashes, CPU, no
downloads), one per language, trained by `make model` (`pipeline/training.py`) on the project's annotated
clauses and shipped in `pipeline/models/commitment_clauses/<lang>/`. The commitments stage asks it about the
clauses the cues neither took nor vetoed, all of a document's in one batch, and keeps those at or above
the threshold of the language's rule file (`clause_model`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

NONE_LABEL = "none"
"""The label of a clause that is no commitment; the others are the six forms (GOLD_FORMAT.md)."""
_DIGIT = re.compile(r"\d")


def clause_features(text: str) -> str:
    """What the model reads of a clause: lower case, every digit a 0 ("by 2030" and "by 2025" are one form)."""
    return _DIGIT.sub("0", text.lower())


def clause_doc(nlp: Language, text: str) -> Doc:
    """A clause as the model's Doc (training and run time share this function)."""
    return nlp.make_doc(clause_features(text))


@dataclass(frozen=True)
class ClauseVerdict:
    probability: float  # of being a commitment of any form: 1 - P(none)
    form: str  # the likeliest form


class ClauseModel:
    """A trained clause classifier, loaded from its folder."""

    def __init__(self, nlp: Language, digest: str):
        self.nlp = nlp
        self.digest = digest

    def verdicts(self, clauses: list[str]) -> list[ClauseVerdict]:
        """The verdicts on clauses, in their order, in one batch."""
        textcat = self.nlp.get_pipe("textcat")
        labels = list(textcat.labels)  # type: ignore[attr-defined]
        none = labels.index(NONE_LABEL)
        scores = textcat.predict([clause_doc(self.nlp, c) for c in clauses])  # type: ignore[attr-defined]
        verdicts = []
        for row in scores.tolist():
            form = max((i for i in range(len(labels)) if i != none), key=lambda i: (row[i], labels[i]))
            verdicts.append(ClauseVerdict(round(1.0 - row[none], 4), labels[form]))
        return verdicts


def models_root() -> Traversable:
    return resources.files("pipeline").joinpath("models")


def model_folder(name: str) -> Path:
    """The folder of a shipped model ('commitment_clauses/vi'), as a path (spaCy reads folders)."""
    node = models_root()
    for part in name.split("/"):
        node = node.joinpath(part)
    return Path(str(node))


def model_digest(folder: Path) -> str:
    """sha256 over a model's files, by name: what the run cache keys results on."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class ClauseModelError(ValueError):
    """A clause model that cannot be used, with its folder."""


@cache
def load_clause_model(name: str) -> ClauseModel:
    """A shipped model, loaded once per process (offline: the folder holds everything spaCy needs)."""
    folder = model_folder(name)
    if not (folder / "config.cfg").is_file():
        raise ClauseModelError(f"pipeline/models/{name}: no model there (run `make model`)")
    nlp = spacy.load(folder)
    if "textcat" not in nlp.pipe_names or NONE_LABEL not in nlp.get_pipe("textcat").labels:  # type: ignore[attr-defined]
        raise ClauseModelError(f"pipeline/models/{name}: not a clause model (a 'textcat' with a '{NONE_LABEL}' label)")
    return ClauseModel(nlp, model_digest(folder))
