"""CSV formula-injection escaping (OWASP "CSV Injection"): a text cell a spreadsheet would run as a formula
is prefixed with a single quote, so it shows as the text it is. Numbers are left alone (a negative latitude
is data, not a formula); only strings are escaped, at the CSV writer, so every export column is covered."""
from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """The value as it may go into a CSV cell: strings starting like a formula get a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_safe_row(row: dict) -> dict:
    """Every cell of one CSV row through `csv_safe`."""
    return {key: csv_safe(value) for key, value in row.items()}
