"""Saved searches: an analyst keeps the incident list's current filters under a name, and deletes them."""
from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import QueryDict

from incidents.models import SavedSearch

# The list's own paging and ordering are not part of what an analyst means by "this search".
NOT_SAVED = {"page", "csrfmiddlewaretoken"}


def _kept_query(query: str) -> str:
    data = QueryDict(query.lstrip("?"))
    pairs = [(name, value) for name, values in data.lists() if name not in NOT_SAVED for value in values if value]
    return urlencode(pairs)


@transaction.atomic
def saved_search_save(*, user, name: str, query: str) -> SavedSearch:
    """Save `query` (the list's query string) as `name`; saving under a name the user has replaces it."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Give the search a name."})
    kept = _kept_query(query)
    if not kept:
        raise ValidationError("Set at least one filter before saving the search.")
    search, _ = SavedSearch.objects.update_or_create(user=user, name=name[:120], defaults={"query": kept})
    return search


@transaction.atomic
def saved_search_delete(*, search: SavedSearch, user) -> None:
    if search.user_id != user.pk:
        raise ValidationError("That saved search belongs to someone else.")
    search.delete()
