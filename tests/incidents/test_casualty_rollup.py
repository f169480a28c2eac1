"""The roll-up of casualty figures by group, each test naming the rule of domain.md "Counting casualties" it checks."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from incidents import services
from incidents.casualties import ClaimedFigure, roll_up_fatalities
from incidents.choices import ActorKind, CasualtyGroup
from tests.factories import ActorFactory, CasualtyFigureFactory, ClaimFactory, IncidentFactory

pytestmark = pytest.mark.django_db


def _forces(claim_id: int, low, high, side: int, name: str) -> ClaimedFigure:
    return ClaimedFigure(claim_id, low, high, group=CasualtyGroup.FORCES, side_id=side, side_name=name)


def test_across_groups_the_dead_of_two_sides_add_up():
    """Across groups: 49 Armenian and 50 Azerbaijani servicemen are a total of 99, not a range 49–50."""
    rolled = roll_up_fatalities([_forces(1, 49, 49, 1, "Armenia"), _forces(2, 50, 50, 2, "Azerbaijan")])
    assert (rolled.low, rolled.best, rolled.high) == (99, 99, 99)
    assert [(g.label, g.best) for g in rolled.groups] == [("Armenia forces", 49), ("Azerbaijan forces", 50)]


def test_within_one_group_a_vague_figure_does_not_pull_the_low_under_an_exact_one():
    """Within one group: "a number of" 1..? beside another claim's exact 50 leaves 50..50."""
    rolled = roll_up_fatalities([_forces(1, 1, None, 2, "Azerbaijan"), _forces(2, 50, 50, 2, "Azerbaijan")])
    assert (rolled.low, rolled.best, rolled.high) == (50, 50, 50)


def test_within_one_group_rival_estimates_span_low_to_high_and_best_is_the_most_specific():
    """Within one group: 4, 6 and "between 3 and 8" give 3..8, best the exact figures' median."""
    figures = [ClaimedFigure(1, 4, 4), ClaimedFigure(2, 6, 6), ClaimedFigure(3, 3, 8)]
    rolled = roll_up_fatalities(figures)
    assert (rolled.low, rolled.best, rolled.high) == (3, 4, 8)


def test_across_groups_an_open_group_leaves_the_total_high_unknown():
    """Across groups: the high is the sum of the groups' highs, unknown when one group gives no upper bound."""
    rolled = roll_up_fatalities([_forces(1, 2, 2, 1, "India"), ClaimedFigure(2, 10, None, group="civilians")])
    assert (rolled.low, rolled.best, rolled.high) == (12, 12, None)


def test_one_claim_counting_soldiers_and_a_civilian_gives_two_groups():
    """Every figure counts someone: "two soldiers and one civilian" is forces 2..2 and civilians 1..1."""
    india = ActorFactory(name="India", kind=ActorKind.STATE, country_code="IN")
    claim = ClaimFactory(fatalities_min=3, fatalities_max=3)
    CasualtyFigureFactory(claim=claim, group=CasualtyGroup.FORCES, actor=india, min=2, max=2)
    CasualtyFigureFactory(claim=claim, group=CasualtyGroup.CIVILIANS, min=1, max=1)
    incident = services.incident_rollup_casualties(incident=claim.incident)
    assert (incident.fatalities_low, incident.fatalities_best, incident.fatalities_high) == (3, 3, 3)
    assert [g["label"] for g in incident.fatalities_by_group] == ["India forces", "Civilians"]


def test_a_ministrys_forces_count_with_its_states():
    """Within one group: a side is its top actor, so the army's and the state's dead are one group."""
    armenia = ActorFactory(name="Armenia", kind=ActorKind.STATE, country_code="AM")
    army = ActorFactory(name="Armenian Armed Forces", kind=ActorKind.MILITARY, country_code="AM", parent=armenia)
    incident = IncidentFactory()
    for actor, count in ((armenia, 4), (army, 6)):
        claim = ClaimFactory(incident=incident, fatalities_min=count, fatalities_max=count)
        CasualtyFigureFactory(claim=claim, group=CasualtyGroup.FORCES, actor=actor, min=count, max=count)
    incident = services.incident_rollup_casualties(incident=incident)
    assert (incident.fatalities_low, incident.fatalities_high) == (4, 6)


def test_an_aggregate_toll_never_enters_the_incidents_figures():
    """Aggregate tolls ("more than 28,000 killed since the war began") are never an incident's figure."""
    incident = IncidentFactory()
    ClaimFactory(incident=incident, fatalities_min=3, fatalities_max=3)
    ClaimFactory(incident=incident, fatalities_min=28001, fatalities_max=None, aggregate=True)
    incident = services.incident_rollup_casualties(incident=incident)
    assert (incident.fatalities_low, incident.fatalities_best, incident.fatalities_high) == (3, 3, 3)


def test_editing_a_claims_figures_by_group_sets_its_totals_and_rolls_the_incident_up(analyst):
    """Every figure counts someone: an analyst gives the figures by group; the claim's totals follow."""
    india = ActorFactory(name="India", kind=ActorKind.STATE, country_code="IN")
    claim = ClaimFactory()
    figures = [{"kind": "killed", "group": "forces", "actor": india, "min": 2, "max": 2},
               {"kind": "killed", "group": "civilians", "min": 1, "max": 1}]
    claim = services.claim_update(claim=claim, version=claim.version, data={"figures": figures}, user=analyst)
    assert (claim.fatalities_min, claim.fatalities_max, claim.casualty_group) == (3, 3, "forces")
    claim.incident.refresh_from_db()
    assert claim.incident.fatalities_best == 3 and len(claim.incident.fatalities_by_group) == 2
    assert claim.figures.get(group="forces").history.first().history_user == analyst


def test_editing_the_total_of_a_claim_with_several_groups_is_refused_with_a_message(analyst):
    claim = ClaimFactory(fatalities_min=3, fatalities_max=3)
    CasualtyFigureFactory(claim=claim, group=CasualtyGroup.FORCES, min=2, max=2)
    CasualtyFigureFactory(claim=claim, group=CasualtyGroup.CIVILIANS, min=1, max=1)
    with pytest.raises(ValidationError, match="edit its figures by group"):
        services.claim_update(claim=claim, version=claim.version, data={"fatalities_min": 5, "fatalities_max": 5},
                              user=analyst)


def test_most_fatalities_sorts_by_the_conservative_figure_with_unknowns_last(viewer_client):
    """Sorting uses the conservative figure: "28001 or more" ranks above "0", unknowns come last."""
    IncidentFactory(title="None known")
    IncidentFactory(title="Zero", fatalities_low=0, fatalities_best=0, fatalities_high=0)
    IncidentFactory(title="Open toll", fatalities_low=28001, fatalities_best=None, fatalities_high=None)
    html = viewer_client.get(reverse("incidents:incident_list"), {"sort": "-fatalities"}).content.decode()
    assert html.index("Open toll") < html.index("Zero") < html.index("None known")


def test_a_list_row_shows_a_contradiction_badge_and_the_best_source_grade(viewer_client):
    from tests.factories import ClaimLinkFactory, PublisherFactory

    incident = IncidentFactory(title="Disputed shelling")
    first = ClaimFactory(incident=incident, article__publisher=PublisherFactory(name="Outlet C", reliability="C"))
    second = ClaimFactory(incident=incident, article__publisher=PublisherFactory(name="Outlet B", reliability="B"))
    ClaimLinkFactory(claim_a=first, claim_b=second)
    html = viewer_client.get(reverse("incidents:incident_list")).content.decode()
    assert '<span class="badge badge--contradicts">contradicted</span>' in html
    assert '<span class="badge badge--grade" title="Best source reliability">B</span>' in html
