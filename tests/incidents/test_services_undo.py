"""Undoing a merge of incidents or a removed claim link, from what the merge or unlink recorded."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from incidents import selectors, services
from incidents.models import ClaimLink, Deletion, Incident, IncidentPairRejection, ReversibleChange
from tests.factories import (
    ActorFactory,
    ClaimFactory,
    ClaimLinkFactory,
    IncidentFactory,
    IncidentPairRejectionFactory,
    LocationFactory,
)

pytestmark = pytest.mark.django_db


def _merged(analyst, *, reason="Same shelling"):
    target = IncidentFactory(title="Keep", date_start=date(2022, 9, 13), date_end=date(2022, 9, 13))
    source = IncidentFactory(title="Fold in", summary="Reported by the ministry", date_start=date(2022, 9, 10),
                             date_end=date(2022, 9, 10), review_status="reviewed")
    source.actors.add(ActorFactory(name="Azerbaijan"))
    source.locations.add(LocationFactory(name="Goris"))
    claims = [ClaimFactory(incident=source, grouping_reason="Same place and day"), ClaimFactory(incident=source)]
    services.incident_merge(target=target, sources=[source], user=analyst, reason=reason)
    return target, source, claims


def test_a_merge_records_what_moved_and_why(analyst):
    target, source, claims = _merged(analyst)
    change = ReversibleChange.objects.get(kind="merge")
    assert change.incident_id == target.pk and change.reason == "Same shelling" and change.created_by == analyst
    assert [claim["id"] for claim in change.snapshot["sources"][0]["claims"]] == [claim.pk for claim in claims]


def test_undoing_a_merge_recreates_the_merged_away_incident_with_its_claims(analyst):
    target, source, claims = _merged(analyst)
    services.change_undo(change=ReversibleChange.objects.get(kind="merge"), user=analyst, reason="Not the same")
    restored = Incident.objects.get(pk=source.pk)
    assert (restored.title, restored.summary, restored.review_status) == ("Fold in", "Reported by the ministry",
                                                                          "reviewed")
    assert restored.date_start == date(2022, 9, 10)
    assert sorted(restored.claims.values_list("pk", flat=True)) == [claim.pk for claim in claims]
    assert list(restored.actors.values_list("name", flat=True)) == ["Azerbaijan"]
    assert list(restored.locations.values_list("name", flat=True)) == ["Goris"]
    assert restored.claims.get(pk=claims[0].pk).grouping_reason == "Same place and day"


def test_undoing_a_merge_gives_the_survivor_back_its_own_dates_actors_and_places(analyst):
    target, source, _ = _merged(analyst)
    services.change_undo(change=ReversibleChange.objects.get(kind="merge"), user=analyst)
    target.refresh_from_db()
    assert (target.date_start, target.date_end) == (date(2022, 9, 13), date(2022, 9, 13))
    assert not target.actors.exists() and not target.locations.exists() and not target.claims.exists()


def test_undoing_a_merge_removes_the_merged_away_tombstone_and_redirect(analyst):
    target, source, _ = _merged(analyst)
    assert selectors.merge_survivor(kind="incident", pk=source.pk) == target.pk
    services.change_undo(change=ReversibleChange.objects.get(kind="merge"), user=analyst)
    assert not Deletion.objects.filter(kind="incident", object_id=source.pk).exists()
    assert selectors.merge_survivor(kind="incident", pk=source.pk) is None


def test_undoing_a_merge_restores_the_merged_away_incidents_duplicate_verdicts(analyst):
    target, source, other = IncidentFactory(), IncidentFactory(), IncidentFactory()
    IncidentPairRejectionFactory(incident_a=source, incident_b=other)
    services.incident_merge(target=target, sources=[source], user=analyst, reason="Same")
    services.change_undo(change=ReversibleChange.objects.get(kind="merge"), user=analyst)
    assert IncidentPairRejection.objects.filter(incident_a=min(source.pk, other.pk),
                                                incident_b=max(source.pk, other.pk)).exists()


def test_the_undo_is_written_in_history_with_the_user_and_reason(analyst):
    target, source, claims = _merged(analyst)
    services.change_undo(change=ReversibleChange.objects.get(kind="merge"), user=analyst, reason="Different days")
    rows = Incident.history.filter(id=source.pk, history_user=analyst).values_list("history_change_reason", flat=True)
    assert f"Merge into incident {target.pk} undone: Different days" in set(rows)


def test_a_merge_cannot_be_undone_twice(analyst):
    _merged(analyst)
    change = ReversibleChange.objects.get(kind="merge")
    services.change_undo(change=change, user=analyst)
    with pytest.raises(ValidationError, match="already undone"):
        services.change_undo(change=change, user=analyst)


def test_a_merge_whose_claims_moved_on_since_is_not_undone(analyst):
    target, source, claims = _merged(analyst)
    services.claim_move(claim=claims[0], incident=IncidentFactory(), user=analyst)
    with pytest.raises(ValidationError, match=f"Claims {claims[0].pk} have been moved or deleted"):
        services.change_undo(change=ReversibleChange.objects.get(kind="merge"), user=analyst)
    assert not Incident.objects.filter(pk=source.pk).exists()


def test_a_merge_whose_survivor_was_merged_away_since_is_not_undone(analyst):
    target, source, _ = _merged(analyst)
    services.incident_merge(target=IncidentFactory(), sources=[target], user=analyst, reason="Again")
    first = ReversibleChange.objects.filter(kind="merge").order_by("id").first()
    with pytest.raises(ValidationError, match=f"Incident {target.pk} no longer exists"):
        services.change_undo(change=first, user=analyst)


def test_an_unlink_records_the_link_and_the_reason(analyst):
    link = ClaimLinkFactory(reason="One denies the other")
    services.claim_link_delete(link=link, user=analyst, reason="They speak of different days")
    change = ReversibleChange.objects.get(kind="unlink")
    assert change.reason == "They speak of different days" and change.incident_id == link.claim_a.incident_id
    last = ClaimLink.history.filter(id=link.pk).order_by("-history_id").first()
    assert last.history_change_reason == "Unlinked: They speak of different days"


def test_undoing_an_unlink_recreates_the_link_with_its_reason(analyst):
    link = ClaimLinkFactory(reason="One denies the other")
    pk, pair = link.pk, (link.claim_a_id, link.claim_b_id)
    services.claim_link_delete(link=link, user=analyst, reason="Wrong pair")
    services.change_undo(change=ReversibleChange.objects.get(kind="unlink"), user=analyst)
    restored = ClaimLink.objects.get(pk=pk)
    assert (restored.claim_a_id, restored.claim_b_id) == pair
    assert (restored.relation, restored.reason) == ("contradicts", "One denies the other")
    assert not Deletion.objects.filter(kind="claim-link", object_id=pk).exists()


def test_an_unlink_is_not_undone_when_the_pair_was_linked_again(analyst):
    link = ClaimLinkFactory()
    claim_a, claim_b = link.claim_a, link.claim_b
    services.claim_link_delete(link=link, user=analyst, reason="Wrong")
    services.claim_link_create(claim_a=claim_a, claim_b=claim_b, relation="corroborates", user=analyst)
    with pytest.raises(ValidationError, match="linked again already"):
        services.change_undo(change=ReversibleChange.objects.get(kind="unlink"), user=analyst)


def test_a_split_keeps_the_analysts_reason_in_history(analyst):
    incident = IncidentFactory()
    ClaimFactory(incident=incident)
    leaving = ClaimFactory(incident=incident)
    new = services.incident_split(incident=incident, claims=[leaving], user=analyst, reason="Another village")
    assert new.history.order_by("history_id").first().history_change_reason == (
        f"Split from incident {incident.pk}: Another village")
