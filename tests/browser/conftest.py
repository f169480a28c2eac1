"""Playwright fixtures: Debian's Chromium (never a downloaded browser), headless, no network beyond the test server.

Sync Playwright runs an event loop in the test thread, so Django's async-safety check is switched off
(DJANGO_ALLOW_ASYNC_UNSAFE), as pytest-django's docs advise for live-server browser tests.
"""
import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
    "--no-first-run", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PASSWORD = "password"


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `apt-get install -y chromium` (browsers are never downloaded).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser tab at 1366×900 whose requests outside the live server fail, as on a machine offline."""
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, base_url=live_server.url)
    tab = context.new_page()
    tab.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


@pytest.fixture
def screenshot():
    """Save a full-page screenshot to test-artifacts/<name>.png (git-ignored) for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def save(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save


@pytest.fixture
def sign_in():
    """Sign in through the sign-in form, as a person would."""

    def submit(page, username: str, password: str = PASSWORD) -> None:
        if "/accounts/login/" not in page.url:
            page.goto("/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()

    return submit


def _signed_in_as(page, sign_in, role: str):
    from tests.factories import UserFactory

    UserFactory(username=role, groups=[role])
    sign_in(page, role)
    return page


@pytest.fixture
def analyst_page(page, transactional_db, sign_in):
    """A tab signed in as a new analyst (username "analyst")."""
    from incidents.roles import ANALYST

    return _signed_in_as(page, sign_in, ANALYST)


@pytest.fixture
def viewer_page(page, transactional_db, sign_in):
    """A tab signed in as a new viewer (username "viewer")."""
    from incidents.roles import VIEWER

    return _signed_in_as(page, sign_in, VIEWER)
