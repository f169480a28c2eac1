"""Claims the finder reads from clause shapes: "after" clauses, taking ground, hedged subjects, rejected accounts."""
from ingest.pipeline.claims import find_claims
from tests.ingest.pipeline.stand_ins import parsed

ACTORS = {"north": ("Northland", "NA"), "south": ("Southland", "SA")}
PLACES = {"ashford": ("Ashford", "NA"), "brill": ("Brill", "SA")}


def _claims(nlp, text):
    doc, body, actors, places = parsed(nlp, "Border news\n\n" + text, ACTORS, PLACES)
    return find_claims(doc, body=body, actors=actors, places=places)


def test_clash_in_an_after_clause_is_a_claim(nlp):
    claims = _claims(nlp, "The announcement came on Tuesday, after heavy clashes broke out near Ashford.")
    assert any("clashes broke out near Ashford" in c.text for c in claims)


def test_war_years_before_the_main_clause_is_not_a_claim(nlp):
    assert _claims(nlp, "Tensions remain high two years after Northland and Southland fought a war.") == []


def test_retaking_a_town_is_an_attack(nlp):
    (claim,) = _claims(nlp, "The Northland army retook Brill from Southland rebels in November.")
    assert claim.kind == "attack" and "retook Brill" in claim.text


def test_driving_fighters_from_a_town_is_an_attack(nlp):
    (claim,) = _claims(nlp, "Northland drove the fighters from Brill.")
    assert claim.kind == "attack" and claim.location_ids == ["brill"]


def test_driving_between_towns_is_not_a_claim(nlp):
    assert _claims(nlp, "The envoy drove from Ashford to Brill.") == []


def test_destruction_needs_a_doer_as_subject(nlp):
    (claim,) = _claims(nlp, "Northland destroyed three launchers near Brill.")
    assert claim.perpetrator_ids == ["north"]


def test_span_covers_a_hedged_subject(nlp):
    claims = _claims(nlp, "Armed men believed to be members of Southland attacked a camp near Ashford.")
    assert any(c.text.startswith("Armed men believed") and c.perpetrator_ids == ["south"] for c in claims)


def test_account_rejected_in_a_relative_clause_is_a_denial(nlp):
    claims = _claims(nlp, "In March, Northland troops killed 50 people in Ashford, according to a UN report, "
                          "an account the Northland authorities rejected.")
    assert any(c.kind == "denial" and c.claimant_id == "north" for c in claims)


def test_fighting_between_two_sides_names_both(nlp):
    (claim,) = _claims(nlp, "Heavy fighting broke out between Northland and Southland near Ashford.")
    assert sorted(claim.perpetrator_ids) == ["north", "south"]


def test_toll_of_an_attributed_weapon_stays_a_toll(nlp):
    claims = _claims(nlp, "Northland said that Southland's bombs had killed five civilians.")
    assert [c.kind for c in claims] == ["casualties"]
