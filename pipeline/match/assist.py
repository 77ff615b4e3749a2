"""Roster-assisted reading: is a candidate's own name, DOB or MRN clearly printed where the patient is?

The extractor reads values after labels; this looks the other way round. Given a roster candidate, it
searches the document's patient zones (never the fax header, letterhead or provider lines) for that
candidate's own values, allowing for OCR's confusions. Build a ZoneReader once per document, then ask it
about each candidate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rapidfuzz.distance import Levenshtein

from pipeline.match.compare import related_first_names
from pipeline.match.dates import find_damaged_dates, find_dates
from pipeline.match.labels import fold_ocr
from pipeline.match.layout import patient_zones
from pipeline.match.normalize import name_key
from pipeline.records import PageText

__all__ = ["CandidateFields", "FieldHit", "ZoneReader", "find_candidate_fields"]

NEAR = 4  # words: how close the first and last name must be (labels like "First Name:" fit between)
FUZZY_NAME = 5  # letters: names this long may differ from the roster by one OCR confusion or edit
MIN_MRN = 4  # characters: shorter MRNs are too common to count as printed
_WORD = re.compile(r"[a-z]+")
# A name next to one of these is a relative's ("with her father Joshua Pennington, born ..."), not the patient's.
_KIN = frozenset(fold_ocr(w) for w in (
    "father", "mother", "dad", "mom", "parent", "parents", "guardian", "husband", "wife", "spouse", "partner",
    "son", "daughter", "brother", "sister", "sibling", "grandmother", "grandfather", "grandson", "granddaughter",
    "aunt", "uncle", "cousin", "niece", "nephew", "caregiver", "fiance", "fiancee", "stepfather", "stepmother"))
KIN_REACH = 3  # words before a name searched for a relationship ("her father, Mr. Joshua Pennington")
KIN_AFTER = 2  # ... and after it ("Joshua Pennington (father)", "Joshua Pennington, her father")
_MRN_TOKEN = re.compile(r"[A-Za-z0-9|!][A-Za-z0-9|!\-]*")
_MRN_CLASS = str.maketrans({"O": "0", "Q": "0", "D": "0", "I": "1", "L": "1", "|": "1", "!": "1", "S": "5",
                            "B": "8", "Z": "2", "G": "6"})


@dataclass(frozen=True)
class FieldHit:
    """Where a candidate's value was found printed (page is 1-based, line 0-based), or found=False."""

    found: bool = False
    page: int = 0
    line: int = 0
    printed: str = ""  # a name found as a nickname of the roster's ("sam" for Samantha): the printed form


@dataclass(frozen=True)
class CandidateFields:
    """For one candidate: whether its own name, DOB and MRN are clearly printed in the patient zones."""

    name: FieldHit
    dob: FieldHit
    mrn: FieldHit


def _mrn_form(text: str) -> str:
    """An MRN in OCR-confusion classes, without a short letter prefix ("MRN0012345" -> "0012345")."""
    text = re.sub(r"[^A-Za-z0-9|!]", "", text).upper()
    m = re.match(r"[A-Z]{2,4}(?=[0-9])", text)
    prefix = m is not None and not any(c.isdigit() for c in m.group(0).translate(_MRN_CLASS))  # not "OO" for a misread "00"
    body = text[m.end():] if m and prefix else text
    return body.translate(_MRN_CLASS)


def _name_words(name: str) -> list[str]:
    return _WORD.findall(fold_ocr(name))


def _same_word(doc: str, roster: str) -> bool:
    if doc == roster:
        return True
    return len(roster) >= FUZZY_NAME and Levenshtein.distance(doc, roster, score_cutoff=1) <= 1


class ZoneReader:
    """A document's patient zones, normalised once, searched per candidate."""

    def __init__(self, pages: Sequence[PageText]) -> None:
        self._words: list[tuple[str, int, int]] = []  # (folded word, page, line) in reading order
        self._mrns: dict[str, tuple[int, int]] = {}
        self._dates: list[tuple[date, int, int]] = []
        for zone in patient_zones(pages):
            for line in zone.lines:
                self._add_line(line.text, zone.number, line.index)

    def _add_line(self, text: str, page: int, index: int) -> None:
        self._words.extend((w, page, index) for w in _WORD.findall(fold_ocr(text)))
        for token in _MRN_TOKEN.findall(text):
            self._mrns.setdefault(_mrn_form(token), (page, index))
        # a birth date with a separator lost or misread ("1956 04-24") counts here too: it is only ever
        # compared with a roster patient's own date, and discovery also needs that patient's name printed
        dated = find_dates(text, compact=True) + find_damaged_dates(text)
        self._dates.extend((d, page, index) for _, d in sorted(dated, key=lambda x: x[0]))

    def dates(self) -> list[date]:
        """Every date printed in the patient zones, once each, in reading order."""
        return list(dict.fromkeys(d for d, _, _ in self._dates))

    def find(self, first_name: str, last_name: str, dob: date | None, mrn: str) -> CandidateFields:
        """Whether this candidate's own name, DOB and MRN are printed in the patient zones."""
        return CandidateFields(self.name(first_name, last_name), self.dob(dob), self.mrn(mrn))

    def name(self, first_name: str, last_name: str) -> FieldHit:
        """First and last name as whole words near each other, in either order; the first name may be
        printed as one of its nicknames ("Sam Thompson" for Samantha Thompson: `printed` says so)."""
        first, last = _name_words(first_name)[:1], _name_words(last_name)
        if not first or not last:
            return FieldHit()
        lasts = self._runs(last)
        if not lasts:
            return FieldHit()
        starts = [(i, "") for i in self._runs(first)]
        starts += self._nickname_runs(first_name, first[0])
        for i, printed in starts:
            for j in lasts:
                if i != j and abs(i - j) <= NEAR + len(last) - 1 and not self._kin_near(min(i, j), max(i, j + len(last))):
                    _, page, line = self._words[min(i, j)]
                    return FieldHit(True, page, line, printed)
        return FieldHit()

    def _kin_near(self, start: int, end: int) -> bool:
        """Whether a relationship word stands just before the name's words [start, end) or just after them
        ("her father Joshua Pennington", "Joshua Pennington (father)"), on its page."""
        page = self._words[start][1]
        near = self._words[max(0, start - KIN_REACH):start] + self._words[end:end + KIN_AFTER]
        return any(w in _KIN for w, p, _ in near if p == page)

    def _nickname_runs(self, first_name: str, folded: str) -> list[tuple[int, str]]:
        """Where a nickname or formal form of the first name is printed (exactly: no fuzzy nicknames), with
        that name as the roster's nickname list spells it.

        The nicknames are looked up by the name as spelled ("Pamela", not its OCR-folded "pameia") and
        compared folded like the document's words ("Bill" is "biii" there)."""
        related: dict[str, str] = {}
        for name in related_first_names(name_key(first_name)):
            for w in _name_words(name)[:1]:
                related.setdefault(w, name)
        return [(i, related[w]) for i, (w, _, _) in enumerate(self._words) if w in related and w != folded]

    def _runs(self, parts: list[str]) -> list[int]:
        """Where the words `parts` appear one after another."""
        words = self._words
        return [i for i in range(len(words) - len(parts) + 1)
                if all(_same_word(words[i + k][0], p) for k, p in enumerate(parts))]

    def dob(self, dob: date | None) -> FieldHit:
        """The date printed in any common format, every digit matching (a two-digit year in either century)."""
        if dob is None:
            return FieldHit()
        for d, page, line in self._dates:
            if (d.month, d.day) == (dob.month, dob.day) and (d.year == dob.year or abs(d.year - dob.year) == 100):
                return FieldHit(True, page, line)
        return FieldHit()

    def mrn(self, mrn: str) -> FieldHit:
        """The MRN as a whole token, every character matching under OCR confusions."""
        key = _mrn_form(mrn)
        if len(key) < MIN_MRN or key not in self._mrns:
            return FieldHit()
        page, line = self._mrns[key]
        return FieldHit(True, page, line)


def find_candidate_fields(pages: Sequence[PageText], first_name: str, last_name: str, dob: date | None,
                          mrn: str) -> CandidateFields:
    """For one candidate, whether its name, DOB and MRN are clearly printed in the document's patient zones."""
    return ZoneReader(pages).find(first_name, last_name, dob, mrn)
