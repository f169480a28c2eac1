"""Date expressions in an article, resolved against its publication date ("Tuesday", "last week", "in August").

Everything here works on plain text so it can be tested without the spaCy model; `find_dates` only reads
`doc.text`. Each expression becomes a `DateResult` with a range and a precision (day, week, month, year).
"since Friday" reaches publication; "overnight" is the night before it; wire datelines ("KYIV, Nov 6 (Reuters) -")
restate the filing day and are left out.
"""
from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, datetime, timedelta

from ingest.extraction import DateResult
from ingest.pipeline.nlp import doc_text

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
MAY_LEADS = {"in", "since", "during", "until", "by", "and", "early", "late", "mid"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
SMALL_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_MONTH = r"(?P<{name}>January|February|March|April|May|June|July|August|September|October|November|December|" \
         r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
_DAY = r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?"
_WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBER = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

# Ordered: earlier patterns claim their text first, so "19 September 2016" is never read as "September".
PATTERNS = [
    ("iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    ("gmt_night", r"\b(?P<h>[0-2]?\d)[:.]\d\d\s*(?:a\.?m\.?|p\.?m\.?)?\s*\(\s*(?P<gh>[0-2]?\d):?\d\d\s*GMT\s*\)\s*"
                  r"(?:on\s+)?" + _WEEKDAY),
    ("day_month", r"\b" + _DAY.format(name="d") + r"\s+(?:of\s+)?" + _MONTH.format(name="m")
                  + r"(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"),
    ("month_day", r"\b" + _MONTH.format(name="m") + r"\s+" + _DAY.format(name="d")
                  + r"(?!\d)(?:,?\s+(?P<y>(?:19|20)\d\d))?\b(?!:)"),
    ("month_year", r"\b" + _MONTH.format(name="m") + r",?\s+(?P<y>(?:19|20)\d\d)\b"),
    ("month", r"\b(?P<lead>in|since|during|until|till|by|from|through|early|late|mid|mid-|last|this|and|or|to)\s+"
              r"(?:early\s+|late\s+|mid-?)?" + _MONTH.format(name="m") + r"(?![\w-])"),
    ("year", r"\b(?:in|since|during|until|by|from|of)\s+(?P<y>(?:19|20)\d\d)\b(?![-/]\d)"),
    ("weekday", r"\b(?:(?P<last>last|this|past)\s+)?" + _WEEKDAY + r"(?:\s+(?:morning|afternoon|evening|night))?"),
    ("today", r"\b(?:(?:earlier|later)\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))\b"),
    ("yesterday", r"\b(?:yesterday|last\s+night)\b"),
    ("overnight", r"\bovernight\b"),
    ("past_units", r"\b(?:the\s+)?(?:past|last|previous)\s+" + _NUMBER + r"\s+(?P<unit>day|week|month)s\b"),
    ("relative_period", r"\b(?P<which>last|this|past|previous)\s+(?P<unit>week|month|year)\b"),
    ("ago", r"\b(?:(?:nearly|about|almost|some|around|over|more\s+than)\s+)?" + _NUMBER
            + r"\s+(?P<unit>day|week|month|year)s?\s+(?:ago|after|since|later|on)\b"),
    ("next_day", r"\b(?:the\s+)?(?P<rel>following|next|previous)\s+(?:day|morning|night|evening)\b"
                 r"|\bthe\s+day\s+(?P<rel2>after|before)\b"),
]
_COMPILED = [(kind, re.compile(rx, re.IGNORECASE)) for kind, rx in PATTERNS]
# A wire dateline opening a line: "KYIV, Nov 6 (Reuters) - ", "RAFAH, Gaza Strip (AP) — ",
# "GENEVA (2 November 2023) – ".
DATELINE = re.compile(
    r"^[A-Z][A-Z'’.-]+(?:[ -][A-Z][A-Z'’.-]+)*(?:,[^\n()–—-]{1,40})?(?:\s*\([^()\n]{1,40}\))?"
    r"(?:\s*[-–—]+\s+|\s*[–—](?=[A-Z]))",  # "YANGON—Ethnic rebels": a long dash may touch the first word
    re.MULTILINE,
)
# "has killed 27 since Friday" reports a toll over the days up to now; "since February 24" names a long state.
SINCE_REACH_DAYS = 7
_SINCE = re.compile(r"\b(?:since|from)\s+(?:(?:last|this|early|late)\s+)?$", re.IGNORECASE)


def find_dates(doc, published_at) -> list[DateResult]:
    """Every date expression in the parsed document, resolved against the publication date."""
    return resolve_dates(doc_text(doc), as_date(published_at))


def as_date(value) -> date | None:
    """A date from a date, datetime, ISO string or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def resolve_dates(text: str, published: date | None) -> list[DateResult]:
    """Date expressions in `text`, left to right; relative ones need `published` and are dropped without it."""
    found: list[tuple[int, int, str, re.Match]] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _COMPILED:
        for m in rx.finditer(text):
            span = _expression_span(kind, m)
            if any(span[0] < e and s < span[1] for s, e in taken):
                continue
            taken.append(span)
            found.append((span[0], span[1], kind, m))
    results: list[DateResult] = []
    anchor: date | None = published
    datelines = dateline_spans(text)
    for start, end, kind, m in sorted(found, key=lambda f: f[0]):
        if any(s <= start and end <= e for s, e in datelines):
            continue  # the dateline restates when the story was filed, not when anything happened
        resolved = _resolve(kind, m, published, anchor)
        if resolved is None:
            continue
        first, last, precision = resolved
        if (precision == "day" and published and first <= published and last < published
                and (published - first).days <= SINCE_REACH_DAYS and _SINCE.search(text[max(0, start - 20):start])):
            last, precision = published, ("day" if first == published else "week")  # "since Friday": up to now
        results.append(DateResult(span=(start, end), text=text[start:end], date_start=first, date_end=last,
                                  precision=precision))
        if precision == "day":
            anchor = last
    return results


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the wire datelines opening lines ("KYIV, Nov 6 (Reuters) - ")."""
    return [(m.start(), m.end()) for m in DATELINE.finditer(text)]


def doc_dateline_spans(doc) -> list[tuple[int, int]]:
    """`dateline_spans` of a Doc, found once per Doc and reused by the later stages."""
    if "kb_datelines" not in doc.user_data:
        doc.user_data["kb_datelines"] = dateline_spans(doc_text(doc))
    return doc.user_data["kb_datelines"]


def _expression_span(kind: str, m: re.Match) -> tuple[int, int]:
    if kind == "month":  # the leading preposition is context, not part of the expression
        return m.start("m"), m.end()
    return m.start(), m.end()


def _resolve(kind: str, m: re.Match, published: date | None, anchor: date | None):
    g = {k.lower() if isinstance(k, str) else k: v for k, v in m.groupdict().items()}
    if kind == "iso":
        return _day(int(g["y"]), int(g["m"]), int(g["d"]))
    if kind in ("day_month", "month_day"):
        month, day = _month(g["m"]), int(g["d"])
        if not 1 <= day <= 31:
            return None
        year = int(g["y"]) if g.get("y") else _year_before(published, month, day)
        return None if year is None else _day(year, month, day)
    if kind == "month_year":
        return _month_range(int(g["y"]), _month(g["m"]))
    if kind == "month":
        if _month(g["m"]) == 5 and g["lead"].lower() not in MAY_LEADS:
            return None  # "may" is mostly a verb
        year = _year_before(published, _month(g["m"]), 1)
        return None if year is None else _month_range(year, _month(g["m"]))
    if kind == "year":
        return date(int(g["y"]), 1, 1), date(int(g["y"]), 12, 31), "year"
    if published is None:
        return None
    return _resolve_relative(kind, g, published, anchor)


def _resolve_relative(kind: str, g: dict, published: date, anchor: date | None):
    if kind == "gmt_night":
        day = last_weekday(published, g["wd"])
        local_hour, gmt_hour = int(g["h"]), int(g["gh"])
        # local clock ahead of GMT past midnight: the GMT reading falls on the previous day
        first = day - timedelta(days=1) if gmt_hour > local_hour else day
        return first, day, "day"
    if kind == "weekday":
        strict = (g.get("last") or "").lower() in ("last", "past")
        day = last_weekday(published - timedelta(days=1) if strict else published, g["wd"])
        return day, day, "day"
    if kind == "today":
        return published, published, "day"
    if kind == "yesterday":
        return published - timedelta(days=1), published - timedelta(days=1), "day"
    if kind == "overnight":  # the night before the report: the evening before and the small hours of the day
        return published - timedelta(days=1), published, "day"
    if kind == "past_units":
        first = _units_before(published, _count(g["n"]), g["unit"].lower())[0]
        return first, published, "day" if g["unit"].lower() == "day" else "week"
    if kind == "relative_period":
        return _relative_period(g["which"].lower(), g["unit"].lower(), published)
    if kind == "ago":
        return _units_before(published, _count(g["n"]), g["unit"].lower())
    if kind == "next_day":
        base = anchor or published
        step = -1 if (g.get("rel") or "").lower() == "previous" or (g.get("rel2") or "").lower() == "before" else 1
        return base + timedelta(days=step), base + timedelta(days=step), "day"
    return None


def last_weekday(on_or_before: date, weekday: str) -> date:
    """The last `weekday` ("Tuesday") on or before the given day."""
    target = WEEKDAYS.index(weekday.lower())
    return on_or_before - timedelta(days=(on_or_before.weekday() - target) % 7)


def _relative_period(which: str, unit: str, published: date):
    if unit == "week":
        monday = published - timedelta(days=published.weekday())
        if which == "this":
            return monday, published, "week"
        return monday - timedelta(days=7), monday - timedelta(days=1), "week"
    if unit == "month":
        if which == "this":
            return _month_range(published.year, published.month)
        prev = published.replace(day=1) - timedelta(days=1)
        return _month_range(prev.year, prev.month)
    year = published.year if which == "this" else published.year - 1
    return date(year, 1, 1), date(year, 12, 31), "year"


def _units_before(published: date, n: int, unit: str):
    if unit == "day":
        day = published - timedelta(days=n)
        return day, day, "day"
    if unit == "week":
        day = published - timedelta(weeks=n)
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6), "week"
    if unit == "month":
        total = published.year * 12 + published.month - 1 - n
        return _month_range(total // 12, total % 12 + 1)
    return date(published.year - n, 1, 1), date(published.year - n, 12, 31), "year"


def _count(word: str) -> int:
    return int(word) if word.isdigit() else SMALL_NUMBERS[word.lower()]


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(year: int, month: int, day: int):
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return d, d, "day"


def _month_range(year: int, month: int):
    return date(year, month, 1), date(year, month, monthrange(year, month)[1]), "month"


def _year_before(published: date | None, month: int, day: int) -> int | None:
    """The year that puts month/day on or shortly before publication (news looks back, not ahead)."""
    if published is None:
        return None
    day = min(day, monthrange(published.year, month)[1])
    return published.year if date(published.year, month, day) <= published + timedelta(days=1) else published.year - 1
