"""Attribution on real-text shapes: speakers named by title or apposition, quoted by an agency, "the statement",
quotations over several paragraphs, denials without "deny", restriction, "alleged" and agent phrases."""
from ingest.pipeline.claims import find_claims
from tests.ingest.pipeline.stand_ins import parsed

ACTORS = {"north": ("Northland", "NA"), "south": ("Southland", "SA"), "vale": ("Tom Vale", "NA"),
          "ministry": ("Northland Defence Ministry", "NA"), "press": ("Nordpress", "NA")}
PLACES = {"ashford": ("Ashford", "NA")}


def _claims(nlp, text):
    doc, body, actors, places = parsed(nlp, "Border news\n\nFighting flared again on Monday.\n\n" + text,
                                       ACTORS, PLACES)
    return find_claims(doc, body=body, actors=actors, places=places)


def _only(claims, words):
    (claim,) = [c for c in claims if words in c.text]
    return claim


def test_titled_speaker_telling_a_briefing_is_the_claimant(nlp):
    claim = _only(_claims(nlp, "Spokesman Tom Vale told a briefing that Southland troops shelled Ashford."), "shelled")
    assert claim.claimant_id == "vale"


def test_speaker_in_apposition_is_the_claimant(nlp):
    claim = _only(_claims(nlp, "The head of the border service, General Tom Vale, said that Southland troops "
                               "had shelled Ashford."), "shelled")
    assert claim.claimant_id == "vale"


def test_agency_quoting_a_speaker_gives_the_quoted_speaker(nlp):
    claim = _only(_claims(nlp, "The agency Nordpress quoted Tom Vale as saying that Southland drones had struck "
                               "a school in Ashford."), "struck")
    assert claim.claimant_id == "vale"


def test_according_to_the_statement_is_its_issuer(nlp):
    claims = _claims(nlp, "The Northland Defence Ministry issued a statement on Tuesday. According to the "
                          "statement, Southland drones struck a school in Ashford.")
    assert _only(claims, "struck").claimant_id == "ministry"


def test_later_paragraph_of_a_running_quotation_keeps_its_speaker(nlp):
    claims = _claims(nlp, '"Southland troops shelled Ashford overnight," said Tom Vale. "They used heavy guns.\n\n'
                          '"Two soldiers were killed in the shelling."')
    assert _only(claims, "Two soldiers").claimant_id == "vale"


def test_disputing_the_claims_is_a_denial(nlp):
    claim = _only(_claims(nlp, "Southland disputed these claims."), "disputed")
    assert claim.kind == "denial" and claim.claimant_id == "south"


def test_describing_reports_as_lies_is_a_denial(nlp):
    claim = _only(_claims(nlp, "Southland described the reports as lies."), "described")
    assert claim.kind == "denial" and claim.claimant_id == "south"


def test_calling_accusations_false_and_baseless_is_the_speakers_denial(nlp):
    claim = _only(_claims(nlp, "Southland said the accusations were false and baseless."), "baseless")
    assert claim.kind == "denial" and claim.claimant_id == "south"


def test_restricting_its_own_strikes_to_military_targets_is_a_denial(nlp):
    claim = _only(_claims(nlp, "Northland said its strikes damaged only military infrastructure."), "strikes")
    assert claim.kind == "denial" and claim.negated and claim.perpetrator_ids == ["north"]


def test_alleging_an_attack_by_the_other_side_is_an_accusation(nlp):
    claim = _only(_claims(nlp, "Tom Vale alleged that Southland troops had attacked the post."), "attacked")
    assert claim.kind == "accusation" and claim.perpetrator_ids == ["south"]


def test_toll_after_an_accusation_is_the_accusers_toll(nlp):
    claim = _only(_claims(nlp, "Northland accused Southland of bombing a market in Ashford, killing 14 people."),
                  "killing")
    assert (claim.kind, claim.claimant_id, claim.perpetrator_ids) == ("casualties", "north", ["south"])
    assert (claim.fatalities.min, claim.fatalities.max) == (14, 14)


def test_agent_of_a_participle_is_the_perpetrator(nlp):
    claim = _only(_claims(nlp, "Two people were killed when a shell misfired by Southland troops hit a house."),
                  "killed")
    assert claim.perpetrator_ids == ["south"]


def test_agent_of_a_dropped_bomb_is_the_perpetrator(nlp):
    claim = _only(_claims(nlp, "A bomb dropped by a Northland plane killed five people in Ashford, "
                               "Southland said."), "killed")
    assert claim.perpetrator_ids == ["north"]


def test_the_militants_refers_back_to_the_named_group(nlp):
    from ingest.extraction import ActorResult
    from ingest.pipeline.claim_parts import Context
    from ingest.pipeline.doers import perpetrators
    text = "Border news\n\nRedhand fighters ambushed a convoy. Later the militants attacked a base near Ashford.\n"
    doc, body, actors, places = parsed(nlp, text, {"red": ("Redhand", None), "anon": ("militants", None)}, PLACES)
    red, anon = actors.results
    actors.results = [ActorResult(id="red", name="Redhand", kind="armed_group", country_code=None,
                                  mentions=red.mentions),
                      ActorResult(id="anon", name="Unidentified armed group", kind="armed_group", country_code=None,
                                  mentions=anon.mentions)]
    actors.by_id = {a.id: a for a in actors.results}
    ctx = Context.build(doc, body=body, actors=actors, places=places)
    attacked = next(t for t in doc if t.text == "attacked")
    assert perpetrators(ctx, [attacked], None)[0] == ["red"]


def test_a_toll_that_could_rise_sets_an_upper_bound(nlp):
    claim = _only(_claims(nlp, "The toll could rise to five, Southland said."), "toll")
    assert (claim.fatalities.min, claim.fatalities.max) == (1, 5)

