"""Reading a roster file: the contract CSV or a FHIR R4 Bundle of Patient resources, detected by content.

Bad rows are reported as RowError values (with their line, or entry number for FHIR) and skipped;
only a file that cannot be read at all raises InputFileError.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.errors import InputFileError
from pipeline.match.normalize import (
    clean_mrn,
)
from pipeline.match.roster_adt import AdtError, Merge, looks_like_hl7, parse_adt, split_messages
from pipeline.match.roster_record import build_record, clean_record  # noqa: F401  (build_record re-exported)
from pipeline.records import PatientRecord

CSV_COLUMNS = ("mrn", "first_name", "last_name", "dob", "sex", "phone", "address", "city", "state", "postal_code")
_MR_CODE = "MR"


@dataclass(frozen=True)
class RowError:
    """One rejected row: its line in the CSV (or entry number in a FHIR bundle) and why."""

    line: int
    message: str  # without the "line N: " prefix; str(error) has it
    unit: str = "line"  # "line" for CSV, "entry" for FHIR bundles

    def __str__(self) -> str:
        return f"{self.unit} {self.line}: {self.message}"


@dataclass(frozen=True)
class RosterParse:
    """The valid records of a roster file and the rows that were rejected."""

    records: tuple[PatientRecord, ...]
    errors: tuple[RowError, ...]
    format: str = "csv"  # csv, fhir or hl7
    merges: tuple[Merge, ...] = ()  # retired records (A40, FHIR active:false / replaced-by), in file order


def parse_roster_file(path: str) -> RosterParse:
    """Read a roster CSV or FHIR R4 Bundle; raise InputFileError if the file is missing, empty or unrecognised."""
    text = _read_text(path)
    if looks_like_hl7(text):
        return parse_adt_text(text)
    head = text.lstrip()[:1]
    if head in ("{", "["):
        return _parse_fhir(text, path)
    first_line = text.lstrip().split("\n", 1)[0].lower()
    if "mrn" in first_line and "," in first_line:
        return _parse_csv(text, path)
    raise InputFileError(
        f"{path}: not a roster CSV or a FHIR Bundle",
        hint="a CSV needs the header " + ",".join(CSV_COLUMNS) + "; FHIR must be a JSON Bundle of Patients; "
             "HL7 v2 ADT messages start with MSH|",
    )


def _read_text(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise InputFileError(f"{path}: no such file") from exc
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read: {exc.strerror}") from exc
    if not data.strip():
        raise InputFileError(f"{path}: the file is empty")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # spreadsheets still export Windows-1252


# --- CSV ---------------------------------------------------------------------------------------------

def _parse_csv(text: str, path: str) -> RosterParse:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader)]
    _check_header(header, path)
    where = {name: header.index(name) for name in CSV_COLUMNS}
    today = date.today()
    records: list[PatientRecord] = []
    errors: list[RowError] = []
    seen: dict[str, int] = {}
    line = reader.line_num
    for row in reader:
        start, line = line + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            errors.append(RowError(start, f"expected {len(header)} cells, found {len(row)}"))
            continue
        cells = {name: row[i] for name, i in where.items()}
        record, problem = _record_from_cells(cells, today)
        if problem:
            errors.append(RowError(start, problem))
        elif record.mrn in seen:
            errors.append(RowError(start, f"mrn '{record.mrn}' is already on line {seen[record.mrn]}"))
        else:
            seen[record.mrn] = start
            records.append(record)
    return RosterParse(tuple(records), tuple(errors), "csv")


def _check_header(header: list[str], path: str) -> None:
    missing = [c for c in CSV_COLUMNS if c not in header]
    unknown = [c for c in header if c not in CSV_COLUMNS]
    doubled = sorted({c for c in header if header.count(c) > 1})
    expected = ",".join(CSV_COLUMNS)
    if missing:
        raise InputFileError(f"{path}: header is missing column(s) {', '.join(missing)}", hint=f"expected {expected}")
    if unknown:
        raise InputFileError(f"{path}: header has unknown column(s) {', '.join(unknown)}", hint=f"expected {expected}")
    if doubled:
        raise InputFileError(f"{path}: header repeats column(s) {', '.join(doubled)}", hint=f"expected {expected}")


def _record_from_cells(cells: dict[str, str], today: date) -> tuple[PatientRecord, str]:
    mrn = clean_mrn(cells["mrn"])
    if not mrn:
        return _NO_RECORD, "mrn is empty"
    raw_dob = cells["dob"].strip()
    dob: date | None = None
    if raw_dob:
        try:
            dob = date.fromisoformat(raw_dob)
        except ValueError:
            return _NO_RECORD, f"dob '{raw_dob}' is not a date (YYYY-MM-DD)"
        if len(raw_dob) != 10:
            return _NO_RECORD, f"dob '{raw_dob}' is not a date (YYYY-MM-DD)"
    return clean_record(mrn, cells["first_name"], cells["last_name"], dob, cells["sex"], cells["phone"],
                   cells["address"], cells["city"], cells["state"], cells["postal_code"], today), ""


_NO_RECORD = PatientRecord(mrn="")


# --- HL7 v2 ADT ----------------------------------------------------------------------------------------

def parse_adt_text(text: str) -> RosterParse:
    """A file of ADT messages: the last state of each patient, the merges in order, and bad messages."""
    records: dict[str, PatientRecord] = {}
    merges: list[Merge] = []
    errors: list[RowError] = []
    for number, message in enumerate(split_messages(text), start=1):
        try:
            parsed = parse_adt(message, number)
        except AdtError as exc:
            errors.append(RowError(number, str(exc), "message"))
            continue
        for rec in parsed.records:
            records.pop(rec.mrn, None)
            records[rec.mrn] = rec
        merges.extend(parsed.merges)
    return RosterParse(tuple(records.values()), tuple(errors), "hl7", tuple(merges))


# --- FHIR --------------------------------------------------------------------------------------------

def _parse_fhir(text: str, path: str) -> RosterParse:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFileError(f"{path}: not valid JSON: {exc.msg} at line {exc.lineno}") from exc
    resources = _patient_resources(doc, path)
    today = date.today()
    records: list[PatientRecord] = []
    errors: list[RowError] = []
    merges: list[Merge] = []
    seen: dict[str, int] = {}
    by_id = {str(r["id"]): clean_mrn(_fhir_mrn(r)) for _, r in resources if r.get("id")}
    for number, resource in resources:
        try:
            record, problem = _record_from_patient(resource, today)
            merge, link_problem = _fhir_retired(resource, record.mrn, by_id)
        except (AttributeError, TypeError, KeyError, ValueError, IndexError) as exc:
            # A field of the wrong JSON type (a list where an object belongs...): this entry is invalid.
            record, merge, problem = _NO_RECORD, None, f"a field of the Patient has an unexpected shape ({type(exc).__name__})"
            link_problem = ""
        problem = problem or link_problem
        if problem:
            errors.append(RowError(number, problem, "entry"))
        elif record.mrn in seen:
            errors.append(RowError(number, f"mrn '{record.mrn}' is already in entry {seen[record.mrn]}", "entry"))
        else:
            seen[record.mrn] = number
            records.append(record)
            merges.extend([merge] if merge else [])
    return RosterParse(tuple(records), tuple(errors), "fhir", tuple(merges))


def _fhir_retired(res: dict, mrn: str, by_id: dict[str, str]) -> tuple[Merge | None, str]:
    """A Patient that is inactive or `replaced-by` another: a Merge into that one (None: still in use)."""
    links = [ln for ln in res.get("link") or [] if isinstance(ln, dict) and ln.get("type") == "replaced-by"]
    if not links:
        return (Merge(mrn, None), "") if res.get("active") is False and mrn else (None, "")
    other = links[0].get("other") or {}
    ident = other.get("identifier") or {}
    surviving = clean_mrn(str(ident.get("value") or ""))
    ref = str(other.get("reference") or "")
    if not surviving and ref:
        surviving = by_id.get(ref.rsplit("/", 1)[-1], "")
    if not surviving:
        return None, f"link replaced-by {ref or '(no reference)'} names no Patient in this bundle or by identifier"
    return (Merge(mrn, surviving) if surviving != mrn else None), ""


def _patient_resources(doc: Any, path: str) -> list[tuple[int, dict]]:
    if isinstance(doc, dict) and doc.get("resourceType") == "Patient":
        return [(1, doc)]
    if not isinstance(doc, dict) or doc.get("resourceType") != "Bundle":
        raise InputFileError(f"{path}: JSON is not a FHIR Bundle (resourceType must be 'Bundle')")
    out = []
    for i, entry in enumerate(doc.get("entry") or [], start=1):
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if isinstance(resource, dict) and resource.get("resourceType") == "Patient":
            out.append((i, resource))
    return out


def _record_from_patient(res: dict, today: date) -> tuple[PatientRecord, str]:
    mrn = clean_mrn(_fhir_mrn(res))
    if not mrn:
        return _NO_RECORD, "no identifier with type MR (medical record number)"
    raw_dob = str(res.get("birthDate") or "")
    dob: date | None = None
    if len(raw_dob) == 10:
        try:
            dob = date.fromisoformat(raw_dob)
        except ValueError:
            return _NO_RECORD, f"birthDate '{raw_dob}' is not a date (YYYY-MM-DD)"
    elif raw_dob and not (len(raw_dob) in (4, 7) and raw_dob[:4].isdigit()):
        return _NO_RECORD, f"birthDate '{raw_dob}' is not a date (YYYY-MM-DD)"
    first, last = _fhir_name(res)
    street, city, state, postal = _fhir_address(res)
    return clean_record(mrn, first, last, dob, str(res.get("gender") or ""), _fhir_phone(res), street, city, state,
                   postal, today), ""


def _fhir_mrn(res: dict) -> str:
    idents = res.get("identifier")
    for ident in idents if isinstance(idents, list) else []:
        kind = ident.get("type") if isinstance(ident, dict) else None
        codings = kind.get("coding") if isinstance(kind, dict) else None
        if isinstance(codings, list) and any(isinstance(c, dict) and c.get("code") == _MR_CODE for c in codings):
            return str(ident.get("value") or "")  # type: ignore[union-attr]
    return ""


def _preferred(items: list, uses: tuple[str, ...]) -> dict:
    items = [i for i in items if isinstance(i, dict) and i.get("use") != "old"]
    for use in uses:
        for item in items:
            if item.get("use") == use:
                return item
    return items[0] if items else {}


def _fhir_name(res: dict) -> tuple[str, str]:
    name = _preferred(res.get("name") or [], ("official", "usual"))
    given = name.get("given") or []
    first, last = (given[0] if given else ""), str(name.get("family") or "")
    if not (first or last) and name.get("text"):
        words = str(name["text"]).split()
        first, last = (words[0], " ".join(words[1:])) if len(words) > 1 else ("", words[0])
    return str(first), last


def _fhir_phone(res: dict) -> str:
    phones = [t for t in res.get("telecom") or [] if isinstance(t, dict) and t.get("system") == "phone"]
    return str(_preferred(phones, ("home", "mobile", "work")).get("value") or "")


def _fhir_address(res: dict) -> tuple[str, str, str, str]:
    addr = _preferred(res.get("address") or [], ("home",))
    lines = ", ".join(str(x) for x in addr.get("line") or [])
    return lines, str(addr.get("city") or ""), str(addr.get("state") or ""), str(addr.get("postalCode") or "")
