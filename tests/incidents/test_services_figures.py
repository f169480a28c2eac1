"""Editing a claim's casualty figures by group through `claim_update`: only what differs is written, every
change is in history with its analyst, and a stale edit of the figures is replayed or refused as a whole."""
import pytest

from incidents import services
from incidents.choices import CasualtyGroup
from incidents.models import CasualtyFigure
from tests.factories import ActorFactory, CasualtyFigureFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def figure(group=CasualtyGroup.CIVILIANS, low=1, high=1, kind="killed", actor=None) -> dict:
    return {"kind": kind, "group": group, "actor": actor, "min": low, "max": high}


def test_a_figure_given_again_unchanged_keeps_its_span_and_gets_no_history_row(analyst):
    claim = ClaimFactory()
    kept = CasualtyFigureFactory(claim=claim, group=CasualtyGroup.CIVILIANS, min=1, max=1, start=0, end=5)
    services.claim_update(claim=claim, version=claim.version, data={"figures": [
        figure(), figure(CasualtyGroup.UNKNOWN, 2, 2)]}, user=analyst)
    kept.refresh_from_db()
    assert (kept.start, kept.end, kept.history.count()) == (0, 5, 1)
    assert claim.figures.count() == 2


def test_a_changed_count_is_one_change_of_the_same_figure_in_history(analyst):
    claim = ClaimFactory()
    old = CasualtyFigureFactory(claim=claim, group=CasualtyGroup.CIVILIANS, min=2, max=2)
    services.claim_update(claim=claim, version=claim.version, data={"figures": [figure(low=3, high=3)]},
                          user=analyst)
    latest = CasualtyFigure.history.filter(id=old.pk).first()
    assert (latest.history_type, latest.min, latest.history_user) == ("~", 3, analyst)


def test_a_figure_left_out_is_deleted_in_the_analysts_name(analyst):
    claim = ClaimFactory()
    CasualtyFigureFactory(claim=claim, group=CasualtyGroup.CIVILIANS, min=1, max=1)
    gone = CasualtyFigureFactory(claim=claim, group=CasualtyGroup.UNKNOWN, min=4, max=4)
    services.claim_update(claim=claim, version=claim.version, data={"figures": [figure()]}, user=analyst)
    record = CasualtyFigure.history.filter(id=gone.pk).first()
    assert (record.history_type, record.history_user) == ("-", analyst)


def test_the_claims_totals_and_group_follow_its_figures(analyst):
    india = ActorFactory(name="India")
    claim = ClaimFactory()
    claim = services.claim_update(claim=claim, version=claim.version, data={"figures": [
        figure(CasualtyGroup.FORCES, 2, 2, actor=india), figure(low=1, high=None),
        figure(low=5, high=5, kind="injured")]}, user=analyst)
    assert (claim.fatalities_min, claim.fatalities_max, claim.injured_min, claim.injured_max) == (3, None, 5, 5)
    assert (claim.casualty_group, claim.casualty_actor) == (CasualtyGroup.FORCES, india)


def test_a_stale_figure_edit_is_replayed_when_only_other_fields_changed(analyst):
    claim = ClaimFactory()
    CasualtyFigureFactory(claim=claim, group=CasualtyGroup.CIVILIANS, min=1, max=1)
    services.claim_update(claim=claim, version=1, data={"credibility": 2}, user=UserFactory(username="other"))
    claim.refresh_from_db()
    rebased = services.edit_rebase(current=claim, base_version=1, data={"figures": [figure(low=2, high=2)]})
    assert rebased.conflicts == [] and rebased.data == {"figures": [figure(low=2, high=2)]}


def test_a_stale_figure_edit_conflicts_when_someone_else_changed_the_figures(analyst):
    claim = ClaimFactory()
    CasualtyFigureFactory(claim=claim, group=CasualtyGroup.CIVILIANS, min=1, max=1)
    services.claim_update(claim=claim, version=1, data={"figures": [figure(low=7, high=7)]},
                          user=UserFactory(username="other"))
    claim.refresh_from_db()
    rebased = services.edit_rebase(current=claim, base_version=1, data={"figures": [figure(low=2, high=2)]})
    assert rebased.conflicts == ["figures"] and rebased.others["figures"] == "other"


def test_a_stale_edit_that_leaves_the_figures_as_they_were_keeps_the_other_analysts_figures(analyst):
    claim = ClaimFactory()
    CasualtyFigureFactory(claim=claim, group=CasualtyGroup.CIVILIANS, min=1, max=1)
    services.claim_update(claim=claim, version=1, data={"figures": [figure(low=7, high=7)]},
                          user=UserFactory(username="other"))
    claim.refresh_from_db()
    rebased = services.edit_rebase(current=claim, base_version=1, data={"figures": [figure()], "credibility": 3})
    assert rebased.conflicts == [] and rebased.data == {"credibility": 3}
