"""Claim spans read with their speaker ("A local official, Lawan Kole, said 185 people died"), while what the
claim says (places, dates) stays the content's own; a headline toll under site chrome; a force named with its
country ("Sudan's paramilitary RSF"); a headline toll naming the attackers takes them as its doer."""
from datetime import date

from ingest.pipeline import extract_text
from tests.ingest.pipeline.lookup import claim_saying

REPORTED_TOLL = (
    "Fighting in fishing village\n\n"
    "Militants and troops fought on Friday in the village of Baga.\n\n"
    "A local official, Lawan Kole, said 185 people died in Baga.\n\n"
    "Officials in Abuja said on Sunday that troops had killed 30 militants, wounding 12 others.\n"
)


def _extract(nlp):
    return extract_text(REPORTED_TOLL, published_at=date(2013, 4, 22), nlp=nlp)


def test_a_reported_claim_is_highlighted_with_its_speaker(nlp):
    result = _extract(nlp)
    assert claim_saying(result, "185 people died").text == "A local official, Lawan Kole, said 185 people died in Baga"


def test_the_speakers_place_is_not_the_claims(nlp):
    result = _extract(nlp)
    places = {p.id: p.name for p in result.locations}
    assert [places[i] for i in claim_saying(result, "killed 30 militants").location_ids] == []


def test_a_second_claim_of_one_speaker_keeps_its_own_span(nlp):
    result = _extract(nlp)
    assert claim_saying(result, "wounding 12").text.startswith("wounding")


VILLAGE_ATTACK = (
    "Breaking News\n\n"
    "At least 100 killed in RSF attack on Sudanese village\n\n"
    "An attack by Sudan's paramilitary Rapid Support Forces on the village of Tayba has killed at least 100 people, "
    "according to regional officials.\n"
)


def test_a_headline_toll_under_site_chrome_is_aclaim_saying(nlp):
    result = extract_text(VILLAGE_ATTACK, published_at=date(2024, 6, 6), nlp=nlp)
    assert claim_saying(result, "At least 100 killed").fatalities.min == 100


def test_a_force_named_with_its_country_is_the_doer_not_the_country(nlp):
    result = extract_text(VILLAGE_ATTACK, published_at=date(2024, 6, 6), nlp=nlp)
    names = {a.id: a.name for a in result.actors}
    assert [names[p] for p in claim_saying(result, "An attack by").perpetrator_ids] == ["Rapid Support Forces"]


def test_a_toll_naming_the_attackers_takes_them_as_its_doer(nlp):
    result = extract_text(VILLAGE_ATTACK, published_at=date(2024, 6, 6), nlp=nlp)
    names = {a.id: a.name for a in result.actors}
    assert [names[p] for p in claim_saying(result, "At least 100 killed").perpetrator_ids] == ["Rapid Support Forces"]


def test_a_headline_opening_on_its_toll_keeps_the_toll(nlp):
    text = ("Accessibility links\n\nBreaking News\n\n185 Reported Dead in Northern Nigeria Fighting\n\n\n"
            "Dozens of people have been killed in northern Nigeria during fierce fighting.\n")
    result = extract_text(text, published_at=date(2013, 4, 22), nlp=nlp)
    headline = claim_saying(result, "Reported Dead")
    assert (headline.text, headline.fatalities.min) == ("185 Reported Dead in Northern Nigeria Fighting", 185)
