"""Loads and validates the rule files that ship inside the package (or a folder given by the user).

An error names the file, the rule id and the field, e.g.
`rules/vi/extraction.yaml: rule 'vi.meeting.head.hoi_nghi', field 'pattern': pattern does not compile`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from pipeline.rules.models import AreaTaxonomy, Gazetteer, LanguageRules
from pipeline.rules.vocabulary import DateRules, LanguageSigns

Model = TypeVar("Model", bound=BaseModel)

GAZETTEER_FILES = ("bodies", "countries", "cities", "provinces", "groupings", "organisations", "instruments")
LANGUAGE_FILE = "language.yaml"  # read by ingest, before a run's rules: always the package's own


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RuleFileError(ValueError):
    """A rule file that cannot be used, with the place of the mistake."""


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one RuleSet, one set of caches
class RuleSet:
    areas: AreaTaxonomy
    gazetteers: tuple[Gazetteer, ...]
    languages: dict[str, LanguageRules]
    dates: DateRules
    sha256: str


def rules_root() -> Traversable:
    return resources.files("pipeline.rules")


def _describe_error(name: str, raw: Any, error: Mapping[str, Any]) -> str:
    """Turn one pydantic error into 'file: rule X, field Y: message', walking the raw data for the id."""
    node, rule_id, field = raw, None, None
    for step in error["loc"]:
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            rule_id = node["id"]
        if isinstance(node, dict | list):
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                node = None
        if isinstance(step, str):
            field = step
    if isinstance(node, dict) and isinstance(node.get("id"), str):
        rule_id = node["id"]
    where = f"rule {rule_id!r}, " if rule_id else ""
    what = f"field {field!r}: " if field else ""
    return f"{name}: {where}{what}{error['msg']}"


def parse_file(name: str, text: str, model: type[Model]) -> Model:
    try:
        raw = yaml.load(text, Loader=_SafeLoader)  # the C parser when PyYAML has it: same data, 6x faster
    except yaml.YAMLError as error:
        raise RuleFileError(f"{name}: not valid YAML: {error}") from None
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        messages = [_describe_error(name, raw, item) for item in error.errors()]
        raise RuleFileError("\n".join(messages)) from None


def _read(root: Traversable | Path, relative: str) -> str:
    node: Any = root
    for part in relative.split("/"):
        node = node.joinpath(part)
    return node.read_text(encoding="utf-8")


def rule_file_names() -> list[str]:
    names = ["areas.yaml"]
    names += [f"gazetteers/{name}.yaml" for name in GAZETTEER_FILES]
    names += [f"{lang}/extraction.yaml" for lang in ("vi", "en")]
    names += ["dates.yaml"]
    return names


def load_rules(root: Traversable | Path | None = None) -> RuleSet:
    """Read every rule file under root (the package's own by default), validated."""
    root = root if root is not None else rules_root()
    texts = {name: _read(root, name) for name in rule_file_names()}
    digest = hashlib.sha256()
    for name in sorted(texts):
        digest.update(name.encode() + b"\0" + texts[name].encode() + b"\0")
    gazetteers = tuple(
        parse_file(f"rules/gazetteers/{name}.yaml", texts[f"gazetteers/{name}.yaml"], Gazetteer)
        for name in GAZETTEER_FILES
    )
    languages = {
        lang: parse_file(f"rules/{lang}/extraction.yaml", texts[f"{lang}/extraction.yaml"], LanguageRules)
        for lang in ("vi", "en")
    }
    areas = parse_file("rules/areas.yaml", texts["areas.yaml"], AreaTaxonomy)
    dates = parse_file("rules/dates.yaml", texts["dates.yaml"], DateRules)
    languages = {lang: rules.model_copy(update={"relative_periods": [
        rule for rule in dates.relative_periods if rule.lang == lang]}) for lang, rules in languages.items()}
    _check_gazetteer_ids_unique(gazetteers)
    return RuleSet(areas=areas, gazetteers=gazetteers, languages=languages, dates=dates, sha256=digest.hexdigest())


def _check_gazetteer_ids_unique(gazetteers: tuple[Gazetteer, ...]) -> None:
    owner: dict[str, str] = {}
    for gazetteer, name in zip(gazetteers, GAZETTEER_FILES, strict=True):
        for entry in gazetteer.entries:
            if entry.id in owner:
                raise RuleFileError(
                    f"rules/gazetteers/{name}.yaml: rule {entry.id!r}, field 'id': "
                    f"id already used in rules/gazetteers/{owner[entry.id]}.yaml"
                )
            owner[entry.id] = name


@cache
def default_rules() -> RuleSet:
    return load_rules()


def load_language_signs(root: Traversable | Path | None = None) -> LanguageSigns:
    """The letters and words of the language detector (language.yaml), validated."""
    root = root if root is not None else rules_root()
    return parse_file(f"rules/{LANGUAGE_FILE}", _read(root, LANGUAGE_FILE), LanguageSigns)


@cache
def language_signs() -> LanguageSigns:
    """The package's own: ingest tells a text's language before a run's rules are read."""
    return load_language_signs()
