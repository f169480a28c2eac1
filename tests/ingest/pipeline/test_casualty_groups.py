"""Whose dead: casualty figures by group read from the count phrase's head noun and modifiers, and cumulative
tolls flagged (domain.md, "Counting casualties"), on short invented statements with the real model."""
from datetime import date

from ingest.extraction import Count
from ingest.pipeline import extract_text


def _figures(nlp, text):
    extraction = extract_text(text, published_at=date(2022, 9, 13), nlp=nlp)
    countries = {actor.id: actor.country_code for actor in extraction.actors}  # whose side, by its country
    return extraction, [(f.kind, f.group, countries.get(f.actor_id), f.count.min, f.count.max)
                        for claim in extraction.claims for f in claim.casualty_figures]


def test_a_demonym_names_the_side_whose_servicemen_died(nlp):
    _, figures = _figures(nlp, "Armenia's Defense Ministry said 49 Armenian servicemen were killed in the shelling.")
    assert figures == [("killed", "forces", "AM", 49, 49)]


def test_its_forces_are_the_claimants_own(nlp):
    text = "Azerbaijan's Defense Ministry says a number of its forces have been killed in an exchange of fire."
    _, figures = _figures(nlp, text)
    assert figures == [("killed", "forces", "AZ", 1, None)]


def test_soldiers_and_a_civilian_are_two_figures_and_the_claims_total_is_their_sum(nlp):
    """domain.md: "Two Indian soldiers and one civilian were killed" is two figures."""
    text = ("Azerbaijan's Defense Ministry said Armenian forces shelled positions near Lachin. "
            "It said two Azerbaijani soldiers and one civilian were killed.")
    extraction, figures = _figures(nlp, text)
    assert figures == [("killed", "forces", "AZ", 2, 2), ("killed", "civilians", None, 1, 1)]
    assert [c.fatalities for c in extraction.claims if c.casualty_figures] == [Count(3, 3)]


def test_civilians_are_civilians_and_people_are_not_placed(nlp):
    _, civilians = _figures(nlp, "The ministry said three civilians were killed in the strike.")
    _, people = _figures(nlp, "Officials said 12 people were killed in the strike.")
    assert [f[1] for f in civilians] == ["civilians"]
    assert [f[1] for f in people] == ["unknown"]


def test_unnamed_soldiers_of_a_side_blaming_the_other_are_its_own(nlp):
    text = ("Armenia's Defense Ministry said Azerbaijani forces shelled Armenian positions near Jermuk. "
            "The ministry said two soldiers were killed.")
    _, figures = _figures(nlp, text)
    assert figures == [("killed", "forces", "AM", 2, 2)]


def test_a_toll_since_the_war_began_is_aggregate(nlp):
    """domain.md: aggregate tolls ("since the war began") are claims of their own about a period."""
    extraction, _ = _figures(nlp, "More than 28,000 people have been killed since the war began, the ministry said.")
    assert [(c.fatalities, c.aggregate) for c in extraction.claims] == [(Count(28001, None), True)]


def test_a_toll_so_far_this_year_is_aggregate_but_one_nights_toll_is_not(nlp):
    extraction, _ = _figures(nlp, "The ministry said two soldiers were killed overnight. "
                                  "So far this year 140 soldiers have been killed, it said.")
    assert [c.aggregate for c in extraction.claims if c.fatalities] == [False, True]


def test_an_aggregate_toll_forms_no_incident_of_its_own(nlp):
    extraction, _ = _figures(nlp, "Armenia's Defense Ministry said Azerbaijani forces shelled Armenian positions near "
                                  "Goris on Tuesday. More than 300 Armenian servicemen have been killed since the "
                                  "war began, the ministry said.")
    assert len(extraction.incidents) == 1
    assert {c.incident_id for c in extraction.claims} == {extraction.incidents[0].id}


def test_victims_the_claim_stage_placed_keep_their_group_for_the_link_stage(nlp):
    """A police toll of villagers and a leader's higher toll "among them women and children" count the same
    civilians, so the two are rival counts that contradict."""
    text = ("Gunmen killed eight villagers in Dansadau on Sunday, police said. "
            "A community leader, Musa Sani, said at least 11 people were killed and that many women and children "
            "were among those killed.")
    extraction = extract_text(text, published_at=date(2022, 9, 13), nlp=nlp)
    tolls = [claim for claim in extraction.claims if claim.fatalities]
    assert {claim.casualty_group for claim in tolls} == {"civilians"}
    assert [link.relation for link in extraction.claim_links] == ["contradicts"]
