"""Described sources as claimants, figures given as "put the toll at", and tolls compared group by group."""
from datetime import date

from ingest.extraction import ActorResult, ClaimResult, Count, FigureResult
from ingest.pipeline import extract_text
from ingest.pipeline.links import link_claims
from tests.ingest.pipeline.lookup import actor_name, claim_saying

BASE_ATTACK = (
    "Soldiers killed in attack on base\n\n"
    "Militants attacked a government base near the town of Bardera on Friday. "
    "Local sources said five government soldiers were killed, including a commander. "
    "The National Army, in a statement, put the death toll at four soldiers, with two others injured. "
    "Residents told reporters the fighting lasted two hours.\n"
)


def _extract(nlp, text):
    return extract_text(text, published_at=date(2024, 6, 7), nlp=nlp)


def test_a_described_source_that_speaks_is_the_claimant(nlp):
    result = _extract(nlp, BASE_ATTACK)
    assert actor_name(result, claim_saying(result, "five government soldiers").claimant_id) == "local sources"


def test_residents_who_speak_are_a_civilian_actor(nlp):
    result = _extract(nlp, BASE_ATTACK)
    residents = next(a for a in result.actors if a.name == "residents")
    assert residents.kind == "civilians"


def test_a_source_only_mentioned_is_no_actor(nlp):
    result = _extract(nlp, "Shelling hits market\n\nShelling hit a market where residents were shopping on "
                           "Friday, the army said.\n")
    assert "residents" not in [a.name for a in result.actors]


def test_the_modifiers_of_a_source_name_it_whole(nlp):
    result = _extract(nlp, "Strike on house\n\nA strike on a house killed a paramedic, a civil defence official "
                           "told reporters.\n")
    assert "civil defence official" in [a.name for a in result.actors]


def test_the_subject_that_puts_the_toll_at_a_figure_is_its_claimant(nlp):
    result = _extract(nlp, BASE_ATTACK)
    toll = claim_saying(result, "put the death toll at four")
    assert actor_name(result, toll.claimant_id) == "National Army"


def test_the_toll_put_at_a_figure_counts_that_figure(nlp):
    result = _extract(nlp, BASE_ATTACK)
    assert claim_saying(result, "put the death toll at four").fatalities == Count(4, 4)


def test_a_source_and_the_army_giving_different_tolls_of_soldiers_contradict(nlp):
    result = _extract(nlp, BASE_ATTACK)
    local, army = claim_saying(result, "five government soldiers"), claim_saying(result, "put the death toll at four")
    assert any(link.relation == "contradicts" and {link.a, link.b} == {local.id, army.id}
               for link in result.claim_links)


def test_unnamed_militants_killed_in_a_group_attack_are_that_group_s_dead(nlp):
    result = _extract(nlp, "Attack on base\n\nSix government soldiers and 19 militants were killed when "
                           "al-Shabab attacked a military base in Bardera on Friday, officials said.\n")
    claim = claim_saying(result, "19 militants")
    militants = next(f for f in claim.casualty_figures if f.count == Count(19, 19))
    assert actor_name(result, militants.actor_id) in ("al-Shabab", "al-Shabaab")


class _Sides:
    results = [ActorResult(id=k, name=k, kind="state", country_code=c, mentions=[])
               for k, c in [("north", "NA"), ("south", "SA")]]


def _toll(cid, claimant, figures):
    total = Count(sum(f.count.min for f in figures), sum(f.count.max for f in figures))
    return ClaimResult(id=cid, incident_id="i1", claimant_id=claimant, span=(0, 1), text="killed", kind="casualties",
                       fatalities=total, casualty_group="forces", casualty_actor_id=figures[0].actor_id,
                       perpetrator_ids=["south"], casualty_figures=figures)


def test_a_toll_of_two_groups_is_compared_group_by_group_not_by_its_total():
    soldiers = FigureResult(kind="killed", group="forces", actor_id="north", count=Count(6, 6), span=(0, 1))
    fighters = FigureResult(kind="killed", group="forces", actor_id="south", count=Count(19, 19), span=(0, 1))
    claims = [_toll("c1", "north", [soldiers, fighters]), _toll("c2", None, [soldiers])]
    assert link_claims(claims, actors=_Sides()) == []


def test_reports_of_casualties_after_our_strike_are_a_casualtyclaim_saying(nlp):
    result = _extract(nlp, "Statement on strike\n\nWe are aware of reports of civilian casualties following our "
                           "strike on a vehicle in the city today.\n")
    assert [c.kind for c in result.claims] == ["casualties"]


def test_a_strike_under_a_possessive_pronoun_is_an_event(nlp):
    result = _extract(nlp, "Statement\n\nThe command said its strike on the depot was lawful.\n")
    assert any("its strike on the depot" in c.text for c in result.claims)


def test_an_upper_case_dateline_touching_its_dash_is_a_place(nlp):
    result = _extract(nlp, "Jane Example\nYANGON—Ethnic rebels in Myanmar say the government has attacked their "
                           "headquarters, killing nearly two dozen cadets.\n")
    assert "Yangon" in [place.name for place in result.locations]


def test_troops_that_defeated_the_rebels_report_an_attack_by_the_named_state(nlp):
    result = _extract(nlp, "Fighting in the east\n\nChadian armed forces clashed with rebels near the border. "
                           "The government said national army troops defeated the rebel forces.\n")
    claim = claim_saying(result, "defeated the rebel forces")
    assert (claim.kind, [actor_name(result, p) for p in claim.perpetrator_ids]) == ("attack", ["Chad"])


def test_a_purpose_to_defeat_a_group_is_no_attack(nlp):
    result = _extract(nlp, "Statement\n\nWe will continue to lead the coalition to degrade and defeat the group.\n")
    assert result.claims == []


CROSS_BORDER = ("Fighting in the east\n\nChadian officials have accused officials in Khartoum of supporting the "
                "rebels. Sudanese officials say Chad is backing rebel groups that oppose the Khartoum government.\n")


def test_saying_a_state_backs_rebel_groups_is_an_accusation_against_it(nlp):
    result = _extract(nlp, CROSS_BORDER)
    claim = claim_saying(result, "Chad is backing rebel groups")
    assert (claim.kind, [actor_name(result, p) for p in claim.perpetrator_ids]) == ("accusation", ["Chad"])


def test_the_relative_clause_naming_the_backed_groups_stays_in_the_accusation(nlp):
    result = _extract(nlp, CROSS_BORDER)
    assert claim_saying(result, "Chad is backing").text.endswith("that oppose the Khartoum government")


def test_officials_in_a_capital_are_that_state_s_government(nlp):
    result = _extract(nlp, CROSS_BORDER)
    claim = claim_saying(result, "accused officials in Khartoum")
    assert [actor_name(result, p) for p in claim.perpetrator_ids] == ["Government of Sudan"]


def test_states_accusing_each_other_of_backing_rebels_contradict(nlp):
    result = _extract(nlp, CROSS_BORDER)
    assert [link.relation for link in result.claim_links] == ["contradicts"]


def test_gunships_backing_the_army_are_no_accusation(nlp):
    result = _extract(nlp, "Clashes\n\nThe spokesman said helicopter gunships backed the Pakistani forces.\n")
    assert "accusation" not in [c.kind for c in result.claims]


def test_a_number_ending_a_headline_after_killed_is_the_toll(nlp):
    result = _extract(nlp, "Accessibility links\n\nBreaking News\n\nArmy Says Rebels Killed 12\n\nRebels attacked a "
                           "town on Monday, the army says.\n")
    assert claim_saying(result, "Rebels Killed 12").fatalities == Count(12, 12)


def test_a_toll_naming_no_group_agrees_with_the_same_toll_of_civilians():
    plain = ClaimResult(id="c1", incident_id="i1", claimant_id="north", span=(0, 1), text="killed 12",
                        kind="casualties", fatalities=Count(12, 12), casualty_group="unknown")
    civilians = ClaimResult(id="c2", incident_id="i1", claimant_id="south", span=(2, 3), text="12 people died",
                            kind="casualties", fatalities=Count(12, 12), casualty_group="civilians")
    assert [link.relation for link in link_claims([plain, civilians], actors=_Sides())] == ["corroborates"]


def test_fighters_entering_a_town_is_an_attack(nlp):
    result = _extract(nlp, "Fighting\n\nThe fighting began in the early morning hours when rebels entered Adre.\n")
    assert any("rebels entered Adre" in c.text for c in result.claims)


def test_a_device_that_destroyed_a_vehicle_reports_an_attack(nlp):
    result = _extract(nlp, "Convoy hit\n\nThe group said it planted an explosive device that destroyed a military "
                           "vehicle in the village.\n")
    assert any("destroyed a military vehicle" in c.text for c in result.claims)


def test_a_response_sparking_a_gun_battle_reports_the_battle(nlp):
    result = _extract(nlp, "Base attacked\n\nForces at the base responded to the attack, sparking a deadly gun "
                           "battle.\n")
    assert any("gun battle" in c.text for c in result.claims)


def test_the_object_of_an_attack_is_its_target(nlp):
    result = _extract(nlp, "Attack\n\nAzerbaijan's Defense Ministry said Armenian forces shelled its positions.\n")
    claim = claim_saying(result, "shelled its positions")
    assert [actor_name(result, t) for t in claim.target_ids] == ["Azerbaijan Defense Ministry"]  # the speaker's own


def test_an_attack_on_an_organisation_targets_it(nlp):
    result = _extract(nlp, "Attack\n\nThe rebels launched an attack on the British Council building.\n")
    assert [actor_name(result, t) for t in claim_saying(result, "attack on the British Council").target_ids] == [
        "British Council"]


def test_the_side_whose_soldiers_were_killed_is_the_target_of_the_toll(nlp):
    result = _extract(nlp, "Attack\n\nArmenian forces shelled the border, killing two Azerbaijani soldiers.\n")
    assert [actor_name(result, t) for t in claim_saying(result, "killing two Azerbaijani soldiers").target_ids] == [
        "Azerbaijan"]


def test_a_place_attacked_is_no_target(nlp):
    result = _extract(nlp, "Attack\n\nArmenian forces shelled Goris on Tuesday.\n")
    assert claim_saying(result, "shelled Goris").target_ids == []


def test_a_participle_before_its_verb_stays_in_theclaim_saying(nlp):
    result = _extract(nlp, "Ambush\n\nThe commander said that rebel fighters, using grenades and machine guns, "
                           "ambushed a military convoy.\n")
    assert any("rebel fighters, using grenades and machine guns, ambushed" in c.text for c in result.claims)


def test_a_source_noun_after_a_named_force_speaks_for_that_force(nlp):
    result = _extract(nlp, "Ambush\n\nA Somali military commander told reporters that rebel fighters ambushed a "
                           "military convoy.\n")
    assert "commander" not in [a.name for a in result.actors]


def test_a_sentence_opening_on_its_own_day_in_another_district_is_another_incident(nlp):
    result = _extract(nlp, "Clashes in the north\n\nThe army said fighting erupted in South Waziristan overnight "
                           "when militants attacked a checkpoint.\n\nOn Wednesday, troops backed by helicopters "
                           "pounded militant hideouts in North Waziristan.\n")
    checkpoint = claim_saying(result, "attacked a checkpoint")
    hideouts = claim_saying(result, "pounded militant hideouts")
    assert checkpoint.incident_id != hideouts.incident_id


def test_a_town_named_after_the_country_of_the_lede_is_the_same_incident(nlp):
    result = _extract(nlp, "Base attacked\n\nMilitants attacked a military base on Friday in southwestern Somalia."
                           "\n\nFriday's early morning attack in the town of Elbe started with a suicide bombing.\n")
    assert len({c.incident_id for c in result.claims if c.incident_id}) == 1


def test_a_relative_clause_with_a_subject_of_its_own_is_anotherclaim_saying(nlp):
    result = _extract(nlp, "Drone attack\n\nShe was the third Ukrainian fatality in the past week, during which "
                           "time Russian forces have fired more than 100 drones at Kharkiv.\n")
    assert [c.kind for c in result.claims if "fatality" in c.text or "drones" in c.text] == ["casualties", "attack"]


def test_attacks_which_killed_people_stay_oneclaim_saying(nlp):
    result = _extract(nlp, "Strikes\n\nThe army carried out strikes which killed five fighters near the town.\n")
    assert len(result.claims) == 1
