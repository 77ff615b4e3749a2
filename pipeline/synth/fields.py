"""How identifiers look on paper: name and date forms, labels, phone styles, clinicians and senders."""

from __future__ import annotations

import random
import textwrap
from dataclasses import dataclass
from datetime import date

from pipeline.records import PatientRecord
from pipeline.synth import names
from pipeline.synth.identities import middle_initial, nicknames_of

LINE_WIDTH = 78  # characters that fit across a letter page at 11 pt monospace with fax margins

NAME_LABELS = ("Patient:", "Pt:", "Name:", "Patient Name:", "RE:", "Re:", "Member:")
DOB_LABELS = ("DOB:", "D.O.B.", "Date of Birth:", "Birthdate:")
# form key -> weight; keys are what SynthDoc.dob_form records
DOB_FORMS = {"mm/dd/yyyy": 45, "m-d-yy": 12, "yyyy-mm-dd": 13, "d mon yyyy": 12, "month d, yyyy": 18}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
CREDENTIALS = ("MD", "MD", "MD", "DO", "NP", "PA-C", "MD, FACP", "MD, PhD")


@dataclass(frozen=True)
class Facility:
    """A sender or recipient organisation as its letterhead shows it."""

    name: str
    street: str
    city: str
    state: str
    postal_code: str
    phone: str
    fax: str
    letterhead: str = ""  # an office letterhead style (blocks.LETTERHEAD_STYLES); '' for the template's own

    @property
    def city_line(self) -> str:
        """City, ST 12345."""
        return f"{self.city}, {self.state} {self.postal_code}"


def format_date(d: date, form: str) -> str:
    """Render a date in one of the DOB_FORMS keys."""
    if form == "mm/dd/yyyy":
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if form == "m-d-yy":
        return f"{d.month}-{d.day}-{d.year % 100:02d}"
    if form == "yyyy-mm-dd":
        return d.isoformat()
    if form == "d mon yyyy":
        return f"{d.day} {_MONTHS[d.month - 1][:3]} {d.year}"
    if form == "month d, yyyy":
        return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"
    raise ValueError(f"unknown date form {form!r}")


def pick_date_form(rng: random.Random) -> str:
    """A date form, weighted by how often each turns up on faxes."""
    return rng.choices(list(DOB_FORMS), weights=list(DOB_FORMS.values()))[0]


def pick_name_form(rng: random.Random, patient: PatientRecord) -> str:
    """A name form key: order (last_first|first_last) plus optional _mi, _upper, _nick."""
    form = "last_first" if rng.random() < 0.55 else "first_last"
    if middle_initial(patient) and rng.random() < 0.4:
        form += "_mi"
    if rng.random() < 0.4:
        form += "_upper"
    if nicknames_of(patient.first_name) and rng.random() < 0.12:
        form += "_nick"
    return form


def format_name(patient: PatientRecord, form: str, rng: random.Random) -> str:
    """Render the patient's name in `form` (see pick_name_form)."""
    first = patient.first_name
    if "_nick" in form and nicknames_of(first):
        first = rng.choice(nicknames_of(first))
    mi = middle_initial(patient) if "_mi" in form else ""
    if form.startswith("last_first"):
        text = f"{patient.last_name}, {first}" + (f" {mi}" if mi else "")
    else:
        text = f"{first} " + (f"{mi}. " if mi else "") + patient.last_name
    return text.upper() if "_upper" in form else text


def format_phone(phone: str, rng: random.Random) -> str:
    """Re-punctuate a 10-digit phone number the way different offices write it."""
    digits = "".join(ch for ch in phone if ch.isdigit())[-10:]
    a, b, c = digits[:3], digits[3:6], digits[6:]
    return rng.choice((f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"({a}){b}-{c}"))


def random_phone(rng: random.Random) -> str:
    """A plausible office phone number (never a patient's)."""
    _, _, _, areas = rng.choice(names.PLACES)
    return f"{rng.choice(areas)}-{rng.randint(201, 989)}-{rng.randint(0, 9999):04d}"


def clinician(rng: random.Random, with_title: bool = True) -> str:
    """An invented clinician such as 'Dr. Jane Smith, MD' - a name the matcher must not take for the patient."""
    first = rng.choice(names.FEMALE_FIRST if rng.random() < 0.5 else names.MALE_FIRST)
    last = rng.choice(names.SURNAMES)
    cred = rng.choice(CREDENTIALS)
    if with_title and cred.startswith(("MD", "DO")):
        return f"Dr. {first} {last}, {cred}" if rng.random() < 0.5 else f"{first} {last}, {cred}"
    return f"{first} {last}, {cred}"


def facility(rng: random.Random, name: str) -> Facility:
    """Give an organisation name an invented address, phone and fax."""
    city, state, zip3, areas = rng.choice(names.PLACES)
    area = rng.choice(areas)
    suite = f", Suite {rng.randint(100, 450)}" if rng.random() < 0.5 else ""
    return Facility(
        name=name,
        street=f"{rng.randint(10, 9800)} {rng.choice(names.STREET_NAMES)} {rng.choice(names.STREET_SUFFIXES)}{suite}",
        city=city,
        state=state,
        postal_code=f"{zip3}{rng.randint(1, 99):02d}",
        phone=f"{area}-{rng.randint(201, 989)}-{rng.randint(0, 9999):04d}",
        fax=f"{area}-{rng.randint(201, 989)}-{rng.randint(0, 9999):04d}",
    )


def wrap(text: str, indent: str = "", width: int = LINE_WIDTH) -> list[str]:
    """Wrap a paragraph to the page width."""
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent) or [""]


def two_col(left: str, right: str, width: int = LINE_WIDTH) -> str:
    """Put two short fields on one line, the second starting at the middle of the page when it fits."""
    col = width // 2
    if len(left) < col - 1 and len(left) + len(right) < width:
        return left.ljust(col) + right
    return f"{left}   {right}"


def join_to_width(items: list[str], sep: str) -> list[str]:
    """`items` joined by `sep` into as few lines as fit the page width (an item is never split)."""
    lines: list[str] = []
    current = ""
    for item in items:
        candidate = f"{current}{sep}{item}" if current else item
        if len(candidate) > LINE_WIDTH and current:
            lines.append(current)
            current = item
        else:
            current = candidate
    return lines + [current]
