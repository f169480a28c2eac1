"""The OpenAPI schema generator: drf-spectacular's, plus the error answers every operation can give, and query
parameters and request fields documented as the app reads them: an empty query value is the parameter left
out, and no text holds a NUL character."""
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from incidents.api.errors import ErrorSerializer

_NO_NUL = r"^[^\x00]*$"


class KBAutoSchema(AutoSchema):
    """Documents 400/401/403/404/429 (and 412/428 for conditional edits) with the shared error body."""

    def _error_codes(self) -> list[str]:
        # Any operation can meet a bad parameter (filters apply to details and exports too).
        codes = ["400", "401", "403", "404", "429"]
        if self.method in ("PATCH", "PUT"):
            codes += ["412", "428"]
        return codes

    def _get_parameters(self):
        parameters = super()._get_parameters()
        for parameter in parameters:
            if (parameter.get("in") == "query" and not parameter.get("required")
                    and parameter.get("schema", {}).get("type") != "array"):
                # django-filter, and DRF's cursor and page size, read `?name=` as the parameter left out (the
                # browsable API's filter form sends every field, filled or not); the schema says so. A list of
                # choices is the exception: django-filter refuses '' as not one of them.
                parameter["allowEmptyValue"] = True
            schema = parameter.get("schema", {})
            if schema.get("type") == "string" and not ({"pattern", "format", "enum"} & set(schema)):
                schema["pattern"] = _NO_NUL  # Django's form fields refuse a NUL character in any text
        return parameters

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if (direction == "request" and isinstance(field, serializers.CharField) and schema.get("type") == "string"
                and not ({"pattern", "format", "enum"} & set(schema))):
            schema["pattern"] = _NO_NUL  # DRF's CharField refuses a NUL character ("Null characters are not allowed")
        return schema

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            responses.setdefault(
                code, self._get_response_for_code(ErrorSerializer, code, ["application/json"], direction),
            )
        return responses
