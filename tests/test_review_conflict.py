"""Two clerks at once never resolve the same item: claims, optimistic versions, real races (threads, processes)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from pipeline.errors import ConflictError, ExitCode
from pipeline.index.models import AuditEntry, ReviewItem
from pipeline.index.scratch import BACKENDS
from pipeline.review import ReviewLoop, assign, claim
from tests.conftest import REPO
from tests.test_review_support import ScriptedTerminal, backend_home, build_queue, open_store


@pytest.fixture(params=BACKENDS)
def db_home(request: pytest.FixtureRequest, home: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The test's home on SQLite, then on PostgreSQL."""
    with backend_home(request.param, home, tmp_path) as h:
        yield h


@pytest.fixture
def queue(cli, db_home: Path, tmp_path: Path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Three review items, oldest first: a, b, c."""
    return build_queue(cli, db_home, tmp_path)


@pytest.fixture
def store(home: Path, queue):  # type: ignore[no-untyped-def]
    s = open_store(home)
    yield s
    s.close()


def _expire_claims(store) -> None:  # type: ignore[no-untyped-def]
    with store.db.session() as s:
        s.execute(update(ReviewItem).values(claim_expires=datetime.now(UTC) - timedelta(seconds=1)))


def _actions(store, doc_id: str, action: str) -> list[str]:  # type: ignore[no-untyped-def]
    with store.db.session() as s:
        q = select(AuditEntry.user).where(AuditEntry.document_id == doc_id, AuditEntry.action == action)
        return list(s.scalars(q))


def test_a_claimed_item_cannot_be_taken_until_the_claim_expires(cli, store, queue) -> None:  # type: ignore[no-untyped-def]
    claim(store, queue["a"], "alice")
    run = cli("review", "assign", queue["a"], "--patient", "ZZ900001", "--user", "bob")
    assert run.code == ExitCode.conflict
    assert "being worked on by alice" in run.err and "nothing was changed" in run.err
    listed = {i["id"]: i for i in cli("review", "list", "--json").json()}
    assert listed[queue["a"]]["claimed_by"] == "alice" and listed[queue["a"]]["claim_expires"]
    _expire_claims(store)
    late = cli("review", "assign", queue["a"], "--patient", "ZZ900001", "--user", "bob")
    assert late.code == 0, late.err
    assert _actions(store, queue["a"], "assigned") == ["bob"]


def test_the_claim_holder_may_decide(cli, store, queue) -> None:  # type: ignore[no-untyped-def]
    claim(store, queue["b"], "alice")
    assert cli("review", "reject", queue["b"], "--reason", "duplicate", "--user", "alice").code == 0


def test_a_stale_version_is_refused(cli, queue) -> None:  # type: ignore[no-untyped-def]
    seen = cli("review", "show", queue["c"], "--json", "--user", "bob").json()["version"]
    assert cli("review", "retype", queue["c"], "--type", "insurance", "--user", "alice").code == 0
    stale = cli("review", "reject", queue["c"], "--reason", "junk fax", "--user", "bob", "--expect-version", seen)
    assert stale.code == ExitCode.conflict and "changed since you looked" in stale.err
    fresh = cli("review", "show", queue["c"], "--json").json()["version"]
    assert fresh == seen + 1
    ok = cli("review", "reject", queue["c"], "--reason", "junk fax", "--user", "bob", "--expect-version", fresh)
    assert ok.code == 0, ok.err


def test_racing_threads_resolve_an_item_once(home: Path, store, queue) -> None:  # type: ignore[no-untyped-def]
    clerks = [f"clerk{i}" for i in range(6)]
    barrier = threading.Barrier(len(clerks))
    results: dict[str, str] = {}

    def work(user: str) -> None:
        own = open_store(home)  # each clerk its own engine, as separate machines would have
        try:
            barrier.wait()
            assign(own, queue["a"], "ZZ900001", user)
            results[user] = "won"
        except ConflictError as exc:
            results[user] = exc.message
        finally:
            own.close()

    threads = [threading.Thread(target=work, args=(u,)) for u in clerks]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    winners = [u for u, r in results.items() if r == "won"]
    assert len(results) == len(clerks) and len(winners) == 1
    assert all("already resolved" in r or "being worked on" in r for r in results.values() if r != "won")
    assert _actions(store, queue["a"], "assigned") == winners
    assert _actions(store, queue["a"], "filed") == winners


def test_racing_processes_resolve_an_item_once(home: Path, store, queue) -> None:  # type: ignore[no-untyped-def]
    exe = REPO / ".venv" / "bin" / "docintake"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("DOCINTAKE_CONFIG", None)
    procs = [
        subprocess.Popen([str(exe if exe.exists() else sys.executable), *([] if exe.exists() else ["-m", "pipeline"]),
                          "--home", str(home), "review", "assign", queue["b"], "--patient", "ZZ900002",
                          "--user", user], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for user in ("alice", "bob")
    ]
    outcomes = [(p.wait(60), p.stderr.read() if p.stderr else "") for p in procs]
    codes = sorted(code for code, _ in outcomes)
    assert codes == [0, ExitCode.conflict], outcomes
    loser = next(err for code, err in outcomes if code)
    assert "already resolved" in loser or "being worked on" in loser
    assert len(_actions(store, queue["b"], "assigned")) == 1


def test_two_loops_get_different_items(store, queue) -> None:  # type: ignore[no-untyped-def]
    seen_by_bob: list[str] = []

    def bob_works_meanwhile(term: ScriptedTerminal) -> None:
        if term.on_key is None:
            return
        term.on_key = None  # only once
        bob = ScriptedTerminal(["k", "k", "q"])
        ReviewLoop(store, "bob", bob).run()
        seen_by_bob.extend(i for i in queue.values() if f" {i} " in bob.text)

    alice = ScriptedTerminal(["1"], on_key=bob_works_meanwhile)
    summary = ReviewLoop(store, "alice", alice).run()
    assert queue["a"] in alice.text.split("\n")[0], "alice starts with the oldest item"
    assert summary.decided == 1
    assert seen_by_bob and queue["a"] not in seen_by_bob, "bob never sees the item alice holds"
    assert _actions(store, queue["a"], "assigned") == ["alice"]


def test_the_loser_in_a_loop_gets_a_clear_message(store, queue) -> None:  # type: ignore[no-untyped-def]
    def claim_lapses_and_bob_decides(term: ScriptedTerminal) -> None:
        if term.on_key is None:
            return
        term.on_key = None
        _expire_claims(store)
        assign(store, queue["a"], "ZZ900001", "bob")

    alice = ScriptedTerminal(["1", "q"], on_key=claim_lapses_and_bob_decides)
    summary = ReviewLoop(store, "alice", alice).run()
    assert "already resolved (assigned) by bob" in alice.text
    assert summary.conflicts == 1 and summary.decided == 0
    assert _actions(store, queue["a"], "assigned") == ["bob"]
