"""A toll or an act naming no doer takes its incident's author, unless the victims are that author's own people."""
from ingest.extraction import ActorResult, ClaimResult, Count
from ingest.pipeline.blame import inherit_perpetrators


class Actors:
    results = [ActorResult(id="north", name="North", kind="state", country_code="NA", mentions=[(100, 105)]),
               ActorResult(id="rebels", name="Rebels", kind="armed_group", country_code=None, mentions=[(40, 46)])]


def _claim(cid, claimant, kind, perps=(), span=(0, 10), text="x", incident="i1", victims=None):
    return ClaimResult(id=cid, incident_id=incident, claimant_id=claimant, span=span, text=text, kind=kind,
                       perpetrator_ids=list(perps), fatalities=Count(3, 3) if kind == "casualties" else None,
                       casualty_actor_id=victims)


def test_toll_takes_the_author_of_its_incidents_attack():
    claims = inherit_perpetrators([_claim("c1", "north", "attack", ["rebels"]), _claim("c2", "north", "casualties")],
                                  actors=Actors())
    assert claims[1].perpetrator_ids == ["rebels"]


def test_toll_of_the_authors_own_fighters_takes_the_other_side():
    claims = [_claim("c1", "north", "attack", ["rebels"]), _claim("c2", None, "attack", ["north"]),
              _claim("c3", "north", "casualties", span=(30, 60), text="15 rebels were killed", victims="rebels")]
    assert inherit_perpetrators(claims, actors=Actors())[2].perpetrator_ids == ["north"]


def test_toll_naming_the_author_as_attacker_takes_the_author():
    claims = [_claim("c1", "north", "attack", ["rebels"]),
              _claim("c2", None, "casualties", span=(30, 60), text="12 killed in rebels attack")]
    assert inherit_perpetrators(claims, actors=Actors())[1].perpetrator_ids == ["rebels"]


def test_toll_of_another_incident_takes_nothing():
    claims = [_claim("c1", "north", "attack", ["rebels"]), _claim("c2", "north", "casualties", incident="i2")]
    assert inherit_perpetrators(claims, actors=Actors())[1].perpetrator_ids == []


def test_toll_in_a_contested_incident_takes_nothing():
    claims = [_claim("c1", None, "attack", ["rebels"]), _claim("c2", None, "attack", ["north"]),
              _claim("c3", "un", "casualties")]
    assert inherit_perpetrators(claims, actors=Actors())[2].perpetrator_ids == []


def test_toll_takes_the_party_most_claims_blame_when_one_names_the_other_side():
    claims = [_claim("c1", "north", "attack", ["rebels"]), _claim("c2", None, "attack", ["rebels"]),
              _claim("c3", "rebels", "attack", ["rebels"]), _claim("c4", None, "attack", ["north"]),
              _claim("c5", "south", "casualties", span=(200, 210), text="five soldiers were killed")]
    assert inherit_perpetrators(claims, actors=Actors())[4].perpetrator_ids == ["rebels"]


def test_toll_takes_no_author_when_the_parties_are_blamed_as_often():
    claims = [_claim("c1", "north", "attack", ["rebels"]), _claim("c2", "rebels", "attack", ["north"]),
              _claim("c3", "south", "casualties", span=(200, 210), text="five soldiers were killed")]
    assert inherit_perpetrators(claims, actors=Actors())[2].perpetrator_ids == []


def test_act_naming_no_doer_takes_the_author_of_its_incident():
    claims = [_claim("c1", None, "attack", ["north"]), _claim("c2", "rebels", "attack", text="the strike hit a house")]
    assert inherit_perpetrators(claims, actors=Actors())[1].perpetrator_ids == ["north"]
