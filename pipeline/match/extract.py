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
from pipeline.match.layout import columns_from_text, columns_from_words, word_rows
from pipeline.match.names import NameFound, parse_name
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
    postal_codes: tuple[str, ...] = ()  # five digits
    addresses: tuple[str, ...] = ()
    snippet: str = ""  # the patient block's text, for a clerk

    @property
    def empty(self) -> bool:
        """True when nothing identifying was found."""
        return not (self.names or self.dobs or self.mrns or self.phones)


# Labels, tried left to right at each position: longer and more specific forms first.
_LABELS = re.compile(
    r"""(?ix)
    (?P<dob>(?:\bdate\s*of\s*birth|\bbirth\s*date|\bbirthdate|(?<![a-z])[d0o]\.\s?[o0]\.\s?[b8]\.?|\bd[o0]b|\bborn)(?![a-z]))
  | (?P<mrn>\b(?:medical\s*record\s*(?:number|num|no\b\.?|\#)?|med\.?\s*rec\.?\s*(?:number|no\b\.?|\#)?
        |mrn|mr\s*\#|mr\s*no\b\.?|chart\s*(?:number|num|no\b\.?|\#|id)?|patient\s*(?:id|\#|number|no\b\.?)
        |pt\.?\s*(?:id|\#|no\b\.?))(?![a-z0-9]))
  | (?P<other_id>\b(?:account\s*(?:number|no\b\.?|\#)?|acct\.?\s*(?:number|no\b\.?|\#)?
        |(?:member|subscriber|enrollee)\s*(?:id|\#|number|no\b\.?)|id\s*\#)(?![a-z0-9]))
  | (?P<phone>\b(?:(?:home|cell|mobile|patient|pt\.?|contact|primary)\s*)?(?:phone|telephone|tel|ph|cell|mobile)
        (?:\s*(?:number|no\b\.?|\#))?(?![a-z]))
  | (?P<zip>\b(?:zip\s*code|zip|postal\s*code)(?![a-z]))
  | (?P<address>\b(?:(?:patient|home|mailing|street|pt\.?)\s*)?(?:address|addr\b\.?))
  | (?P<name>\b(?:patient'?s?\s*name|pt\.?\s*name|member\s*name|name\s*of\s*patient|patient|member|name
        |enrollee|claimant|beneficiary|subscriber|insured|client
        |pt(?=\s*[:.;])|re(?=\s*[:;])|RE(?=\s+[A-Z]))(?![a-z]))
  | (?P<stop>\b(?:physician|provider|doctor|referring|ordering|attending|from|to|cc|attn|sex|gender|age
        |date|dos|fax|visit|admit(?:ted)?|discharged?|collected|received|reported|insurance|ssn|npi
        |signed|facility|clinic|location|room|bed|encounter|service|specimen|order)\s*[:\#])
    """
)
# A word right before a label that makes it about someone other than the patient.
_OTHER_PERSON = re.compile(
    r"(?i)\b(?:physician|provider|doctor|dr|referring|ordering|attending|facility|practice|clinic|office|"
    r"sender|sending|recipient|contact|company|insurance|plan|pharmacy|lab|laboratory|user|guarantor|"
    r"parent|guardian|mother|mother's|father|father's|emergency|spouse|pcp|employer|staff|nurse|"
    r"hospital|fax|return|billing|remit|caller|requestor|requester|agency)\W*$"
)
# Policy holders may be the patient (a name label of last resort) but their own DOB or phone is theirs.
_HOLDER = re.compile(r"(?i)\b(?:subscriber|insured|policy\s*holder)'?s?\W*$")
_VALUE_LEAD = re.compile(r"^[\s:;#.\-=]*")  # OCR reads a colon as ';' often enough
_MRN_VALUE = re.compile(r"[A-Za-z]{0,4}[\-\s]?[0-9OoQDIl|SZBG][0-9A-Za-z|\-]{2,19}")
_PHONE_VALUE = re.compile(
    r"(?<![0-9A-Za-z])\(?\s*([0-9OIlSBZ]{3})\s*\)?[\s.\-]*([0-9OIlSBZ]{3})[\s.\-]*([0-9OIlSBZ]{4})(?![0-9])"
)
_CITY_STATE_ZIP = re.compile(r"\b[A-Za-z][A-Za-z .'\-]+,?\s+[A-Z]{2}\.?\s+(\d{5})(?:-\d{4})?\b")
_ZIP_VALUE = re.compile(r"(?<![0-9])(\d{5})(?:-\d{4})?(?![0-9])")
_NAME_PRIORITY = {"patient name": 0, "name": 1, "patient": 2, "member": 3, "re": 4, "enrollee": 5, "claimant": 5,
                  "beneficiary": 5, "client": 5, "subscriber": 6, "insured": 6}
_MAX_VALUES = 3


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
    lines: list[tuple[int, int]] = field(default_factory=list)  # (page, line) of every line a value came from


def find_identifiers(pages: Sequence[PageText]) -> Identifiers:
    """Find the patient's identifiers in a document's pages (labelled values only, OCR-repaired)."""
    found = _Found()
    page_lines = [page.text.splitlines() for page in pages]
    for p, lines in enumerate(page_lines):
        for i, line in enumerate(lines):
            _scan_line(found, lines, p, i, line)
        _scan_table_rows(found, pages[p], lines, p)
    return _identifiers(found, page_lines)


def _label_spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.lastgroup or "") for m in _LABELS.finditer(text)]


def _scan_table_rows(found: _Found, page: PageText, lines: list[str], p: int) -> None:
    """Values printed under a row of labels (word positions when OCR gave them, else the text's spacing)."""
    if page.words:
        cells = [(i, kind, label, value) for i, kind, label, value in
                 columns_from_words(word_rows(page.words), _label_spans)]
    else:
        cells = [(i, kind, label, value) for i in range(len(lines))
                 for kind, label, value in columns_from_text(lines, i, _label_spans)]
    for _, kind, label, value in cells:
        if kind != "stop" and _take(found, kind, label, value, [value], 0):
            rows = [j for j, line in enumerate(lines) if value.split()[0] in line][:1]
            found.lines.extend((p, j) for r in rows for j in (max(0, r - 1), r))  # the header row too


def find_identifiers_in_text(text: str) -> Identifiers:
    """find_identifiers for plain text (pages separated by form feeds)."""
    from pipeline.records import PageSource

    pages = [PageText(number=i + 1, text=t, source=PageSource.text_layer) for i, t in enumerate(text.split("\f"))]
    return find_identifiers(pages)


def _scan_line(found: _Found, lines: list[str], p: int, i: int, line: str) -> None:
    labels = list(_LABELS.finditer(line))
    for k, m in enumerate(labels):
        kind = m.lastgroup or ""
        before = line[: m.start()]
        if kind == "stop" or _OTHER_PERSON.search(before) or (kind != "name" and _HOLDER.search(before)):
            continue
        end = labels[k + 1].start() if k + 1 < len(labels) else len(line)
        value = _VALUE_LEAD.sub("", line[m.end():end])
        if not value.strip():
            if k + 1 < len(labels):
                continue  # "Patient DOB:" - this label only qualifies the next one
            value, used = _next_line_value(lines, i)
        else:
            used = i
        if value and _take(found, kind, m.group(0), value, lines, used):
            found.lines.append((p, used))


def _next_line_value(lines: list[str], i: int) -> tuple[str, int]:
    """The value written under a label: the next non-empty line, unless that line starts with a label."""
    for j in range(i + 1, min(i + 3, len(lines))):
        text = lines[j].strip()
        if text:
            first = _LABELS.match(text)
            return ("", j) if first else (re.split(r"\s{3,}|\t", text)[0], j)
    return "", i


def _take(found: _Found, kind: str, label: str, value: str, lines: list[str], i: int) -> bool:
    if kind == "name":
        return _take_name(found, label, value)
    if kind == "dob":
        return _take_dob(found, value)
    if kind == "mrn":
        return _take_mrn(found.mrns, value)
    if kind == "other_id":
        return _take_mrn(found.other_ids, value)
    if kind == "phone":
        return _take_phone(found, value)
    if kind == "zip":
        return _add(found.zips, _zip_in(value))
    if kind == "address":
        return _take_address(found, value, lines, i)
    return False


def _take_name(found: _Found, label: str, value: str) -> bool:
    key = re.sub(r"[^a-z ]", "", label.lower())
    key = "patient name" if "name" in key and key != "name" else key.split()[0] if key else ""
    key = "patient" if key == "pt" else key
    name = parse_name(value, label=key)
    if name is None or not name.first:
        return False
    if any(n.first.lower() == name.first.lower() and n.last.lower() == name.last.lower() for n in found.names):
        return True
    found.names.append(name)
    return True


def _take_dob(found: _Found, value: str) -> bool:
    dates = find_dates(value[:40], compact=True)
    if not dates or dates[0][0] > 12:
        return False
    first, other = dob_readings(value)
    taken = _add(found.dobs, first)
    if taken:
        _add(found.alt_dobs, other)
    return taken


def dob_readings(text: str) -> tuple[date | None, date | None]:
    """The first birth date in `text`, and its other-century reading when the year has two digits."""
    dates = find_dates(text[:40], compact=True)
    if not dates:
        return None, None
    offset, first = dates[0]
    other = _other_century(first) if _two_digit_year(text[offset:offset + 12]) else None
    return clean_dob(first), clean_dob(other) if other else None


def _two_digit_year(text: str) -> bool:
    return re.match(r"[^\s]*?\d{1,2}\s?[/\-.]\s?\d{1,2}\s?[/\-.]\s?\d{2}(?!\d)", text) is not None or re.match(
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
    body = repair_digits(raw[len(head):])
    if sum(c.isdigit() for c in body) < 3:
        return False
    return _add(values, head + body)


def _take_phone(found: _Found, value: str) -> bool:
    m = _PHONE_VALUE.search(value[:30])
    if not m:
        return False
    return _add(found.phones, clean_phone(repair_digits("".join(m.groups()))))


def _take_address(found: _Found, value: str, lines: list[str], i: int) -> bool:
    street = re.split(r"\s{3,}|\t", value.strip())[0].strip(" ,")
    if not re.match(r"\d+\s+\S", street):
        return False
    _add(found.addresses, street)
    zip_code = _zip_in(value)
    if not zip_code and i + 1 < len(lines):
        m = _CITY_STATE_ZIP.search(lines[i + 1])
        zip_code = m.group(1) if m else ""
    _add(found.zips, clean_zip(zip_code))
    return True


def _zip_in(value: str) -> str:
    m = _CITY_STATE_ZIP.search(value) or _ZIP_VALUE.search(value)
    return clean_zip(m.group(1)) if m else ""


def _add(values: list, value: object) -> bool:
    if not value:
        return False
    if value not in values:
        values.append(value)
    return True


def _identifiers(found: _Found, page_lines: list[list[str]]) -> Identifiers:
    names = sorted(found.names, key=lambda n: _NAME_PRIORITY.get(n.label, 5))
    return Identifiers(
        names=tuple(names[:_MAX_VALUES]),
        dobs=tuple(found.dobs[:_MAX_VALUES]),
        alt_dobs=tuple(d for d in found.alt_dobs if d not in found.dobs),
        mrns=tuple(found.mrns[:_MAX_VALUES]),
        other_ids=tuple(found.other_ids[:_MAX_VALUES]),
        phones=tuple(found.phones[:_MAX_VALUES]),
        postal_codes=tuple(found.zips[:_MAX_VALUES]),
        addresses=tuple(found.addresses[:_MAX_VALUES]),
        snippet=_snippet(found.lines, page_lines),
    )


def _snippet(used: list[tuple[int, int]], page_lines: list[list[str]]) -> str:
    """The lines the identifiers came from, with the lines between them, on the first page that had any."""
    if not used:
        return ""
    page = min(p for p, _ in used)
    rows = [i for p, i in used if p == page]
    lo, hi = min(rows), min(max(rows), min(rows) + 8)
    text = "\n".join(line.rstrip() for line in page_lines[page][lo:hi + 1])
    return text[:600]
