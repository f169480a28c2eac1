"""axe-core (bundled by axe-playwright-python, run in Chromium) over every page of the app: no serious or
critical violations."""
import pytest

from incidents.roles import ANALYST, VIEWER
from tests.factories import UserFactory
from tests.scenarios import presstv_seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SEVERE = {"serious", "critical"}


def _severe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{violation['id']} ({violation['impact']}): {violation['help']} at "
            + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
            for violation in results.response["violations"] if violation["impact"] in SEVERE]


@pytest.fixture
def seed(transactional_db):
    return presstv_seed()


def _pages(seed) -> dict[str, str]:
    claim = seed.am_shelling
    return {
        "list": "/", "list-filtered": "/?search=shelling&country=Armenia",
        "incident": f"/incidents/{seed.incident.pk}/", "incident-edit": f"/incidents/{seed.incident.pk}/edit/",
        "incident-merge": f"/incidents/{seed.incident.pk}/merge/",
        "incident-split": f"/incidents/{seed.incident.pk}/split/",
        "article": f"/articles/{seed.article.pk}/", "claim-edit": f"/claims/{claim.pk}/edit/",
        "claim-link": f"/claims/{claim.pk}/link/", "claim-move": f"/claims/{claim.pk}/move/",
        "unlink": f"/claim-links/{seed.contradiction.pk}/delete/",
        "actor": f"/actors/{next(iter(seed.actors.values())).pk}/",
        "place": f"/locations/{next(iter(seed.places.values())).pk}/",
        "duplicates": "/duplicates/", "not-found": "/incidents/999999/",
    }


def test_the_analysts_pages_have_no_serious_or_critical_axe_violations(page, seed, sign_in):
    UserFactory(username="analyst", groups=[ANALYST])
    sign_in(page, "analyst")
    found = {}
    for name, url in _pages(seed).items():
        page.goto(url)
        page.wait_for_load_state("load")
        found[name] = _severe_violations(page)
    problems = {name: problems for name, problems in found.items() if problems}
    assert not problems, "\n".join(f"{name}: {problem}" for name, items in problems.items() for problem in items)


def test_the_sign_in_and_refusal_pages_have_no_serious_or_critical_axe_violations(page, seed, sign_in):
    page.goto("/accounts/login/")
    found = {"login": _severe_violations(page)}
    UserFactory(username="viewer", groups=[VIEWER])
    sign_in(page, "viewer")
    page.goto(f"/incidents/{seed.incident.pk}/edit/")
    assert "Not allowed" in page.content()
    found["403"] = _severe_violations(page)
    assert {name: problems for name, problems in found.items() if problems} == {}
