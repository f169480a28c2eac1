"""Title Case headlines parsed in sentence case (ingest/pipeline/headline_case.py)."""
from datetime import date

from ingest.pipeline import extract_text
from ingest.pipeline.headline_case import sentence_cased

ARTICLE = ("Army Kills Insurgents in Tribal Region\n\n"
           "The army says it has killed up to 30 insurgents in a battle in a tribal region.\n")


def test_dictionary_words_of_a_title_case_headline_lose_their_capitals(nlp):
    assert sentence_cased(ARTICLE, nlp).splitlines()[0] == "Army kills insurgents in tribal region"


def test_names_the_actor_lexicon_knows_keep_their_capitals(nlp):
    text = "Al-Shabab Attacks African Union Base in Somalia\n\nAl-Shabab militants attacked a base on Friday.\n"
    assert sentence_cased(text, nlp).splitlines()[0] == "Al-Shabab attacks African Union base in Somalia"


def test_a_sentence_case_headline_is_left_as_it_is(nlp):
    text = "Rebels seize airport in northern town\n\nRebels seized the airport on Monday, officials said.\n"
    assert sentence_cased(text, nlp) == text


def test_a_title_case_headline_gives_its_claim(nlp):
    result = extract_text(ARTICLE, published_at=date(2024, 6, 7), nlp=nlp)
    assert any(c.text == "Army Kills Insurgents in Tribal Region" and c.kind == "casualties" for c in result.claims)


def test_texts_and_title_keep_the_article_s_own_capitals(nlp):
    result = extract_text(ARTICLE, nlp=nlp)
    assert result.article.title == "Army Kills Insurgents in Tribal Region"

