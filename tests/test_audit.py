"""The audit log: every state change and every look recorded, tampering detected, appends safe under concurrency."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from sqlalchemy import text

from pipeline.config import load_config
from pipeline.index import audit
from pipeline.index.db import Database
from pipeline.index.store import Store
from pipeline.records import MatchDecision, MatchResult, Routing, Status
from tests.test_store import (  # noqa: F401  (fixtures)
    database_url_fixture,
    file_one,
    make_analysis,
    make_file,
    store_fixture,
    store_home_fixture,
)


def test_state_changes_are_audited_with_who_before_and_after(store: Store, tmp_path: Path) -> None:
    filed = file_one(store, make_file(tmp_path, "a.pdf", b"a"))
    rows = store.audit_log(filed)
    assert [r["action"] for r in rows] == ["ingested", "filed"]
    assert rows[1]["user"] == "tester"
    assert rows[1]["before"]["status"] == "processing"
    assert rows[1]["after"] | {"filed_path": None} == {"status": "filed", "patient_mrn": "MRN1",
                                                        "doc_type": "lab_result", "filed_path": None}
    f = make_file(tmp_path, "b.pdf", b"b")
    queued = store.begin(f, "tester")
    store.finish(queued, make_analysis(f), MatchResult(MatchDecision.review, None, 0.3),
                 Routing(Status.review, ("patient uncertain",)), "tester")
    assert store.audit_log(queued)[-1]["after"] == {"status": "review", "reasons": ["patient uncertain"]}


def test_verify_and_log_commands(cli, store_home: Path, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc_id = file_one(store, make_file(tmp_path))
    run = cli("audit", "verify", "--json")
    assert run.code == 0 and run.json() == {"ok": True, "rows": 2, "problems": []}
    assert cli("audit", "verify").out.startswith("audit chain intact: 2 row(s)")
    run = cli("audit", "log", "--document", doc_id, "--json")
    assert run.code == 0
    rows = run.json()
    assert [r["action"] for r in rows] == ["ingested", "filed"]
    assert set(rows[0]) == {"id", "at", "user", "action", "document_id", "before", "after", "hash"}
    assert [r["action"] for r in cli("audit", "log", "--limit", "1", "--json").json()] == ["filed"]
    assert cli("audit", "log", "--document", "nope", "--json").json() == []
    assert "ingested" in cli("audit", "log").out


def test_show_is_audited_with_the_clerks_name(cli, store_home: Path, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc_id = file_one(store, make_file(tmp_path))
    run = cli("documents", "show", doc_id, "--user", "clerk.kim", "--json")
    assert run.code == 0
    shown = run.json()
    assert shown["id"] == doc_id and shown["page_texts"][0]["text"].startswith("LAB REPORT")
    assert Path(shown["files"]["filed"]).is_file()
    assert cli("documents", "show", doc_id).code == 0  # the readable form, by the OS user
    viewed = [r for r in store.audit_log(doc_id) if r["action"] == "viewed"]
    assert [r["user"] for r in viewed][0] == "clerk.kim" and len(viewed) == 2
    missing = cli("documents", "show", "nope")
    assert missing.code == 5 and "no document with id nope" in missing.err


def _tamper(store: Store, sql: str) -> None:
    with store.db.session() as s:
        s.execute(text(sql))


def test_altered_row_fails_verify_naming_it(cli, store_home: Path, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    file_one(store, make_file(tmp_path))
    _tamper(store, "UPDATE audit_log SET after = '{\"status\": \"rejected\"}' WHERE id = 2")
    run = cli("audit", "verify", "--json")
    assert run.code == 1
    assert run.json()["problems"] == [{"row": 2, "kind": "altered",
                                       "message": "audit row 2: contents do not match its hash (the row was altered)"}]
    plain = cli("audit", "verify")
    assert plain.code == 1 and "audit row 2" in plain.out and "BROKEN" in plain.out


def test_removed_rows_fail_verify(store: Store, tmp_path: Path) -> None:
    for i in range(3):
        file_one(store, make_file(tmp_path, f"{i}.pdf", bytes([i])))
    _tamper(store, "DELETE FROM audit_log WHERE id = 3")
    count, problems = store.verify_audit()
    assert count == 5 and [(p.row_id, p.kind) for p in problems][:1] == [(4, audit.ProblemKind.unlinked)]
    _tamper(store, "DELETE FROM audit_log WHERE id >= 4")  # now the chain itself is whole, but its tail is gone
    count, problems = store.verify_audit()
    assert count == 2 and [p.kind for p in problems] == [audit.ProblemKind.truncated]


def _append_many(url: str, who: str, n: int, barrier) -> None:  # type: ignore[no-untyped-def]
    """In a separate process: append `n` rows, one transaction each, starting together with the other."""
    db = Database(url)
    barrier.wait()
    for i in range(n):
        with db.session() as s:
            audit.append(s, audit.AuditAction.viewed, f"doc-{who}-{i}", who)
    db.close()


def test_two_processes_appending_at_once_keep_one_chain(store: Store) -> None:
    url = load_config(str(store.cfg.home)).effective_database_url
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_append_many, args=(url, who, 60, barrier)) for who in ("watcher", "batch")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    count, problems = store.verify_audit()
    assert (count, problems) == (120, [])
    users = [r["user"] for r in store.audit_log()]
    assert users.count("watcher") == users.count("batch") == 60
