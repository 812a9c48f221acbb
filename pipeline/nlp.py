"""The spaCy pipeline: a document tokenizer (segmentation + underthesea analysis) and four components.

`make_nlp()` returns a `Language` whose `nlp(text)` gives a Doc with sentences, POS, NER and, under
`doc._`, the recognised entities, meetings, commitments, instruments and sentence areas of this package.
Components are registered factories with a thin `__call__`; the logic lives in the stage modules.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.analyse.doc_builder import build_doc
from pipeline.analyse.segment import SentenceSpan, is_list_item, segment
from pipeline.extract.commitments import (
    SPOKEN_FORMS,
    Actors,
    ClauseContext,
    CommitmentMention,
    ListFrame,
    actor_in,
    clauses,
    commitment_in_clause,
    open_frame,
)
from pipeline.extract.instruments import instruments_in_sentence
from pipeline.extract.meetings import meetings_in_document
from pipeline.extract.model_commitments import model_commitments
from pipeline.extract.officials import Official, officials_in
from pipeline.ingest.document import SourceDocument, build_document
from pipeline.recognise.entities import EntityMention, gazetteers_for, recognise_sentence
from pipeline.recognise.matcher import any_match, first
from pipeline.recognise.publication import dated
from pipeline.rules.loader import RuleSet, default_rules, load_rules
from pipeline.rules.models import LanguageRules
from pipeline.tag.areas import area_hits

EXTENSIONS = ("document", "sentence_spans", "entities", "meetings", "commitments", "instruments", "area_hits",
              "clauses")
for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@cache
def _rules(path: str | None) -> RuleSet:
    return load_rules(Path(path)) if path else default_rules()


class DocumentTokenizer:
    """Text -> Doc through segmentation and underthesea (vi) / spaCy (en) analysis; `doc.text == text`. The
    rules give the words of the publication date's lines and dates."""

    def __init__(self, vocab: Vocab, rules_path: str | None = None):
        self.vocab = vocab
        self.rules_path = rules_path
        self.rules = _rules(rules_path)

    def __call__(self, text: str) -> Doc:
        return self.from_document(build_document(text, source="<text>", normalize=False))

    def from_document(self, document: SourceDocument) -> Doc:
        document = dated(document, self.rules)
        sentences = segment(document)
        doc = build_doc(self.vocab, document, sentences)
        doc._.document = document
        doc._.sentence_spans = sentences
        return doc

    def __reduce__(self):
        return (DocumentTokenizer, (self.vocab, self.rules_path))


@spacy.registry.tokenizers("asean_env.document_tokenizer.v1")
def create_document_tokenizer(rules_path: str | None = None):
    return lambda nlp: DocumentTokenizer(nlp.vocab, rules_path)


def _sentences(doc: Doc) -> list[SentenceSpan]:
    return doc._.sentence_spans or []


@Language.factory("asean_entities", assigns=["doc._.entities", "doc.spans"], default_config={"rules_path": None})
class EntityRecogniser:
    def __init__(self, nlp: Language, name: str, rules_path: str | None):
        self.rules = _rules(rules_path)

    def __call__(self, doc: Doc) -> Doc:
        document = doc._.document
        anchor = document.anchor if document else None
        today = anchor if document and document.anchor_is_publication else None
        doc._.entities = [recognise_sentence(doc, self.rules, s.lang, s.start, s.end, anchor, today)
                          for s in _sentences(doc)]
        spans = [doc.char_span(e.start, e.end, label=e.label, alignment_mode="expand")
                 for found in doc._.entities for e in found]
        doc.spans["entities"] = [span for span in spans if span is not None]
        return doc


def _document_language(doc: Doc, rules: RuleSet) -> LanguageRules | None:
    """The rules of the bulletin's own language (the language most of it is in)."""
    return rules.languages.get(doc._.document.lang) if doc._.document is not None else None


def _home_agency(doc: Doc, rules: RuleSet) -> str | None:
    """The country of the news agency or portal a bulletin names ("(VNA)", "VGP –"): its own country."""
    language = _document_language(doc, rules)
    found = first(language.home_agencies, doc.text) if language is not None else None
    return found.rule.actor if found is not None else None


@Language.factory("asean_meetings", assigns=["doc._.meetings"], requires=["doc._.entities"],
                  default_config={"rules_path": None})
class MeetingExtractor:
    def __init__(self, nlp: Language, name: str, rules_path: str | None):
        self.rules = _rules(rules_path)

    def __call__(self, doc: Doc) -> Doc:
        document = doc._.document
        doc._.meetings = meetings_in_document(
            doc.text, _sentences(doc), doc._.entities, self.rules.languages, gazetteers_for(self.rules),
            document.published if document else None, self.rules,
        )
        return doc


VIETNAMESE_HOME = "Viet Nam"


@cache
def _partnership_actors(rules: RuleSet) -> frozenset[str]:
    """The actors of the Mekong partnerships the gazetteers mark (`partnership`)."""
    return frozenset(entry.actor for gazetteer in rules.gazetteers for entry in gazetteer.entries
                     if entry.partnership and entry.actor)


def document_actors(doc: Doc, rules: RuleSet) -> Actors:
    """Who a bulletin's commitments belong to when a clause names no one: its most named party (cities name
    where things happen more than who acts, so they do not vote) and its own country, the country it names
    most (with its cities and provinces). A bulletin in Vietnamese is Viet Nam's own: its "kế hoạch quốc gia"
    and its unnamed "Thứ trưởng" are Viet Nam's even when it reports a meeting abroad and names the host more;
    so is an English bulletin of a Vietnamese agency ("(VNA)", "VGP –": `home_agencies`). Its collective party,
    what "các Bộ trưởng" or "the Ministers" agreed for, is the body it names most (ASEAN and its bodies, the MRC,
    the Mekong-Lancang Cooperation); a partner grouping (the EU) is not one: ASEAN with its partners is ASEAN
    (GOLD_FORMAT.md). A Mekong partnership the bulletin names (bodies.yaml `partnership`) is it even where ASEAN is
    named more, unless ASEAN is the bulletin's main party: ASEAN is then the setting ("on the sidelines of the ASEAN
    summits") and the partner the one most named, the partnership the one agreeing (CONSTRUCTIONS.md EN-ACT-01)."""
    named = [e for found in doc._.entities for e in found if e.actor]
    parties = Counter(e.actor for e in named if e.label not in ("CITY", "PROVINCE"))
    countries = Counter(e.actor for e in named if e.label in ("COUNTRY", "CITY", "PROVINCE"))
    # a tie goes to the country named as itself more often, not through a venue ("in Jakarta, Indonesia": EN-ACT-03)
    bare = Counter(e.actor for e in named if e.label == "COUNTRY")
    home = max(countries, key=lambda country: (countries[country], bare[country])) if countries else None
    if doc._.document is not None and doc._.document.lang == "vi":
        home = VIETNAMESE_HOME
    elif (agency := _home_agency(doc, rules)) is not None:
        home = agency
    groupings = Counter(e.actor for e in named if e.actor != home and (e.label == "BODY" or e.actor == "ASEAN"))
    collective = groupings.most_common(1)[0][0] if groupings else None
    default = parties.most_common(1)[0][0] if parties else None
    if collective == "ASEAN" and default != "ASEAN":
        partnerships = Counter(e.actor for e in named if e.actor in _partnership_actors(rules))
        collective = partnerships.most_common(1)[0][0] if partnerships else collective
    return Actors(default=default, home=home, collective=collective,
                  officials=_officials(doc, rules, named, home, collective))


def _officials(doc: Doc, rules: RuleSet, named: list[EntityMention], home: str | None,
               collective: str | None) -> tuple[Official, ...]:
    """The officials the bulletin names by title and name, each with the party its title names (the nearest
    party of the title's words, a country written after a preposition too: "Minister of Environment of Japan"),
    else the bulletin's own country (CONSTRUCTIONS.md EN-ACT-03)."""
    language = _document_language(doc, rules)
    if language is None or not language.official_names:
        return ()
    entities = [e for found in doc._.entities for e in found]

    def party_of(start: int, end: int) -> str | None:
        within = [e.actor for e in named if start <= e.start and e.end <= end]
        return actor_in(named, start, end, doc.text, language, collective) or (within[-1] if within else None)

    return officials_in(doc.text, language, party_of,
                        lambda start, end: any(e.start < end and start < e.end for e in entities), home)


@Language.factory("asean_commitments", assigns=["doc._.commitments", "doc._.instruments", "doc._.clauses"],
                  requires=["doc._.entities"], default_config={"rules_path": None})
class CommitmentExtractor:
    def __init__(self, nlp: Language, name: str, rules_path: str | None):
        self.rules = _rules(rules_path)

    def __call__(self, doc: Doc) -> Doc:
        actors = document_actors(doc, self.rules)
        min_year = doc._.document.anchor.year if doc._.document and doc._.document.anchor else None
        commitments, instruments, open_clauses, seen = [], [], [], []
        frame: ListFrame | None = None
        speaker: tuple[int, str] | None = None  # (paragraph, actor) of the last proposal or call
        for sentence, entities in zip(_sentences(doc), doc._.entities, strict=True):
            rules = self.rules.languages[sentence.lang]
            frame = self._frame_for(frame, sentence, doc.text)
            instruments += instruments_in_sentence(doc.text, sentence.start, sentence.end, sentence.index,
                                                   sentence.lang, rules, entities)
            start = sentence.start
            opened = open_frame(doc.text, sentence.start, sentence.end, sentence.paragraph, rules, entities,
                                actors, min_year, heading=sentence.heading)
            if opened:
                frame, start = opened
            if sentence.heading:
                continue  # a heading may open a list, but is not itself a commitment
            item = opened is not None or is_list_item(doc.text, sentence.start)
            last_speaker = speaker[1] if speaker and speaker[0] == sentence.paragraph else None
            # "He also asked …" goes on with the official who spoke last, though a paragraph lies between
            pronoun_speaker = speaker[1] if speaker and _opens_with_pronoun(doc.text, sentence, rules) else None
            found, untaken = _sentence_commitments(doc.text, start, sentence, rules, entities, frame, actors, min_year,
                                                   item, last_speaker, pronoun_speaker)
            commitments += found
            # The model decides where the cues say nothing: not in a list (its frame decides its items), not in a
            # clause holding a cue (the rules judged it: an object too short, a weak verb alone, a veto)
            framed = frame is not None
            seen += [(c.start, c.end, True, framed) for c in found] + [(a, b, False, framed) for (a, b), _ in untaken]
            if not framed and rules.clause_model is not None and rules.clause_model.enabled:
                open_clauses += [(sentence, entities, (a, b), context) for (a, b), context in untaken
                                 if not any_match(rules.commitment_cues, doc.text, a, b)]
            spoken = [c.actor for c in found if c.form in SPOKEN_FORMS and c.actor]
            speaker = (sentence.paragraph, spoken[-1]) if spoken else speaker
        # every clause the cues were asked about: (start, end, taken, in a list), what `make model` learns from
        doc._.clauses = sorted(seen)
        taken = model_commitments(doc.text, open_clauses, self.rules.languages, actors, min_year)
        doc._.commitments = sorted(commitments + taken, key=lambda c: (c.start, c.end)) if taken else commitments
        doc._.instruments = instruments
        return doc

    @staticmethod
    def _frame_for(frame: ListFrame | None, sentence: SentenceSpan, text: str) -> ListFrame | None:
        """A list frame lasts through its paragraph and the list items that follow it, up to a heading of the body
        (a subheading on a line of its own ends the list above it)."""
        if frame is None or (sentence.heading and sentence.index > 0):
            return None
        if sentence.paragraph == frame.paragraph or is_list_item(text, sentence.start):
            frame.paragraph = sentence.paragraph
            return frame
        return None


def _opens_with_pronoun(text: str, sentence: SentenceSpan, rules: LanguageRules) -> bool:
    """Whether the sentence opens with a pronoun that goes on with the last official who spoke ("He also asked …")."""
    found = first(rules.speaker_pronouns, text, sentence.start, min(sentence.end, sentence.start + 40))
    return found is not None and found.start == sentence.start


ClauseSpan = tuple[int, int]


def _sentence_commitments(text: str, start: int, sentence: SentenceSpan, rules: LanguageRules,
                          entities: list[EntityMention], frame: ListFrame | None, actors: Actors, min_year: int | None,
                          item: bool, speaker: str | None, pronoun_speaker: str | None = None,
                          ) -> tuple[list[CommitmentMention], list[tuple[ClauseSpan, ClauseContext]]]:
    """The commitments of the clauses of text[start:sentence.end], each knowing the one before it in the
    sentence (whose enumeration a clause with no verb of its own continues), and the clauses the rules did not
    take, with what their sentence says around them (for the clause model)."""
    found: list[CommitmentMention] = []
    untaken: list[tuple[ClauseSpan, ClauseContext]] = []
    before: CommitmentMention | None = None  # the clause just before, if it was a commitment
    for clause_start, clause_end in clauses(text, start, sentence.end, rules):
        context = ClauseContext(sentence.start, actor_in(entities, sentence.start, clause_start, text, rules,
                                                         actors.collective, joint_actors=False), item,
                                before.form if before else None, before.target_year if before else None, speaker,
                                sentence.end, before.actor if before else None, pronoun_speaker)
        before = commitment_in_clause(text, clause_start, clause_end, sentence.index, rules, entities, frame, actors,
                                      min_year, context)
        if before:
            found.append(before)
        else:
            untaken.append(((clause_start, clause_end), context))
    return found, untaken


@Language.factory("asean_areas", assigns=["doc._.area_hits"], default_config={"rules_path": None})
class AreaTagger:
    def __init__(self, nlp: Language, name: str, rules_path: str | None):
        self.rules = _rules(rules_path)

    def __call__(self, doc: Doc) -> Doc:
        doc._.area_hits = [area_hits(self.rules.areas, doc.text, s.start, s.end, s.lang)
                           for s in _sentences(doc)]
        return doc


COMPONENTS = ("asean_entities", "asean_meetings", "asean_commitments", "asean_areas")


def make_nlp(rules_path: str | None = None) -> Language:
    """The full pipeline as a spaCy Language (no trained model: rules, gazetteers and underthesea's CRFs)."""
    tokenizer = {"@tokenizers": "asean_env.document_tokenizer.v1", "rules_path": rules_path}
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": tokenizer}})
    for name in COMPONENTS:
        nlp.add_pipe(name, config={"rules_path": rules_path})
    return nlp


def process_document(nlp: Language, document: SourceDocument) -> Doc:
    """Run the pipeline on an ingested document (its text already normalised)."""
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, DocumentTokenizer), "make_nlp() builds the pipeline with a DocumentTokenizer"
    doc = tokenizer.from_document(document)
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc
