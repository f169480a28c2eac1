"""The write services: optimistic edits, links, moves, merges, splits, roll-ups and tombstones."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from incidents import services
from incidents.casualties import ClaimedFigure, roll_up_fatalities
from incidents.choices import LinkRelation, Origin, ReviewStatus
from incidents.exceptions import StaleEditError
from incidents.models import Actor, ClaimLink, Deletion, Incident, IncidentPairRejection, Location
from tests.factories import (
    ActorFactory,
    ActorMentionFactory,
    ClaimFactory,
    ClaimLinkFactory,
    IncidentFactory,
    LocationFactory,
)

pytestmark = pytest.mark.django_db


def test_incident_update_saves_fields_and_bumps_version(analyst):
    incident = IncidentFactory(title="Old")
    updated = services.incident_update(incident=incident, version=1, data={"title": "New"}, user=analyst)
    assert (updated.title, updated.version) == ("New", 2)
    assert updated.history.first().history_user == analyst


def test_incident_update_with_stale_version_is_refused_and_changes_nothing(analyst):
    incident = IncidentFactory(title="Old", version=3)
    with pytest.raises(StaleEditError, match="changed by someone else") as error:
        services.incident_update(incident=incident, version=2, data={"title": "New"}, user=analyst)
    assert error.value.current_version == 3
    assert Incident.objects.get(pk=incident.pk).title == "Old"


def test_setting_fatalities_marks_them_overridden(analyst):
    incident = IncidentFactory()
    updated = services.incident_update(
        incident=incident, version=1, data={"fatalities_low": 2, "fatalities_best": 3, "fatalities_high": 5},
        user=analyst,
    )
    assert updated.fatalities_overridden is True


def test_incident_update_refuses_unknown_fields(analyst):
    with pytest.raises(ValidationError, match="cannot be edited: version"):
        services.incident_update(incident=IncidentFactory(), version=1, data={"version": 9}, user=analyst)


def test_incident_update_refuses_sub_event_type_of_another_event_type(analyst):
    with pytest.raises(ValidationError, match="not a sub-event type"):
        services.incident_update(
            incident=IncidentFactory(), version=1, data={"sub_event_type": "Peaceful protest"}, user=analyst,
        )


def test_incident_update_refuses_low_above_high(analyst):
    with pytest.raises(ValidationError):
        services.incident_update(
            incident=IncidentFactory(), version=1, data={"fatalities_low": 9, "fatalities_high": 1}, user=analyst,
        )


def test_claim_update_marks_claim_analyst_edited_and_keeps_origin(analyst):
    claim = ClaimFactory(origin=Origin.EXTRACTED)
    updated = services.claim_update(claim=claim, version=1, data={"credibility": 2}, user=analyst)
    assert (updated.credibility, updated.analyst_edited, updated.origin, updated.version) == (
        2, True, Origin.EXTRACTED, 2,
    )


def test_claim_update_of_span_takes_quote_from_article_text(analyst):
    claim = ClaimFactory()
    updated = services.claim_update(claim=claim, version=1, data={"start": 4, "end": 20}, user=analyst)
    assert updated.quote == claim.article.text[4:20]


def test_claim_update_with_stale_version_is_refused(analyst):
    claim = ClaimFactory(version=2)
    with pytest.raises(StaleEditError):
        services.claim_update(claim=claim, version=1, data={"credibility": 2}, user=analyst)


def test_claim_update_of_figures_rolls_up_the_incident(analyst):
    claim = ClaimFactory()
    services.claim_update(claim=claim, version=1, data={"fatalities_min": 3, "fatalities_max": 3}, user=analyst)
    incident = Incident.objects.get(pk=claim.incident_id)
    assert (incident.fatalities_low, incident.fatalities_best, incident.fatalities_high) == (3, 3, 3)


def test_claim_link_is_stored_in_id_order(analyst):
    first, second = ClaimFactory(), ClaimFactory()
    link = services.claim_link_create(
        claim_a=second, claim_b=first, relation=LinkRelation.CONTRADICTS, reason="denial", user=analyst,
    )
    assert (link.claim_a_id, link.claim_b_id, link.created_by, link.origin) == (
        first.pk, second.pk, analyst, Origin.ANALYST,
    )


def test_claim_cannot_be_linked_with_itself(analyst):
    claim = ClaimFactory()
    with pytest.raises(ValidationError, match="itself"):
        services.claim_link_create(claim_a=claim, claim_b=claim, relation=LinkRelation.CONTRADICTS, user=analyst)


def test_duplicate_claim_link_is_refused_in_either_order(analyst):
    link = ClaimLinkFactory()
    with pytest.raises(ValidationError, match="already linked"):
        services.claim_link_create(
            claim_a=link.claim_b, claim_b=link.claim_a, relation=LinkRelation.CORROBORATES, user=analyst,
        )


def test_pair_linked_by_someone_else_meanwhile_is_refused_with_a_reason(analyst, monkeypatch):
    link = ClaimLinkFactory()
    # The other analyst's link is not seen by the check, only by the database's unique constraint.
    monkeypatch.setattr(ClaimLink.objects, "filter", lambda **lookups: ClaimLink.objects.none())
    with pytest.raises(ValidationError, match="just linked by someone else"):
        services.claim_link_create(
            claim_a=link.claim_a, claim_b=link.claim_b, relation=LinkRelation.CORROBORATES, user=analyst,
        )


def test_claim_link_delete_leaves_a_tombstone(analyst):
    link = ClaimLinkFactory()
    link_id = link.pk
    services.claim_link_delete(link=link, user=analyst)
    assert not ClaimLink.objects.filter(pk=link_id).exists()
    assert Deletion.objects.filter(kind="claim-link", object_id=link_id).exists()


def test_claim_move_rolls_up_both_incidents(analyst):
    claim = ClaimFactory(fatalities_min=4, fatalities_max=4)
    services.incident_rollup_casualties(incident=claim.incident)
    old_incident, new_incident = claim.incident, IncidentFactory()
    services.claim_move(claim=claim, incident=new_incident, user=analyst)
    old_incident.refresh_from_db()
    new_incident.refresh_from_db()
    assert (old_incident.fatalities_best, new_incident.fatalities_best) == (None, 4)


def test_merge_moves_claims_and_deletes_sources_with_tombstones(analyst):
    target, source = IncidentFactory(), IncidentFactory()
    claim = ClaimFactory(incident=source)
    merged = services.incident_merge(target=target, sources=[source], user=analyst, reason="same shelling")
    claim.refresh_from_db()
    assert claim.incident_id == merged.pk
    assert not Incident.objects.filter(pk=source.pk).exists()
    assert Deletion.objects.get(kind="incident", object_id=source.pk).merged_into_id == target.pk


def test_merge_unions_actors_and_places_and_widens_dates(analyst):
    target = IncidentFactory(date_start=date(2022, 9, 13), date_end=date(2022, 9, 13))
    source = IncidentFactory(date_start=date(2022, 9, 12), date_end=date(2022, 9, 14))
    actor, place = ActorFactory(), LocationFactory()
    source.actors.add(actor)
    source.locations.add(place)
    merged = services.incident_merge(target=target, sources=[source], user=analyst)
    assert (merged.date_start, merged.date_end) == (date(2022, 9, 12), date(2022, 9, 14))
    assert list(merged.actors.all()) == [actor]
    assert list(merged.locations.all()) == [place]


def test_merge_rolls_up_casualties_from_all_claims(analyst):
    """domain.md "Counting casualties", within one group: the merged claims' figures are rival estimates."""
    target, source = IncidentFactory(), IncidentFactory()
    ClaimFactory(incident=target, fatalities_min=2, fatalities_max=2)
    ClaimFactory(incident=source, fatalities_min=10, fatalities_max=None)
    merged = services.incident_merge(target=target, sources=[source], user=analyst)
    assert (merged.fatalities_low, merged.fatalities_best, merged.fatalities_high) == (2, 2, None)


def test_incident_cannot_be_merged_into_itself(analyst):
    incident = IncidentFactory()
    with pytest.raises(ValidationError, match="itself"):
        services.incident_merge(target=incident, sources=[incident], user=analyst)


def test_split_moves_chosen_claims_to_a_new_incident_and_rejects_the_pair(analyst):
    incident = IncidentFactory()
    staying, leaving = ClaimFactory(incident=incident), ClaimFactory(incident=incident)
    new = services.incident_split(incident=incident, claims=[leaving], user=analyst, title="Second clash")
    leaving.refresh_from_db()
    staying.refresh_from_db()
    assert (new.title, leaving.incident_id, staying.incident_id) == ("Second clash", new.pk, incident.pk)
    assert IncidentPairRejection.objects.filter(incident_a=incident, incident_b=new).exists()


def test_split_dates_the_new_incident_by_its_claims(analyst):
    incident = IncidentFactory(date_start=date(2022, 9, 13), date_end=date(2022, 9, 13), date_precision="day")
    ClaimFactory(incident=incident)
    leaving = [
        ClaimFactory(incident=incident, claimed_date_start=date(2022, 8, 1), claimed_date_end=date(2022, 8, 7),
                     claimed_date_precision="week"),
        ClaimFactory(incident=incident, claimed_date_start=date(2022, 8, 3), claimed_date_precision="day"),
    ]
    new = services.incident_split(incident=incident, claims=leaving, user=analyst)
    new.refresh_from_db()
    assert (new.date_start, new.date_end, new.date_precision) == (date(2022, 8, 1), date(2022, 8, 7), "week")


def test_split_redates_the_remaining_incident_by_its_remaining_dated_claims(analyst):
    incident = IncidentFactory(date_start=date(2022, 8, 1), date_end=date(2022, 9, 14), date_precision="month")
    ClaimFactory(incident=incident, claimed_date_start=date(2022, 9, 13), claimed_date_precision="day")
    leaving = ClaimFactory(incident=incident, claimed_date_start=date(2022, 8, 1), claimed_date_precision="day")
    services.incident_split(incident=incident, claims=[leaving], user=analyst)
    incident.refresh_from_db()
    assert (incident.date_start, incident.date_end, incident.date_precision) == (
        date(2022, 9, 13), date(2022, 9, 13), "day")


def test_split_keeps_the_analysts_dates_where_no_claim_is_dated(analyst):
    incident = IncidentFactory(date_start=date(2022, 9, 12), date_end=date(2022, 9, 14), date_precision="week")
    ClaimFactory(incident=incident)
    leaving = ClaimFactory(incident=incident)
    new = services.incident_split(incident=incident, claims=[leaving], user=analyst)
    incident.refresh_from_db()
    new.refresh_from_db()
    assert (incident.date_start, incident.date_end, incident.date_precision) == (
        date(2022, 9, 12), date(2022, 9, 14), "week")
    assert (new.date_start, new.date_end, new.date_precision) == (date(2022, 9, 12), date(2022, 9, 14), "week")


def test_split_rolls_up_casualties_of_both_incidents_from_their_own_claims(analyst):
    incident = IncidentFactory()
    ClaimFactory(incident=incident, fatalities_min=2, fatalities_max=2)
    leaving = ClaimFactory(incident=incident, fatalities_min=10, fatalities_max=12)
    services.incident_rollup_casualties(incident=incident)
    new = services.incident_split(incident=incident, claims=[leaving], user=analyst)
    incident.refresh_from_db()
    new.refresh_from_db()
    assert (incident.fatalities_low, incident.fatalities_best, incident.fatalities_high) == (2, 2, 2)
    assert (new.fatalities_low, new.fatalities_high) == (10, 12)


def test_split_keeps_this_incidents_event_type_unless_the_analyst_gives_one(analyst):
    incident = IncidentFactory(event_type="explosions_remote_violence", sub_event_type="Air/drone strike")
    ClaimFactory(incident=incident)
    first, second = ClaimFactory(incident=incident), ClaimFactory(incident=incident)
    same = services.incident_split(incident=incident, claims=[first], user=analyst)
    other = services.incident_split(incident=incident, claims=[second], user=analyst, event_type="battles",
                                    sub_event_type="Armed clash")
    assert (same.event_type, same.sub_event_type) == ("explosions_remote_violence", "Air/drone strike")
    assert (other.event_type, other.sub_event_type) == ("battles", "Armed clash")


def test_split_refuses_a_sub_event_type_of_another_event_type(analyst):
    incident = IncidentFactory()
    ClaimFactory(incident=incident)
    leaving = ClaimFactory(incident=incident)
    with pytest.raises(ValidationError, match="not a sub-event type of battles"):
        services.incident_split(incident=incident, claims=[leaving], user=analyst, event_type="battles",
                                sub_event_type="Air/drone strike")


def test_split_refuses_to_take_every_claim(analyst):
    claim = ClaimFactory()
    with pytest.raises(ValidationError, match="at least one claim"):
        services.incident_split(incident=claim.incident, claims=[claim], user=analyst)


def test_split_refuses_claims_of_another_incident(analyst):
    incident = IncidentFactory()
    ClaimFactory(incident=incident)
    with pytest.raises(ValidationError, match="Only claims of incident"):
        services.incident_split(incident=incident, claims=[ClaimFactory()], user=analyst)


def test_rival_estimates_of_one_group_span_low_to_high_and_a_vague_figure_leaves_them_alone():
    """domain.md "Counting casualties", within one group: low..high spans the figures, a vague "a number of"
    (1..?) neither lowers nor opens them, best is the most specific (the median of equally exact ones)."""
    incident = IncidentFactory()
    for low, high in ((2, 2), (3, 3), (4, 4), (1, None)):
        ClaimFactory(incident=incident, fatalities_min=low, fatalities_max=high)
    rolled = services.incident_rollup_casualties(incident=incident)
    assert (rolled.fatalities_low, rolled.fatalities_best, rolled.fatalities_high) == (2, 3, 4)
    assert "vague figure" in rolled.fatalities_derivation


def test_rollup_ignores_denied_and_rejected_claims():
    incident = IncidentFactory()
    ClaimFactory(incident=incident, fatalities_min=5, fatalities_max=5)
    ClaimFactory(incident=incident, fatalities_min=50, fatalities_max=50, negated=True)
    ClaimFactory(incident=incident, fatalities_min=70, fatalities_max=70, review_status=ReviewStatus.REJECTED)
    rolled = services.incident_rollup_casualties(incident=incident)
    assert (rolled.fatalities_low, rolled.fatalities_high) == (5, 5)


def test_rollup_leaves_overridden_figures_alone():
    incident = IncidentFactory(fatalities_overridden=True, fatalities_best=7)
    ClaimFactory(incident=incident, fatalities_min=2, fatalities_max=2)
    assert services.incident_rollup_casualties(incident=incident).fatalities_best == 7


def test_rollup_best_is_the_most_specific_figure_and_an_open_figure_leaves_high_unknown():
    """domain.md "Counting casualties", within one group: "at least 10" beside an exact 2 opens the high."""
    rolled = roll_up_fatalities([ClaimedFigure(1, 2, 2), ClaimedFigure(2, 10, None)])
    assert (rolled.low, rolled.best, rolled.high) == (2, 2, None)


def test_rollup_without_figures_says_so():
    assert roll_up_fatalities([]).derivation == "No claim gives a fatality figure."


def test_search_refresh_makes_claim_quotes_searchable():
    incident = IncidentFactory(title="Border clash")
    ClaimFactory(incident=incident)
    services.incident_search_refresh(incident_ids=[incident.pk])
    assert Incident.objects.filter(search_vector="soldiers").get() == incident


def test_pair_rejection_is_stored_once_in_id_order(analyst):
    first, second = IncidentFactory(), IncidentFactory()
    services.incident_pair_reject(incident_a=second, incident_b=first, user=analyst)
    services.incident_pair_reject(incident_a=first, incident_b=second, user=analyst)
    assert list(IncidentPairRejection.objects.values_list("incident_a", "incident_b")) == [(first.pk, second.pk)]


def test_actor_merge_moves_claims_incidents_mentions_and_names(analyst):
    target, source = ActorFactory(name="Azerbaijani Armed Forces"), ActorFactory(name="Azeri army")
    claim = ClaimFactory(claimant=source)
    claim.perpetrators.add(source)
    claim.incident.actors.add(source, target)
    ActorMentionFactory(actor=source)
    merged = services.actor_merge(target=target, source=source, user=analyst)
    claim.refresh_from_db()
    assert claim.claimant == merged
    assert list(claim.perpetrators.all()) == [merged]
    assert list(claim.incident.actors.all()) == [merged]
    assert merged.mentions.count() == 1
    assert "Azeri army" in merged.aliases
    assert not Actor.objects.filter(pk=source.pk).exists()
    assert Deletion.objects.get(kind="actor", object_id=source.pk).merged_into_id == target.pk


def test_actor_merge_records_the_new_claimant_in_the_claims_history_and_version(analyst):
    target, source = ActorFactory(name="Azerbaijani Armed Forces"), ActorFactory(name="Azeri army")
    claim = ClaimFactory(claimant=source, casualty_actor=source)

    services.actor_merge(target=target, source=source, user=analyst)

    claim.refresh_from_db()
    latest = claim.history.first()
    assert (claim.casualty_actor_id, claim.version) == (target.pk, 2)
    assert (latest.claimant_id, latest.history_user, latest.history_change_reason) == (
        target.pk, analyst, f"Actor {source.pk} merged into actor {target.pk}",
    )


def test_location_merge_moves_incidents_and_takes_over_gazetteer_id(analyst):
    target = LocationFactory(name="Goris", gazetteer_id=None)
    source = LocationFactory(name="Gorisa", gazetteer_id="geonames:174895")
    incident = IncidentFactory()
    incident.locations.add(source)
    merged = services.location_merge(target=target, source=source, user=analyst)
    assert list(incident.locations.all()) == [merged]
    assert (merged.gazetteer_id, merged.alternate_names) == ("geonames:174895", ["Gorisa"])
    assert not Location.objects.filter(pk=source.pk).exists()
