"""One roster record from raw field values, cleaned the same way by every importer (CSV, FHIR, HL7 ADT)."""

from __future__ import annotations

from datetime import date

from pipeline.match.normalize import (
    clean_dob,
    clean_mrn,
    clean_name,
    clean_phone,
    clean_sex,
    clean_text,
    clean_zip,
)
from pipeline.records import PatientRecord


def clean_record(mrn: str, first: str, last: str, dob: date | None, sex: str, phone: str, address: str, city: str,
                 state: str, postal: str, today: date) -> PatientRecord:
    """A roster record from values already split into fields, each cleaned (`mrn` already clean)."""
    if clean_name(f"{first} {last}") == "":  # "John Doe", "Baby Boy" as a whole
        first = last = ""
    first, last = clean_name(first), clean_name(last)
    phone_digits = clean_phone(phone)
    return PatientRecord(
        mrn=mrn,
        first_name=first,
        last_name=last,
        dob=clean_dob(dob, today),
        sex=clean_sex(sex),
        phone=f"{phone_digits[:3]}-{phone_digits[3:6]}-{phone_digits[6:]}" if phone_digits else "",
        address=clean_text(address),
        city=clean_text(city),
        state=clean_text(state).upper()[:2] if clean_text(state) else "",
        postal_code=_postal(postal),
    )


def _postal(value: str) -> str:
    five = clean_zip(value)
    if not five:
        return ""
    digits = "".join(c for c in value if c.isdigit())
    return f"{five}-{digits[5:9]}" if len(digits) == 9 else five


def build_record(mrn: str, first: str, last: str, dob: date | None, sex: str, phone: str, address: str,
                 city: str, state: str, postal: str) -> PatientRecord:
    """A roster record from raw values, cleaned the way every importer cleans them."""
    return clean_record(clean_mrn(mrn), first, last, dob, sex, phone, address, city, state, postal, date.today())
