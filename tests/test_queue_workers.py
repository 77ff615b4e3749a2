"""Celery workers over PostgreSQL, on the real Redis and RabbitMQ: kill -9 workers mid-document ten times
over, restart the broker mid-run; every file ends exactly once, as a local run of the same files ends."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.config import load_config
from pipeline.index.scratch import postgres_required, postgres_schema, postgres_unreachable
from pipeline.index.store import Store
from tests.queue_kit import (
    BROKERS,
    delete_queue,
    held_leases,
    kill_worker,
    need_broker,
    pool_processes,
    queue_home,
    roster_csv,
    start_worker,
    write_documents,
)
from tests.test_watch_kit import docintake, documents, one_row_per_file, sha256, stderr_of, wait_for

pytestmark = pytest.mark.postgres

COUNT, PAGES = 30, 40  # about 0.35 s of work per document: long enough to be killed in the middle of
RESTART_AFTER = 6  # the broker is restarted after this kill (Redis without persistence loses its tasks)


@pytest.fixture(autouse=True)
def _needs_postgres() -> None:
    reason = postgres_unreachable()
    if reason and postgres_required():
        pytest.fail(f"PostgreSQL is required (DOCINTAKE_REQUIRE_POSTGRES) but unreachable: {reason}")
    if reason:
        pytest.skip(f"PostgreSQL unreachable: {reason}")


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scans")
    write_documents(folder, COUNT, PAGES)
    return folder


@pytest.fixture(scope="module")
def local_run(scans: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    """The same files through the local pool (2 processes, SQLite): status, patient and type by name."""
    root = tmp_path_factory.mktemp("local")
    home = root / "home"
    (home / "inbox").mkdir(parents=True)
    (home / "docintake.toml").write_text("workers = 2\n")
    assert _cli(home, "patients", "import", str(roster_csv(root / "roster.csv"))).returncode == 0
    run = _cli(home, "batch", str(scans), "--json")
    assert run.returncode == 0, run.stderr
    return _by_name(documents(home))


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess:
    """`docintake --home HOME ARGS` run in this process (an interpreter start saved per call)."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(["--home", str(home), *args])
        except SystemExit as exc:
            code = int(exc.code or 0)
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())


def _by_name(docs: list[dict]) -> dict[str, tuple]:
    return {d["source_name"]: (d["status"], d["patient_mrn"], d["doc_type"]) for d in docs}


def _final_actions(home: Path) -> dict[str, int]:
    """How many times each document reached a final state, counted in the audit log."""
    store = Store(load_config(str(home)))
    try:
        entries = store.audit_log()
    finally:
        store.close()
    counts: dict[str, int] = {}
    for entry in entries:
        if entry["action"] in ("filed", "sent_to_review", "failed", "duplicate"):
            counts[entry["document_id"]] = counts.get(entry["document_id"], 0) + 1
    return counts


def _check_exactly_once(home: Path, scans: Path, local: dict[str, tuple]) -> None:
    docs = documents(home)
    rows = one_row_per_file(docs, {p.name for p in scans.iterdir()})
    assert _by_name(docs) == local, "the queue's outcomes differ from the local run's"
    assert set(_final_actions(home).values()) == {1}, "a document reached a final state twice"
    assert {r["id"] for r in rows.values()} == set(_final_actions(home))
    # A kill -9 in the middle of an atomic write can leave its temporary file: the one thing doctor may
    # find, and --repair removes it (as after a local run killed with -9).
    doctor = _doctor(home)
    assert not [f for f in doctor["findings"] if f["kind"] != "temp_file"], doctor
    if not doctor["ok"]:
        assert _doctor(home, "--repair")["ok"]
    assert _doctor(home)["ok"]


def _doctor(home: Path, *args: str) -> dict:
    run = _cli(home, "doctor", "--grace-minutes", "0", "--json", *args)
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)


def _in_progress(workers: list[subprocess.Popen], since: dict[int, int]) -> set[str]:
    """Documents started in a worker's log after `since[pid]` (its length at the last kill) and not
    finished there since: in the middle of their work now."""
    running: set[str] = set()
    for w in workers:
        for line in stderr_of(w)[since.get(w.pid, 0):].splitlines():
            if "document " in line and ": " in line.rsplit("document ", 1)[1]:
                doc, event = line.rsplit("document ", 1)[1].split(": ", 1)
                (running.add if event == "started" else running.discard)(doc)
    return running


def _started(*workers: subprocess.Popen) -> dict[str, int]:
    """How many times each document was started, from the workers' logs."""
    counts: dict[str, int] = {}
    for w in workers:
        for line in stderr_of(w).splitlines():
            if line.endswith(": started") and "document " in line:
                doc = line.rsplit("document ", 1)[1].split(":", 1)[0]
                counts[doc] = counts.get(doc, 0) + 1
    return counts


@pytest.mark.parametrize("broker", sorted(BROKERS))
def test_workers_killed_with_9_ten_times_over_and_the_broker_restarted_lose_and_duplicate_nothing(
        broker: str, scans: Path, local_run: dict[str, tuple], tmp_path: Path) -> None:
    url = BROKERS[broker]
    need_broker(url)
    shas = {sha256(p.read_bytes()) for p in scans.iterdir()}
    with postgres_schema() as db:
        home, queue = queue_home(tmp_path, url, db, queue_visibility_timeout=4.0, queue_resend_seconds=5.0,
                                 queue_max_attempts=20)
        live: list[subprocess.Popen] = []
        dead: list[subprocess.Popen] = []
        try:
            assert _cli(home, "patients", "import", str(roster_csv(tmp_path / "roster.csv"))).returncode == 0
            live = [start_worker(home, f"{queue}-a"), start_worker(home, f"{queue}-b")]
            batch = docintake(home, "batch", str(scans), "--queue", "--json")
            killed: set[int] = set()  # database sessions of the processes killed so far
            logged: dict[int, int] = {}  # per worker, how much of its log was written by the last kill
            for kill in range(10):
                # A lease held by a session not killed before: a live process is in the middle of a document.
                # ... and a document started in a live worker's log since the last kill, not finished yet.
                holders = wait_for(lambda k=killed, m=logged: (set(held_leases(db, shas).values()) - k
                                                               if _in_progress(live, m) else set())
                                   or batch.poll() is not None,
                                   60, every=0.02, what="a document to be in the middle of its work")
                assert batch.poll() is None, f"the batch ended after {kill} kills: {stderr_of(batch)}"
                if kill % 5 == 4:  # the whole worker, replaced by a new one
                    dead.append(live.pop(0))
                    kill_worker(dead[-1])
                    live.append(start_worker(home, f"{queue}-r{kill}"))
                else:  # the pool process of each live worker (the worker starts a new one)
                    for pid in [p for w in live for p in pool_processes(w)]:
                        subprocess.run(["kill", "-9", str(pid)], check=False)
                killed |= holders if isinstance(holders, set) else set()
                logged = {w.pid: len(stderr_of(w)) for w in live}
                if kill == RESTART_AFTER:
                    _restart_broker(broker)
            out, _ = batch.communicate(timeout=120)
            assert batch.returncode == 0, stderr_of(batch)
            report = json.loads(out)
            assert report["processed"] == COUNT and report["queued"] == 0
            if broker == "redis":  # restarted without persistence: the tasks it held were sent again
                assert report["tasks_resent"] > 0
            assert all(w.poll() is None for w in live), "a worker gave up when the broker went away"
            _check_exactly_once(home, scans, local_run)
            again = {doc: n - 1 for doc, n in _started(*live, *dead).items() if n > 1}  # started again
            assert sum(again.values()) >= 3, f"too few kills landed in the middle of a document: {again}"
        finally:
            for w in live:
                kill_worker(w)
            delete_queue(url, queue)


def _restart_broker(broker: str) -> None:
    """Stop and start the broker (Redis without persistence: whatever it held is lost)."""
    if broker == "redis":
        subprocess.run(["redis-cli", "-h", "127.0.0.1", "shutdown", "nosave"], check=False, capture_output=True)
        subprocess.run(["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379", "--save", "",
                        "--appendonly", "no"], check=True, capture_output=True)
        wait_for(lambda: subprocess.run(["redis-cli", "-h", "127.0.0.1", "ping"], capture_output=True,
                                        text=True).stdout.strip() == "PONG", 30, what="Redis to answer again")
    else:
        subprocess.run(["rabbitmqctl", "stop_app"], check=True, capture_output=True)
        subprocess.run(["rabbitmqctl", "start_app"], check=True, capture_output=True)
