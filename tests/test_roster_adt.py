"""The roster from the EHR: HL7 v2 ADT files (add, update, merge; bad messages named), FHIR retired Patients,
and a merge moving documents, review items and aliases, audited, with the exports corrected."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline.errors import NotFoundError
from pipeline.export import hl7
from pipeline.index.models import AuditEntry, Document, PatientAlias
from pipeline.index.roster import load_patients
from pipeline.match.roster_file import parse_roster_file
from pipeline.review import decisions
from tests.export_kit import MllpReceiver, configure, file_lab, validate_hl7
from tests.test_review_support import JUNK, open_store, queue_document, roster_home


def adt(event: str, mrn: str, last: str = "Quill", first: str = "Ada", dob: str = "19700102", ctrl: str = "1",
        mrg: str | None = None, structure: str = "") -> str:
    """One synthetic ADT message (CR-separated)."""
    segs = [f"MSH|^~\\&|EHR|HOSP|DOCINTAKE|CLINIC|20261202080000||ADT^{event}{structure}|{ctrl}|P|2.5.1",
            f"EVN|{event}|20261202080000",
            f"PID|1||{mrn}^^^HOSP^MR~999-{mrn}^^^SSA^SS||{last}^{first}||{dob}|F|||12 Oak St^^Salem^MA^01970||"
            "^PRN^PH^^^555^2013344"]
    if mrg:
        segs.append(f"MRG|{mrg}^^^HOSP^MR")
    segs.append("PV1|1|O")
    return "\r".join(segs) + "\r"


def test_adt_file_adds_updates_and_merges_in_order(tmp_path: Path) -> None:
    text = (adt("A04", "ZZ1", ctrl="1") + adt("A28", "ZZ2", last="Brook", ctrl="2")
            + adt("A08", "ZZ1", last="Quill-Ames", ctrl="3") + adt("A31", "ZZ2", dob="19700103", ctrl="4")
            + adt("A40", "ZZ2", last="Brook", dob="19700103", mrg="ZZ1", ctrl="5", structure="^ADT_A39"))
    path = tmp_path / "feed.hl7"
    path.write_bytes(text.replace("\r", "\r\n").encode())  # engines write CRLF files too
    parsed = parse_roster_file(str(path))
    assert parsed.format == "hl7" and parsed.errors == ()
    by_mrn = {r.mrn: r for r in parsed.records}
    assert sorted(by_mrn) == ["ZZ1", "ZZ2"]
    assert by_mrn["ZZ1"].last_name == "Quill-Ames"  # the A08 wins over the A04 before it
    assert str(by_mrn["ZZ2"].dob) == "1970-01-03"
    assert by_mrn["ZZ1"].phone == "555-201-3344" and by_mrn["ZZ1"].city and by_mrn["ZZ1"].postal_code == "01970"
    assert [(m.retired, m.surviving) for m in parsed.merges] == [("ZZ1", "ZZ2")]


def test_bad_adt_messages_are_named_and_block_the_import(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = adt("A04", "ZZ1") + adt("A01", "ZZ2") + adt("A08", "ZZ3", dob="19701399") + adt("A40", "ZZ4")
    path = tmp_path / "feed.hl7"
    path.write_bytes(text.encode())
    run = cli("patients", "import", path)
    assert run.code == 4
    assert "message 2: ADT^A01 is not an event docintake applies" in run.err
    assert "message 3: PID-7 date of birth '19701399' is not a date" in run.err
    assert "message 4: ADT^A40 needs one MRG segment after each PID" in run.err
    assert "Quill" not in run.err and "Ada" not in run.err  # names never reach the operator's log
    ok = cli("patients", "import", path, "--skip-invalid", "--json")
    assert ok.code == 0 and ok.json()["inserted"] == 1 and ok.json()["invalid"] == 3


def test_fhir_inactive_and_replaced_by_are_retired(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def patient(pid: str, mrn: str, **extra: object) -> dict:
        return {"resource": {"resourceType": "Patient", "id": pid, "name": [{"family": "Stone", "given": ["Ida"]}],
                             "birthDate": "1950-02-03", "identifier": [{"type": {"coding": [{"code": "MR"}]},
                                                                          "value": mrn}], **extra}}

    bundle = {"resourceType": "Bundle", "type": "collection", "entry": [
        patient("p1", "ZZ10"), patient("p2", "ZZ11", active=False),
        patient("p3", "ZZ12", link=[{"type": "replaced-by", "other": {"reference": "Patient/p1"}}]),
        patient("p4", "ZZ13", active=False, link=[{"type": "replaced-by", "other": {"identifier": {"value": "ZZ10"}}}]),
    ]}
    path = tmp_path / "roster.json"
    path.write_text(json.dumps(bundle))
    run = cli("patients", "import", path, "--json")
    assert run.code == 0, run.err
    assert [(m["retired"], m["surviving"]) for m in run.json()["merged"]] == [
        ("ZZ11", None), ("ZZ12", "ZZ10"), ("ZZ13", "ZZ10")]
    store = open_store(home)
    try:
        with store.db.read() as s:
            assert [p.mrn for p in load_patients(s)] == ["ZZ10"]  # retired records are never matched
    finally:
        store.close()
    bundle["entry"].append(patient("p5", "ZZ14", link=[{"type": "replaced-by", "other": {"reference": "Patient/zz"}}]))
    path.write_text(json.dumps(bundle))
    run = cli("patients", "import", path)
    assert run.code == 4 and "entry 5: link replaced-by Patient/zz names no Patient" in run.err


def test_a40_moves_documents_reviews_aliases_and_corrects_exports(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ehr = MllpReceiver("AA")
    try:
        configure(home, [ehr.url])
        roster_home(cli, tmp_path)
        filed = file_lab(home, tmp_path / "scans", "lab.pdf", "Lucia Ferreira", "05/17/2001")
        reviewed = queue_document(home, tmp_path / "fax", *JUNK)
        store = open_store(home)
        try:
            with store.db.session() as s:
                s.add(PatientAlias(mrn="ZZ900005", first_name="luci", last_name="ferreira",
                                   created_at=datetime.now(UTC)))
                s.get(Document, reviewed).patient_mrn = "ZZ900005"  # the item's best candidate
        finally:
            store.close()
        assert cli("export", "run").code == 0 and len(ehr.messages) == 1
        feed = tmp_path / "a40.hl7"
        feed.write_bytes((adt("A04", "ZZ777", "Ferreira", "Lucia", "20010517", ctrl="9")
                          + adt("A40", "ZZ777", "Ferreira", "Lucia", "20010517", ctrl="10", mrg="ZZ900005")).encode())
        run = cli("patients", "import", feed, "--json")
        assert run.code == 0, run.err
        assert run.json()["merged"] == [{"retired": "ZZ900005", "surviving": "ZZ777", "documents": 2, "aliases": 1}]
        store = open_store(home)
        try:
            with store.db.read() as s:
                moved = {d.id: d for d in s.scalars(select(Document))}
                actions = [a.action for a in s.scalars(select(AuditEntry).where(AuditEntry.document_id == filed))]
                assert {p.mrn for p in load_patients(s)} == {"ZZ900001", "ZZ900002", "ZZ900003", "ZZ900004", "ZZ777"}
                aliases = [a.mrn for a in s.scalars(select(PatientAlias))]
        finally:
            store.close()
        assert moved[filed].patient_mrn == "ZZ777" and "/ZZ777/" in (moved[filed].filed_path or "")
        assert moved[reviewed].patient_mrn == "ZZ777" and aliases == ["ZZ777"]
        assert "merged" in actions
        kinds = [(hl7.field(hl7.first(hl7.segments(m), "MSH") or [], 9, 2),
                  hl7.field(hl7.first(hl7.segments(m), "PID") or [], 3)) for m in ehr.messages]
        assert kinds == [("T02", "ZZ900005"), ("T11", "ZZ900005"), ("T02", "ZZ777")]
        for m in ehr.messages:
            validate_hl7(m)
        store = open_store(home)
        try:  # the clerk can still decide the moved review item, under the surviving MRN
            decision = decisions.assign(store, reviewed, "ZZ777", "clerk1")
        finally:
            store.close()
        assert decision.patient_mrn == "ZZ777"
        undo = cli("review", "undo", "--user", "clerk1")
        assert undo.code == 0, undo.err
        refused = cli("review", "assign", reviewed, "--patient", "ZZ900005")
        assert refused.code == 5 and "MRN ZZ900005 is a retired record, merged into ZZ777" in refused.err
    finally:
        ehr.close()


def test_merge_into_an_unknown_surviving_record_changes_nothing(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    roster_home(cli, tmp_path)
    feed = tmp_path / "a40.hl7"
    message = adt("A40", "ZZ888", mrg="ZZ900001")
    feed.write_bytes(message.encode())
    run = cli("patients", "import", feed, "--json")  # the A40's PID adds ZZ888 first, then the merge applies
    assert run.code == 0 and run.json()["merged"][0]["surviving"] == "ZZ888"
    from pipeline.index.merge import apply_merge
    from pipeline.match.roster_adt import Merge

    store = open_store(home)
    try:
        with pytest.raises(NotFoundError, match="surviving MRN NOPE is not in the roster"):
            apply_merge(store, Merge("ZZ900002", "NOPE"), "test")
        with store.db.read() as s:
            assert "ZZ900002" in {p.mrn for p in load_patients(s)}
    finally:
        store.close()
