"""Roster import: the contract CSV and FHIR R4 Bundles, placeholders, row errors with line numbers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pipeline.errors import ExitCode, InputFileError
from pipeline.match.roster_file import CSV_COLUMNS, RowError, parse_roster_file

HEADER = ",".join(CSV_COLUMNS)


def write(tmp_path: Path, text: str, name: str = "roster.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_csv_rows(tmp_path):
    parsed = parse_roster_file(write(tmp_path, HEADER + "\n"
                                     "MRN0001001,William,Okafor,1961-03-04,M,(217) 555-2034,12 Elm St,Springfield,IL,62704\n"
                                     "1002,Rosa,Garcia-Lopez,,female,,,,il,60614-1234\n"))
    assert parsed.errors == () and parsed.format == "csv"
    william, rosa = parsed.records
    assert (william.mrn, william.first_name, william.dob, william.phone) == \
        ("MRN0001001", "William", date(1961, 3, 4), "217-555-2034")
    assert (rosa.dob, rosa.sex, rosa.state, rosa.postal_code) == (None, "F", "IL", "60614-1234")


def test_header_in_another_order_with_bom(tmp_path):
    cols = list(reversed(CSV_COLUMNS))
    row = {c: "" for c in cols} | {"mrn": "7", "last_name": "Okafor"}
    path = tmp_path / "r.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (",".join(cols) + "\n" + ",".join(row[c] for c in cols) + "\n").encode())
    assert parse_roster_file(str(path)).records[0].last_name == "Okafor"


@pytest.mark.parametrize("value", ["UNKNOWN", "Baby Boy", "BABY GIRL", "TEST", "N/A", "unk", "  "])
def test_name_placeholders_are_missing(tmp_path, value):
    parsed = parse_roster_file(write(tmp_path, f"{HEADER}\n5,{value},{value},,,,,,,\n"))
    assert (parsed.records[0].first_name, parsed.records[0].last_name) == ("", "")


@pytest.mark.parametrize("dob", ["1900-01-01", "1901-01-01", "1800-01-01", "9999-12-31"])
def test_dob_placeholders_are_missing(tmp_path, dob):
    assert parse_roster_file(write(tmp_path, f"{HEADER}\n5,A,B,{dob},,,,,,\n")).records[0].dob is None


@pytest.mark.parametrize("phone", ["999-999-9999", "000-000-0000", "123-456-7890", "555-0100", "N/A"])
def test_phone_placeholders_are_missing(tmp_path, phone):
    assert parse_roster_file(write(tmp_path, f"{HEADER}\n5,A,B,,,{phone},,,,\n")).records[0].phone == ""


def test_other_placeholders(tmp_path):
    rec = parse_roster_file(write(tmp_path, f"{HEADER}\n5,John,Doe,,U,,UNKNOWN,N/A,,00000\n")).records[0]
    assert (rec.first_name, rec.last_name, rec.sex, rec.address, rec.city, rec.postal_code) == ("", "", "", "", "", "")


def test_row_errors_carry_line_numbers(tmp_path):
    text = (HEADER + "\n"
            "1,Ann,Lee,1970-01-02,F,,,,,\n"             # line 2: fine
            "2,Bob,Ray,1961-13-40,M,,,,,\n"             # line 3: bad date
            "1,Ann,Lee,1970-01-02,F,,,,,\n"             # line 4: duplicate mrn
            ",Cy,Ng,,,,,,,\n"                           # line 5: no mrn
            '3,"Dee\nMultiline",Fox,,,,,,,\n'           # lines 6-7: one quoted record over two lines
            "4,too,few\n"                               # line 8: wrong cell count
            "\n"
            "5,Eve,Ito,03/04/1961,,,,,,\n")             # line 10: not ISO
    parsed = parse_roster_file(write(tmp_path, text))
    assert [r.mrn for r in parsed.records] == ["1", "3"]
    assert [str(e) for e in parsed.errors] == [
        "line 3: dob '1961-13-40' is not a date (YYYY-MM-DD)",
        "line 4: mrn '1' is already on line 2",
        "line 5: mrn is empty",
        "line 8: expected 10 cells, found 3",
        "line 10: dob '03/04/1961' is not a date (YYYY-MM-DD)",
    ]
    assert parsed.errors[0] == RowError(3, "dob '1961-13-40' is not a date (YYYY-MM-DD)")


def test_missing_header_column_is_named(tmp_path):
    with pytest.raises(InputFileError, match="missing column.*postal_code") as err:
        parse_roster_file(write(tmp_path, ",".join(CSV_COLUMNS[:-1]) + "\n1,A,B,,,,,,\n"))
    assert err.value.exit_code is ExitCode.bad_input


def test_unknown_header_column_is_named(tmp_path):
    with pytest.raises(InputFileError, match="unknown column.*email"):
        parse_roster_file(write(tmp_path, HEADER + ",email\n1,A,B,,,,,,,,a@b\n"))


@pytest.mark.parametrize("content, message", [
    (None, "no such file"),
    ("", "empty"),
    ("   \n\n", "empty"),
    ("hello world\nthis is not a roster\n", "not a roster CSV"),
    ("{not json", "not valid JSON"),
    ('{"resourceType": "Observation"}', "not a FHIR Bundle"),
])
def test_unreadable_files(tmp_path, content, message):
    path = str(tmp_path / "r.csv") if content is None else write(tmp_path, content)
    with pytest.raises(InputFileError, match=message):
        parse_roster_file(path)


def _patient(mrn: str | None, **extra) -> dict:
    ident = [{"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "SS"}]},
              "value": "999-00-1111"}]
    if mrn:
        ident.append({"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203",
                                            "code": "MR"}]}, "value": mrn})
    return {"resource": {"resourceType": "Patient", "identifier": ident, **extra}}


def test_fhir_bundle(tmp_path):
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [
        _patient("MRN0001001",
                 name=[{"use": "old", "family": "Smith", "given": ["Wilma"]},
                       {"use": "official", "family": "Okafor", "given": ["William", "Tobenna"]}],
                 birthDate="1961-03-04", gender="male",
                 telecom=[{"system": "email", "value": "w@example.org"},
                          {"system": "phone", "use": "home", "value": "(217) 555-2034"}],
                 address=[{"use": "home", "line": ["12 Elm St", "Apt 2"], "city": "Springfield", "state": "IL",
                           "postalCode": "62704"}]),
        _patient(None, name=[{"family": "Nomrn", "given": ["Ann"]}]),
        _patient("MRN0001002", name=[{"text": "Rosa Garcia-Lopez"}], birthDate="1988", gender="unknown"),
        _patient("MRN0001003", birthDate="1961-02-30"),
        _patient("MRN0001001", name=[{"family": "Again"}]),
        {"resource": {"resourceType": "Organization", "name": "Clinic"}},
    ]}
    parsed = parse_roster_file(write(tmp_path, json.dumps(bundle), "bundle.json"))
    assert parsed.format == "fhir"
    william, rosa = parsed.records
    assert (william.mrn, william.first_name, william.last_name, william.dob, william.sex) == \
        ("MRN0001001", "William", "Okafor", date(1961, 3, 4), "M")
    assert (william.phone, william.address, william.city, william.postal_code) == \
        ("217-555-2034", "12 Elm St, Apt 2", "Springfield", "62704")
    assert (rosa.first_name, rosa.last_name, rosa.dob, rosa.sex) == ("Rosa", "Garcia-Lopez", None, "")
    assert [str(e) for e in parsed.errors] == [
        "entry 2: no identifier with type MR (medical record number)",
        "entry 4: birthDate '1961-02-30' is not a date (YYYY-MM-DD)",
        "entry 5: mrn 'MRN0001001' is already in entry 1",
    ]


def test_fhir_placeholders(tmp_path):
    bundle = {"resourceType": "Bundle", "entry": [
        _patient("9", name=[{"family": "UNKNOWN", "given": ["BABY GIRL"]}], birthDate="1900-01-01",
                 telecom=[{"system": "phone", "value": "999-999-9999"}])]}
    rec = parse_roster_file(write(tmp_path, json.dumps(bundle), "b.json")).records[0]
    assert (rec.first_name, rec.last_name, rec.dob, rec.phone) == ("", "", None, "")


def test_large_csv_round_trip(tmp_path):
    from pipeline.synth.identities import make_roster, write_roster_csv

    people = make_roster(2_000, seed=11)
    write_roster_csv(people, tmp_path / "big.csv")
    parsed = parse_roster_file(str(tmp_path / "big.csv"))
    assert parsed.errors == () and len(parsed.records) == 2_000
    assert {(p.mrn, p.dob, p.last_name) for p in parsed.records} == {(p.mrn, p.dob, p.last_name) for p in people}
