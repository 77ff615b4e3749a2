"""The store: originals kept, rows and files consistent, audit chained, roster upserts."""

from __future__ import annotations

import stat
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from pipeline.config import load_config
from pipeline.errors import NotFoundError
from pipeline.index import audit
from pipeline.index.roster import add_alias, load_patients, upsert_patients
from pipeline.index.store import Store
from pipeline.records import (
    Analysis,
    DocType,
    IngestedFile,
    MatchDecision,
    MatchResult,
    OcrResult,
    PageSource,
    PageText,
    PatientRecord,
    Routing,
    Status,
    TypeResult,
)


@pytest.fixture
def store(home: Path) -> Store:
    s = Store(load_config(str(home)))
    yield s
    s.close()


def _file(tmp_path: Path, name: str = "scan.pdf", data: bytes = b"%PDF-1.4 fake") -> IngestedFile:
    import hashlib

    p = tmp_path / name
    p.write_bytes(data)
    return IngestedFile(str(p), name, hashlib.sha256(data).hexdigest(), len(data), datetime(2026, 11, 2, tzinfo=UTC))


def _analysis(file: IngestedFile, pdf: bytes | None = b"%PDF-1.4 searchable") -> Analysis:
    ocr = OcrResult("pdf", (PageText(1, "LAB REPORT Patient: Doe, Jane", PageSource.ocr, (), 91.0),), pdf)
    return Analysis(file, ocr, None, TypeResult(DocType.lab_result, 0.93))


def test_original_kept_private_and_content_addressed(store: Store, tmp_path: Path) -> None:
    f = _file(tmp_path)
    doc_id = store.begin(f, "tester")
    kept = store.path(f"originals/{f.sha256[:2]}/{f.sha256}.pdf")
    assert kept.read_bytes() == Path(f.path).read_bytes()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    assert store.list_documents()[0]["id"] == doc_id
    assert store.list_documents()[0]["status"] == "processing"


def test_filed_copy_follows_template(store: Store, tmp_path: Path) -> None:
    f = _file(tmp_path)
    doc_id = store.begin(f, "tester")
    match = MatchResult(MatchDecision.auto, "MRN1", 0.999)
    out = store.finish(doc_id, _analysis(f), match, Routing(Status.filed), "tester")
    assert out.status is Status.filed and out.patient_mrn == "MRN1" and out.pages == 1
    doc = store.list_documents()[0]
    assert doc["status"] == "filed" and doc["doc_type"] == "lab_result"
    filed = store.path(f"patients/MRN1/2026/lab_result/20261102-lab_result-{doc_id}.pdf")
    assert filed.read_bytes() == b"%PDF-1.4 searchable"


def test_review_item_created_with_reasons(store: Store, tmp_path: Path) -> None:
    f = _file(tmp_path)
    doc_id = store.begin(f, "tester")
    match = MatchResult(MatchDecision.review, None, 0.4)
    store.finish(doc_id, _analysis(f), match, Routing(Status.review, ("patient uncertain",)), "tester")
    items = store.list_review()
    assert [i["id"] for i in items] == [doc_id]
    assert items[0]["reasons"] == ["patient uncertain"]


def test_failure_and_duplicate_are_recorded(store: Store, tmp_path: Path) -> None:
    f = _file(tmp_path)
    first = store.begin(f, "tester")
    store.finish(first, _analysis(f), MatchResult(MatchDecision.auto, "M", 1.0), Routing(Status.filed), "t")
    prev = store.previous(f.sha256)
    assert prev is not None and prev.id == first
    dup = store.record_duplicate(_file(tmp_path, "again.pdf"), prev, "t")
    assert dup.status is Status.duplicate
    other = store.begin(_file(tmp_path, "bad.pdf", b"junk"), "t")
    failed = store.fail(other, "corrupt_pdf: no trailer", "ocr", "t")
    assert failed.status is Status.failed and failed.error.startswith("corrupt_pdf")
    statuses = sorted(d["status"] for d in store.list_documents())
    assert statuses == ["duplicate", "failed", "filed"]


def test_unknown_document_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError), store.db.session() as s:
        store._get(s, "nope")


def test_audit_chain_detects_tampering(store: Store, tmp_path: Path) -> None:
    f = _file(tmp_path)
    doc_id = store.begin(f, "alice")
    store.fail(doc_id, "x: y", "ocr", "alice")
    with store.db.session() as s:
        assert audit.verify(s) == []
    with store.db.session() as s:
        s.execute(text("UPDATE audit_log SET user = 'mallory' WHERE id = 1"))
    with store.db.session() as s:
        problems = audit.verify(s)
    assert problems and "audit row 1" in problems[0]


def test_roster_upsert_counts_and_aliases(store: Store) -> None:
    a = PatientRecord("M1", "Jane", "Doe", date(1961, 3, 4))
    b = PatientRecord("M2", "John", "Roe", None)
    with store.db.session() as s:
        first = upsert_patients(s, [a, b])
    with store.db.session() as s:
        second = upsert_patients(s, [PatientRecord("M1", "Jane", "Doe-Smith", date(1961, 3, 4)), b])
        add_alias(s, "M1", "Janie", "Doe", None)
    assert (first.inserted, first.updated) == (2, 0)
    assert (second.inserted, second.updated, second.unchanged) == (0, 1, 1)
    with store.db.session() as s:
        loaded = {p.mrn: p for p in load_patients(s)}
    assert loaded["M1"].last_name == "Doe-Smith" and loaded["M1"].aliases == (("Janie", "Doe"),)
