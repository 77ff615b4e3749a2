"""The store: originals kept, rows and files consistent, audit chained, roster upserts — on SQLite and PostgreSQL.

The `database_url`, `store` and `store_home` fixtures here are imported (as *_fixture) by the other store
test files, so each of them runs against both databases too.
"""

from __future__ import annotations

import hashlib
import os
import stat
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from pipeline.config import load_config
from pipeline.errors import DocumentError, NotFoundError
from pipeline.index import audit
from pipeline.index.db import alembic_config, current_revision, head_revision, make_engine, upgrade
from pipeline.index.files import ensure_dir
from pipeline.index.models import Document
from pipeline.index.roster import add_alias, load_patients, upsert_patients
from pipeline.index.scratch import BACKENDS, postgres_required, postgres_unreachable, scratch_database
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


@pytest.fixture(name="database_url", params=BACKENDS)
def database_url_fixture(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    """'' (the default SQLite file in the store) or a private schema on the real PostgreSQL."""
    if request.param == "sqlite":
        yield ""
        return
    reason = postgres_unreachable()
    if reason and postgres_required():
        pytest.fail(f"PostgreSQL is required (DOCINTAKE_REQUIRE_POSTGRES) but unreachable: {reason}")
    if reason:
        pytest.skip(f"PostgreSQL unreachable: {reason}")
    with scratch_database("postgresql", tmp_path) as url:
        yield url


@pytest.fixture(name="store_home")
def store_home_fixture(home: Path, database_url: str) -> Path:
    """A docintake home whose docintake.toml points at the test's database (for CLI tests)."""
    if database_url:
        (home / "docintake.toml").write_text(f'database_url = "{database_url}"\n')
    return home


@pytest.fixture(name="store")
def store_fixture(store_home: Path):  # type: ignore[no-untyped-def]
    s = Store(load_config(str(store_home)))
    yield s
    s.close()


def make_file(tmp_path: Path, name: str = "scan.pdf", data: bytes = b"%PDF-1.4 fake",
              received: datetime = datetime(2026, 11, 2, tzinfo=UTC)) -> IngestedFile:
    """A file on disk, as ingest would hand it over."""
    p = tmp_path / name
    p.write_bytes(data)
    return IngestedFile(str(p), name, hashlib.sha256(data).hexdigest(), len(data), received)


def make_analysis(file: IngestedFile, pdf: bytes | None = b"%PDF-1.4 searchable",
                  pages: tuple[str, ...] = ("LAB REPORT Patient: Doe, Jane",),
                  doc_type: DocType = DocType.lab_result) -> Analysis:
    """What the worker side would have learned about `file`."""
    texts = tuple(PageText(i, t, PageSource.ocr, (), 91.0) for i, t in enumerate(pages, start=1))
    return Analysis(file, OcrResult("pdf", texts, pdf), None, TypeResult(doc_type, 0.93))


def file_one(store: Store, f: IngestedFile, mrn: str = "MRN1", **kw) -> str:  # type: ignore[no-untyped-def]
    """Begin and file one document; its id."""
    doc_id = store.begin(f, "tester")
    store.finish(doc_id, make_analysis(f, **kw), MatchResult(MatchDecision.auto, mrn, 0.999),
                 Routing(Status.filed), "tester")
    return doc_id


def test_original_kept_private_and_content_addressed(store: Store, tmp_path: Path) -> None:
    f = make_file(tmp_path)
    doc_id = store.begin(f, "tester")
    kept = store.path(f"originals/{f.sha256[:2]}/{f.sha256}.pdf")
    assert kept.read_bytes() == Path(f.path).read_bytes()
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    assert store.list_documents()[0]["id"] == doc_id
    assert store.list_documents()[0]["status"] == "processing"


def test_every_store_folder_is_0700_and_every_file_0600(store: Store, tmp_path: Path) -> None:
    file_one(store, make_file(tmp_path))
    seen = 0
    for folder, dirs, files in os.walk(store.root):
        for name in dirs:
            assert stat.S_IMODE((Path(folder) / name).stat().st_mode) == 0o700, name
        for name in files:
            assert stat.S_IMODE((Path(folder) / name).stat().st_mode) == 0o600, name
            seen += 1
    assert stat.S_IMODE(store.root.stat().st_mode) == 0o700
    assert seen >= 3  # original, searchable PDF, filed copy (+ the SQLite files)


def test_ensure_dir_makes_every_missing_parent_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        ensure_dir(tmp_path / "a" / "b" / "c")
    finally:
        os.umask(old)
    for rel in ("a", "a/b", "a/b/c"):
        assert stat.S_IMODE((tmp_path / rel).stat().st_mode) == 0o700, rel


def test_filed_copy_follows_template(store: Store, tmp_path: Path) -> None:
    f = make_file(tmp_path)
    doc_id = store.begin(f, "tester")
    match = MatchResult(MatchDecision.auto, "MRN1", 0.999)
    out = store.finish(doc_id, make_analysis(f), match, Routing(Status.filed), "tester")
    assert out.status is Status.filed and out.patient_mrn == "MRN1" and out.pages == 1
    doc = store.list_documents()[0]
    assert doc["status"] == "filed" and doc["doc_type"] == "lab_result"
    filed = store.path(f"patients/MRN1/2026/lab_result/20261102-lab_result-{doc_id}.pdf")
    assert filed.read_bytes() == b"%PDF-1.4 searchable"


def test_refiling_replaces_the_old_copy_only_after_commit(store: Store, tmp_path: Path) -> None:
    doc_id = file_one(store, make_file(tmp_path))
    old = store.path(f"patients/MRN1/2026/lab_result/20261102-lab_result-{doc_id}.pdf")
    with pytest.raises(RuntimeError), store.db.session() as s:
        store.file_document(s, s.get(Document, doc_id), "MRN2", "referral", "clerk", action="assigned")
        raise RuntimeError("crash before commit")
    assert old.exists()  # the rolled-back change still points here
    with store.db.session() as s:
        store.file_document(s, s.get(Document, doc_id), "MRN2", "referral", "clerk", action="assigned")
    new = store.path(f"patients/MRN2/2026/referral/20261102-referral-{doc_id}.pdf")
    assert new.exists() and not old.exists()
    assert store.list_documents()[0]["patient_mrn"] == "MRN2"


def test_no_row_when_the_file_cannot_be_written(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = make_file(tmp_path)
    doc_id = store.begin(f, "tester")

    def disk_full(dest: Path, data: bytes) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pipeline.index.store.atomic_write", disk_full)
    with pytest.raises(DocumentError) as err:
        store.finish(doc_id, make_analysis(f), MatchResult(MatchDecision.auto, "M", 1.0), Routing(Status.filed), "t")
    assert err.value.code == "store_write_failed" and err.value.stage == "index"
    doc = store.list_documents()[0]
    assert doc["status"] == "processing" and doc["pages"] == 0  # nothing recorded that points anywhere


def test_a_failed_commit_leaves_files_but_no_row(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = make_file(tmp_path)

    def boom(*_a, **_k):  # type: ignore[no-untyped-def]
        raise RuntimeError("database went away")

    monkeypatch.setattr(audit, "append", boom)
    with pytest.raises(RuntimeError):
        store.begin(f, "tester")
    assert store.list_documents() == []
    assert store.path(f"originals/{f.sha256[:2]}/{f.sha256}.pdf").exists()  # an orphan for doctor, not a lie


def test_review_item_created_with_reasons(store: Store, tmp_path: Path) -> None:
    f = make_file(tmp_path)
    doc_id = store.begin(f, "tester")
    match = MatchResult(MatchDecision.review, None, 0.4)
    store.finish(doc_id, make_analysis(f), match, Routing(Status.review, ("patient uncertain",)), "tester")
    items = store.list_review()
    assert [i["id"] for i in items] == [doc_id]
    assert items[0]["reasons"] == ["patient uncertain"]


def test_failure_and_duplicate_are_recorded(store: Store, tmp_path: Path) -> None:
    f = make_file(tmp_path)
    first = file_one(store, f, "M")
    prev = store.previous(f.sha256)
    assert prev is not None and prev.id == first
    dup = store.record_duplicate(make_file(tmp_path, "again.pdf"), prev, "t")
    assert dup.status is Status.duplicate
    other = store.begin(make_file(tmp_path, "bad.pdf", b"junk"), "t")
    failed = store.fail(other, "corrupt_pdf: no trailer", "ocr", "t")
    assert failed.status is Status.failed and failed.error.startswith("corrupt_pdf")
    statuses = sorted(d["status"] for d in store.list_documents())
    assert statuses == ["duplicate", "failed", "filed"]


def test_resume_forgets_pages_and_search_entries(store: Store, tmp_path: Path) -> None:
    f = make_file(tmp_path)
    doc_id = store.begin(f, "t")
    store.finish(doc_id, make_analysis(f, pages=("zanzibar quokka",)), MatchResult(MatchDecision.review, None, 0.3),
                 Routing(Status.review, ("x",)), "t")
    assert [h.id for h in store.search("quokka")] == [doc_id]
    store.resume(doc_id)
    assert store.search("quokka") == [] and store.list_review() == []


def test_unknown_document_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError), store.db.session() as s:
        store._get(s, "nope")
    with pytest.raises(NotFoundError):
        store.show_document("nope", "clerk")


def test_show_document_has_pages_files_review_and_is_audited(store: Store, tmp_path: Path) -> None:
    f = make_file(tmp_path)
    doc_id = store.begin(f, "t")
    store.finish(doc_id, make_analysis(f, pages=("page one", "page two")), MatchResult(MatchDecision.review, None, 0.3),
                 Routing(Status.review, ("patient uncertain",)), "t")
    shown = store.show_document(doc_id, "clerk7")
    assert [p["text"] for p in shown["page_texts"]] == ["page one", "page two"]
    assert shown["files"]["original"] == str(store.path(f"originals/{f.sha256[:2]}/{f.sha256}.pdf"))
    assert Path(shown["files"]["searchable"]).is_absolute() and shown["files"]["filed"] is None
    assert shown["review"]["state"] == "open" and shown["review"]["reasons"] == ["patient uncertain"]
    last = store.audit_log(doc_id)[-1]
    assert (last["action"], last["user"]) == ("viewed", "clerk7")
    assert [h["action"] for h in shown["history"]] == ["ingested", "sent_to_review", "viewed"]


def test_audit_chain_detects_tampering(store: Store, tmp_path: Path) -> None:
    f = make_file(tmp_path)
    doc_id = store.begin(f, "alice")
    store.fail(doc_id, "x: y", "ocr", "alice")
    with store.db.session() as s:
        assert audit.verify(s) == []
    with store.db.session() as s:
        s.execute(text("UPDATE audit_log SET \"user\" = 'mallory' WHERE id = 1"))
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


def test_migrations_have_exactly_one_head() -> None:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"migrations fork: heads {heads}; chain the newer one on the other"


def test_upgrade_from_0001_indexes_existing_pages(tmp_path: Path) -> None:
    """A store created before search existed gets its old pages indexed and its audit head seeded."""
    from alembic import command

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO documents (id, source_name, sha256, size, received_at, status, pages, reasons, match_json, "
            "identifiers_json, version, updated_at) VALUES ('d1', 'a.pdf', 'x', 1, '2026-01-01 00:00:00', 'review', "
            "1, '[]', '{}', '{}', 1, '2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO pages (document_id, number, text, source, rotation) "
                          "VALUES ('d1', 1, 'old echocardiogram text', 'ocr', 0)"))
    assert upgrade(engine) == ("0001", head_revision())
    with engine.connect() as conn:
        hits = conn.execute(text("SELECT rowid FROM pages_fts WHERE pages_fts MATCH 'echocardiogram'")).all()
        head = conn.execute(text("SELECT last_id, count FROM audit_head")).one()
    assert len(hits) == 1 and tuple(head) == (0, 0)
    assert current_revision(engine) == head_revision()
    engine.dispose()
