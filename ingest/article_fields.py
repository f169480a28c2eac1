"""The fields of an article as stored, from what the upload and its reader say: URL, publisher, date, type."""
from __future__ import annotations

from datetime import UTC, date, datetime, time

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from incidents.models import Publisher
from ingest.readers import ReadDocument


def content_type_of(document: ReadDocument | None) -> str:
    """The reader's type, with the charset the text was decoded from when it is not UTF-8 (said on the page)."""
    if document is None:
        return ""
    if document.encoding and document.encoding not in ("utf-8", "ascii"):
        return f"{document.content_type}; charset={document.encoding}"[:100]
    return document.content_type


def web_url(value: str | None) -> str:
    """`value` when it is an http(s) URL, else empty: a page's og:url could be `javascript:`, and pages link it."""
    value = (value or "").strip()[:1000]
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return ""
    return value


def publisher_of(name: str | None) -> Publisher | None:
    name = " ".join((name or "").split())[:200]
    if not name:
        return None
    existing = Publisher.objects.filter(name__iexact=name).first()
    return existing or Publisher.objects.get_or_create(name=name)[0]


def as_datetime(value: date | datetime | str | None) -> datetime | None:
    """A publication date as an aware datetime (a bare date is midnight UTC); ValidationError if unreadable."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise ValidationError(f"'{value}' is not an ISO date or datetime, e.g. 2022-09-13.") from None
    if not isinstance(value, datetime):
        value = datetime.combine(value, time.min)
    return value if timezone.is_aware(value) else timezone.make_aware(value, UTC)
