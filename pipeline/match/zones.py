"""The parts of a page that are never about the patient: the fax header line, the sender's letterhead, and
the lines labelled for someone else (From, To, Attn, Provider, Signed, Pharmacy, ...).

Zones are character spans per line, so a line with the provider on the left and the patient on the right
keeps its patient half.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.match.labels import OTHER_PERSON, PATIENT_KINDS, label_spans

__all__ = ["Span", "excluded_spans", "is_rule", "mask"]

Span = tuple[int, int]

_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_DATE = re.compile(r"\b\d{1,4}[/\-.]\d{1,2}[/\-.]\d{2,4}\b")
_PAGE_COUNTER = re.compile(r"(?i)\bP\.?\s?\d{1,3}\s?/\s?\d{1,3}\b|\bpage\s*\d+\s*(?:of|/)\s*\d+\b|\bpg\.?\s*\d+")
_PHONE = re.compile(r"\(?\b\d{3}\)?[\s.\-]*\d{3}[\s.\-]\d{4}\b")
_FAX_WORD = re.compile(r"(?i)\bfax\b|\bfrom\b|\bto\b")
_FAX_PAIR = re.compile(r"(?i)\b(?:fax|f)\b\s*[:.]?\s*\(?\d{3}")
_PATIENT_PHONE = re.compile(r"(?i)\b(?:home|cell|mobile|patient|pt\.?)\s*(?:phone|ph|tel)")
_ADDRESS_LIKE = re.compile(r"\b\d+\s+[A-Za-z0-9 .]+\b(?:st|street|ave|avenue|rd|road|dr|drive|blvd|ln|lane|way|"
                           r"ct|court|pkwy|suite|ste|hwy|plaza|pl)\b|,\s*[A-Z]{2}\.?\s+\d{5}", re.I)
# A document title's word, also inflected ("FORMULARY ALTERNATIVE REQUESTED", "LAB RESULTS", "REFILLS",
# "BONE MINERAL DENSITY STUDY", "VIDEO VISIT")
_TITLE = re.compile(r"(?i)\b(?:report|results?|referral|summary|note|request|authori[sz]ation|letter|consult"
                    r"(?:ation)?|prescription|refill|notice|statement|explanation\s+of\s+benefits|cover\s*sheet"
                    r"|requisition|stud(?:y|ies)|exam(?:ination)?|evaluation|assessment|visit|questionnaire"
                    r"|certificate|notification|confirmation|instructions|history\s+and\s+physical)(?:s|ed)?\b")
# The patient's relatives and others who answer for them, as labels and section headings name them.
_KIN = (r"mother|father|parents?(?:\s*/\s*guardian)?|(?:legal\s+)?guardian|spouse|husband|wife|guarantor"
        r"|responsible\s+party|emergency\s+contacts?|next\s+of\s+kin|caregiver|informant")
# Labels for someone other than the patient: the rest of the line (up to a patient label) is theirs.
_PERSON_LABEL = re.compile(
    r"(?i)(?<![A-Za-z])(?:(?:electronically|referring|ordering|attending|prescribing|rendering|treating|"
    r"sending|requesting|primary\s+care|reviewed|dictated|verified|approved)\s+)*"
    r"(?:from|(?<!reference )(?<!regard )(?<!respect )to|attn|attention|cc|provider|physician|prescriber|doctor|signed(?:\s+by)?|signature|pharmacy|"
    r"sender|sent\s+by|pcp|referring|ordering|attending|dictated\s+by|reviewed\s+by|requested\s+by|"
    rf"(?P<kin>{_KIN}))\s*[:#]"
)
# A relative's line carries the relative's own birth date and phone: only a label that says "patient" ends it.
_PATIENT_WORDED = re.compile(r"(?i)\b(?:patient|pt)\b")
# A form's section heading for someone who is not the patient ("GUARANTOR INFORMATION", "Emergency
# Contact:", "| PARENT/GUARDIAN |"): the lines under it are that person's, whatever their labels say.
_PERSON = (rf"{_KIN}|parent\s*(?:or|and)\s*guardian|(?:authori[sz]ed|personal|legal)\s+representative"
           r"|contact\s+person|(?:(?:referring|ordering|attending|treating|prescribing|primary\s+care)\s+)?"
           r"(?:physician|provider|practitioner|prescriber|clinician)")
_HOLDER_SECTION = r"subscriber|insured|policy\s*holder|primary\s+insured|member"
_SECTION_TAIL = r"(?:'?s)?(?:\s+(?:information|info|details|data|demographics|contact|name|#?\d))?(?:\s*\([^)]*\))?"
_OTHER_SECTION = re.compile(rf"(?i)^[\W_]*(?:{_PERSON})(?:\s*(?:/|&|and|or)\s*(?:{_PERSON}))*\s*{_SECTION_TAIL}[\W_]*$")
_HOLDER_HEADING = re.compile(rf"(?i)^[\W_]*(?:{_HOLDER_SECTION})\s*{_SECTION_TAIL}[\W_]*$")
# ... and the patient's own section, which ends such a section ("PATIENT INFORMATION", "DEPENDENT (PATIENT)")
_PATIENT_SECTION = re.compile(r"(?i)^[\W_]*(?:patient|dependent|client|resident|member\s*/\s*patient)(?:'?s)?"
                              r"(?:\s+(?:information|info|details|data|demographics))?(?:\s*\([^)]*\))?[\W_]*$")
_OWN_LABEL = re.compile(r"(?i)\b(?:patient|pt)'?s?\b\.?\s*(?:name|dob|date|id|mrn|#|:)")
_SECTION_LINES = 10  # an unmarked end: a section of a form is at most this many lines
_WORDS = re.compile(r"[A-Za-z][A-Za-z'.]*")
_HONORIFIC = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+[A-Z]")
_RULE = re.compile(r"^[\s\-_=|+─━═│┃┼┬┴├┤┌┐└┘.:~*]+$")
_LETTERHEAD_LINES = 20  # the sender's blocks are at most this many lines at the top of a page
_ADDRESS_BLOCK = 6  # lines of an address block


def is_rule(line: str) -> bool:
    """A ruled line of a table or form (rows of -, _, =, ─, |), which carries no values."""
    return bool(_RULE.match(line)) and sum(not c.isspace() for c in line) >= 3


def mask(line: str, spans: Sequence[Span]) -> str:
    """The line with the excluded spans blanked out (positions kept)."""
    for a, b in spans:
        line = line[:a] + " " * (min(b, len(line)) - a) + line[b:]
    return line


def excluded_spans(lines: Sequence[str]) -> list[list[Span]]:
    """Per line of a page, the character spans that are never the patient's."""
    spans: list[list[Span]] = [[] for _ in lines]
    for i in _fax_header(lines) + _letterhead(lines) + _other_person_sections(lines):
        spans[i] = [(0, len(lines[i]))]
    for i, line in enumerate(lines):
        if not spans[i]:
            spans[i] = _person_spans(line) or _sender_phone(line)
    return spans


def _fax_header(lines: Sequence[str]) -> list[int]:
    """The fax machine's transmit line(s): date or time with a page counter, fax number or sender."""
    found = []
    for i in [i for i, line in enumerate(lines) if line.strip()][:2]:
        line = lines[i]
        clock = bool(_TIME.search(line) or _PAGE_COUNTER.search(line))
        sender = bool(_DATE.search(line) or _PHONE.search(line) or _FAX_WORD.search(line))
        if clock and sender and not _is_anchor(line):
            found.append(i)
    return found


def _is_anchor(line: str) -> bool:
    """A patient label or a document title: where the sender's letterhead ends."""
    for start, _, kind in label_spans(line):
        if kind in PATIENT_KINDS and not OTHER_PERSON.search(line[:start]):
            return True
    return bool(_TITLE.search(line)) and not _PHONE.search(line) and not _ADDRESS_LIKE.search(line)


def _letterhead(lines: Sequence[str]) -> list[int]:
    """The lines above the first patient label or title (when that comes near the top of the page)."""
    top = [i for i, line in enumerate(lines) if line.strip()][:_LETTERHEAD_LINES]
    fax = set(_fax_header(lines))
    for i in top:
        if i not in fax and (_is_anchor(lines[i]) or _is_sentence(lines[i])):
            return [j for j in top if j < i and j not in fax]
    block: list[int] = []
    for j, line in enumerate(lines[:_ADDRESS_BLOCK * 2]):  # no anchor: the first block, if it is an address
        if not line.strip() and block:
            break
        if line.strip():
            block.append(j)
    if any(kind != "stop" for j in block for _, _, kind in label_spans(lines[j])):
        return []  # labelled values are read, not a letterhead
    looks = any(_PHONE.search(lines[j]) or _ADDRESS_LIKE.search(lines[j]) for j in block)
    return [j for j in block if j not in fax] if looks and len(block) <= _ADDRESS_BLOCK else []


def _other_person_sections(lines: Sequence[str]) -> list[int]:
    """The lines of a form's sections for someone else: a guarantor, an emergency contact, a parent, and a
    policy holder when the page also has a section for the patient (a dependent). Each runs from its heading
    to a blank line, the next heading, a label that says "patient", or `_SECTION_LINES` lines."""
    patient_section = any(_PATIENT_SECTION.match(line) for line in lines)
    out: list[int] = []
    for i, line in enumerate(lines):
        if not (_OTHER_SECTION.match(line) or (patient_section and _HOLDER_HEADING.match(line))):
            continue
        out.append(i)
        for j in range(i + 1, min(i + 1 + _SECTION_LINES, len(lines))):
            text = lines[j]
            if not text.strip() or _PATIENT_SECTION.match(text) or _OTHER_SECTION.match(text) \
                    or _HOLDER_HEADING.match(text) or _OWN_LABEL.search(text):
                break
            out.append(j)
    return out


def _is_sentence(line: str) -> bool:
    """Running text ("Thank you for referring Mr. Ryan Liu for evaluation."): the letter's body has begun,
    so no letterhead comes after it. A sender's tagline has few small words and no closing stop."""
    words = _WORDS.findall(line)
    small = sum(1 for w in words if w[0].islower())
    return small >= 4 and len(words) >= 6 and (line.rstrip().endswith((".", ",", ":")) or bool(_HONORIFIC.search(line)))


def _person_spans(line: str) -> list[Span]:
    """From each someone-else label to the next label that starts a patient's block (or the line's end)."""
    spans = []
    labels = [(a, b) for a, b, kind in label_spans(line) if kind in PATIENT_KINDS and not OTHER_PERSON.search(line[:a])]
    for m in _PERSON_LABEL.finditer(line):
        ends = [a for a, b in labels if a >= m.end() and (not m.group("kin") or _PATIENT_WORDED.search(line[a:b]))]
        spans.append((m.start(), min(ends, default=len(line))))
    return spans


def _sender_phone(line: str) -> list[Span]:
    """A "Phone ... Fax ..." pair not labelled as the patient's is the sender's."""
    if _FAX_PAIR.search(line) and len(_PHONE.findall(line)) >= 2 and not _PATIENT_PHONE.search(line):
        return [(0, len(line))]
    return []
