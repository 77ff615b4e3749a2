"""Find who a document is about: the patient's name, date of birth, MRN, phone, address and ZIP.

Only values that follow a patient label are taken, so the date of service, the fax header's date and
the sending physician's name (which follow other labels or none) are never read as the patient's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from pipeline.match.dates import find_dates
from pipeline.match.labels import HOLDER as _HOLDER
from pipeline.match.labels import LABELS as _LABELS
from pipeline.match.labels import OTHER_PERSON as _OTHER_PERSON
from pipeline.match.labels import label_spans as _label_spans
from pipeline.match.layout import Line, layout_lines, table_cells, trust_words
from pipeline.match.names import NameFound, name_words, parse_name
from pipeline.match.normalize import clean_dob, clean_phone, clean_zip, repair_digits
from pipeline.records import PageText

__all__ = ["Identifiers", "NameFound", "find_identifiers"]


@dataclass(frozen=True)
class Identifiers:
    """Everything found about the patient in one document (or typed into a query), best first."""

    names: tuple[NameFound, ...] = ()
    dobs: tuple[date, ...] = ()
    alt_dobs: tuple[date, ...] = ()  # other-century readings of two-digit years ("3-4-26": 1926 or 2026)
    mrns: tuple[str, ...] = ()
    other_ids: tuple[str, ...] = ()  # account, member or subscriber numbers: evidence only when equal to an MRN
    phones: tuple[str, ...] = ()  # ten digits
    postal_codes: tuple[str, ...] = ()  # five digits (four when labelled as a postcode)
    addresses: tuple[str, ...] = ()  # the street line: "123 Main St Apt 4"
    cities: tuple[str, ...] = ()  # the city of the patient's address
    snippet: str = ""  # the patient block's text, for a clerk

    @property
    def empty(self) -> bool:
        """True when nothing identifying was found."""
        return not (self.names or self.dobs or self.mrns or self.phones)


_VALUE_LEAD = re.compile(r"^[\s:;#.\-=]*")  # OCR reads a colon as ';' often enough
_BLANKS = re.compile(r"^_+\s*")  # a form's blank line before a filled-in value ("MRN: __9037640")
_MRN_VALUE = re.compile(r"[A-Za-z]{0,4}[\-\s]?[0-9OoQDIl|SZBG][0-9A-Za-z|\-]{2,19}")
_PHONE_VALUE = re.compile(
    r"(?<![0-9A-Za-z])\(?\s*([0-9OIlSBZ]{3})\s*\)?[\s.\-]*([0-9OIlSBZ]{3})[\s.\-]*([0-9OIlSBZ]{4})(?![0-9])"
)
_CITY_STATE_ZIP = re.compile(
    r"(?<![A-Za-z])(?P<city>[A-Za-z][A-Za-z .'\-]*?[A-Za-z])\s*,?\s+(?P<state>[A-Z]{2})\.?\s+(?P<zip>\d{5})(?:-\d{4})?\b")
_ZIP_VALUE = re.compile(r"(?<![0-9])(\d{5})(?:-\d{4})?(?![0-9])")
_POSTCODE_VALUE = re.compile(r"^\W*(\d{4})(?![0-9])")
_CITY_VALUE = re.compile(r"^[A-Z][A-Za-z.'\-]*(?: [A-Z][A-Za-z.'\-]*){0,3}")
# How plainly a name's label says it is the patient's, plainest first; a name found printed by roster-assisted
# reading (label "found") comes after every label.
NAME_PRIORITY = {"patient name": 0, "name": 1, "patient": 2, "member": 3, "re": 4, "enrollee": 5, "claimant": 5,
                 "beneficiary": 5, "client": 5, "subscriber": 6, "insured": 6, "found": 7}

_MAX_VALUES = 3
_PATIENT_WORD = re.compile(r"^\s*(?:your\s+)?(?:patient|pt\.?)\s*[:\-]?\s+(?=[A-Z])", re.I)
_NAME_KINDS = frozenset({"name", "name_dob", "last", "first", "middle"})


def name_rank(label: str) -> int:
    """NAME_PRIORITY of a name's label (an unlisted label ranks with enrollee and client)."""
    return NAME_PRIORITY.get(label, 5)


@dataclass
class _Found:
    names: list[NameFound] = field(default_factory=list)
    dobs: list[date] = field(default_factory=list)
    alt_dobs: list[date] = field(default_factory=list)
    mrns: list[str] = field(default_factory=list)
    other_ids: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    zips: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)
    parts: dict[str, list[str]] = field(default_factory=dict)  # split-name fields: last, first, middle
    lines: list[tuple[int, int]] = field(default_factory=list)  # (page, line) of every line a value came from


def find_identifiers(pages: Sequence[PageText]) -> Identifiers:
    """Find the patient's identifiers in a document's pages (labelled values only, OCR-repaired)."""
    found = _Found()
    page_lines = []
    for p, page in enumerate(pages):
        layout = layout_lines(page)
        lines = [line.text for line in layout]
        page_lines.append(lines)
        for i, line in enumerate(lines):
            _scan_line(found, lines, p, i, line)
        _scan_table_rows(found, layout, trust_words(page), p)
        _combine_parts(found)
    return _identifiers(found, page_lines)


def _scan_table_rows(found: _Found, layout: list[Line], positioned: bool, p: int) -> None:
    """Values printed under a row of labels, matched to their label by x-position."""
    lines = [line.text for line in layout]
    for cell in table_cells(layout, _label_spans, positioned):
        if cell.kind != "stop" and _take(found, cell.kind, cell.label, cell.value, lines, cell.row):
            found.lines.extend([(p, cell.header), (p, cell.row)])


def find_identifiers_in_text(text: str) -> Identifiers:
    """find_identifiers for plain text (pages separated by form feeds)."""
    from pipeline.records import PageSource

    pages = [PageText(number=i + 1, text=t, source=PageSource.text_layer) for i, t in enumerate(text.split("\f"))]
    return find_identifiers(pages)


def _scan_line(found: _Found, lines: list[str], p: int, i: int, line: str) -> None:
    labels = list(_LABELS.finditer(line))
    header = len(labels) >= 2 and all(not _VALUE_LEAD.sub("", line[m.end():n.start()]).strip()
                                      for m, n in zip(labels, labels[1:], strict=False))
    for k, m in enumerate(labels):
        kind = m.lastgroup or ""
        before = line[: m.start()]
        if kind == "stop" or _OTHER_PERSON.search(before) or (kind not in _NAME_KINDS and _HOLDER.search(before)):
            continue
        end = labels[k + 1].start() if k + 1 < len(labels) else len(line)
        value = _VALUE_LEAD.sub("", line[m.end():end])
        if _BLANKS.match(value):
            value = _BLANKS.sub("", value)
            if not value.strip():
                continue  # a blank left empty: nothing to read, and the next line is not its value
        if not value.strip():
            if k + 1 < len(labels) or header:
                continue  # "Patient DOB:" qualifies the next label; a header row is read as a table
            value, used = _next_line_value(lines, i, m.start())
        else:
            used = i
        if value and _take(found, kind, m.group(0), value, lines, used):
            found.lines.append((p, used))


def _next_line_value(lines: list[str], i: int, column: int) -> tuple[str, int]:
    """The value written under a label: the next non-empty line's cell at the label's column."""
    for j in range(i + 1, min(i + 3, len(lines))):
        text = lines[j]
        if text.strip():
            cells = [(m.start(), m.group(0)) for m in re.finditer(r"\S+(?: \S+)*", text)]
            near = [c for start, c in cells if abs(start - column) <= 4]
            value = near[0] if near else cells[0][1] if column <= 2 or lines[i][:column].strip() == "" else ""
            first = _LABELS.match(value)
            return ("", j) if first or not value else (value, j)
    return "", i


def _take(found: _Found, kind: str, label: str, value: str, lines: list[str], i: int) -> bool:
    if kind == "name":
        return _take_name(found, label, value)
    if kind == "dob":
        return _take_dob(found, value)
    if kind == "name_dob":
        return _take_name_and_dob(found, value)
    if kind == "mrn":
        return _take_mrn(found.mrns, value)
    if kind == "other_id":
        return _take_mrn(found.other_ids, value)
    if kind == "phone":
        return _take_phone(found, value)
    if kind == "zip":
        return _take_zip(found, value)
    if kind == "address":
        return _take_address(found, value, lines, i)
    if kind == "city":
        return _take_city(found, value)
    if kind in ("last", "first", "middle"):
        return _take_part(found, kind, value)
    return False


def _take_part(found: _Found, kind: str, value: str) -> bool:
    """One field of a name printed in parts ("Last Name: Hamley  First Name: Brooklyn  MI: R")."""
    words = name_words(value, limit=1 if kind == "middle" else 3)
    if not words or (kind == "middle" and len(words[0]) > 12):
        return False
    found.parts.setdefault(kind, []).append(" ".join(words))
    return True


def _combine_parts(found: _Found) -> None:
    """The page's split-name fields joined into one name (first of each), then cleared."""
    parts, found.parts = found.parts, {}
    if parts.get("last") and parts.get("first"):
        name = NameFound(parts["first"][0], (parts.get("middle") or [""])[0], parts["last"][0], "patient name")
        if not any(n.first == name.first and n.last == name.last for n in found.names):
            found.names.append(name)


def _take_city(found: _Found, value: str) -> bool:
    """A city from a City: label ("Springfield", or "Springfield, IL 62704" under City/State/Zip)."""
    value = re.split(r"\s{3,}|\t", value.strip())[0]
    m = _CITY_STATE_ZIP.match(value)
    if m:
        _add(found.zips, clean_zip(m.group("zip")))
        return _add(found.cities, m.group("city").strip())
    city = _CITY_VALUE.match(value.strip(" ,"))
    return city is not None and _add(found.cities, city.group(0).strip())


def _take_name(found: _Found, label: str, value: str) -> bool:
    key = re.sub(r"[^a-z ]", "", label.lower())
    key = "patient name" if "name" in key and key != "name" else key.split()[0] if key else ""
    key = "patient" if key == "pt" else key
    name = parse_name(_PATIENT_WORD.sub("", value), label=key)  # "RE: Patient Jane Doe"
    if name is None or not name.first:
        return False
    for i, n in enumerate(found.names):
        if n.first.lower() == name.first.lower() and n.last.lower() == name.last.lower():
            if name_rank(name.label) < name_rank(n.label):  # printed again under a plainer label
                found.names[i] = name
            return True
    found.names.append(name)
    return True


def _take_name_and_dob(found: _Found, value: str) -> bool:
    """Both after one label ("Patient Name/DOB: Brooklyn Hamley / 06/02/1955"): the name, then its date."""
    dates = find_dates(value, compact=True)
    if not dates:
        return _take_name(found, "patient name", value)
    start = dates[0][0]
    name = value[:start].strip(" /,;-") if start else ""
    took = bool(name) and _take_name(found, "patient name", name)
    return _take_dob(found, value[start:]) or took


def _take_dob(found: _Found, value: str) -> bool:
    dates = find_dates(value[:40], compact=True, spaced=True)
    if not dates or dates[0][0] > 12:
        return False
    first, other = dob_readings(value)
    taken = _add(found.dobs, first)
    if taken:
        _add(found.alt_dobs, other)
    return taken


def dob_readings(text: str) -> tuple[date | None, date | None]:
    """The first birth date in `text`, and its other-century reading when the year has two digits."""
    dates = find_dates(text[:40], compact=True, spaced=True)
    if not dates:
        return None, None
    offset, first = dates[0]
    other = _other_century(first) if _two_digit_year(text[offset:offset + 12]) else None
    return clean_dob(first), clean_dob(other) if other else None


def _two_digit_year(text: str) -> bool:
    sep = r"(?:\s?[/\-.~]\s?|\s{1,2})"  # a tilde or a space: a damaged separator ("1~19-25", "1-19 25")
    return re.match(rf"[^\s]*?\d{{1,2}}{sep}\d{{1,2}}{sep}\d{{2}}(?!\d)", text) is not None or re.match(
        r"\S+\s+\d{1,2},?\s+\d{2}(?!\d)|\d{1,2}[\s\-]+[A-Za-z]{3,9}\.?[\s\-,]+\d{2}(?!\d)", text) is not None


def _other_century(d: date) -> date | None:
    """The same day a hundred years earlier: "3-4-26" may be 2026 or 1926 (only if that age is plausible)."""
    try:
        older = d.replace(year=d.year - 100)
    except ValueError:
        return None
    return older if date.today().year - older.year <= 110 else None


def _take_mrn(values: list[str], value: str) -> bool:
    m = _MRN_VALUE.match(value.strip())
    if not m:
        return False
    raw = re.sub(r"[\s\-]", "", m.group(0))
    prefix = re.match(r"[A-Za-z]{2,4}(?=[0-9OoQDIl|SZBG]*$)", raw)
    head = prefix.group(0) if prefix and any(c.isdigit() for c in raw[prefix.end():]) else ""
    printed = raw[len(head):]
    if sum(c.isdigit() for c in printed) * 2 < len(printed):
        return False  # a word after the label ("medical record. Incomplete forms ..."), not a misread number
    body = repair_digits(printed)
    if sum(c.isdigit() for c in body) < 3:
        return False
    return _add(values, head + body)


def _take_phone(found: _Found, value: str) -> bool:
    m = _PHONE_VALUE.search(value[:30])
    if not m:
        return False
    return _add(found.phones, clean_phone(repair_digits("".join(m.groups()))))


def _take_address(found: _Found, value: str, lines: list[str], i: int) -> bool:
    """The street line; the city and ZIP from the same value ("12 Elm St, Springfield, IL") or the next line."""
    value = re.split(r"\s{3,}|\t", value.strip())[0]
    street = value.strip(" ,")
    if not re.match(r"\d+\s+\S", street):
        return False
    place = re.search(r",\s*" + _CITY_STATE_ZIP.pattern[len("(?<![A-Za-z])"):], street)
    if place:
        street = street[:place.start()].strip(" ,")
    elif i + 1 < len(lines):
        place = _CITY_STATE_ZIP.match(lines[i + 1].strip())
    _add(found.addresses, street)
    if place:
        _add(found.cities, place.group("city").strip())
        _add(found.zips, clean_zip(place.group("zip")))
    else:
        _add(found.zips, _zip_in(value))
    return True


def _take_zip(found: _Found, value: str) -> bool:
    """A labelled ZIP: five digits, or a four-digit postcode when the label says so."""
    code = _zip_in(value)
    if not code:
        m = _POSTCODE_VALUE.match(value)
        code = m.group(1) if m else ""
    return _add(found.zips, code)


def _zip_in(value: str) -> str:
    m = _CITY_STATE_ZIP.search(value)
    if m:
        return clean_zip(m.group("zip"))
    m = _ZIP_VALUE.search(value)
    return clean_zip(m.group(1)) if m else ""


def _add(values: list, value: object) -> bool:
    if not value:
        return False
    if value not in values:
        values.append(value)
    return True


def _identifiers(found: _Found, page_lines: list[list[str]]) -> Identifiers:
    names = sorted(found.names, key=lambda n: name_rank(n.label))
    return Identifiers(
        names=tuple(names[:_MAX_VALUES]),
        dobs=tuple(found.dobs[:_MAX_VALUES]),
        alt_dobs=tuple(d for d in found.alt_dobs if d not in found.dobs),
        mrns=tuple(found.mrns[:_MAX_VALUES]),
        other_ids=tuple(found.other_ids[:_MAX_VALUES]),
        phones=tuple(found.phones[:_MAX_VALUES]),
        postal_codes=tuple(found.zips[:_MAX_VALUES]),
        addresses=tuple(found.addresses[:_MAX_VALUES]),
        cities=tuple(found.cities[:_MAX_VALUES]),
        snippet=_snippet(found.lines, page_lines),
    )


def _snippet(used: list[tuple[int, int]], page_lines: list[list[str]]) -> str:
    """The lines the identifiers came from, with the lines between them, on the first page that had any."""
    if not used:
        return ""
    page = min(p for p, _ in used)
    rows = [i for p, i in used if p == page]
    lo, hi = min(rows), min(max(rows), min(rows) + 8)
    text = "\n".join(re.sub(r" {4,}", "   ", line.strip()) for line in page_lines[page][lo:hi + 1])
    return text[:600]
