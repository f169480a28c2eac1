"""Contradiction and corroboration links between claims of one incident, without the model."""
from ingest.extraction import ActorResult, ClaimResult, Count
from ingest.pipeline.links import link_claims


class Actors:
    results = [ActorResult(id=k, name=k.title(), kind="state", country_code=c, mentions=[], parent_id=p)
               for k, c, p in [("north", "NA", None), ("south", "SA", None), ("north-mod", "NA", "north"),
                               ("south-mod", "SA", "south"), ("un", None, None)]]


def _claim(cid, claimant, kind="attack", perps=(), incident="i1", text="x", **extra):
    return ClaimResult(id=cid, incident_id=incident, claimant_id=claimant, span=(0, 1), text=text, kind=kind,
                       perpetrator_ids=list(perps), **extra)


def test_sides_blaming_each_other_contradict():
    (link,) = link_claims([_claim("c1", "north-mod", perps=["south"]), _claim("c2", "south-mod", perps=["north"])],
                          actors=Actors())
    assert link.relation == "contradicts" and "blames" in link.reason


def test_independent_claimants_naming_the_author_corroborate():
    (link,) = link_claims([_claim("c1", "un"), _claim("c2", "north", kind="accusation", perps=["south"])],
                          actors=Actors())
    assert link.relation == "corroborates" and link.reason


def test_claims_by_the_same_claimant_are_not_linked():
    assert link_claims([_claim("c1", "north", perps=["south"]), _claim("c2", "north", perps=["south"])],
                       actors=Actors()) == []


def test_claims_of_different_incidents_are_not_linked():
    claims = [_claim("c1", "north-mod", perps=["south"]), _claim("c2", "south-mod", perps=["north"], incident="i2")]
    assert link_claims(claims, actors=Actors()) == []


def test_own_losses_of_two_parties_do_not_contradict():
    claims = [_claim("c1", "north", kind="casualties", fatalities=Count(1, 1)),
              _claim("c2", "south", kind="casualties", fatalities=Count(2, 2))]
    assert link_claims(claims, actors=Actors()) == []


def test_denial_of_what_another_asserts_contradicts():
    claims = [_claim("c1", "north", perps=["south"]),
              _claim("c2", "south", kind="denial", perps=["south"], negated=True)]
    assert link_claims(claims, actors=Actors())[0].relation == "contradicts"


def test_blaming_the_other_speaker_is_no_corroboration_of_its_own_claim():
    claims = [_claim("c1", "north", perps=["south"]), _claim("c2", "south")]
    assert link_claims(claims, actors=Actors()) == []


def test_admission_of_responsibility_corroborates_the_report():
    claims = [_claim("c1", "un"), _claim("c2", "south", kind="statement", perps=["south"])]
    assert link_claims(claims, actors=Actors())[0].relation == "corroborates"


def test_denial_contradicts_a_toll_blamed_on_the_denier():
    claims = [_claim("c1", "north", kind="casualties", perps=["south"], fatalities=Count(4, 4)),
              _claim("c2", "south-mod", kind="denial", perps=["south"], negated=True)]
    (link,) = link_claims(claims, actors=Actors())
    assert link.relation == "contradicts" and "denies" in link.reason


def test_a_denier_does_not_corroborate_the_account_it_disputes():
    claims = [_claim("c1", "north", perps=["south"]),
              _claim("c2", "south-mod", kind="denial", perps=["south"], negated=True),
              _claim("c3", "south-mod", perps=["south"])]
    assert [link.relation for link in link_claims(claims, actors=Actors())] == ["contradicts"]


def test_a_side_reporting_its_own_strike_corroborates_the_other_sides_report():
    (link,) = link_claims([_claim("c1", "north", perps=["south"]), _claim("c2", "south", perps=["south"])],
                          actors=Actors())
    assert link.relation == "corroborates"


def test_incompatible_tolls_contradict_when_only_one_names_the_author():
    claims = [_claim("c1", "north-mod", kind="casualties", perps=["south"], fatalities=Count(8, 8),
                     casualty_group="civilians"),
              _claim("c2", "un", kind="casualties", fatalities=Count(11, None), casualty_group="civilians")]
    (link,) = link_claims(claims, actors=Actors())
    assert link.relation == "contradicts" and "8..8" in link.reason


def test_the_articles_own_voice_corroborates_nothing():
    assert link_claims([_claim("c1", None, perps=["south"]), _claim("c2", "north", perps=["south"])],
                       actors=Actors()) == []


def test_two_speakers_of_one_side_do_not_corroborate_each_other():
    assert link_claims([_claim("c1", "north-mod", perps=["south"]), _claim("c2", "north", perps=["south"])],
                       actors=Actors()) == []


def test_tolls_of_different_troops_are_not_compared():
    claims = [_claim("c1", "north-mod", kind="casualties", perps=["north"], fatalities=Count(24, None),
                     casualty_group="forces", text="killing dozens of rebels"),
              _claim("c2", "un", kind="casualties", fatalities=Count(1, 1), casualty_group="forces",
                     text="one soldier was killed")]
    assert link_claims(claims, actors=Actors()) == []


def test_admission_corroborates_the_articles_own_report():
    claims = [_claim("c1", None), _claim("c2", "south", kind="statement", perps=["south"])]
    assert link_claims(claims, actors=Actors())[0].relation == "corroborates"


def test_denial_naming_no_author_contradicts_the_other_sides_toll():
    claims = [_claim("c1", "north", kind="casualties", fatalities=Count(5, 5)),
              _claim("c2", "south", kind="denial", negated=True)]
    (link,) = link_claims(claims, actors=Actors())
    assert link.relation == "contradicts" and "denies" in link.reason


def test_denial_naming_no_author_leaves_an_unattributed_attack_alone():
    claims = [_claim("c1", "north", kind="attack"), _claim("c2", "south", kind="denial", negated=True)]
    assert link_claims(claims, actors=Actors()) == []


def test_repelled_assault_contradicts_the_attackers_claimed_gain():
    claims = [_claim("c1", "north-mod", perps=["north"], text="its troops had repelled an assault"),
              _claim("c2", "south-mod", perps=["south"], text="its fighters had seized several hills")]
    (link,) = link_claims(claims, actors=Actors())
    assert link.relation == "contradicts"


def test_adversaries_do_not_corroborate_an_unattributed_report():
    claims = [_claim("c1", "north", perps=["north"]), _claim("c2", "north", kind="accusation", perps=["south"]),
              _claim("c3", "south", kind="attack")]
    assert [link for link in link_claims(claims, actors=Actors()) if {link.a, link.b} == {"c1", "c3"}] == []


def test_similar_tolls_from_independent_sources_corroborate():
    claims = [_claim("c1", "north", kind="casualties", fatalities=Count(11, None), casualty_group="civilians"),
              _claim("c2", "un", kind="casualties", fatalities=Count(12, 12), casualty_group="civilians")]
    (link,) = link_claims(claims, actors=Actors())
    assert link.relation == "corroborates" and "agree" in link.reason


def test_a_total_and_a_part_in_one_town_do_not_contradict():
    claims = [_claim("c1", "north", kind="casualties", fatalities=Count(18, 18), casualty_group="civilians",
                     location_ids=["province"]),
              _claim("c2", "un", kind="casualties", fatalities=Count(9, 9), casualty_group="civilians",
                     location_ids=["town"])]
    assert link_claims(claims, actors=Actors()) == []


def test_denial_leaves_the_outlets_own_toll_alone():
    claims = [_claim("c1", None, kind="casualties", fatalities=Count(5, 5)),
              _claim("c2", "south", kind="denial", negated=True)]
    assert link_claims(claims, actors=Actors()) == []


def test_denial_leaves_claims_blaming_a_third_party_alone():
    claims = [_claim("c1", "north", kind="attack", perps=["un"]), _claim("c2", "south", kind="denial", negated=True)]
    assert link_claims(claims, actors=Actors()) == []


def test_denial_does_not_contradict_its_own_sides_report():
    claims = [_claim("c1", "south", kind="attack", perps=["south"]),
              _claim("c2", "south-mod", kind="denial", perps=["south"], negated=True)]
    assert link_claims(claims, actors=Actors()) == []
