"""The query-parameter types the FilterSets share: ISO moments in UTC, countries by name or code, bigint ids,
strict booleans and bounding boxes, each refusing what it can't read with a message naming the value."""
from datetime import UTC

from django import forms
from django_filters import rest_framework as filters
from django_filters.fields import IsoDateTimeField
from django_filters.widgets import BooleanWidget
from drf_spectacular.utils import extend_schema_field

from incidents.countries import country_code


class MomentField(IsoDateTimeField):
    """An ISO 8601 moment, turned into UTC (PostgreSQL refuses offsets beyond ±15:59 that Python accepts)."""

    def clean(self, value):
        moment = super().clean(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            raise forms.ValidationError("That moment is out of range.") from None


class CountryField(forms.CharField):
    """A country typed by name or code, cleaned to its ISO 3166-1 alpha-2 code; an unknown one is an error."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        code = country_code(value)
        if code is None:
            # the typed text goes in as a parameter: DRF %-formats the message, and a "%" typed would break it
            raise forms.ValidationError("“%(value)s” is not a country we know; give its name or two-letter code.",
                                        code="unknown_country", params={"value": value})
        return code


class CountryFilter(filters.CharFilter):
    """A country by name or code; compared case-blind, as the UPPER(country_code) indexes hold it."""

    field_class = CountryField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "iexact")
        super().__init__(*args, **kwargs)


class MomentFilter(filters.IsoDateTimeFilter):
    field_class = MomentField


_BIGINT_MAX = 2**63 - 1


class IdField(forms.IntegerField):
    """A row id: a whole number PostgreSQL's bigint can hold (not `1.5`, nor `1e174`, which used to pass)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", _BIGINT_MAX)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": _BIGINT_MAX})
class IdFilter(filters.NumberFilter):
    field_class = IdField


class StrictBooleanWidget(BooleanWidget):
    """true/false (or 1/0) as BooleanWidget reads them; any other text is passed on for the field to refuse."""

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        raw = data.get(name)
        # BooleanWidget reads any other text as "not given": `?has_contradictions=yes` would silently list all.
        return raw if value is None and raw not in (None, "") else value


class StrictBooleanField(forms.NullBooleanField):
    """True, False, or None when left empty; a value that is neither true nor false is an error."""

    widget = StrictBooleanWidget

    def to_python(self, value):
        if value is None or isinstance(value, bool):
            return value
        if value == "":
            return None
        raise forms.ValidationError("Give true or false (or 1 or 0).", code="invalid")


class StrictBooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", StrictBooleanWidget)
        super().__init__(*args, **kwargs)


class BoundingBoxField(forms.CharField):
    """`minlon,minlat,maxlon,maxlat` in degrees, cleaned into a tuple of four floats."""

    def clean(self, value):
        value = super().clean(value)
        if value in (None, ""):
            return None
        try:
            min_lon, min_lat, max_lon, max_lat = (float(part) for part in value.split(","))
        except ValueError:
            raise forms.ValidationError("Give the box as minlon,minlat,maxlon,maxlat, e.g. 44,38,47,41.") from None
        if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
            raise forms.ValidationError(
                "The box must have -180 ≤ minlon ≤ maxlon ≤ 180 and -90 ≤ minlat ≤ maxlat ≤ 90."
            )
        return min_lon, min_lat, max_lon, max_lat


@extend_schema_field({"type": "string", "pattern": r"^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$", "example": "44,38,47,41"})
class BoundingBoxFilter(filters.Filter):
    field_class = BoundingBoxField
