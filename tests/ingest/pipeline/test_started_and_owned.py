"""Who started it ("the fighting began when X troops crossed"), whose statement it is ("a statement from X
says"), and a claim of responsibility confirming the toll of the attack it owns."""
from datetime import date

from ingest.pipeline import extract_text

BORDER_FIGHTING = (
    "Clashes on the border\n\n"
    "Hezbollah fighters attacked an army post near Ghajar on Monday.\n\n"
    "A statement from Hezbollah says the fighting began when Israeli troops crossed into Lebanese territory.\n\n"
    "A military spokesman said the fighting erupted when militants attacked a checkpoint.\n"
)

ROCKET = (
    "Hamas rocket kills one Israeli\n\n"
    "A rocket fired from Gaza killed an Israeli man in Sderot on Monday. "
    "Hamas claimed responsibility for the attack.\n"
)


def _claim(result, words):
    return next(c for c in result.claims if words in c.text)


def _names(result, ids):
    names = {a.id: a.name for a in result.actors}
    return [names[i] for i in ids]


def test_a_statement_from_a_side_is_that_sides(nlp):
    result = extract_text(BORDER_FIGHTING, published_at=date(2005, 11, 21), nlp=nlp)
    assert _names(result, [_claim(result, "fighting began").claimant_id]) == ["Hezbollah"]


def test_the_fighting_began_when_others_acted_blames_them(nlp):
    result = extract_text(BORDER_FIGHTING, published_at=date(2005, 11, 21), nlp=nlp)
    claim = _claim(result, "fighting began")
    assert (claim.kind, _names(result, claim.perpetrator_ids)) == ("accusation", ["Israel"])


def test_the_fighting_erupted_when_they_attacked_reports_their_attack(nlp):
    result = extract_text(BORDER_FIGHTING, published_at=date(2005, 11, 21), nlp=nlp)
    assert _claim(result, "attacked a checkpoint").kind == "attack"


def test_a_claim_of_responsibility_corroborates_the_toll_of_the_act_it_owns(nlp):
    result = extract_text(ROCKET, published_at=date(2008, 2, 27), nlp=nlp)
    toll, owned = _claim(result, "Hamas rocket kills"), _claim(result, "claimed responsibility")
    assert (frozenset((toll.id, owned.id)), "corroborates") in {
        (frozenset((link.a, link.b)), link.relation) for link in result.claim_links}
