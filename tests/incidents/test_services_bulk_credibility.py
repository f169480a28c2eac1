"""The list's bulk services: one credibility on every claim of many incidents (one transaction, history and versions
only for the claims that change), and the many-to-many members kept in the history rows both bulk actions write."""
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents import services
from incidents.models import Claim
from incidents.views.history import history_rows
from tests.factories import ActorFactory, ClaimFactory, IncidentFactory, LocationFactory

pytestmark = pytest.mark.django_db


def _graded(incidents, credibility, user) -> int:
    return services.incidents_claims_credibility_set(
        incident_ids=[incident.pk for incident in incidents], credibility=credibility, user=user)


def test_every_claim_of_the_chosen_incidents_gets_the_credibility_and_others_keep_theirs(analyst):
    chosen = [IncidentFactory(), IncidentFactory()]
    claims = [ClaimFactory(incident=chosen[0]), ClaimFactory(incident=chosen[0]), ClaimFactory(incident=chosen[1])]
    elsewhere = ClaimFactory(credibility=6)

    assert _graded(chosen, 2, analyst) == 3

    assert set(Claim.objects.filter(pk__in=[c.pk for c in claims]).values_list("credibility", flat=True)) == {2}
    assert Claim.objects.get(pk=elsewhere.pk).credibility == 6


def test_a_changed_claim_gets_a_new_version_the_analyst_edited_mark_and_a_history_row_by_the_user(analyst):
    claim = ClaimFactory(credibility=6)

    _graded([claim.incident], 3, analyst)

    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.version, stored.analyst_edited) == (claim.version + 1, True)
    row = stored.history.latest()
    assert (row.history_user, row.history_change_reason, row.credibility) == (
        analyst, "Credibility set to 3 – possibly true from the list", 3)


def test_a_claim_that_already_has_the_credibility_is_not_written(analyst):
    incident = IncidentFactory()
    same, other = ClaimFactory(incident=incident, credibility=2), ClaimFactory(incident=incident, credibility=5)
    same_updated = same.updated_at

    assert _graded([incident], 2, analyst) == 1

    stored = Claim.objects.get(pk=same.pk)
    assert (stored.version, stored.updated_at, stored.history.count()) == (same.version, same_updated, 1)
    assert Claim.objects.get(pk=other.pk).version == other.version + 1


def test_the_history_row_keeps_the_claims_perpetrators_targets_and_places(analyst):
    claim = ClaimFactory(credibility=6)
    claim.perpetrators.add(ActorFactory(name="Azerbaijani armed forces"))
    claim.locations.add(LocationFactory(name="Goris"))
    claim.save()  # the history row the grading is compared with, holding both members

    _graded([claim.incident], 2, analyst)

    rows = history_rows(list(Claim.objects.get(pk=claim.pk).history.all()[:2]))
    assert [(change.field, change.old, change.new) for change in rows[0].changes] == [
        ("credibility", "6", "2")]


def test_the_queries_do_not_grow_with_the_number_of_claims(analyst):
    def queries_for(claim_count: int) -> int:
        incident = IncidentFactory()
        for _ in range(claim_count):
            ClaimFactory(incident=incident, credibility=6).perpetrators.add(ActorFactory())
        with CaptureQueriesContext(connection) as queries:
            _graded([incident], 1, analyst)
        return len(queries)

    assert queries_for(2) == queries_for(8)


def test_a_credibility_outside_1_to_6_is_refused(analyst):
    claim = ClaimFactory(credibility=6)

    with pytest.raises(ValidationError, match="not an Admiralty credibility"):
        _graded([claim.incident], 7, analyst)
    assert Claim.objects.get(pk=claim.pk).credibility == 6


def test_the_bulk_review_status_history_row_keeps_the_incidents_actors_and_places(analyst):
    incident = IncidentFactory()
    incident.actors.add(ActorFactory(name="Armenian armed forces"))
    incident.locations.add(LocationFactory(name="Jermuk"))
    incident.save()

    services.incidents_review_set(incident_ids=[incident.pk], review_status="reviewed", user=analyst)

    rows = history_rows(list(incident.history.all()[:2]))
    assert [(change.field, change.new) for change in rows[0].changes] == [("review status", "reviewed")]
