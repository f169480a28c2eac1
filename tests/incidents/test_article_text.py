"""Cutting an article's text into escaped, highlighted segments, and finding a quote's sentence (no database)."""
from incidents.views.article_text import Mark, highlight, quote_in_sentence, segments


def test_segments_cut_at_every_boundary_and_know_their_claim_and_entity():
    text = "Azerbaijan launched shelling."
    marks = [Mark(0, 28, "claim", "claim", claim_id=7), Mark(0, 10, "actor", "Azerbaijan", href="/actors/1/")]
    parts, skipped = segments(text, marks, [])
    assert [(part.text, part.entity.kind if part.entity else None, part.anchors) for part in parts] == [
        ("Azerbaijan", "actor", [7]), (" launched shelling", None, []), (".", None, []),
    ]
    assert skipped == 0


def test_the_longest_overlapping_mention_wins():
    text = "Azerbaijan's Defense Ministry said"
    marks = [Mark(0, 10, "location", "Azerbaijan"), Mark(0, 29, "actor", "Ministry", href="/actors/2/")]
    parts, _ = segments(text, marks, [])
    assert parts[0].entity.kind == "actor" and parts[0].entity.label == "Ministry"


def test_highlighted_html_escapes_the_text_and_the_labels():
    result = highlight("<b>x</b> & y", [Mark(0, 3, "actor", 'A "quoted" <name>', href="/actors/1/")], [])
    assert str(result.html) == (
        '<a class="hl hl-actor" href="/actors/1/" title="A &quot;quoted&quot; &lt;name&gt;" data-popover="">'
        "&lt;b&gt;</a>x&lt;/b&gt; &amp; y"
    )


def test_text_outside_the_body_spans_is_marked_as_chrome():
    result = highlight("Menu Body Footer", [], [(5, 9)])
    assert str(result.html) == '<span class="chrome">Menu </span>Body<span class="chrome"> Footer</span>'


def test_marks_beyond_the_text_are_counted_as_skipped():
    assert highlight("abc", [Mark(1, 9, "date", "d")], []).skipped == 1


def test_quote_is_shown_in_its_sentence_only():
    text = "First sentence. The ministry said at 5 a.m. (local time) that Azerbaijan fired. Next one."
    start = text.index("Azerbaijan fired")
    sentence = quote_in_sentence(text, start, start + len("Azerbaijan fired"))
    assert (sentence.before, sentence.quote, sentence.after) == (
        "The ministry said at 5 a.m. (local time) that ", "Azerbaijan fired", ".",
    )
