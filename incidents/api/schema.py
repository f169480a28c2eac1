"""The OpenAPI schema generator: drf-spectacular's, plus the error answers every operation can give."""
from drf_spectacular.openapi import AutoSchema

from incidents.api.errors import ErrorSerializer


class KBAutoSchema(AutoSchema):
    """Documents 400/401/403/404/429 (and 412/428 for conditional edits) with the shared error body."""

    def _error_codes(self) -> list[str]:
        # Any operation can meet a bad parameter (filters apply to details and exports too).
        codes = ["400", "401", "403", "404", "429"]
        if self.method in ("PATCH", "PUT"):
            codes += ["412", "428"]
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            responses.setdefault(
                code, self._get_response_for_code(ErrorSerializer, code, ["application/json"], direction),
            )
        return responses
