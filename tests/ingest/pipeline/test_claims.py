"""Claims found on small invented articles, with the real model and stand-in actor tables."""
from ingest.extraction import Count
from ingest.pipeline.claims import find_claims
from tests.ingest.pipeline.stand_ins import parsed

ACTORS = {"north": ("Northland", "NA"), "south": ("Southland", "SA"),
          "north-mod": ("Northland's Defense Ministry", "NA"), "south-mod": ("Southland's Defense Ministry", "SA")}
PLACES = {"ashford": ("Ashford", "NA"), "brill": ("Brill", "SA")}


def _claims(nlp, text):
    doc, body, actors, places = parsed(nlp, "Border news\n\n" + text, ACTORS, PLACES)
    return find_claims(doc, body=body, actors=actors, places=places)


def test_reported_shelling_has_claimant_perpetrator_and_places(nlp):
    (claim,) = _claims(nlp, "Northland's Defense Ministry said Southland shelled positions near Ashford.")
    assert (claim.claimant_id, claim.perpetrator_ids, claim.kind) == ("north-mod", ["south"], "attack")
    assert claim.location_ids == ["ashford"]
    assert claim.text.startswith("Southland shelled positions")


def test_accusation_names_the_accused_as_perpetrator(nlp):
    (claim,) = _claims(nlp, "Northland accused Southland of killing two of its soldiers.")
    assert (claim.kind, claim.claimant_id, claim.perpetrator_ids) == ("accusation", "north", ["south"])
    assert claim.fatalities == Count(2, 2)


def test_denial_is_flagged_as_negated(nlp):
    (claim,) = _claims(nlp, "Southland denied shelling Ashford.")
    assert claim.kind == "denial" and claim.negated


def test_threat_is_flagged_as_hypothetical(nlp):
    (claim,) = _claims(nlp, "Southland's Defense Ministry said it will strike Ashford again.")
    assert claim.hypothetical


def test_definite_description_speaks_for_the_ministry_named_before(nlp):
    claims = _claims(nlp, "Southland's Defense Ministry reported heavy fighting.\n\n"
                          "\"There are losses among our servicemen,\" the ministry said.")
    assert claims[-1].claimant_id == "south-mod"
    assert claims[-1].fatalities == Count(1, None)


def test_two_speakers_in_one_sentence_make_two_claims(nlp):
    claims = _claims(nlp, "Northland said it had lost a soldier while Southland said three of its troops were killed.")
    assert [(c.claimant_id, c.fatalities) for c in claims] == [("north", Count(1, 1)), ("south", Count(3, 3))]


def test_article_voice_claim_has_no_claimant(nlp):
    (claim,) = _claims(nlp, "Southland forces attacked Ashford on Monday.")
    assert claim.claimant_id is None and claim.perpetrator_ids == ["south"]


def test_naming_a_kind_of_act_is_no_claim(nlp):
    assert _claims(nlp, "The army takes precautions during the planning and execution of airstrikes.") == []


def test_war_recalled_in_a_time_clause_is_no_claim(nlp):
    assert _claims(nlp, "Tensions remain high two years after the two countries fought a war.") == []


def test_headline_clause_is_a_claim(nlp):
    doc, body, actors, places = parsed(nlp, "New clashes leave a number of Northland servicemen dead\n\nMore soon.",
                                       ACTORS, PLACES)
    (claim,) = find_claims(doc, body=body, actors=actors, places=places)
    assert claim.kind == "casualties" and claim.fatalities == Count(1, None)


def _real_country_claims(nlp, text):
    actors = {"ru": ("Russia", "RU"), "ua": ("Ukraine", "UA"), "ua-mod": ("Ukraine's Defence Ministry", "UA")}
    doc, body, table, places = parsed(nlp, "Border news\n\n" + text, actors, PLACES)
    return find_claims(doc, body=body, actors=table, places=places)


def test_demonym_names_the_perpetrator(nlp):
    text = "Russia and Ukraine traded fire. Russian shelling killed three villagers in Ashford."
    (claim,) = _real_country_claims(nlp, text)[-1:]
    assert claim.perpetrator_ids == ["ru"] and claim.kind == "casualties"


def test_its_forces_are_the_speakers_own(nlp):
    (claim,) = _real_country_claims(nlp, "Ukraine's Defence Ministry said its forces shelled a depot in Brill.")
    assert claim.claimant_id == "ua-mod" and claim.perpetrator_ids == ["ua-mod"]


def test_rejecting_an_accusation_is_a_denial_claim(nlp):
    claims = _claims(nlp, "Northland accused Southland of shelling Ashford. Southland rejected the accusation.")
    assert [c.kind for c in claims] == ["accusation", "denial"] and claims[1].claimant_id == "south"


def test_accusation_joined_to_a_reported_clause_is_the_speakers(nlp):
    claims = _claims(nlp, "Northland said that Southland had shelled the market and accused the southern "
                          "army of targeting civilians.")
    assert [(c.kind, c.claimant_id) for c in claims] == [("attack", "north"), ("accusation", "north")]
    assert "accused" not in claims[0].text


def test_no_casualties_reported_is_zero_dead_and_hurt(nlp):
    (claim,) = _claims(nlp, "No casualties were reported, Southland said.")
    assert (claim.kind, claim.fatalities, claim.injured) == ("casualties", Count(0, 0), Count(0, 0))


def test_statement_clause_hanging_off_the_noun_is_reported(nlp):
    claims = _claims(nlp, "Northland's Defense Ministry said in a statement that rockets were fired at Ashford.")
    assert [c.claimant_id for c in claims] == ["north-mod"]
