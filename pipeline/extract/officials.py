"""The officials a bulletin names by title and name, and the party each speaks for.

Wire copy names an official once with a title ("Vietnamese Prime Minister Pham Minh Chinh", "Zhao Lin, the
Chinese vice minister …") and then by name or title alone: "Chinh emphasised the need …", "“We will …,” Zhao
said", "“…,” said the minister", "he added". What is said there is the official's party's proposal or pledge,
not the party the words address nor the bulletin's most named party (CONSTRUCTIONS.md EN-ACT-03). The rules
are `official_names` (group `name`), `official_references` and `official_honorifics`; which party a title names
is decided by the caller (nlp.document_actors), so this module needs no entity or actor logic of its own."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from pipeline.recognise.matcher import find_all
from pipeline.rules.models import LanguageRules

REFERENCE_REACH = 1000  # "said the minister" means an official named this many characters before at most
_NAME_WORD = re.compile(r"[A-Z][\w’'-]{2,}")


@dataclass(frozen=True, slots=True)
class Official:
    start: int  # where the bulletin names them with their title
    names: tuple[str, ...]  # the words of their name that tell them apart ("Pham", "Minh", "Chinh")
    party: str


def officials_in(text: str, rules: LanguageRules, party_of: Callable[[int, int], str | None],
                 named_at: Callable[[int, int], bool], home: str | None) -> tuple[Official, ...]:
    """Every official named with a title, with the party `party_of(start, end)` finds in the title's words
    (the match without the name), else the bulletin's own country (`home`: "Foreign Affairs Minister [name]" of
    a Thai paper is Thailand's); a "name" that is a place or a body the bulletin names (`named_at`) is not one."""
    found: list[Official] = []
    honorifics = {word for rule in rules.official_honorifics for word in rule.words or ()}
    for match in find_all(rules.official_names, text):
        name = match.groups.get("name") or ""
        at = text.find(name, match.start, match.end)
        if not name or at < 0 or named_at(at, at + len(name)):
            continue
        names = tuple(word for word in _NAME_WORD.findall(name) if word not in honorifics)
        # named again with a bare title ("Prime Minister Pham Minh Chinh" after "Vietnamese Prime Minister …"):
        # the party said the first time, not the bulletin's own country
        party = (party_of(match.start, at) or party_of(at + len(name), match.end)
                 or next((o.party for o in found if set(o.names) & set(names)), None) or home)
        if names and party:
            found.append(Official(match.start, names, party))
    return tuple(found)


def speaker_party(officials: tuple[Official, ...], rules: LanguageRules, text: str, start: int,
                  end: int) -> str | None:
    """The party of the official text[start:end] names (a word of their name; the most words, then the one
    named last, win) or refers to by title or pronoun (the one named last before `start`)."""
    if not officials:
        return None
    span = text[start:end]
    named = [(words, o.start, o) for o in officials
             if o.start < end and (words := sum(_has_word(span, word) for word in o.names))]
    if named:
        return max(named, key=lambda entry: (entry[0], entry[1]))[2].party
    if not find_all(rules.official_references, text, start, end):
        return None
    last = [(at, o) for o in officials if 0 <= (at := _last_mention(text, o, start)) and start - at <= REFERENCE_REACH]
    return max(last, key=lambda entry: entry[0])[1].party if last else None


def _has_word(span: str, word: str) -> bool:
    return re.search(rf"(?<![\w’'-]){re.escape(word)}(?![\w’'-])", span) is not None


def _last_mention(text: str, official: Official, before: int) -> int:
    """Where the bulletin last names the official before `before`: their title, or a word of their name."""
    if official.start >= before:
        return -1
    words = "|".join(re.escape(word) for word in official.names)
    mentions = [m.start() for m in re.finditer(rf"(?<![\w’'-])(?:{words})(?![\w’'-])", text[:before])]
    return max([official.start, *mentions])
