"""The article page: every mention highlighted and escaped, chrome dimmed, ingest status and error shown."""
import pytest
from django.urls import reverse

from incidents.choices import IngestStatus
from tests.factories import ActorMentionFactory, ArticleFactory, ClaimFactory
from tests.scenarios import presstv_seed

pytestmark = pytest.mark.django_db


def article_page(client, article) -> str:
    response = client.get(reverse("incidents:article_detail", args=[article.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_claims_are_highlighted_with_an_anchor_to_reach_them(viewer_client):
    seed = presstv_seed()
    html = article_page(viewer_client, seed.article)
    assert f'<span class="claim-anchor" id="claim-{seed.am_shelling.pk}"></span>' in html
    assert f'data-claims="{seed.am_shelling.pk}"' in html


def test_actor_and_place_mentions_link_to_what_they_resolved_to(viewer_client):
    seed = presstv_seed()
    html = article_page(viewer_client, seed.article)
    goris = seed.places["goris"]
    assert f'<a class="hl hl-location" href="/locations/{goris.pk}/" title="Place: Goris (AM)"' in html
    ministry = seed.actors["am_mod"]
    assert f'<a class="hl hl-actor" href="/actors/{ministry.pk}/"' in html


def test_dates_show_what_they_were_resolved_to(viewer_client):
    seed = presstv_seed()
    html = article_page(viewer_client, seed.article)
    assert 'class="hl hl-date" title="Date: 2022-09-05 – 2022-09-11 (week)"' in html
    assert "“last week” → 2022-09-05 – 2022-09-11 (week)" in html


def test_site_chrome_outside_the_body_is_dimmed(viewer_client):
    seed = presstv_seed()
    html = article_page(viewer_client, seed.article)
    assert '<span class="chrome">News \xa0 / \xa0 More\n\n</span>New clashes' in html
    assert "SHARE THIS ARTICLE\nPress TV News Roku</span>" in html


def test_legend_names_every_colour(viewer_client):
    html = article_page(viewer_client, presstv_seed().article)
    for label in ("Actor</span>", "Place</span>", "Date</span>", "Claim</span>"):
        assert label in html


def test_article_text_is_always_escaped(viewer_client):
    article = ArticleFactory(text='<script>alert("x")</script> The ministry said <b>no</b>.')
    ActorMentionFactory(article=article, start=0, end=8, text="<script>")
    start = article.text.index("The ministry said")
    ClaimFactory(article=article, start=start, end=start + len("The ministry said"))
    html = article_page(viewer_client, article)
    assert "<script>alert" not in html and "<b>no</b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;no&lt;/b&gt;" in html


def test_a_failed_ingest_shows_its_error(viewer_client):
    article = ArticleFactory(status=IngestStatus.FAILED, error="The PDF has no text layer.")
    html = article_page(viewer_client, article)
    assert "Ingest failed:" in html and "The PDF has no text layer." in html


def test_spans_outside_the_text_are_reported_not_dropped_silently(viewer_client):
    article = ArticleFactory(text="Short text.")
    ActorMentionFactory(article=article, start=5, end=40, text="beyond")
    html = article_page(viewer_client, article)
    assert "1 extracted span falls outside the text and is not highlighted." in html


def test_failed_article_without_text_says_no_text_was_read_instead_of_an_empty_box(viewer_client):
    article = ArticleFactory(status=IngestStatus.FAILED, text="", title="binary.txt",
                             error="Could not read binary.txt: the file looks binary (it contains NUL bytes), not text")
    html = article_page(viewer_client, article)
    assert "Ingest failed:" in html and "the file looks binary" in html
    assert "No text was read from this file; the reason is given above." in html
    assert "Click a highlight" not in html
