"""Writing hand-built extractions into the knowledge base: entity resolution, incident joins, roll-ups, re-runs.

No spaCy here: each test builds the `ArticleExtraction` the pipeline would give.
"""
from datetime import date

import pytest

from incidents.choices import IngestStatus, LinkRelation, Origin
from incidents.models import Actor, Claim, ClaimLink, Deletion, Incident, Location
from incidents.services import claim_link_create, claim_update, incident_merge, incident_update
from ingest.persist import ExtractionError, extraction_persist
from tests.factories import ArticleFactory
from tests.ingest.builders import GORIS, JABLA, LACHIN, actor, claim, extraction, incident, place

pytestmark = pytest.mark.django_db

DAY = date(2022, 9, 13)
ARMENIAN = ("The Armenian Defense Ministry said Azerbaijan shelled Armenian positions near Goris overnight, "
            "killing 2 soldiers.")
AZERBAIJANI = ("Azerbaijan's Defense Ministry said Armenia shelled Azerbaijani positions near Lachin overnight. "
               "At least 3 servicemen were killed.")


def armenian_extraction(text=ARMENIAN, *, goris=GORIS, day=DAY):
    return extraction(
        actors=[
            actor(text, "mod", "Armenian Defense Ministry", kind="government_body", country_code="AM",
                  parent_id="am"),
            actor(text, "am", "Armenia", "Armenian", country_code="AM"),
            actor(text, "az", "Azerbaijan", country_code="AZ"),
        ],
        locations=[place(text, "goris", "Goris", **goris)],
        incidents=[incident("i1", day=day, actor_ids=["am", "az"], location_ids=["goris"])],
        claims=[claim(text, "c1", text, incident_id="i1", claimant_id="mod", perpetrators=["az"], targets=["am"],
                      fatalities=(2, 2))],
    )


def azerbaijani_extraction(text=AZERBAIJANI, *, lachin=LACHIN, day=DAY):
    return extraction(
        actors=[
            actor(text, "mod", "Azerbaijani Defense Ministry", "Azerbaijan's Defense Ministry",
                  kind="government_body", country_code="AZ", parent_id="az"),
            actor(text, "az", "Azerbaijan", "Azerbaijan", "Azerbaijani", country_code="AZ"),
            actor(text, "am", "Armenia", country_code="AM"),
        ],
        locations=[place(text, "lachin", "Lachin", **lachin)],
        incidents=[incident("i1", day=day, actor_ids=["am", "az"], location_ids=["lachin"])],
        claims=[
            claim(text, "c1", "Armenia shelled Azerbaijani positions near Lachin overnight", incident_id="i1",
                  claimant_id="mod", kind="accusation", perpetrators=["am"], targets=["az"]),
            claim(text, "c2", "At least 3 servicemen were killed.", incident_id="i1", claimant_id="mod",
                  kind="casualties", fatalities=(3, None)),
        ],
        links=[],
    )


def persisted(text, built):
    article = ArticleFactory(text=text)
    extraction_persist(article=article, extraction=built)
    article.refresh_from_db()
    return article


def test_extraction_is_written_with_spans_quoting_the_text_and_article_marked_done():
    article = persisted(ARMENIAN, armenian_extraction())

    claim_row = article.claims.get()
    assert claim_row.quote == ARMENIAN
    assert claim_row.claimant.name == "Armenian Defense Ministry"
    assert [a.name for a in claim_row.perpetrators.all()] == ["Azerbaijan"]
    assert (claim_row.fatalities_min, claim_row.fatalities_max) == (2, 2)
    assert sorted(m.text for m in article.actor_mentions.all()) == ["Armenian", "Armenian Defense Ministry",
                                                                     "Azerbaijan"]
    assert article.status == IngestStatus.DONE and article.extraction["schema_version"] == 1


def test_ministry_gets_its_state_as_parent():
    persisted(ARMENIAN, armenian_extraction())

    assert Actor.objects.get(name="Armenian Defense Ministry").parent.name == "Armenia"


def test_actor_named_differently_in_another_article_is_one_actor_with_the_new_alias():
    persisted(ARMENIAN, armenian_extraction())
    text = "Official Baku blamed YEREVAN for the shelling."
    persisted(text, extraction(actors=[actor(text, "am", "armenia", "YEREVAN", country_code="AM")]))

    armenia = Actor.objects.get(name="Armenia")
    assert Actor.objects.filter(name__iexact="armenia").count() == 1
    assert "YEREVAN" in armenia.aliases


def test_actor_of_another_country_with_the_same_alias_stays_apart():
    persisted(ARMENIAN, armenian_extraction())
    text = "The Defense Ministry of Azerbaijan spoke."
    persisted(text, extraction(actors=[actor(text, "m", "Defense Ministry", kind="government_body",
                                             country_code="AZ", aliases=["Armenian Defense Ministry"])]))

    assert Actor.objects.get(name="Armenian Defense Ministry").country_code == "AM"
    assert Actor.objects.get(name="Defense Ministry").country_code == "AZ"


def test_place_is_matched_by_gazetteer_id_across_articles():
    persisted(ARMENIAN, armenian_extraction())
    text = "Shells fell on GORIS again."
    persisted(text, extraction(locations=[place(text, "g", "GORIS", **GORIS)]))

    assert Location.objects.filter(gazetteer_id=GORIS["gazetteer_id"]).count() == 1
    assert Location.objects.get().mentions.count() == 2


def test_place_without_gazetteer_id_is_matched_by_name_and_country():
    region = {"name": "Syunik", "country_code": "AM"}
    first, second = "Fighting in Syunik.", "Calm returned to syunik."
    persisted(first, extraction(locations=[place(first, "s", "Syunik", precision="region", **region)]))
    persisted(second, extraction(locations=[place(second, "s", "syunik", precision="region", **region)]))

    assert Location.objects.filter(name__iexact="syunik").count() == 1


def test_other_sides_account_of_the_same_night_joins_the_incident_and_says_why():
    persisted(ARMENIAN, armenian_extraction())
    persisted(AZERBAIJANI, azerbaijani_extraction())

    incident_row = Incident.objects.get()
    assert incident_row.claims.count() == 3
    assert "Lachin is 23 km from Goris" in incident_row.grouping_reason
    assert "shared: Armenia, Azerbaijan" in incident_row.grouping_reason
    assert "joined incident" in Claim.objects.get(kind="casualties").grouping_reason


def test_account_of_a_place_far_away_becomes_its_own_incident():
    persisted(ARMENIAN, armenian_extraction())
    persisted(AZERBAIJANI, azerbaijani_extraction(lachin={**LACHIN, **{k: JABLA[k] for k in ("lat", "lon")}}))

    assert Incident.objects.count() == 2
    assert "no incident of another article matched" in Incident.objects.latest("id").grouping_reason


def test_account_two_days_apart_becomes_its_own_incident():
    persisted(ARMENIAN, armenian_extraction())
    persisted(AZERBAIJANI, azerbaijani_extraction(day=date(2022, 9, 15)))

    assert Incident.objects.count() == 2


def test_account_a_day_earlier_joins_because_a_local_night_can_be_the_day_before_in_gmt():
    persisted(ARMENIAN, armenian_extraction())
    persisted(AZERBAIJANI, azerbaijani_extraction(day=date(2022, 9, 12)))

    assert Incident.objects.count() == 1


def test_account_naming_only_the_region_joins_by_shared_admin1():
    persisted(ARMENIAN, armenian_extraction(goris={**GORIS}))
    Location.objects.filter(name="Goris").update(admin1="Syunik")
    text = "Azerbaijan shelled Armenia in Syunik province."
    built = extraction(
        actors=[actor(text, "az", "Azerbaijan", country_code="AZ"), actor(text, "am", "Armenia", country_code="AM")],
        locations=[place(text, "s", "Syunik", precision="region", admin1="Syunik", name="Syunik", country_code="AM")],
        incidents=[incident("i", day=DAY, actor_ids=["az", "am"], location_ids=["s"])],
        claims=[claim(text, "c", text, incident_id="i", claimant_id=None, perpetrators=["az"])],
    )
    persisted(text, built)

    assert Incident.objects.count() == 1
    assert "both in Syunik, only a region known" in Incident.objects.get().grouping_reason


def test_casualties_roll_up_to_low_best_high_with_the_rule_written_down():
    """domain.md "Counting casualties", within one group: figures of people the texts do not place (2, and
    "at least 3") are rival estimates: low 2, best the exact 2, high open."""
    persisted(ARMENIAN, armenian_extraction())
    persisted(AZERBAIJANI, azerbaijani_extraction())

    incident_row = Incident.objects.get()
    assert (incident_row.fatalities_low, incident_row.fatalities_best, incident_row.fatalities_high) == (2, 2, None)
    derivation = incident_row.fatalities_derivation
    assert derivation.startswith("Unknown (not placed by the text): low 2, best 2, high unknown")
    assert [group["label"] for group in incident_row.fatalities_by_group] == ["Unknown (not placed by the text)"]


def test_roll_up_leaves_figures_an_analyst_set(analyst):
    persisted(ARMENIAN, armenian_extraction())
    incident_row = Incident.objects.get()
    incident_update(incident=incident_row, version=incident_row.version, user=analyst,
                    data={"fatalities_low": 40, "fatalities_best": 49, "fatalities_high": 49})
    persisted(AZERBAIJANI, azerbaijani_extraction())

    incident_row.refresh_from_db()
    assert (incident_row.fatalities_low, incident_row.fatalities_best, incident_row.fatalities_high) == (40, 49, 49)


def test_links_within_the_article_are_written_in_id_order_with_their_reason():
    text = AZERBAIJANI
    built = azerbaijani_extraction()
    built = extraction(actors=built.actors, locations=built.locations, incidents=built.incidents,
                       claims=built.claims, links=[("c2", "c1", "corroborates", "same side, same night")])
    article = persisted(text, built)

    link = ClaimLink.objects.get()
    assert link.claim_a_id < link.claim_b_id
    assert (link.relation, link.reason, link.origin) == ("corroborates", "same side, same night", Origin.EXTRACTED)
    assert {link.claim_a.article_id, link.claim_b.article_id} == {article.pk}


def test_search_vector_holds_the_claim_quotes_after_writing():
    persisted(ARMENIAN, armenian_extraction())

    assert Incident.objects.filter(search_vector="soldiers").exists()


def test_extraction_with_a_span_outside_the_text_is_refused_and_writes_nothing():
    article = ArticleFactory(text="Short.")
    with pytest.raises(ExtractionError, match="outside the article"):
        extraction_persist(article=article, extraction=armenian_extraction())

    assert not Actor.objects.exists()


def test_reextraction_replaces_untouched_rows_without_duplicating_them():
    article = persisted(ARMENIAN, armenian_extraction())
    first_incident = Incident.objects.get()
    extraction_persist(article=article, extraction=armenian_extraction())

    assert article.claims.count() == 1
    assert article.actor_mentions.count() == 3
    assert list(Incident.objects.all()) == [first_incident]


def test_reextraction_keeps_a_claim_an_analyst_edited(analyst):
    article = persisted(ARMENIAN, armenian_extraction())
    edited = article.claims.get()
    claim_update(claim=edited, version=edited.version, user=analyst, data={"fatalities_min": 1, "fatalities_max": 5})
    extraction_persist(article=article, extraction=armenian_extraction())

    kept = article.claims.get()
    assert kept.pk == edited.pk and (kept.fatalities_min, kept.fatalities_max) == (1, 5)


def test_reextraction_keeps_an_analysts_claim_and_link(analyst):
    article = persisted(AZERBAIJANI, azerbaijani_extraction())
    extracted = article.claims.get(kind="accusation")
    own = Claim.objects.create(article=article, incident=extracted.incident, kind="statement", start=0, end=10,
                               quote=AZERBAIJANI[:10], origin=Origin.ANALYST)
    claim_link_create(claim_a=extracted, claim_b=article.claims.get(kind="casualties"),
                      relation=LinkRelation.CORROBORATES, reason="analyst", user=analyst)
    extraction_persist(article=article, extraction=azerbaijani_extraction())

    assert Claim.objects.filter(pk=own.pk).exists()
    assert ClaimLink.objects.get().reason == "analyst"
    assert article.claims.count() == 3


def test_reextraction_keeps_an_incident_an_analyst_merged(analyst):
    article = persisted(ARMENIAN, armenian_extraction())
    other = persisted(AZERBAIJANI, azerbaijani_extraction(day=date(2022, 9, 20)))
    target, source = article.claims.get().incident, other.claims.first().incident
    incident_merge(target=target, sources=[source], user=analyst)
    extraction_persist(article=article, extraction=armenian_extraction(day=date(2022, 10, 1)))

    assert Incident.objects.filter(pk=target.pk).exists()
    assert not Deletion.objects.filter(kind="incident", object_id=target.pk).exists()


def test_reextraction_removes_an_incident_left_without_claims_and_leaves_a_tombstone():
    article = persisted(ARMENIAN, armenian_extraction())
    old = Incident.objects.get()
    extraction_persist(article=article, extraction=armenian_extraction(day=date(2022, 10, 1)))

    assert not Incident.objects.filter(pk=old.pk).exists()
    assert Deletion.objects.filter(kind="incident", object_id=old.pk).exists()
    assert Deletion.objects.filter(kind="claim").count() == 1



def test_the_other_sides_counter_accusation_is_linked_as_contradicting_with_the_reason():
    persisted(ARMENIAN, armenian_extraction())
    persisted(AZERBAIJANI, azerbaijani_extraction())

    link = ClaimLink.objects.get(claim_b__kind="accusation")
    assert link.relation == LinkRelation.CONTRADICTS
    assert link.reason.startswith("Across articles")
    assert ("Armenian Defense Ministry blames Azerbaijan, while Azerbaijani Defense Ministry blames Armenia"
            in link.reason)
    assert link.claim_a.kind == "attack"


def test_new_incident_is_titled_with_what_near_which_town_and_the_day():
    article = persisted(ARMENIAN, armenian_extraction())

    assert article.claims.get().incident.title == "Shelling/artillery/missile attack near Goris, 13 Sep 2022"


def test_incident_known_only_to_the_month_in_a_contested_region_is_titled_in_it_under_both_names_and_month():
    text = "Azerbaijan said in August that it had lost a soldier in Nagorno-Karabakh."
    built = extraction(
        actors=[actor(text, "az", "Azerbaijan", country_code="AZ")],
        locations=[place(text, "nk", "Nagorno-Karabakh", precision="region", country_code="AZ")],
        incidents=[incident("i1", day=date(2022, 8, 1), actor_ids=["az"], location_ids=["nk"],
                            event_type="battles", precision="month")],
        claims=[claim(text, "c1", "it had lost a soldier", incident_id="i1", claimant_id="az", kind="casualties",
                      fatalities=(1, 1))],
    )

    article = persisted(text, built)

    # the stored incident keeps only a sub-event type of its own event type (battles); the place under both names
    assert article.claims.get().incident.title == "Battles in Nagorno-Karabakh/Artsakh, August 2022"
