"""Title Case headlines read as sentences: "Pakistan Army Kills Insurgents in Tribal Region".

The statistical tagger and parser learned from running text; a headline with every word capitalised reads
to them as one long proper name, so its verb is lost ("Kills" a noun) and no claim comes out of it. Before
parsing, such a headline is rewritten in sentence case: dictionary words lose their capital unless the
actor lexicon names something with them ("Army" in "Pakistan Army", "African Union"), names keep theirs.
The rewrite changes only letter case, so every character offset stays valid and the stages still cut
their spans and texts from the article as given (the doc's cached text is the original).
"""
from __future__ import annotations

from ingest.pipeline.body import find_body
from ingest.pipeline.nlp import is_english_word, phrase_matcher

TITLE_CASE_SHARE = 0.8
MIN_TITLE_WORDS = 3


def is_title_cased(tokens) -> bool:
    """Whether most longer words of a line are capitalised, as in a Title Case headline."""
    words = [t for t in tokens if t.is_alpha and len(t) > 3]
    return len(words) >= MIN_TITLE_WORDS and sum(t.is_title or t.is_upper for t in words) >= (
        TITLE_CASE_SHARE * len(words))


def sentence_cased(text: str, nlp, body=None) -> str:
    """The text with its Title Case headline in sentence case (same length); other text unchanged. `body` is
    the text's `find_body`, when the caller has it already."""
    from ingest.pipeline.actors import actor_phrases

    span = (body or find_body(text)).title_span
    if span is None:
        return text
    start, end = span
    title = text[start:end]
    tokens = nlp.tokenizer(title)
    if not is_title_cased(tokens):
        return text
    named = {i for _, s, e in phrase_matcher(nlp.vocab, "actors", actor_phrases)(tokens) for i in range(s, e)}
    chars = list(title)
    for tok in tokens[1:]:
        if tok.i in named or not tok.is_title or not is_english_word(tok.text):
            continue
        lowered = tok.text.lower()
        if len(lowered) == len(tok.text):
            chars[tok.idx:tok.idx + len(tok.text)] = lowered
    return text[:start] + "".join(chars) + text[end:]
