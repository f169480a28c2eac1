"""Every edit is in history, the many-to-many fields of attribution disputes included; a save that changes
nothing leaves no trace."""
import pytest

from incidents import selectors, services
from incidents.views.history import history_rows
from tests.factories import ActorFactory, CasualtyFigureFactory, ClaimFactory, IncidentFactory, LocationFactory

pytestmark = pytest.mark.django_db


def test_saving_an_unchanged_incident_writes_no_history_row_and_keeps_its_version(analyst):
    incident = IncidentFactory(title="Shelling near Goris")
    services.incident_update(incident=incident, version=1, data={"title": "Shelling near Goris"}, user=analyst)
    incident.refresh_from_db()
    assert incident.version == 1
    assert incident.history.count() == 1


def test_saving_an_unchanged_claim_writes_no_history_row_and_keeps_its_version(analyst):
    claim = ClaimFactory()
    services.claim_update(claim=claim, version=claim.version, data={"kind": claim.kind, "perpetrators": []},
                          user=analyst)
    claim.refresh_from_db()
    assert (claim.version, claim.analyst_edited, claim.history.count()) == (1, False, 1)


def test_a_changed_perpetrator_is_shown_in_history_by_name(analyst):
    claim = ClaimFactory()
    claim.perpetrators.add(ActorFactory(name="Armenian Armed Forces"))
    services.claim_update(claim=claim, version=claim.version,
                          data={"perpetrators": [ActorFactory(name="Azerbaijani Armed Forces")]}, user=analyst)
    latest = history_rows(list(claim.history.all()))[0]
    assert latest.who == "analyst"
    assert [(change.field, change.old, change.new) for change in latest.changes] == [
        ("perpetrators", "Armenian Armed Forces", "Azerbaijani Armed Forces")]


def test_an_edit_of_a_field_and_places_is_one_history_row(analyst):
    incident = IncidentFactory(title="Old")
    goris = LocationFactory(name="Goris")
    services.incident_update(incident=incident, version=1, data={"title": "New", "locations": [goris]},
                             user=analyst)
    latest = history_rows(list(incident.history.all()))[0]
    assert incident.history.count() == 2
    assert {(change.field, change.new) for change in latest.changes} == {("title", "New"), ("locations", "Goris")}


def test_a_changed_casualty_figure_is_in_the_incidents_history_saying_whose_dead(analyst):
    claim = ClaimFactory()
    CasualtyFigureFactory(claim=claim, group="civilians", min=2, max=2)
    services.claim_update(claim=claim, version=claim.version, data={"figures": [
        {"kind": "killed", "group": "civilians", "min": 3, "max": 3}]}, user=analyst)
    figure_row = next(row for row in history_rows(selectors.incident_history(incident=claim.incident))
                      if row.record.startswith("Figure"))
    assert (figure_row.record, figure_row.who, figure_row.action) == (
        f"Figure of claim {claim.pk} (Killed: 3 (Civilians))", "analyst", "changed")
    assert {(change.field, change.old, change.new) for change in figure_row.changes} == {("min", "2", "3"),
                                                                                        ("max", "2", "3")}
