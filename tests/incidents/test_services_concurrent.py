"""An edit made on an old version is replayed on the current one unless both edits changed the same field."""
import pytest

from incidents import services
from tests.factories import ActorFactory, ClaimFactory, IncidentFactory

pytestmark = pytest.mark.django_db


def test_edits_of_different_fields_rebase_without_conflict(analyst):
    incident = IncidentFactory(title="Original", summary="")
    current = services.incident_update(incident=incident, version=1, data={"title": "Theirs"}, user=analyst)
    rebased = services.edit_rebase(current=current, base_version=1, data={"title": "Original", "summary": "Mine"})
    assert (rebased.data, rebased.conflicts, rebased.others) == ({"summary": "Mine"}, [], {"title": "analyst"})


def test_edits_of_the_same_field_to_different_values_conflict(analyst):
    incident = IncidentFactory(title="Original")
    current = services.incident_update(incident=incident, version=1, data={"title": "Theirs"}, user=analyst)
    rebased = services.edit_rebase(current=current, base_version=1, data={"title": "Mine"})
    assert rebased.conflicts == ["title"]


def test_the_same_change_made_twice_is_no_conflict(analyst):
    incident = IncidentFactory(title="Original")
    current = services.incident_update(incident=incident, version=1, data={"title": "Same"}, user=analyst)
    rebased = services.edit_rebase(current=current, base_version=1, data={"title": "Same"})
    assert (rebased.data, rebased.conflicts) == ({}, [])


def test_perpetrators_changed_on_both_sides_conflict(analyst):
    claim = ClaimFactory()
    current = services.claim_update(claim=claim, version=1, data={"perpetrators": [ActorFactory()]}, user=analyst)
    rebased = services.edit_rebase(current=current, base_version=1, data={"perpetrators": [ActorFactory()]})
    assert rebased.conflicts == ["perpetrators"]


def test_who_changed_a_perpetrator_meanwhile_is_named(analyst):
    claim = ClaimFactory()
    current = services.claim_update(claim=claim, version=1, data={"perpetrators": [ActorFactory()]}, user=analyst)
    rebased = services.edit_rebase(current=current, base_version=1, data={"perpetrators": [ActorFactory()]})
    assert rebased.others["perpetrators"] == "analyst"
