"""The claim edit page's casualty figures by group: rows added, changed and deleted, errors on the field,
history, the claim card, and stale saves."""
import pytest
from django.urls import reverse

from incidents import services
from incidents.choices import CasualtyGroup
from tests.factories import ActorFactory, CasualtyFigureFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def edit_post(claim, rows, *, initial=0, **changes) -> dict:
    """The claim form as the page posts it, with `rows` as the figures formset (`initial` of them stored)."""
    data = {"version": claim.version, "claimant": claim.claimant_id or "", "kind": claim.kind,
            "credibility": claim.credibility, "review_status": claim.review_status, "analyst_note": "",
            "figures-TOTAL_FORMS": len(rows), "figures-INITIAL_FORMS": initial,
            "figures-MIN_NUM_FORMS": 0, "figures-MAX_NUM_FORMS": 1000, **changes}
    for number, row in enumerate(rows):
        for name, value in row.items():
            data[f"figures-{number}-{name}"] = "" if value is None else value
    return data


def row(group="civilians", low=1, high=1, kind="killed", actor=None, **more) -> dict:
    return {"kind": kind, "group": group, "actor": actor.pk if actor else None, "min": low, "max": high, **more}


def edit_url(claim) -> str:
    return reverse("incidents:claim_edit", args=[claim.pk])


def test_the_edit_page_shows_a_row_per_figure_and_a_blank_one(analyst_client):
    claim = ClaimFactory()
    india = ActorFactory(name="India")
    CasualtyFigureFactory(claim=claim, group=CasualtyGroup.FORCES, actor=india, min=2, max=2)
    html = analyst_client.get(edit_url(claim)).content.decode()
    assert "<legend>Figure 1</legend>" in html and "<legend>Figure 2</legend>" in html
    assert 'name="figures-0-min" value="2"' in html and f'<option value="{india.pk}" selected>India</option>' in html
    assert 'name="figures-TOTAL_FORMS" value="2"' in html


def test_a_second_figure_is_added_and_the_card_says_whose_dead_each_counts(analyst_client):
    india = ActorFactory(name="India")
    claim = ClaimFactory()
    CasualtyFigureFactory(claim=claim, group=CasualtyGroup.FORCES, actor=india, min=2, max=2)
    response = analyst_client.post(edit_url(claim), edit_post(claim, [
        row("forces", 2, 2, actor=india), row("civilians", 1, 1)], initial=1), follow=True)
    html = response.content.decode()
    assert "Claim saved." in html
    assert "Killed: 2 <span class=\"muted\">(India forces)</span>" in html
    assert "Killed: 1 <span class=\"muted\">(Civilians)</span>" in html
    claim.refresh_from_db()
    assert (claim.fatalities_min, claim.fatalities_max, claim.version) == (3, 3, 2)


def test_the_incident_is_rolled_up_again_from_the_edited_figures(analyst_client):
    claim = ClaimFactory()
    analyst_client.post(edit_url(claim), edit_post(claim, [row("civilians", 4, 6)]))
    claim.incident.refresh_from_db()
    assert (claim.incident.fatalities_low, claim.incident.fatalities_high) == (4, 6)


def test_a_figure_with_its_least_above_its_most_is_refused_on_that_field(analyst_client):
    claim = ClaimFactory()
    response = analyst_client.post(edit_url(claim), edit_post(claim, [row("civilians", 5, 2)]))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Correct the casualty figures marked below." in html
    assert 'name="figures-0-max" value="2"' in html.split("Count: the most (2) cannot be less than the least (5).")[0]
    assert "casualty_figure_min_le_max" not in html
    assert not claim.figures.exists()


def test_an_actor_given_for_civilians_is_refused_on_the_actor_field(analyst_client):
    claim = ClaimFactory()
    response = analyst_client.post(edit_url(claim), edit_post(claim, [row("civilians", actor=ActorFactory())]))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Only forces belong to an actor: clear it, or choose the group “Forces of a named actor”." in html
    assert html.index("figures-0-actor") < html.index("Only forces belong to an actor")


def test_a_figure_ticked_for_deletion_is_removed(analyst_client):
    claim = ClaimFactory()
    CasualtyFigureFactory(claim=claim, group=CasualtyGroup.CIVILIANS, min=1, max=1)
    CasualtyFigureFactory(claim=claim, group=CasualtyGroup.UNKNOWN, min=3, max=3)
    analyst_client.post(edit_url(claim), edit_post(claim, [row("civilians"), row("unknown", 3, 3, DELETE="on")],
                                                   initial=2))
    assert list(claim.figures.values_list("group", "min")) == [("civilians", 1)]


def test_saving_with_the_figures_untouched_leaves_a_claims_totals_alone(analyst_client):
    claim = ClaimFactory(fatalities_min=5, fatalities_max=5)  # made before figures existed: totals only
    analyst_client.post(edit_url(claim), edit_post(claim, [row("unknown", 5, 5)], initial=1, credibility=2))
    claim.refresh_from_db()
    assert (claim.credibility, claim.fatalities_min, claim.figures.count()) == (2, 5, 0)


def test_the_figure_edit_is_in_the_incidents_history_with_the_analyst(analyst_client):
    claim = ClaimFactory()
    analyst_client.post(edit_url(claim), edit_post(claim, [row("civilians", 1, 1)]))
    html = analyst_client.get(reverse("incidents:incident_detail", args=[claim.incident_id])).content.decode()
    history = html[html.index('id="history"'):]
    assert f"Figure of claim {claim.pk} (Killed: 1 (Civilians)) <span class=\"muted\">created</span>" in history
    assert '<td class="small">analyst</td>' in history


def test_a_stale_figure_edit_over_someone_elses_figures_is_refused_showing_both(analyst_client):
    claim = ClaimFactory()
    CasualtyFigureFactory(claim=claim, group=CasualtyGroup.CIVILIANS, min=1, max=1)
    stale = edit_post(claim, [row("civilians", 2, 2)], initial=1)
    services.claim_update(claim=claim, version=1, data={"figures": [
        {"kind": "killed", "group": "civilians", "actor": None, "min": 7, "max": 7}]},
        user=UserFactory(username="other"))
    response = analyst_client.post(edit_url(claim), stale)
    html = response.content.decode()
    assert response.status_code == 409
    assert ("<td>Casualty figures</td><td>Killed: 2 (Civilians)</td><td><strong>Killed: 7 (Civilians)</strong></td>"
            "<td>other</td>") in html
    assert 'name="figures-0-min" value="2"' in html and 'name="version" value="2"' in html


def test_a_stale_figure_edit_is_merged_when_the_other_edit_touched_other_fields(analyst_client):
    claim = ClaimFactory()
    stale = edit_post(claim, [row("civilians", 2, 2)])
    services.claim_update(claim=claim, version=1, data={"analyst_note": "Theirs"},
                          user=UserFactory(username="other"))
    stale["analyst_note"] = "Theirs"
    response = analyst_client.post(edit_url(claim), stale, follow=True)
    assert "Claim saved. It was also changed meanwhile by other; both changes are kept." in response.content.decode()
    assert list(claim.figures.values_list("group", "min")) == [("civilians", 2)]
