"""A small resolver for the date expressions of press releases.

No dateparser in the hot path: day/month names, weekdays, "today", "yesterday" and full
dates are resolved against the article date with plain tables.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

_MONTH_RE = (
    r"(January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
DATE_RE = re.compile(
    r"\b(?:"
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE.replace('(', '(?P<m1>', 1)}"
    r"(?:,?\s+(?P<y1>\d{4}))?"
    r"|"
    rf"{_MONTH_RE.replace('(', '(?P<m2>', 1)}\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b"
    r"(?:,?\s+(?P<y2>\d{4}))?"
    r"|"
    r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"
    r"|"
    r"(?P<nd>\d{1,2})\.(?P<nm>\d{1,2})\.(?P<ny>\d{4})\b"
    r"|"
    r"(?P<ago>(?:one|two|three|four|five|six|a|\d)\s+days?\s+ago)"
    r"|"
    r"(?P<rel>today|yesterday|tomorrow|(?:last|this|next|on|spent)\s+"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
    r"|"
    rf"in\s+{_MONTH_RE.replace('(', '(?P<m3>', 1)}\s+(?P<y3>\d{{4}})"
    r"|"
    r"in\s+(?P<y4>\d{4})\b"
    r")",
    re.IGNORECASE,
)


_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _infer_year(m: int, d: int, ref: dt.date | None) -> dt.date | None:
    if ref is None:
        return None
    cand = _safe(ref.year, m, d)
    if cand is None:
        return None
    # the occurrence nearest the article date: "on 28 December" read in January is last year,
    # "on 2 January" read on 30 December next year, and an announced "on 1 November" read in
    # September this year
    if (cand - ref).days > 182:
        cand = _safe(ref.year - 1, m, d) or cand
    elif (ref - cand).days > 182:
        cand = _safe(ref.year + 1, m, d) or cand
    return cand


def resolve(
    match: re.Match[str], ref: dt.date | None, future: bool = False
) -> tuple[dt.date | None, str]:
    """Resolve one DATE_RE match. Returns (date or None, kind).

    kind is "day" for a resolved day, "month"/"year" for partial (historical) dates,
    "relative" for today/yesterday/weekdays. ``future``: the clause tells a plan, so "on
    Friday" is the coming Friday, not the last one.

    >>> m = DATE_RE.search("concluded on 28 August")
    >>> resolve(m, dt.date(2024, 9, 2))
    (datetime.date(2024, 8, 28), 'day')
    >>> resolve(DATE_RE.search("on Thursday"), dt.date(2024, 10, 9))
    (datetime.date(2024, 10, 3), 'relative')
    >>> resolve(DATE_RE.search("spent Monday in the north"), dt.date(2024, 10, 1))
    (datetime.date(2024, 9, 30), 'relative')
    >>> resolve(DATE_RE.search("will take over on 1 November"), dt.date(2024, 9, 5))
    (datetime.date(2024, 11, 1), 'day')
    >>> resolve(DATE_RE.search("signed on 13.03.2024"), None)
    (datetime.date(2024, 3, 13), 'day')
    >>> resolve(DATE_RE.search("met two days ago"), dt.date(2024, 3, 14))
    (datetime.date(2024, 3, 12), 'relative')
    >>> resolve(DATE_RE.search("is set to meet on Friday"), dt.date(2024, 3, 14), future=True)
    (datetime.date(2024, 3, 15), 'relative')
    """
    g = match.groupdict()
    if g["iy"]:
        return _safe(int(g["iy"]), int(g["im"]), int(g["id"])), "day"
    if g["ny"]:
        return _safe(int(g["ny"]), int(g["nm"]), int(g["nd"])), "day"  # "13.03.2024"
    if g["ago"]:
        n = g["ago"].split()[0].lower()
        days = int(n) if n.isdigit() else _NUMBERS[n]
        return (ref - dt.timedelta(days=days) if ref else None), "relative"
    if g["m1"] or g["m2"]:
        mon = MONTHS[(g["m1"] or g["m2"]).lower().rstrip(".")]
        day = int(g["d1"] or g["d2"])
        year = g["y1"] or g["y2"]
        if year:
            return _safe(int(year), mon, day), "day"
        return _infer_year(mon, day, ref), "day"
    if g["rel"]:
        rel = g["rel"].lower().split()
        if ref is None:
            return None, "relative"
        if rel[0] == "today":
            return ref, "relative"
        if rel[0] == "yesterday":
            return ref - dt.timedelta(days=1), "relative"
        if rel[0] == "tomorrow":
            return ref + dt.timedelta(days=1), "relative"
        wd = WEEKDAYS[rel[-1]]
        delta = (ref.weekday() - wd) % 7
        if rel[0] == "next":
            return ref + dt.timedelta(days=(wd - ref.weekday()) % 7 or 7), "relative"
        if future and rel[0] in ("on", "this"):
            return ref + dt.timedelta(days=(wd - ref.weekday()) % 7), "relative"
        if rel[0] == "last" and delta == 0:
            delta = 7
        return ref - dt.timedelta(days=delta), "relative"
    if g["m3"]:
        return None, "month"
    return None, "year"


# a plan: "will meet", "is set to sign", "is due to arrive", "plans to visit", "is to attend"
_FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are) (?:due|set|expected|scheduled|going) to|plans? to|"
    r"(?:is|are) to \w+)\b",
    re.IGNORECASE,
)
# the clause of a date starts after the last comma, semicolon, colon or "that" before it
_CLAUSE_START = re.compile(r".*(?:[,;:]|\bthat\b)", re.IGNORECASE | re.DOTALL)


def _future_clause(text: str, start: int, end: int, m: re.Match[str]) -> bool:
    """'A is set to meet B on Friday', 'On Friday, A will meet B': the weekday's clause is a
    plan. 'The ministry said on Monday that A will visit B' is not: the plan is in a later
    clause."""
    before = text[start : m.start()]
    cut = _CLAUSE_START.match(before)
    clause = before[cut.end() :] if cut else before
    if _FUTURE.search(clause):
        return True
    if before.strip():
        return False
    # the weekday opens the sentence: the main clause after it
    after = re.split(r"\bthat\b|;", text[m.end() : end], maxsplit=1)[0]
    return _FUTURE.search(after) is not None


def find_dates(text: str, start: int, end: int, ref: dt.date | None):
    """Yield (char_start, char_end, date|None, kind) for date expressions in text[start:end]."""
    for m in DATE_RE.finditer(text, start, end):
        future = bool(m.group("rel")) and _future_clause(text, start, end, m)
        d, kind = resolve(m, ref, future)
        if kind == "day" and not (m.group("y1") or m.group("y2") or m.group("iy") or m.group("ny")):
            # a bare "20 January" is often a name ("the 20 January tragedy"): only "on 28 May",
            # "Today, 28 May", a dateline "March 9." or one at the start of a sentence count
            before = text[max(start, m.start() - 12) : m.start()].lower()
            after = text[m.end() : m.end() + 2]
            if not (
                # "on 28 May", "on the 12th of March"
                re.search(
                    r"(?:\bon|\bsince|\bfrom|\buntil|\btill|\bby|today|,)(?:\s+the)?\s*$", before
                )
                or m.start() == start
                or after[:1] in (".", ",")
                and before.rstrip().endswith(",")
            ):
                kind = "mention"
                d = None
        yield m.start(), m.end(), d, kind
