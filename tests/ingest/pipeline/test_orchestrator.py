"""The pipeline entry points (ingest/pipeline/__init__.py)."""
from datetime import date

from ingest.pipeline import PIPELINE_VERSION, extract_text, extract_texts

TEXT = ("Clashes on the border\n\nArmenian forces shelled positions near Dashkesan, "
        "Azerbaijan's Defense Ministry said on Tuesday.\n\nSHARE THIS ARTICLE\n")


def test_extract_text_reports_title_actors_and_places(nlp):
    result = extract_text(TEXT, published_at=date(2022, 9, 13), publisher="Press TV", nlp=nlp)
    assert result.article.title == "Clashes on the border"
    assert {"Armenia", "Azerbaijan Defense Ministry"} <= {a.name for a in result.actors}
    assert "AZ" in {p.country_code for p in result.locations}


def test_extract_text_records_the_version_and_publication(nlp):
    result = extract_text(TEXT, published_at=date(2022, 9, 13), publisher="Press TV", nlp=nlp)
    assert (result.pipeline_version, result.article.published_at, result.article.publisher) == (
        PIPELINE_VERSION, "2022-09-13", "Press TV")


def test_batch_gives_the_same_result_as_one_by_one(nlp):
    meta = {"published_at": date(2022, 9, 13), "publisher": "Press TV"}
    batch = list(extract_texts([(TEXT, meta), (TEXT.upper(), meta)], nlp=nlp))
    assert batch[0] == extract_text(TEXT, nlp=nlp, **meta)
    assert batch[1] == extract_text(TEXT.upper(), nlp=nlp, **meta)


def test_json_form_follows_the_schema_keys(nlp):
    data = extract_text(TEXT, nlp=nlp).to_json()
    assert {"schema_version", "article", "actors", "locations", "incidents", "claims", "claim_links"} <= set(data)
