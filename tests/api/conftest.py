"""Fixtures of the API tests: a DRF client per role, a token, and a clean throttle cache for every test."""
import pytest
from django.core.cache import cache
from knox.models import AuthToken
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def fresh_throttle_counts():
    """Rate limits count in the cache; each test starts from zero."""
    cache.clear()
    yield
    cache.clear()


def _client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def anonymous_api():
    return APIClient()


@pytest.fixture
def viewer_api(viewer):
    return _client_for(viewer)


@pytest.fixture
def analyst_api(analyst):
    return _client_for(analyst)


@pytest.fixture
def staff_api(staff_user):
    return _client_for(staff_user)


@pytest.fixture
def analyst_token(analyst) -> str:
    return AuthToken.objects.create(user=analyst, expiry=None)[1]
