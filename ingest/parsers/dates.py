"""Dates and times as councils print them ("Wednesday 27th July, 2022 1.00 pm").

Explicit regexes cover the common forms quickly; dateparser (day-first) is the
fallback for a labelled date line the regexes do not understand.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ingest.parsers.memo import text_cache

_MONTH = (
    r"(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_WEEKDAY = r"(?:(?P<wd>mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)"
_DAY = r"(?P<d>[0-3]?\d)(?:\s?(?:st|nd|rd|th))?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"

DAY_MONTH_YEAR = re.compile(
    rf"\b{_WEEKDAY}?(?:the\s+)?{_DAY}\s+(?:day\s+of\s+|of\s+)?{_MONTH}\.?,?\s+{_YEAR}\b",  # "the 23 rd day of June"
    re.IGNORECASE,
)
MONTH_DAY_YEAR = re.compile(rf"\b{_WEEKDAY}?{_MONTH}\.?\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)
NUMERIC_DATE = re.compile(r"\b(?P<d>[0-3]?\d)[/.](?P<mo>[01]?\d)[/.](?P<y>(?:19|20)\d\d)\b")
# "27/07/22": a two-digit year only with a slash on both sides and nothing numeric after it.
SHORT_NUMERIC_DATE = re.compile(
    r"(?<![\w/.])(?P<d>[0-3]?\d)/(?P<mo>[01]?\d)/(?P<y>\d\d)(?![\w/]|\.\d)"
)
MONTH_YEAR = re.compile(rf"\b{_MONTH}\.?,?\s+{_YEAR}\b", re.IGNORECASE)
MONTH_ONLY = re.compile(rf"\b{_MONTH}\b(?!\s+\d)", re.IGNORECASE)
# "by 29 May": a day and month with no year.
_DAY_MONTH = re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\b(?!\s+\d)", re.IGNORECASE)

TIME = re.compile(
    r"(?<![\d.:/£$])(?P<h>[012]?\d)(?:[.:](?P<mi>[0-5]\d))?\s?"
    r"(?P<ap>a\.?\s?m\b\.?|p\.?\s?m\b\.?|noon\b|midday\b|o'clock\b)"
    r"|(?<![\d.:/£$])(?P<h24>[01]?\d|2[0-3])[:.](?P<mi24>[0-5]\d)(?![\d:%]|\.\d)(?!\s*(?:%|per\s?cent))"
    r"|\b(?P<noon>noon|midday)\b",
    re.IGNORECASE,
)
_RANGE_END = re.compile(
    r"\s*(?:-|–|—|to|until)\s*(?P<h>[012]?\d)(?:[.:](?P<mi>[0-5]\d))?\s?(?P<ap>a\.?\s?m\b|p\.?\s?m\b)",
    re.IGNORECASE,
)

_MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): index for index, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9


def month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return _MONTHS.get(key) or _MONTHS[key[:3]]


@dataclass(frozen=True)
class DateMatch:
    date: dt.date
    start: int
    end: int


def find_dates(text: str) -> list[DateMatch]:
    """Every full date (day, month and year) in ``text``, in order."""
    return list(_dates_in(text))


# The header's lines and a decision's text are searched by several readers, and minutes
# repeat their sentences: each text is searched once.
@text_cache
def _dates_in(text: str) -> tuple[DateMatch, ...]:
    found: list[DateMatch] = []
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR):
        for match in pattern.finditer(text):
            date = _make(match.group("y"), month_number(match.group("m")), match.group("d"))
            if date is not None:
                found.append(DateMatch(date, match.start(), match.end()))
    for match in NUMERIC_DATE.finditer(text):
        date = _make(match.group("y"), int(match.group("mo")), match.group("d"))
        if date is not None:
            found.append(DateMatch(date, match.start(), match.end()))
    if "/" in text:
        for match in SHORT_NUMERIC_DATE.finditer(text):
            short = int(match.group("y"))
            year = str(2000 + short if short < 70 else 1900 + short)
            date = _make(year, int(match.group("mo")), match.group("d"))
            if date is not None:
                found.append(DateMatch(date, match.start(), match.end()))
    found.sort(key=lambda m: m.start)
    kept: list[DateMatch] = []
    for candidate in found:
        if not kept or candidate.start >= kept[-1].end:
            kept.append(candidate)
    return tuple(kept)


def first_date(text: str) -> DateMatch | None:
    dates = find_dates(text)
    return dates[0] if dates else None


def _make(year: str, month: int, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), month, int(day))
    except ValueError:
        return None


def end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def find_time(text: str) -> dt.time | None:
    """The first clock time in ``text``; a range's start takes the range's am/pm."""
    for match in TIME.finditer(text):
        if match.group("noon"):
            return dt.time(12, 0)
        if match.group("h24") is not None:
            hour, minute, suffix = int(match.group("h24")), int(match.group("mi24")), ""
        else:
            hour, minute = int(match.group("h")), int(match.group("mi") or 0)
            suffix = match.group("ap").lower().replace(".", "").replace(" ", "")
        if suffix in {"noon", "midday"}:
            return dt.time(12, minute) if hour == 12 else None
        if suffix == "o'clock":
            suffix = ""
        if hour > 23 or (suffix and not 1 <= hour <= 12):
            continue
        if suffix == "pm" and hour < 12:
            hour += 12
        elif suffix == "am" and hour == 12:
            hour = 0
        elif not suffix:
            end = _RANGE_END.match(text, match.end())
            if end and end.group("ap").lower().startswith("p") and hour < 12:
                end_hour = int(end.group("h")) % 12 + 12
                if hour + 12 <= end_hour:
                    hour += 12
            elif hour < 7:
                # Council meetings do not sit before seven in the morning: "1.30" means 13:30.
                hour += 12
        return dt.time(hour, minute)
    return None


def parse_date_fallback(text: str) -> dt.date | None:
    """dateparser, day first, for a labelled date line the regexes missed."""
    import dateparser

    if not re.search(r"\d", text) or len(text) > 120:
        return None
    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "DATE_ORDER": "DMY",
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["day", "month", "year"],
            "STRICT_PARSING": True,
        },
    )
    return parsed.date() if parsed is not None else None


def month_deadline(text: str, after: dt.date) -> dt.date | None:
    """ "by November 2022" → 30 Nov 2022; "by 31 March 2026" → that day; "by November" →
    the next November on or after ``after``. None when no date is given."""
    date = first_date(text)
    if date is not None:
        return date.date
    month_year = MONTH_YEAR.search(text)
    if month_year is not None:
        return end_of_month(int(month_year.group("y")), month_number(month_year.group("m")))
    day_month = _DAY_MONTH.search(text)
    if day_month is not None:
        month, day = month_number(day_month.group("m")), int(day_month.group("d"))
        try:
            due = dt.date(after.year, month, day)
            return due if due >= after else dt.date(after.year + 1, month, day)
        except ValueError:
            return None
    month_only = MONTH_ONLY.search(text)
    ambiguous = month_only is not None and month_only.group("m").lower() in {"may", "mar"}
    if ambiguous and re.match(r"\s*the\s+end\s+of\s", text, re.IGNORECASE):
        ambiguous = False  # "by the end of May": the month, not the verb
    if month_only is not None and not ambiguous:
        month = month_number(month_only.group("m"))
        year = after.year if month >= after.month else after.year + 1
        return end_of_month(year, month)
    return None
