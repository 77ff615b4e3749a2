"""Dates of birth as US documents print them, with OCR repair and two-digit-year centuries."""

from __future__ import annotations

import re
from datetime import date

from rapidfuzz.distance import Levenshtein

from pipeline.match.normalize import repair_digits

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
# A digit as OCR may print it: the confusable letters are repaired once the shape says "number".
_D = r"[0-9OoQDIl|!SZBG]"
_NUMERIC = re.compile(
    rf"(?<![0-9A-Za-z])(?P<a>{_D}{{1,4}})\s?(?P<sep>[/\-.])\s?(?P<b>{_D}{{1,2}})\s?(?P=sep)\s?(?P<c>{_D}{{2,4}})(?![0-9A-Za-z])"
)
_COMPACT = re.compile(r"(?<![0-9])(?P<n>\d{8})(?![0-9])")
# Where a birth-date label's value starts: after a colon, a box's rule or a form's blanks ("DOB: __5-29-66").
_LEAD = r"^[\W_]{0,4}?"
# A labelled date whose separators are gone ("DOB 5 29 66"): thin hyphens vanish from standard faxes. A
# line laid out from word boxes may show the gap as two spaces.
_SPACED = re.compile(_LEAD + r"(?P<a>\d{1,2}|(?:19|20)\d{2}) {1,2}(?P<b>\d{1,2}) {1,2}(?P<c>\d{2}|\d{4})(?![0-9A-Za-z])")
# ... or only one of them gone ("DOB: 7-348" for 7-3-48).
_ONE_SEPARATOR = re.compile(_LEAD + r"(?P<a>\d{1,4})[/\-.](?P<b>\d{2,6})(?![0-9A-Za-z]|[/\-.]\d)")
# ... or one of them misread as a tilde or gone to a space ("1~19-25", "1-19 25", "1956 04-24"); the same
# separator twice is the plain or the spaced form. Either may start with the year (ISO order).
_MIXED = re.compile(_LEAD + r"(?P<a>\d{1,2}|(?:19|20)\d{2})(?P<s1>[~\-/.]| {1,2})(?P<b>\d{1,2})(?P<s2>[~\-/.]| {1,2})(?P<c>\d{2}|\d{4})(?![0-9A-Za-z])")
# The year ends the token: "20 Feb 19/1" is 1971 misread (a 7 read as a slash), never 2019. Likewise the
# day: a slash and then a space after it ("2/ Oct 1936", "Oct 2/ 1936") is a 7 misread, never day 2, and
# "Oct 1936" is a month and a year, never 19 October '36.
_DAY_END = r"(?:st|nd|rd|th)?(?!/\s)"
# "| April 17, 1950" (a box's rule read as "!" before it) is April 17: a two-digit "year" followed by a
# four-digit one is the month's day. A month's name ends its word: "Apr" then "il" read as 11 is no date.
_DAY_MONTH_YEAR = re.compile(
    rf"(?<![0-9A-Za-z])(?P<d>{_D}{{1,2}}){_DAY_END}[\s\-./]*{_MONTH}(?![a-z])[\s\-./,]*(?P<y>{_D}{{4}}|{_D}{{2}})"
    r"(?![0-9A-Za-z]|[/\-.]\d|,?\s*\d{4}(?!\d))",
    re.I,
)
_MONTH_DAY_YEAR = re.compile(
    rf"(?<![A-Za-z]){_MONTH}(?![a-z])[\s\-./]*(?P<d>{_D}{{1,2}}){_DAY_END}[\s\-./,]+(?P<y>{_D}{{4}}|{_D}{{2}})(?![0-9A-Za-z]|[/\-.]\d)",
    re.I,
)

# A labelled date whose month's name is misread by one letter ("4 Dac 1979"), with a four-digit year.
_MISREAD_MONTH = re.compile(
    _LEAD + rf"(?:(?P<d>\d{{1,2}}){_DAY_END}[\s\-./]*(?P<m1>[A-Za-z0-9]{{3}})"
    rf"|(?P<m2>[A-Za-z0-9]{{3}})\.?\s*(?P<d2>\d{{1,2}}){_DAY_END},?)[\s\-./,]*(?P<y>(?:19|20)\d{{2}})(?![0-9A-Za-z])"
)


def century_year(two_digits: int, today: date | None = None) -> int:
    """The birth year of a two-digit year: this century unless that would be in the future."""
    now = (today or date.today()).year
    year = now - now % 100 + two_digits
    return year if year <= now else year - 100


def _year(text: str, today: date | None) -> int | None:
    if len(text) == 4:
        return int(text)
    if len(text) == 2:
        return century_year(int(text), today)
    return None


def _safe_date(y: int | None, m: int, d: int) -> date | None:
    if y is None:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _dated(year: str, month: int, day: int, today: date | None) -> date | None:
    found = _safe_date(_year(year, today), month, day)
    if found is not None and len(year) == 2 and found > (today or date.today()):
        return _safe_date(found.year - 100, month, day)  # "12/03/26" read on 2026-12-02 is in 1926
    return found


def _numeric(match: re.Match[str], today: date | None) -> date | None:
    a, b, c = (repair_digits(match.group(g)) for g in ("a", "b", "c"))
    if not (a.isdigit() and b.isdigit() and c.isdigit()):
        return None
    if len(a) == 4:  # ISO order
        return _safe_date(int(a), int(b), int(c)) if len(c) <= 2 else None
    if len(a) > 2 or len(c) == 3:
        return None
    month, day = int(a), int(b)
    if month > 12 >= day:  # only a day-first date can be valid
        month, day = day, month
    return _dated(c, month, day, today)


def _compact(match: re.Match[str]) -> date | None:
    n = match.group("n")
    if n[:2] in ("19", "20"):
        found = _safe_date(int(n[:4]), int(n[4:6]), int(n[6:]))
        if found:
            return found
    return _safe_date(int(n[4:]), int(n[:2]), int(n[2:4]))


def _texty(match: re.Match[str], today: date | None) -> date | None:
    d, y = repair_digits(match.group("d")), repair_digits(match.group("y"))
    if not (d.isdigit() and y.isdigit()):
        return None
    return _dated(y, _month(match), int(d), today)


def _month(match: re.Match[str]) -> int:
    word = match.group("mon").lower().rstrip(".")
    return _MONTHS.get(word[:4], _MONTHS.get(word[:3], 0))


def _mixed(match: re.Match[str], today: date | None) -> date | None:
    """A month-day-year date whose two separators differ, one of them a tilde or a space."""
    pair = {match.group("s1")[0], match.group("s2")[0]}
    return _numeric(match, today) if len(pair) == 2 and pair & {"~", " "} else None


def _lost_separator(match: re.Match[str], today: date | None) -> date | None:
    """A month-day-year date with one separator lost, when the digits allow exactly one reading.

    The merged group must be no whole part on its own, so a month and year ("12-80", "7-1948") or a year
    and month ("1948-05") is never read as a day: the day and the year ("348": 3, 48) or the month and the
    day ("1125": 11, 25) are joined only where no part of a date has that many digits.
    """
    a, b = match.group("a"), match.group("b")
    readings: set[date] = set()
    if len(b) in (3, 5, 6) and len(a) <= 2:  # the day ran into the year
        for cut in (1, 2):
            day, year = b[:cut], b[cut:]
            if len(year) in (2, 4) and (v := _dated(year, int(a), int(day), today)) is not None:
                readings.add(v)
    elif len(a) in (3, 4) and len(b) in (2, 4) and a[:2] not in ("19", "20"):  # the month ran into the day
        for cut in (1, 2):
            month, day = a[:cut], a[cut:]
            if len(day) <= 2 and (v := _dated(b, int(month), int(day), today)) is not None:
                readings.add(v)
    return readings.pop() if len(readings) == 1 else None


def _month_misread(token: str) -> int:
    """The month whose three-letter name `token` is one letter from, when exactly one is (0 otherwise)."""
    if token.lower() in _MONTHS:
        return 0  # a month's name: the patterns above read it or had reason not to ("2/ Oct 1936")
    low = token.lower().replace("0", "o")
    if not low.isalpha() or low in _MONTHS:
        return _MONTHS.get(low, 0)  # "0ct"
    near = {n for word, n in _MONTHS.items() if len(word) == 3 and Levenshtein.distance(low, word, score_cutoff=1) <= 1}
    return near.pop() if len(near) == 1 else 0


def _misread_month_date(match: re.Match[str], today: date | None) -> date | None:
    month = _month_misread(match.group("m1") or match.group("m2"))
    day = match.group("d") or match.group("d2")
    return _dated(match.group("y"), month, int(day), today) if month else None


# A birth-date label's value damaged by OCR, tried in turn: separators gone, one separator misread or gone
# to a space, one separator lost, a month's name misread. Each reads (the match's first group starts the
# date).
_DAMAGED = ((_SPACED, _numeric), (_MIXED, _mixed), (_ONE_SEPARATOR, _lost_separator),
            (_MISREAD_MONTH, _misread_month_date))


def _damaged_date(text: str, today: date | None) -> tuple[int, int, date] | None:
    """(start, end, date) of a damaged date at the start of a birth-date label's value, or None."""
    for rx, read in _DAMAGED:
        if (m := rx.match(text)) and (value := read(m, today)) is not None:
            first = min(m.start(g) for g in m.groupdict() if m.group(g) is not None)
            return first, m.end(), value
    return None


def _plain_spans(text: str, today: date | None) -> list[tuple[int, int, date]]:
    spans: list[tuple[int, int, date]] = []
    for rx in (_NUMERIC, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for m in rx.finditer(text):
            value = _numeric(m, today) if rx is _NUMERIC else _texty(m, today)
            if value is not None:
                spans.append((m.start(), m.end(), value))
    return spans


def find_dates(text: str, today: date | None = None, compact: bool = False,
               spaced: bool = False) -> list[tuple[int, date]]:
    """Every date in `text` as (offset, date), in order; `compact` also accepts 8 bare digits (MMDDYYYY).

    `spaced` (the text is the value of a birth-date label) also accepts, at its start, a month, day and
    year separated by single spaces, or with one of the two separators lost, or with a month name misread
    by one letter into no other month ("4 Dac 1979").
    """
    spans = _plain_spans(text, today)
    if compact and not spans:
        spans.extend((m.start(), m.end(), v) for m in _COMPACT.finditer(text) if (v := _compact(m)) is not None)
    if spaced and not spans and (damaged := _damaged_date(text, today)) is not None:
        spans.append(damaged)
    return [(start, value) for start, _, value in _first_longest(spans)]


def _first_longest(spans: list[tuple[int, int, date]]) -> list[tuple[int, int, date]]:
    """Overlapping readings of one date: the earliest, longest wins."""
    spans.sort(key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int, date]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


_WORD_START = re.compile(r"(?<![0-9A-Za-z])[0-9A-Za-z]")


def find_damaged_dates(text: str, today: date | None = None) -> list[tuple[int, date]]:
    """Dates damaged as `find_dates(spaced=True)` reads a label's value, wherever a word starts in `text`,
    outside the dates `find_dates` reads plainly. Only for comparing with a known patient's own birth date:
    an unlabelled "12 3 45" is no evidence on its own."""
    taken = _first_longest(_plain_spans(text, today))
    found: list[tuple[int, date]] = []
    end = -1
    for m in _WORD_START.finditer(text):
        at = m.start()
        if at < end or any(a <= at < b for a, b, _ in taken):
            continue
        if (damaged := _damaged_date(text[at:], today)) is not None:
            found.append((at + damaged[0], damaged[2]))
            end = at + damaged[1]
    return found


def parse_date(text: str, today: date | None = None) -> date | None:
    """The first date in `text` (any common US form), or None."""
    text = text.strip()
    found = find_dates(text, today, compact=True)
    return found[0][1] if found else None
