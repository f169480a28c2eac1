"""Cursor pagination for the API's lists: stable under inserts, with a capped page size."""
from django.conf import settings
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination


class KBCursorPagination(CursorPagination):
    """Newest first by id; a full-text search orders by rank instead (best match first)."""

    page_size = 50
    page_size_query_param = "page_size"
    ordering = "-id"

    @property
    def max_page_size(self) -> int:
        return settings.KB_API_MAX_PAGE_SIZE

    def get_page_size(self, request):
        # DRF falls back to the default for a page size that is not a positive integer: the client would
        # page through 50 rows at a time without knowing why. Refused instead; above the cap it is capped.
        raw = request.query_params.get(self.page_size_query_param, "")
        if raw != "" and not (raw.isascii() and raw.isdigit() and int(raw) >= 1):
            raise ValidationError({self.page_size_query_param: [
                f"Give a whole number from 1 (at most {self.max_page_size} rows are sent)."]})
        return super().get_page_size(request)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters

    def get_ordering(self, request, queryset, view):
        if "search_rank" in queryset.query.annotations:
            return ("-search_rank", "-id")
        return super().get_ordering(request, queryset, view)

    def get_paginated_response_schema(self, schema: dict) -> dict:
        paged = super().get_paginated_response_schema(schema)
        descriptions = {
            "next": "URL of the next page; empty on the last page",
            "previous": "URL of the previous page; empty on the first page",
            "results": "This page's rows",
        }
        for name, text in descriptions.items():
            paged["properties"][name]["description"] = text
        return paged
