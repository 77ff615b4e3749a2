"""Field comparisons between what a document says and one roster record, each giving a level and a detail.

Name levels, each with its own m and u: agree, typo (one slip: one edit, an OCR letter confusion, or
Jaro-Winkler >= 0.92 on names of 4+ letters), nickname (first names: Bill/William, Barb/Barbara),
phonetic (sounds alike, spelled apart), initial (first names), partial (similar spelling), disagree.
Dates of birth: agree, swap (day and month), partial (one digit, two transposed, the century), disagree.
Every field may also be missing.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

from pipeline.match.normalize import name_key, name_parts, phonetic_keys

_STRONG_JW = 0.92  # spelling this close (one typo in a 6+ letter name) counts as the same name
_WEAK_JW = 0.85


class Level(NamedTuple):
    """The outcome of comparing one field (a tuple, so caches of them cost the garbage collector nothing)."""

    level: str
    detail: str = ""
    strong: bool = False  # a name at this level counts for the two-identifier rule beside an exact DOB or MRN


MISSING = Level("missing")


class NameKeys(NamedTuple):
    """A name in comparison form."""

    first: str
    middle: str
    last: str
    last_parts: tuple[str, ...]
    middle_parts: tuple[str, ...] = ()  # only words long enough to be a surname, not initials

    @classmethod
    def of(cls, first: str, middle: str, last: str) -> NameKeys:
        """Keys for a (first, middle, last) name."""
        middle_parts = tuple(p for p in name_parts(middle) if len(p) > 1)
        return cls(name_key(first), name_key(middle), name_key(last), name_parts(last), middle_parts)


@lru_cache(maxsize=1)
def _nicknamer():  # loaded once per process, on first use
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=16384)
def related_first_names(key: str) -> frozenset[str]:
    """Nicknames, formal names and sibling nicknames of a first name (Bill -> William, Will, Billy, ...)."""
    if len(key) < 2:
        return frozenset()
    nn = _nicknamer()
    canon = nn.canonicals_of(key)
    names = set(nn.nicknames_of(key)) | canon
    for c in canon:
        names |= nn.nicknames_of(c)
    names.discard(key)
    return frozenset(name_key(n) for n in names)


_OCR_PAIRS = (("rn", "m"), ("cl", "d"), ("vv", "w"), ("li", "h"), ("ri", "n"), ("ii", "u"), ("0", "o"),
              ("1", "l"), ("i", "l"), ("5", "s"), ("8", "b"), ("e", "c"), ("q", "g"), ("6", "g"), ("2", "z"))


def ocr_fold(key: str) -> str:
    """A name with the letter shapes OCR confuses made equal (rn/m, cl/d, vv/w, li/h, l/i/1, e/c, ...)."""
    for a, b in _OCR_PAIRS:
        key = key.replace(a, b)
    return key


def _close_spelling(q: str, r: str) -> Level | None:
    """A typo (one slip) or a weaker similar spelling; None when the spellings are apart."""
    if ocr_fold(q) == ocr_fold(r):
        return Level("typo", "OCR letter confusion", strong=True)
    edits = DamerauLevenshtein.distance(q, r, score_cutoff=2)
    jw = JaroWinkler.similarity(q, r)
    shortest = min(len(q), len(r))
    if (edits <= 1 and shortest >= 3) or (jw >= _STRONG_JW and shortest >= 4):
        what = "one letter differs" if edits <= 1 else "one slip"
        return Level("typo", f"{what} (JW {jw:.2f})", strong=True)
    if jw >= _WEAK_JW or edits <= 1:
        return Level("partial", f"similar spelling (JW {jw:.2f})")
    return None


def _sounds_alike(q: str, r: str) -> Level | None:
    if len(q) > 1 and len(r) > 1 and phonetic_keys(q) & phonetic_keys(r):
        return Level("phonetic", "sounds alike")
    return None


def compare_last(q: NameKeys, r_last: str, r_parts: tuple[str, ...]) -> Level:
    """Surnames: exact, double/hyphenated surname, OCR confusion, close spelling."""
    if not q.last or not r_last:
        return MISSING
    if q.last == r_last:
        return Level("agree", "same")
    if q.middle and q.middle + q.last == r_last:
        return Level("agree", "double surname")
    if (len(q.last_parts) > 1 or len(r_parts) > 1) and set(q.last_parts) & set(r_parts):
        return Level("typo", "one part of a double surname", strong=True)
    if q.middle_parts and r_parts[:1] == q.middle_parts[:1]:  # "Roger Douglas Dixon" for Roger Douglas
        return Level("typo", "first part of a double surname", strong=True)
    return _close_spelling(q.last, r_last) or _sounds_alike(q.last, r_last) or Level("disagree", "different")


def compare_first(q: NameKeys, r_first: str) -> Level:
    """First names: exact, nickname, close spelling, middle name used, initial only."""
    if not q.first or not r_first:
        return MISSING
    if q.first == r_first:
        return Level("agree", "same")
    if len(q.first) == 1 or len(r_first) == 1:
        if q.first[0] == r_first[0]:
            return Level("initial", "initial only")
        return Level("disagree", "different initial")
    if r_first in related_first_names(q.first):
        return Level("nickname", "nickname", strong=True)
    short, full = sorted((q.first, r_first), key=len)
    if len(short) >= 3 and full.startswith(short):
        return Level("nickname", "short form", strong=True)  # Barb / Barbara, Alex / Alexander
    close = _close_spelling(q.first, r_first)
    if close:
        return close
    if q.middle and (q.middle == r_first or (len(q.middle) > 1 and r_first in related_first_names(q.middle))):
        return Level("partial", "goes by the middle name")
    return _sounds_alike(q.first, r_first) or Level("disagree", "different")


def compare_dob(q: date, r: date | None) -> Level:
    """Dates of birth: exact, day and month swapped, century of a two-digit year, one digit wrong."""
    if r is None:
        return MISSING
    if q == r:
        return Level("agree", "same")
    if q.year == r.year and q.month == r.day and q.day == r.month:
        return Level("swap", "day and month swapped")
    if q.month == r.month and q.day == r.day and abs(q.year - r.year) == 100:
        return Level("partial", "century of a two-digit year")
    a, b = _digits(q), _digits(r)
    diff = [i for i in range(8) if a[i] != b[i]]
    if len(diff) == 1:
        return Level("partial", "one digit differs")
    if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
        return Level("partial", "two digits transposed")
    return Level("disagree", "different")


def compare_mrn(q: str, r: str, same_shape: bool) -> Level:
    """MRN keys (digits only): exact, one edit away, or different; other formats are someone else's number."""
    if not q or not r:
        return MISSING
    if q == r:
        return Level("agree", "same")
    if DamerauLevenshtein.distance(q, r, score_cutoff=1) <= 1:
        return Level("partial", "one character differs")
    if not same_shape:
        return Level("missing", "a number in another format (not this practice's MRN)")
    return Level("disagree", "different")


def compare_phone(q: str, r: str) -> Level:
    """Ten-digit phones: exact, one digit or the area code differing, or different."""
    if not q or not r:
        return MISSING
    if q == r:
        return Level("agree", "same")
    if q[3:] == r[3:]:
        return Level("partial", "area code differs")
    if sum(a != b for a, b in zip(q, r, strict=True)) == 1:
        return Level("partial", "one digit differs")
    return Level("disagree", "different")


def compare_zip(q: str, r: str) -> Level:
    """Five-digit ZIP codes: exact, same 3-digit area, or different."""
    if not q or not r:
        return MISSING
    if q == r:
        return Level("agree", "same")
    if q[:3] == r[:3]:
        return Level("partial", "same ZIP area")
    return Level("disagree", "different")


def _digits(d: date) -> str:
    return f"{d.year:04d}{d.month:02d}{d.day:02d}"
