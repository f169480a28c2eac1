"""The API's casualty figures by group on claims (read and edited) and the roll-up by side on incidents."""
import pytest

from incidents.choices import ActorKind, CasualtyGroup
from tests.factories import ActorFactory, CasualtyFigureFactory, ClaimFactory

pytestmark = pytest.mark.django_db


def test_patching_a_claims_figures_by_group_rolls_its_incident_up_by_side(analyst_api):
    """domain.md "Counting casualties", across groups: 2 soldiers of India and 1 civilian add up to 3."""
    india = ActorFactory(name="India", kind=ActorKind.STATE, country_code="IN")
    claim = ClaimFactory()
    body = {"version": claim.version, "figures": [
        {"kind": "killed", "group": "forces", "actor": india.pk, "min": 2, "max": 2},
        {"kind": "killed", "group": "civilians", "min": 1, "max": 1}]}
    response = analyst_api.patch(f"/api/claims/{claim.pk}/", body, format="json")
    assert response.status_code == 200, response.content
    assert [(f["group"], f["side"]["name"] if f["side"] else None, f["min"]) for f in response.json()["figures"]] == [
        ("forces", "India", 2), ("civilians", None, 1)]
    incident = analyst_api.get(f"/api/incidents/{claim.incident_id}/").json()
    assert [(g["label"], g["best"]) for g in incident["fatalities_by_group"]] == [("India forces", 2), ("Civilians", 1)]
    assert incident["fatalities_best"] == 3 and incident["accounts"][0]["claims"] == [claim.pk]


def test_a_figure_with_its_minimum_above_its_maximum_is_a_400_not_a_500(analyst_api):
    claim = ClaimFactory()
    CasualtyFigureFactory(claim=claim, group=CasualtyGroup.CIVILIANS, min=1, max=1)
    body = {"version": claim.version, "figures": [{"kind": "killed", "group": "civilians", "min": 5, "max": 2}]}
    response = analyst_api.patch(f"/api/claims/{claim.pk}/", body, format="json")
    assert response.status_code == 400 and "minimum is above the maximum" in response.content.decode()
