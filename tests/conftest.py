"""Fixtures shared by every test package: one user per role and a logged-in client for each."""
import pytest
from django.test import Client

from incidents.roles import ANALYST, STAFF, VIEWER
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def extraction_in_the_caller(settings):
    """Without a broker, tests extract in the calling thread, inside their transaction; the tests of the
    in-process worker thread and of Celery turn this back on or set a broker."""
    settings.KB_EXTRACT_IN_BACKGROUND = False


@pytest.fixture
def viewer(db):
    return UserFactory(username="viewer", groups=[VIEWER])


@pytest.fixture
def analyst(db):
    return UserFactory(username="analyst", groups=[ANALYST])


@pytest.fixture
def staff_user(db):
    return UserFactory(username="staff", groups=[STAFF], is_staff=True)


def _logged_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def viewer_client(viewer) -> Client:
    return _logged_in_client(viewer)


@pytest.fixture
def analyst_client(analyst) -> Client:
    return _logged_in_client(analyst)


@pytest.fixture
def staff_client(staff_user) -> Client:
    return _logged_in_client(staff_user)
