"""Request-rate limits for anonymous and signed-in (session or token) API clients.

The rates are read per request from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] (KB_THROTTLE_ANON,
KB_THROTTLE_USER), not frozen at import as DRF's own classes do, so they can be changed in settings and tests.
"""
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class SignedInThrottle(UserRateThrottle):
    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
