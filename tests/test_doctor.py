"""`docintake doctor`: finds every disagreement between rows and files, repairs only what is provably safe."""

from __future__ import annotations

import os
import stat
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from pipeline.index.files import TEMP_PREFIX
from pipeline.index.models import Document
from pipeline.index.store import Store
from tests.test_store import (  # noqa: F401  (fixtures)
    database_url_fixture,
    file_one,
    make_file,
    store_fixture,
    store_home_fixture,
)


def _age(path: Path, minutes: float = 60) -> Path:
    then = time.time() - minutes * 60
    os.utime(path, (then, then))
    return path


def _doc(store: Store, doc_id: str) -> Document:
    with store.db.read() as s:
        return s.get(Document, doc_id)


def _kinds(run) -> list[tuple[str, bool]]:  # type: ignore[no-untyped-def]
    return [(f["kind"], f["repaired"]) for f in run.json()["findings"]]


def test_a_healthy_store_is_clean(cli, store_home: Path, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    file_one(store, make_file(tmp_path))
    run = cli("doctor", "--json")
    assert run.code == 0, run.out
    report = run.json()
    assert report["ok"] and report["documents"] == 1 and report["files"] == 3 and report["findings"] == []
    assert "store is consistent" in cli("doctor").out


def test_missing_and_altered_filed_copies_are_remade(cli, store_home: Path, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    gone = _doc(store, file_one(store, make_file(tmp_path, "a.pdf", b"a")))
    altered = _doc(store, file_one(store, make_file(tmp_path, "b.pdf", b"b")))
    store.path(gone.filed_path).unlink()
    store.path(altered.filed_path).write_bytes(b"scribbled over")
    run = cli("doctor", "--json")
    assert run.code == 1 and sorted(_kinds(run)) == [("hash_mismatch", False), ("missing_file", False)]
    assert "docintake: error: 2 problem(s) remain" in run.err
    run = cli("doctor", "--repair", "--user", "admin", "--json")
    assert run.code == 0 and sorted(_kinds(run)) == [("hash_mismatch", True), ("missing_file", True)]
    for doc in (gone, altered):
        assert store.path(doc.filed_path).read_bytes() == store.path(doc.searchable_path).read_bytes()
        assert stat.S_IMODE(store.path(doc.filed_path).stat().st_mode) == 0o600
    repairs = [r for r in store.audit_log() if r["action"] == "repaired"]
    assert {r["document_id"] for r in repairs} == {gone.id, altered.id} and repairs[0]["user"] == "admin"
    assert cli("doctor", "--json").code == 0


def test_an_original_is_restored_only_from_a_copy_with_its_hash(cli, store_home: Path, store: Store,  # type: ignore[no-untyped-def]
                                                                tmp_path: Path) -> None:
    plain = _doc(store, file_one(store, make_file(tmp_path, "p.pdf", b"plain"), pdf=None))  # filed copy = original
    ocred = _doc(store, file_one(store, make_file(tmp_path, "o.pdf", b"ocred")))  # filed copy = searchable PDF
    store.path(plain.original_path).unlink()
    store.path(ocred.original_path).unlink()
    run = cli("doctor", "--repair", "--json")
    assert run.code == 1
    findings = {f["document_id"]: f for f in run.json()["findings"]}
    assert findings[plain.id]["repaired"] and store.path(plain.original_path).read_bytes() == b"plain"
    assert not findings[ocred.id]["repaired"] and "no intact copy" in findings[ocred.id]["hint"]


def test_stale_temp_files_and_unreferenced_copies_are_removed(cli, store_home: Path, store: Store,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    doc = _doc(store, file_one(store, make_file(tmp_path)))
    folder = store.path(doc.filed_path).parent
    stale_tmp = folder / f"{TEMP_PREFIX}abc"
    fresh_tmp = folder / f"{TEMP_PREFIX}def"
    orphan_pdf = store.path("searchable/ff/" + "f" * 64 + ".pdf")
    orphan_pdf.parent.mkdir(mode=0o700)
    stale_copy = folder / "old-copy.pdf"  # e.g. left by a re-filing that crashed before its cleanup
    for path, data in ((stale_tmp, b"half"), (fresh_tmp, b"being written"), (orphan_pdf, b"%PDF orphan"),
                       (stale_copy, store.path(doc.searchable_path).read_bytes())):
        path.write_bytes(data)
        path.chmod(0o600)
        if path is not fresh_tmp:
            _age(path)
    run = cli("doctor", "--repair", "--json")
    assert run.code == 0, run.out
    assert sorted(_kinds(run)) == [("orphan_file", True), ("orphan_file", True), ("temp_file", True)]
    assert not stale_tmp.exists() and not orphan_pdf.exists() and not stale_copy.exists()
    assert fresh_tmp.exists()  # a running batch may be writing it


def test_orphan_originals_and_unknown_files_are_reported_never_deleted(cli, store_home: Path, store: Store,  # type: ignore[no-untyped-def]
                                                                      tmp_path: Path) -> None:
    store.begin(make_file(tmp_path), "t")
    orphan = store.path("originals/ee/" + "e" * 64 + ".tif")
    orphan.parent.mkdir(mode=0o700)
    orphan.write_bytes(b"the only copy of a fax")
    unknown = store.path("notes.txt")
    unknown.write_bytes(b"someone's notes")
    for p in (orphan, unknown):
        p.chmod(0o600)
        _age(p)
    run = cli("doctor", "--repair", "--json")
    assert run.code == 1
    assert sorted(_kinds(run)) == [("orphan_original", False), ("unknown_file", False)]
    assert orphan.read_bytes() == b"the only copy of a fax" and unknown.exists()


def test_documents_stuck_in_processing_are_reported(cli, store_home: Path, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc_id = store.begin(make_file(tmp_path), "t")
    assert cli("doctor", "--json").code == 0  # just started: not stuck
    with store.db.session() as s:
        s.get(Document, doc_id).updated_at = datetime.now(UTC) - timedelta(hours=3)
    run = cli("doctor", "--repair", "--json")
    assert run.code == 1 and _kinds(run) == [("stuck_processing", False)]
    assert run.json()["findings"][0]["document_id"] == doc_id
    assert cli("doctor", "--stuck-minutes", "600", "--json").code == 0


def test_loose_modes_are_tightened(cli, store_home: Path, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(store, file_one(store, make_file(tmp_path)))
    store.path(doc.filed_path).chmod(0o644)
    store.path(doc.filed_path).parent.chmod(0o755)
    assert [k for k, _ in _kinds(cli("doctor", "--json"))] == ["bad_mode", "bad_mode"]
    assert cli("doctor", "--repair", "--json").code == 0
    assert stat.S_IMODE(store.path(doc.filed_path).stat().st_mode) == 0o600
    assert stat.S_IMODE(store.path(doc.filed_path).parent.stat().st_mode) == 0o700


def test_tampered_audit_log_is_a_remaining_problem(cli, store_home: Path, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    file_one(store, make_file(tmp_path))
    with store.db.session() as s:
        s.execute(text("DELETE FROM audit_log WHERE id = 1"))
    run = cli("doctor", "--repair", "--json")
    assert run.code == 1 and ("audit_chain", False) in _kinds(run)


def test_a_drifted_search_index_is_rebuilt(cli, store_home: Path, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    file_one(store, make_file(tmp_path))
    if store.db.dialect != "sqlite":
        return  # PostgreSQL's tsvector is a generated column: it cannot drift
    with store.db.session() as s:
        s.execute(text("INSERT INTO pages_fts(pages_fts, rowid, text) SELECT 'delete', id, text FROM pages"))
    assert store.search("report") == []
    run = cli("doctor", "--repair", "--json")
    assert run.code == 0 and _kinds(run) == [("search_index", True)]
    assert len(store.search("report")) == 1


def test_files_other_tables_name_are_not_orphans(cli, store_home: Path, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    model = store.path("models/doctype-v0001.joblib")
    model.parent.mkdir(mode=0o700)
    model.write_bytes(b"model")
    model.chmod(0o600)
    _age(model)
    assert _kinds(cli("doctor", "--json")) == [("unknown_file", False)]
    with store.db.session() as s:
        s.execute(text("INSERT INTO classifier_models (version, trained_at, trained_by, path, generated_examples, "
                       "clerk_examples, counts_json, cv_per_type_json, temperature, cue_weight, seconds) VALUES "
                       "(1, '2026-11-02 00:00:00', 't', 'models/doctype-v0001.joblib', 0, 0, '{}', '{}', 1, 1, 0)"))
    assert cli("doctor", "--json").code == 0
    model.unlink()
    run = cli("doctor", "--repair", "--json")
    assert run.code == 1 and _kinds(run) == [("missing_file", False)]
