"""Issue 8 through the CLI in-process: review list/show/assign/retype/reject/undo/stats, exit codes, audit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pipeline.errors import ExitCode
from pipeline.index.models import AuditEntry, PatientAlias
from pipeline.index.scratch import BACKENDS
from tests.test_review_support import VAGUE, backend_home, build_queue, open_store, queue_document

LIST_KEYS = {"id", "received", "source_name", "reasons", "candidate_mrn", "candidate_score", "doc_type",
             "type_confidence", "pages", "queue_reasons", "age_seconds", "claimed_by"}


@pytest.fixture
def db_home(request: pytest.FixtureRequest, home: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The test's home on SQLite, or on the backend a test asks for (BOTH)."""
    with backend_home(getattr(request, "param", "sqlite"), home, tmp_path) as h:
        yield h


BOTH = pytest.mark.parametrize("db_home", BACKENDS, indirect=True)


@pytest.fixture
def queue(cli, db_home: Path, tmp_path: Path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Three review items (received 50 h, 5 h and 1 h ago) and one automatically filed document."""
    return build_queue(cli, db_home, tmp_path, auto=True)


def _audit(home: Path, doc_id: str) -> list[tuple[str, str, dict]]:
    store = open_store(home)
    try:
        with store.db.session() as s:
            rows = s.scalars(select(AuditEntry).where(AuditEntry.document_id == doc_id).order_by(AuditEntry.id))
            return [(e.user, e.action, json.loads(e.after)) for e in rows]
    finally:
        store.close()


def _doc(cli, doc_id: str) -> dict:  # type: ignore[no-untyped-def]
    return next(d for d in cli("documents", "list", "--json").json() if d["id"] == doc_id)


@BOTH
def test_list_oldest_first_with_contract_fields(cli, queue) -> None:  # type: ignore[no-untyped-def]
    run = cli("review", "list", "--json")
    assert run.code == 0, run.err
    items = run.json()
    assert [i["id"] for i in items] == [queue["a"], queue["b"], queue["c"]]
    assert all(LIST_KEYS <= i.keys() for i in items)
    a, b, c = items
    assert a["queue_reasons"] == ["patient uncertain"] and a["candidate_mrn"] == "ZZ900001"
    assert a["candidate_name"] == "Theodora Okonkwo" and 0 < a["candidate_score"] < 1  # held by the two-identifier rule
    assert a["doc_type"] == "lab_result" and a["age_seconds"] >= 50 * 3600 - 60
    assert b["candidate_mrn"] == "ZZ900002"
    assert "no patient found" in c["queue_reasons"] and "type uncertain" in c["queue_reasons"]
    table = cli("review", "list")
    assert table.code == 0 and queue["a"] in table.out and "Theodora Okonkwo" in table.out


@pytest.mark.parametrize(("args", "expected"), [
    (["--reason", "no patient found"], ["c"]),
    (["--reason", "type_uncertain"], ["c"]),
    (["--reason", "Patient-Uncertain"], ["a", "b"]),
    (["--older-than", "2h"], ["a", "b"]),
    (["--older-than", "1d"], ["a"]),
    (["--older-than", "1w"], []),
    (["--reason", "patient uncertain", "--older-than", "90m"], ["a", "b"]),
])
def test_list_filters(cli, queue, args: list[str], expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    run = cli("review", "list", "--json", *args)
    assert run.code == 0, run.err
    assert [i["id"] for i in run.json()] == [queue[k] for k in expected]


def test_list_bad_filters_are_usage_errors(cli, queue) -> None:  # type: ignore[no-untyped-def]
    bad_reason = cli("review", "list", "--reason", "lost in the mail")
    assert bad_reason.code == ExitCode.usage and "type uncertain" in bad_reason.err
    bad_age = cli("review", "list", "--older-than", "soon")
    assert bad_age.code == ExitCode.usage and "2h" in bad_age.err


@BOTH
def test_show_gives_the_evidence_and_is_audited(cli, home: Path, queue) -> None:  # type: ignore[no-untyped-def]
    run = cli("review", "show", queue["a"], "--json", "--user", "alice")
    assert run.code == 0, run.err
    ev = run.json()
    assert ev["identifiers"]["names"] == ["Teddie Okonkwo"] and ev["identifiers"]["dobs"] == ["1961-03-04"]
    best = ev["candidates"][0]
    assert best["mrn"] == "ZZ900001" and best["first_name"] == "Theodora" and best["dob"] == "1961-03-04"
    fields = {e["field"]: e["outcome"] for e in best["explanation"]}
    assert fields["last_name"] == "agree" and fields["dob"] == "agree" and fields["first_name"] != "agree"
    assert "Patient Name: Teddie Okonkwo" in ev["snippet"] and "DOB: 03/04/1961" in ev["snippet"]
    assert ev["pages"] == 1 and Path(ev["original"]).is_file()
    assert ev["searchable_pdf"] is None or Path(ev["searchable_pdf"]).is_file()
    assert ev["status"] == "review" and ev["resolution"] is None and ev["version"] >= 1
    assert ("alice", "viewed", {"via": "review show"}) in _audit(home, queue["a"])
    text = cli("review", "show", queue["a"])
    assert text.code == 0 and "Theodora Okonkwo" in text.out and "first name" in text.out


def test_show_unknown_or_never_reviewed_is_not_found(cli, queue) -> None:  # type: ignore[no-untyped-def]
    missing = cli("review", "show", "000000000000")
    assert missing.code == ExitCode.not_found and "000000000000" in missing.err
    filed = cli("review", "show", queue["auto"])
    assert filed.code == ExitCode.not_found and "never went to review" in filed.err


@BOTH
def test_assign_files_through_the_store_and_audits_the_clerk(cli, home: Path, queue) -> None:  # type: ignore[no-untyped-def]
    run = cli("review", "assign", queue["a"], "--patient", "ZZ900001", "--note", "called the lab", "--user", "alice",
              "--json")
    assert run.code == 0, run.err
    decision = run.json()
    assert decision["status"] == "filed" and decision["patient_mrn"] == "ZZ900001" and decision["resolved"]
    assert decision["alias_added"] is True and decision["doc_type"] == "lab_result"
    doc = _doc(cli, queue["a"])
    assert doc["status"] == "filed" and doc["patient_mrn"] == "ZZ900001"
    filed = list((home / "store" / "patients" / "ZZ900001").rglob("*.pdf"))
    assert len(filed) == 1 and queue["a"] in filed[0].name
    actions = [(u, a) for u, a, _ in _audit(home, queue["a"])]
    assert ("alice", "filed") in actions and ("alice", "assigned") in actions
    assigned = next(after for u, a, after in _audit(home, queue["a"]) if a == "assigned")
    assert assigned["note"] == "called the lab" and assigned["patient_mrn"] == "ZZ900001"
    assert queue["a"] not in [i["id"] for i in cli("review", "list", "--json").json()]


def test_a_resolved_item_cannot_be_resolved_again(cli, queue) -> None:  # type: ignore[no-untyped-def]
    assert cli("review", "assign", queue["a"], "--patient", "ZZ900001", "--user", "alice").code == 0
    again = cli("review", "assign", queue["a"], "--patient", "ZZ900003", "--user", "bob")
    assert again.code == ExitCode.conflict
    assert "already resolved" in again.err and "alice" in again.err
    assert cli("review", "reject", queue["a"], "--reason", "junk fax", "--user", "bob").code == ExitCode.conflict
    assert _doc(cli, queue["a"])["patient_mrn"] == "ZZ900001"


def test_assign_with_type_override(cli, queue) -> None:  # type: ignore[no-untyped-def]
    run = cli("review", "assign", queue["b"], "--patient", "ZZ900002", "--type", "imaging_report", "--json")
    assert run.code == 0, run.err
    assert _doc(cli, queue["b"])["doc_type"] == "imaging_report"
    bad = cli("review", "assign", queue["c"], "--patient", "ZZ900002", "--type", "recipe")
    assert bad.code == ExitCode.usage


def test_assign_unknown_patient_changes_nothing(cli, home: Path, queue) -> None:  # type: ignore[no-untyped-def]
    run = cli("review", "assign", queue["a"], "--patient", "ZZ999999", "--user", "alice")
    assert run.code == ExitCode.not_found
    assert "no patient with MRN 'ZZ999999'" in run.err and "patients find" in run.err
    item = next(i for i in cli("review", "list", "--json").json() if i["id"] == queue["a"])
    assert item["claimed_by"] is None, "the failed decision rolled back its claim"
    assert _doc(cli, queue["a"])["status"] == "review"
    assert not [a for _, a, _ in _audit(home, queue["a"]) if a in ("assigned", "filed")]


@pytest.mark.parametrize("command", [
    ["assign", "--patient", "ZZ900001"], ["retype", "--type", "other"], ["reject", "--reason", "junk fax"],
])
def test_decisions_on_unknown_ids_are_not_found(cli, queue, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    run = cli("review", command[0], "abcdefabcdef", *command[1:])
    assert run.code == ExitCode.not_found and "abcdefabcdef" in run.err
    never = cli("review", command[0], queue["auto"], *command[1:])
    assert never.code == ExitCode.not_found and "not in the review queue" in never.err


@BOTH
def test_reject_keeps_the_document_with_its_reason(cli, home: Path, queue) -> None:  # type: ignore[no-untyped-def]
    assert cli("review", "reject", queue["c"]).code == ExitCode.usage  # --reason is required
    blank = cli("review", "reject", queue["c"], "--reason", "  ")
    assert blank.code == ExitCode.usage and "reason" in blank.err
    run = cli("review", "reject", queue["c"], "--reason", "junk fax", "--user", "bob", "--json")
    assert run.code == 0, run.err
    assert run.json()["status"] == "rejected" and run.json()["reason"] == "junk fax"
    assert _doc(cli, queue["c"])["status"] == "rejected"
    assert ("bob", "rejected") in [(u, a) for u, a, _ in _audit(home, queue["c"])]
    assert next(after for _, a, after in _audit(home, queue["c"]) if a == "rejected")["reason"] == "junk fax"
    assert [i["id"] for i in cli("review", "list", "--json").json()] == [queue["a"], queue["b"]]


def test_retype_without_a_patient_keeps_the_item_open(cli, queue) -> None:  # type: ignore[no-untyped-def]
    run = cli("review", "retype", queue["c"], "--type", "other", "--user", "bob", "--json")
    assert run.code == 0, run.err
    assert run.json()["resolved"] is False and run.json()["doc_type"] == "other"
    item = next(i for i in cli("review", "list", "--json").json() if i["id"] == queue["c"])
    assert item["queue_reasons"] == ["no patient found"] and item["doc_type"] == "other"
    assert item["claimed_by"] is None
    assert cli("review", "retype", queue["c"], "--type", "recipe").code == ExitCode.usage


@BOTH
def test_retype_with_a_known_patient_files(cli, home: Path, tmp_path: Path, queue) -> None:  # type: ignore[no-untyped-def]
    doc_id = queue_document(home, tmp_path / "more", *VAGUE)
    item = next(i for i in cli("review", "list", "--json").json() if i["id"] == doc_id)
    assert item["queue_reasons"] == ["type uncertain"]
    run = cli("review", "retype", doc_id, "--type", "referral", "--user", "carol", "--json")
    assert run.code == 0, run.err
    assert run.json()["resolved"] is True
    doc = _doc(cli, doc_id)
    assert doc["status"] == "filed" and doc["patient_mrn"] == "ZZ900003" and doc["doc_type"] == "referral"


def _aliases(home: Path) -> int:
    store = open_store(home)
    try:
        with store.db.session() as s:
            return s.scalar(select(func.count()).select_from(PatientAlias)) or 0
    finally:
        store.close()


@BOTH
def test_undo_an_assignment(cli, home: Path, queue) -> None:  # type: ignore[no-untyped-def]
    assert cli("review", "assign", queue["a"], "--patient", "ZZ900001", "--user", "alice").code == 0
    assert _aliases(home) == 1
    filed = list((home / "store" / "patients" / "ZZ900001").rglob("*.pdf"))
    assert len(filed) == 1
    assert cli("review", "undo", "--user", "bob").code == ExitCode.not_found  # bob decided nothing
    run = cli("review", "undo", "--user", "alice", "--json")
    assert run.code == 0, run.err
    assert run.json()["undid"] == "assigned" and run.json()["status"] == "review"
    doc = _doc(cli, queue["a"])
    assert doc["status"] == "review" and doc["patient_mrn"] is None
    assert not any(p.exists() for p in filed), "the filed copy went with the decision"
    assert _aliases(home) == 0, "the alias the decision added is withdrawn"
    assert queue["a"] in [i["id"] for i in cli("review", "list", "--json").json()]
    nothing = cli("review", "undo", "--user", "alice")
    assert nothing.code == ExitCode.not_found and "no decision by alice" in nothing.err
    assert ("alice", "undone") in [(u, a) for u, a, _ in _audit(home, queue["a"])]
    assert cli("review", "assign", queue["a"], "--patient", "ZZ900001", "--user", "bob").code == 0


@BOTH
def test_undo_a_rejection_and_a_retype_in_turn(cli, queue) -> None:  # type: ignore[no-untyped-def]
    assert cli("review", "retype", queue["c"], "--type", "insurance", "--user", "dana").code == 0
    assert cli("review", "reject", queue["c"], "--reason", "not our patient", "--user", "dana").code == 0
    first = cli("review", "undo", "--user", "dana", "--json").json()
    assert first["undid"] == "rejected" and first["status"] == "review" and first["doc_type"] == "insurance"
    second = cli("review", "undo", queue["c"], "--user", "dana", "--json").json()
    assert second["undid"] == "retyped" and second["doc_type"] == "other"
    item = next(i for i in cli("review", "list", "--json").json() if i["id"] == queue["c"])
    assert "type uncertain" in item["queue_reasons"]


@BOTH
def test_stats(cli, queue) -> None:  # type: ignore[no-untyped-def]
    assert cli("review", "assign", queue["a"], "--patient", "ZZ900001", "--user", "alice").code == 0
    assert cli("review", "reject", queue["c"], "--reason", "junk fax", "--user", "bob").code == 0
    assert cli("review", "undo", "--user", "bob").code == 0
    run = cli("review", "stats", "--json", "--days", "5")
    assert run.code == 0, run.err
    stats = run.json()
    assert stats["queue"]["open"] == 2
    assert stats["queue"]["by_reason"]["patient uncertain"] == 1 and stats["queue"]["by_reason"]["no patient found"] == 1
    assert stats["queue"]["by_age"] == {"under 1 hour": 0, "1 hour to 1 day": 2, "1 to 7 days": 0, "over 7 days": 0}
    matrix = stats["queue"]["by_reason_and_age"]
    assert matrix["patient uncertain"]["1 hour to 1 day"] == 1 and matrix["type uncertain"]["1 hour to 1 day"] == 1
    assert sum(matrix["several patients"].values()) == 0
    assert stats["queue"]["oldest_seconds"] >= 5 * 3600 - 60
    assert stats["decisions"]["alice"]["assigned"] == 1
    assert stats["decisions"]["bob"]["rejected"] == 1 and stats["decisions"]["bob"]["undone"] == 1
    days = stats["auto_filing"]["days"]
    assert len(days) == 5 and sum(d["documents"] for d in days) == 4
    assert sum(d["auto_filed"] for d in days) == 1 and sum(d["reviewed"] for d in days) == 3
    assert stats["auto_filing"]["rate"] == 0.25
    table = cli("review", "stats")
    assert table.code == 0 and "decisions per clerk" in table.out and "alice" in table.out


def test_a_filed_copy_that_cannot_be_written_changes_nothing(cli, home: Path, queue,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    def full_disk(src: Path, dest: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pipeline.index.store.atomic_copy", full_disk)
    run = cli("review", "assign", queue["a"], "--patient", "ZZ900001", "--user", "alice")
    assert run.code == ExitCode.database and "No space left on device" in run.err and "nothing was changed" in run.err
    assert _doc(cli, queue["a"])["status"] == "review" and _aliases(home) == 0
    assert not [a for _, a, _ in _audit(home, queue["a"]) if a in ("assigned", "filed")]
