"""Mechanisms for government statements and wire reports, each on a small invented article run end to end."""
from datetime import date

from ingest.extraction import Count
from ingest.pipeline import extract_text
from ingest.pipeline.body import find_body


def _extract(nlp, text, publisher=None):
    return extract_text(text, published_at=date(2024, 6, 7), publisher=publisher, nlp=nlp)


def _actor(result, actor_id):
    return next(a.name for a in result.actors if a.id == actor_id)


def _claim(result, words):
    return next(c for c in result.claims if words in c.text)


def test_titled_speaker_of_a_colon_block_owns_its_quoted_paragraphs(nlp):
    result = _extract(nlp, "Sudan: statement\n\nMinister for Development and Africa Andrew Mitchell said:\n\n"
                           "\"The RSF attacked the town of Nyala.\"\n")
    assert _actor(result, _claim(result, "attacked the town").claimant_id) == "Andrew Mitchell"


def test_quoted_block_speaker_stops_at_the_first_unquoted_paragraph(nlp):
    result = _extract(nlp, "Sudan: statement\n\nMinister Andrew Mitchell said:\n\n\"The RSF attacked Nyala.\"\n\n"
                           "The attack follows weeks of fighting around El Fasher.\n")
    assert _claim(result, "fighting around El Fasher").claimant_id is None


def test_every_sentence_of_a_quotation_goes_to_the_speaker_named_after_it(nlp):
    result = _extract(nlp, "Drone attack on Shebekino\n\n\"Ukrainian drones attacked Shebekino. Two people were "
                           "killed, a man and a woman,\" Governor Vyacheslav Gladkov wrote on Telegram.\n")
    assert _actor(result, _claim(result, "drones attacked").claimant_id) == "Vyacheslav Gladkov"


def test_source_tagged_after_a_headline_dash_speaks_the_headline(nlp):
    result = _extract(nlp, "Drones attack Belgorod Region, two killed - governor\n\n"
                           "Two civilians were killed in Shebekino, regional Governor Vyacheslav Gladkov said.\n")
    assert _actor(result, _claim(result, "two killed").claimant_id) == "Vyacheslav Gladkov"


def test_pronoun_subject_of_a_reported_clause_is_the_speaker_as_perpetrator(nlp):
    result = _extract(nlp, "Border fire\n\nHezbollah said it fired dozens of rockets at positions in northern "
                           "Israel.\n")
    assert _actor(result, _claim(result, "fired dozens").perpetrator_ids[0]) == "Hezbollah"


def test_salvo_of_rockets_launched_is_an_attack(nlp):
    result = _extract(nlp, "Border fire\n\nHezbollah said its fighters had launched a salvo of rockets at a "
                           "base near Kiryat Shmona.\n")
    assert _claim(result, "salvo of rockets").kind == "attack"


def test_weapon_model_name_is_not_a_place(nlp):
    result = _extract(nlp, "Border fire\n\nHezbollah fired Katyusha rockets at a base near Kiryat Shmona.\n")
    assert "Katyusha" not in {loc.name for loc in result.locations}


def test_intercepted_drones_are_an_attack_claim(nlp):
    result = _extract(nlp, "Drones downed\n\nThe Russian Defence Ministry said air defence systems had "
                           "intercepted 18 drones over the Belgorod Region.\n")
    assert _claim(result, "intercepted 18 drones").kind == "attack"


def test_no_reports_of_injuries_counts_zero_injured(nlp):
    result = _extract(nlp, "Rockets fired\n\nHezbollah fired rockets at Kiryat Shmona. There were no reports of "
                           "injuries.\n")
    assert _claim(result, "no reports of injuries").injured == Count(0, 0)


def test_people_reported_killed_are_counted(nlp):
    result = _extract(nlp, "Attack in Gezira\n\nThe UK condemns the attack on a village in Gezira State, in which "
                           "more than 100 people were reported killed.\n")
    assert any(c.fatalities == Count(101, None) for c in result.claims)


def test_counter_attack_in_retaliation_is_an_incident_of_its_own(nlp):
    result = _extract(nlp, "Strikes in Lebanon\n\nAn Israeli drone struck a car in Bint Jbeil on Tuesday, killing "
                           "two men. Hezbollah said it fired rockets at Kiryat Shmona in retaliation.\n")
    strike, rockets = _claim(result, "drone struck"), _claim(result, "fired rockets")
    assert strike.incident_id != rockets.incident_id


def test_toll_since_then_joins_the_story_told_before(nlp):
    result = _extract(nlp, "Border war\n\nHezbollah and Israel have exchanged fire across the border since "
                           "October 8. More than 400 people have been killed in Lebanon since then.\n")
    assert _claim(result, "exchanged fire").incident_id == _claim(result, "400 people").incident_id


def test_tolls_for_different_places_do_not_contradict(nlp):
    result = _extract(nlp, "Strikes in Lebanon\n\nIsraeli strikes on southern Lebanon killed three people, the NNA "
                           "said. A strike in Naqoura killed one person, a civil defence official told reporters.\n")
    assert not any(link.relation == "contradicts" for link in result.claim_links)


def test_name_after_north_of_is_a_place(nlp):
    result = _extract(nlp, "Strikes in Syria\n\nU.S. forces struck ISIS camps in central Syria. The strikes "
                           "targeted hideouts north of Palmyra.\n")
    assert "Tadmur" in {loc.name for loc in result.locations}


def test_arabic_name_particles_keep_a_place_whole(nlp):
    result = _extract(nlp, "Raid in Syria\n\nU.S. forces conducted a raid near Deir ez-Zor in Syria.\n")
    assert "Deir ez-Zor" in {loc.name for loc in result.locations}


def test_name_the_article_calls_a_village_is_not_a_person(nlp):
    result = _extract(nlp, "Attack in Sudan\n\nThe RSF attacked the village of Wad al-Noura. Fighters stormed "
                           "Wad al-Noura at dawn, Minister Andrew Mitchell said.\n")
    assert "Wad al-Noura" not in {a.name for a in result.actors}


def test_release_number_date_stamp_and_from_lines_are_chrome():
    body = find_body("Strikes in Syria\n\nRelease Number 20241012-01\n\nPublished On 21 May 2024\n\n"
                     "From: Foreign, Commonwealth & Development Office\n\nshare2\n\nU.S. forces struck camps.\n")
    assert len(body.body_spans) == 1


def test_done_act_beside_an_intended_one_is_not_hypothetical(nlp):
    result = _extract(nlp, "Strikes in Syria\n\nThe strikes targeted hideouts near Palmyra in Syria and will "
                           "disrupt the ability of ISIS to conduct attacks.\n")
    assert not _claim(result, "targeted hideouts").hypothetical


def test_deadly_operation_with_detentions_is_not_typed_as_arrests(nlp):
    result = _extract(nlp, "Operations in Syria\n\nU.S. forces conducted operations in Syria on Monday, killing 4 "
                           "operatives and detaining 16 others.\n")
    assert {i.event_type for i in result.incidents} != {"strategic_developments"}
