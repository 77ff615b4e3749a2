"""The export formats, checked with the real libraries: FHIR R4B Bundles (fhir.resources) and HL7 v2.5.1 MDM
(hl7apy strict validation), built from documents filed through the real stages; `export --format` by hand."""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from pipeline.export import fhir, hl7
from pipeline.export.content import ExportDocument, PatientPart, Settings
from pipeline.records import DocType
from tests.export_kit import (
    bundle_pdf,
    file_lab,
    hl7_pdf,
    make_pages_pdf,
    pdf_pages,
    validate_bundle,
    validate_hl7,
)
from tests.test_review_support import roster_home

MRN = "ZZ900005"


@pytest.fixture
def filed(cli, home: Path, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    """A lab report about Lucia Ferreira, filed automatically; its id."""
    roster_home(cli, tmp_path)
    return file_lab(home, tmp_path / "scans", "lab.pdf", "Lucia Ferreira", "05/17/2001")


def test_export_fhir_by_hand_is_a_valid_us_core_bundle(cli, filed: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli("export", filed, "--format", "fhir", "--to", tmp_path / "out", "--json")
    assert run.code == 0, run.err
    assert run.json()["written"][0]["path"] == str(tmp_path / "out" / f"{filed}.json")
    raw = json.loads((tmp_path / "out" / f"{filed}.json").read_text())
    bundle = validate_bundle(raw)
    assert bundle.type == "transaction"
    ref = next(e for e in raw["entry"] if e["resource"]["resourceType"] == "DocumentReference")
    res = ref["resource"]
    assert ref["request"] == {"method": "POST", "url": "DocumentReference",
                              "ifNoneExist": f"identifier=urn:docintake:document|{filed}"}
    assert res["status"] == "current" and res["docStatus"] == "final"
    assert res["subject"]["identifier"] == {"system": "urn:docintake:mrn", "value": MRN}
    assert res["type"]["coding"][0] == {"system": "http://loinc.org", "code": "11502-2", "display": "Laboratory report"}
    assert res["type"]["coding"][1]["system"] == "urn:docintake:doctype"
    assert res["category"][0]["coding"][0]["code"] == "clinical-note"
    assert res["identifier"] == [{"system": "urn:docintake:document", "value": filed}]
    pdf = bundle_pdf(raw)
    att = res["content"][0]["attachment"]
    assert pdf.startswith(b"%PDF") and pdf_pages(pdf) == 1
    assert att["size"] == len(pdf) and att["contentType"] == "application/pdf"
    assert att["hash"] == base64.b64encode(hashlib.sha1(pdf).digest()).decode()
    assert att["url"] == f"Binary/di-{filed}"
    binary = next(e for e in raw["entry"] if e["resource"]["resourceType"] == "Binary")
    assert binary["request"] == {"method": "PUT", "url": f"Binary/di-{filed}"}  # a resend replaces, never adds


def test_export_hl7_by_hand_is_a_strictly_valid_mdm_t02(cli, filed: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("export", filed, "--format", "hl7", "--to", tmp_path / "out").code == 0
    message = (tmp_path / "out" / f"{filed}.hl7").read_bytes().decode("utf-8")
    assert "\n" not in message and message.count("\r") == 6
    parsed = validate_hl7(message)
    assert parsed.name == "MDM_T02"
    segs = hl7.segments(message)
    pid, txa, obx = (hl7.first(segs, n) for n in ("PID", "TXA", "OBX"))
    assert pid is not None and txa is not None and obx is not None
    assert pid[3] == f"{MRN}^^^DOCINTAKE^MR"
    assert pid[5] == "Ferreira^Lucia" and hl7.field(pid, 8) == "F"
    assert hl7.field(pid, 7) == "20010517"
    assert txa[2] == "11502-2" and txa[12] == filed and txa[17] == "AU" and txa[19] == "AV"
    assert obx[2] == "ED" and obx[3] == "11502-2^Laboratory report^LN"
    assert obx[5].startswith("^application^pdf^Base64^")
    assert pdf_pages(hl7_pdf(message)) == 1


def test_export_by_hand_refuses_unfiled_and_unknown_ids(cli, filed: str, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.test_review_support import JUNK, queue_document

    queued = queue_document(home, tmp_path / "fax", *JUNK)
    run = cli("export", queued, "--format", "hl7", "--to", tmp_path / "out")
    assert run.code == 4 and "not filed" in run.err
    assert cli("export", "ffffffffffff", "--format", "hl7", "--to", tmp_path / "out").code == 5
    assert cli("export", "--since", "yesterday", "--format", "hl7", "--to", tmp_path / "out").code == 4
    every = cli("export", "--format", "fhir", "--to", tmp_path / "all", "--json").json()
    assert [w["id"] for w in every["written"]] == [filed]  # without ids: every filed document, nothing else


def _doc(**kw) -> ExportDocument:  # type: ignore[no-untyped-def]
    values = dict(document_id="abc123def456", document_number="abc123def456", version=2, doc_type="consult_note",
                  patient=PatientPart("ZZ1|2", "Ann^Marie", "O'Neil&Sons", date(1961, 3, 4), "F"),
                  received=datetime(2026, 12, 1, 9, 30, tzinfo=UTC), filed=datetime(2026, 12, 1, 10, tzinfo=UTC),
                  pages=10, pdf=b"")
    values.update(kw)
    return ExportDocument(**values)


def test_ten_page_pdf_and_escaped_values_survive_both_formats(tmp_path: Path) -> None:
    pdf = make_pages_pdf(tmp_path / "ten.pdf", [[f"page {i}"] for i in range(10)]).read_bytes()
    doc = _doc(pdf=pdf)
    message = hl7.mdm_t02(doc, Settings())
    validate_hl7(message)
    assert hl7.field(hl7.first(hl7.segments(message), "MSH") or [], 18) == "UNICODE UTF-8"
    accented = hl7.mdm_t02(_doc(pdf=pdf, patient=PatientPart("ZZ2", "Lucía", "Ferréira")), Settings())
    validate_hl7(accented)
    pid = hl7.first(hl7.segments(accented), "PID")
    assert pid is not None and pid[5] == "Ferréira^Lucía"
    pid = hl7.first(hl7.segments(message), "PID")
    assert pid is not None
    assert hl7.field(pid, 3) == "ZZ1|2" and hl7.field(pid, 5, 1) == "O'Neil&Sons" and hl7.field(pid, 5, 2) == "Ann^Marie"
    assert pdf_pages(hl7_pdf(message)) == 10
    inline = fhir.document_bundle(doc, Settings(fhir_inline=True))
    validate_bundle(inline)
    assert [e["resource"]["resourceType"] for e in inline["entry"]] == ["DocumentReference"]
    assert pdf_pages(bundle_pdf(inline)) == 10
    assert fhir.document_bundle(doc, Settings())["entry"][1]["resource"]["type"]["coding"][0]["code"] == "11488-4"


def test_withdrawals_are_valid_t11_and_entered_in_error() -> None:
    doc = _doc(pdf=b"%PDF-1.4\n", document_number="abc123def456-3")
    t11 = hl7.mdm_t11(doc, Settings())
    assert validate_hl7(t11).name == "MDM_T01"  # T11 uses the MDM_T01 structure (no content)
    msh, txa = hl7.first(hl7.segments(t11), "MSH"), hl7.first(hl7.segments(t11), "TXA")
    assert msh is not None and txa is not None
    assert msh[9] == "MDM^T11^MDM_T01" and txa[12] == "abc123def456-3" and txa[19] == "CA"
    assert hl7.control_id(doc, cancel=True) != hl7.control_id(doc)
    bundle = fhir.cancel_bundle(doc, Settings())
    validate_bundle(bundle)
    entry = bundle["entry"][0]
    assert entry["resource"]["status"] == "entered-in-error"
    assert entry["request"] == {"method": "PUT",
                                "url": "DocumentReference?identifier=urn:docintake:document|abc123def456-3"}


def test_acks_validate_and_parse_back() -> None:
    message = hl7.mdm_t02(_doc(pdf=b"%PDF-1.4\n"), Settings())
    for code in ("AA", "AE", "AR"):
        ack = hl7.ack_for(message, code, "" if code == "AA" else "no such patient")
        assert validate_hl7(ack).name == "ACK"
        parsed = hl7.parse_ack(ack)
        assert parsed is not None and parsed.code == code and parsed.control_id == "abc123def456"
    assert hl7.parse_ack("MSH|^~\\&|X\r") is None


def test_ed_type_is_configurable() -> None:
    message = hl7.mdm_t02(_doc(pdf=b"%PDF-1.4\n"), Settings(hl7_ed_type="AP^PDF"))
    obx = hl7.first(hl7.segments(message), "OBX")
    assert obx is not None and obx[5].startswith("^AP^PDF^Base64^")
    validate_hl7(message)


@pytest.mark.parametrize("doc_type", [t.value for t in DocType])
def test_every_document_type_makes_a_strictly_valid_message(doc_type: str) -> None:
    doc = _doc(doc_type=doc_type, pdf=b"%PDF-1.4\n")
    message = hl7.mdm_t02(doc, Settings())
    validate_hl7(message)
    validate_hl7(hl7.mdm_t11(doc, Settings()))
    txa = hl7.first(hl7.segments(message), "TXA")
    assert txa is not None and txa[2] == hl7.document_code(doc) and len(txa[2]) <= 20
    validate_bundle(fhir.document_bundle(doc, Settings()))
