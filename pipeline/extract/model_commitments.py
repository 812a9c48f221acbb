"""Commitments the clause model finds among the clauses the cues did not take (issue 13: the cues, fitted to
what was read, miss forms on texts nobody read; a model trained on the annotated clauses is a second decider).

The model decides only where the cues say nothing: a clause outside a list (a list's frame decides its items)
that holds no commitment cue (a clause with one was judged by the rules: its object in the next clause, a weak
verb alone, a veto) and has at least `min_words` words. All of a document's such clauses are asked in one batch
per language; one the model takes at or above the rule file's threshold becomes a commitment whose `rule_id`
names the model and whose confidence is its probability, unless a veto holds (the vetoes name known
non-commitment forms: they stay authoritative).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from pipeline.analyse.segment import SentenceSpan
from pipeline.extract.clause_model import load_clause_model
from pipeline.extract.commitments import Actors, ClauseContext, CommitmentMention, commitment_from_model
from pipeline.recognise.entities import EntityMention
from pipeline.rules.models import LanguageRules

OpenClause = tuple[SentenceSpan, list[EntityMention], tuple[int, int], ClauseContext]
"""A clause the rules did not take: its sentence, the sentence's entities, its span, its context."""


def model_commitments(text: str, open_clauses: Sequence[OpenClause], languages: Mapping[str, LanguageRules],
                      actors: Actors, min_year: int | None) -> list[CommitmentMention]:
    """The commitments the clause model of each language takes among open_clauses, in document order."""
    found: list[CommitmentMention] = []
    for lang, rules in languages.items():
        config = rules.clause_model
        if config is None or not config.enabled:
            continue
        asked = [c for c in open_clauses
                 if c[0].lang == lang and len(text[c[2][0] : c[2][1]].split()) >= config.min_words]
        if not asked:
            continue
        verdicts = load_clause_model(config.model).verdicts([text[a:b] for _, _, (a, b), _ in asked])
        last: CommitmentMention | None = None  # the model's commitment just before, in this language
        for (sentence, entities, (start, end), context), verdict in zip(asked, verdicts, strict=True):
            if verdict.probability >= config.threshold:
                record = commitment_from_model(text, start, end, sentence.index, rules, entities, actors, min_year,
                                               continued_context(context, last, sentence.index), verdict.form,
                                               verdict.probability, config.id)
                if record is not None:
                    found.append(record)
                last = record
            else:
                last = None
    return sorted(found, key=lambda c: (c.start, c.end))


def continued_context(context: ClauseContext, last: CommitmentMention | None, sentence_index: int) -> ClauseContext:
    """The context of a clause the model takes right after another it took in the same sentence, when the rules
    saw none before it: the clause before is a commitment, whose enumeration a clause with no subject of its own
    continues ("The Ministers encouraged companies to adopt A and to report B": B is theirs, as a rule-found
    commitment's next clause would be, EN-C-28)."""
    if context.carried is not None or last is None or last.sentence_index != sentence_index:
        return context
    return replace(context, carried=last.form, carried_year=last.target_year, carried_actor=last.actor)
