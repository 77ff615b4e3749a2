"""What a document template knows while it writes: the patient as printed, sender, dates, clinicians."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from pipeline.records import DocType, PatientRecord
from pipeline.synth import blocks, fields
from pipeline.synth.fields import DOB_LABELS, NAME_LABELS, Facility

T = TypeVar("T")
LAYOUTS = blocks.CLASSIC_LAYOUTS
_PAYER_TYPES = (DocType.insurance, DocType.prior_authorization)
_CLINICAL_LABELS = tuple(label for label in NAME_LABELS if label != "Member:")


@dataclass
class Ctx:
    """Per-document state shared by the letterhead, patient block and body writers."""

    rng: random.Random
    family: str
    doc_type: DocType
    patient: PatientRecord | None
    name: str  # the patient's name as this document prints it ('' without a patient)
    name_form: str
    dob: str  # the birth date as printed ('' when the document omits it)
    dob_form: str
    sender: Facility
    recipient: Facility
    doctor: str  # the ordering / referring / signing clinician (a distractor name)
    other_doctor: str
    service_date: date
    report_date: date
    date_form: str  # how this document writes its other dates (service, report, ...)
    shows_mrn: bool = False
    mrn_policy: bool | None = None  # True: always print the MRN, False: never, None: sometimes
    extra: dict[str, str] = field(default_factory=dict)
    office: bool = False  # draw the patient block from every office layout (pipeline.synth.blocks)
    damaged_labels: bool = False  # office documents: print some labels as OCR mangled them
    layout: str = ""  # the patient-block layout the document used first ('' when it printed none)

    def d(self, day: date) -> str:
        """Format a non-birth date the way this document writes dates."""
        return fields.format_date(day, self.date_form)

    def pick(self, *options: str) -> str:
        """One of the options."""
        return self.rng.choice(options)

    def chance(self, p: float) -> bool:
        """True with probability p."""
        return self.rng.random() < p

    def some(self, options: Sequence[T], lo: int, hi: int) -> list[T]:
        """Between lo and hi distinct options, in random order."""
        return self.rng.sample(list(options), min(len(options), self.rng.randint(lo, hi)))

    def age(self) -> int | None:
        """The patient's age on the service date."""
        if self.patient is None or self.patient.dob is None:
            return None
        b, s = self.patient.dob, self.service_date
        return max(0, s.year - b.year - ((s.month, s.day) < (b.month, b.day)))


def patient_block(c: Ctx, layout: str | None = None, name_labels: tuple[str, ...] = NAME_LABELS) -> list[str]:
    """The identifying lines for the patient, with label, layout and extra fields varying per document."""
    if c.patient is None:
        return []
    if c.office:
        layout = blocks.pick_layout(c)
    layout = layout or c.rng.choice(LAYOUTS)
    c.layout = c.layout or layout
    if name_labels is NAME_LABELS and c.doc_type not in _PAYER_TYPES:
        name_labels = _CLINICAL_LABELS
    if layout not in LAYOUTS:
        return blocks.office_block(c, layout, name_labels)
    items = [f"{blocks.damage(c.rng.choice(name_labels), c)} {c.name}"]
    if c.dob:
        label = blocks.damage(c.rng.choice(DOB_LABELS), c)
        items.append(f"{label} {c.dob}" if not label.endswith(".") or c.chance(0.5) else f"{label}: {c.dob}")
    items.extend(f"{label} {value}" for label, value in blocks.extra_pairs(c))
    if c.office and c.chance(0.5):
        items[1:1] = blocks.people_lines(c)
    if layout == "stacked":
        return items
    if layout == "paired":
        return _pairs(items)
    sep = "   " if layout == "inline" else " | "
    return fields.join_to_width(items, sep)


def _pairs(items: list[str]) -> list[str]:
    lines, rest = [], list(items)
    while rest:
        if len(rest) > 1 and len(rest[0]) + len(rest[1]) + 3 <= fields.LINE_WIDTH:
            lines.append(fields.two_col(rest[0], rest[1]))
            rest = rest[2:]
        else:
            lines.append(rest.pop(0))
    return lines


def letterhead(f: Facility, style: str, rng: random.Random) -> list[str]:
    """The sender's letterhead: 'center' (upper case, centred) or 'left' (one compact line per field)."""
    if f.letterhead:
        return blocks.office_letterhead(f, rng, f.letterhead, style == "center")
    if style == "center":
        w = fields.LINE_WIDTH
        return [f.name.upper().center(w).rstrip(), f"{f.street}, {f.city_line}".center(w).rstrip(),
                f"Tel {fields.format_phone(f.phone, rng)}   Fax {fields.format_phone(f.fax, rng)}".center(w).rstrip()]
    return [f.name, f.street, f.city_line,
            f"P: {fields.format_phone(f.phone, rng)} | F: {fields.format_phone(f.fax, rng)}"]


def phone(c: Ctx, number: str) -> str:
    """A phone number the way this document writes phone numbers."""
    return fields.format_phone(number, c.rng)


def check_box(on: bool) -> str:
    """A form's check box, ticked or not."""
    return "[x]" if on else "[ ]"


def check_list(c: Ctx, options: Sequence[str], lo: int = 1, hi: int = 1) -> list[str]:
    """One check-box line per option, between lo and hi of them ticked."""
    ticked = set(c.some(options, lo, hi))
    return [f"{check_box(o in ticked)} {o}" for o in options]


def pronouns(c: Ctx) -> tuple[str, str, str]:
    """Subject, object and possessive pronouns for the patient ('the patient' forms when the sex is unknown)."""
    sex = c.patient.sex if c.patient is not None else ""
    if sex == "F":
        return "she", "her", "her"
    if sex == "M":
        return "he", "him", "his"
    return "the patient", "the patient", "the patient's"


def cap_first(text: str) -> str:
    """`text` with its first letter in upper case (the rest untouched)."""
    return text[:1].upper() + text[1:]
