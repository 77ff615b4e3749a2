"""The queue from the command line, one host (SQLite store, file leases, real Redis): `batch --queue
--no-wait` then a worker, `queue status` before and after, `watch --queue --once`, SIGTERM on a worker."""

from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path

import pytest

from tests.queue_kit import BROKERS, delete_queue, need_broker, queue_home, start_worker, write_documents
from tests.test_watch_kit import docintake, documents, one_row_per_file, stderr_of, wait_for


@pytest.fixture
def redis_home(tmp_path: Path):  # type: ignore[no-untyped-def]
    url = BROKERS["redis"]
    need_broker(url)
    home, queue = queue_home(tmp_path, url, "")
    yield home, queue
    delete_queue(url, queue)


def _run(home: Path, *args: str) -> subprocess.CompletedProcess:
    proc = docintake(home, *args)
    out, _ = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, stderr_of(proc))


def _status(home: Path) -> dict:
    run = _run(home, "queue", "status", "--json")
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_no_wait_leaves_tasks_queued_until_a_worker_takes_them(redis_home, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    home, queue = redis_home
    names = set(write_documents(tmp_path / "scans", 4, 2))
    run = _run(home, "batch", str(tmp_path / "scans"), "--queue", "--no-wait", "--json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["queued"] == 4 and report["tasks_sent"] == 4 and len(report["queued_documents"]) == 4
    before = _status(home)
    assert (before["pending"], before["processing"], before["workers"]) == (4, 4, [])

    worker = start_worker(home, f"{queue}-w")
    try:
        wait_for(lambda: all(d["status"] != "processing" for d in documents(home)), 60, what="the worker")
        one_row_per_file(documents(home), names)
        after = _status(home)
        assert (after["pending"], after["processing"], after["active"]) == (0, 0, 0)
        seen = {w["name"]: w for w in after["workers"]}
        assert seen[f"{queue}-w@test"]["alive"] and seen[f"{queue}-w@test"]["processes"] == 1
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=60) == 0, stderr_of(worker)
        stopped = {w["name"]: w for w in _status(home)["workers"]}[f"{queue}-w@test"]
        assert not stopped["alive"] and stopped["stopped"]
    finally:
        worker.kill()
        worker.wait()


def test_watch_queue_once_takes_the_inbox_through_the_workers(redis_home) -> None:  # type: ignore[no-untyped-def]
    home, queue = redis_home
    names = set(write_documents(home / "inbox", 3, 2))
    worker = start_worker(home, f"{queue}-w")
    try:
        run = _run(home, "watch", "--queue", "--once", "--settle", "0", "--json")
        assert run.returncode == 0, run.stderr
        assert json.loads(run.stdout)["processed"] == 3
        one_row_per_file(documents(home), names)
        assert not [p for p in (home / "inbox").rglob("*") if p.is_file() and p.suffix == ".pdf"]
        assert stderr_of(worker).count(": started") == 3  # the documents were run by the worker
    finally:
        worker.kill()
        worker.wait()


def _outcomes(rows: list[dict]) -> list[tuple[str, str]]:
    return [(d["status"], str(d.get("error") or d.get("reason") or "")) for d in rows]


def _started_count(worker: subprocess.Popen) -> int:
    return stderr_of(worker).count(": started")


def test_sigterm_finishes_the_document_in_flight_and_a_second_stops_at_once(redis_home, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    home, queue = redis_home
    names = set(write_documents(tmp_path / "scans", 2, 200))  # a couple of seconds each
    first = start_worker(home, f"{queue}-1")
    second = third = None
    try:
        wait_for(lambda: " ready." in stderr_of(first), 60, what="the worker to start")
        assert _run(home, "batch", str(tmp_path / "scans"), "--queue", "--no-wait").returncode == 0
        wait_for(lambda: _started_count(first) == 1, 60, every=0.02, what="the first document to start")
        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=60) == 0, stderr_of(first)
        statuses = [d["status"] for d in documents(home)]
        assert len(statuses) == 2 and statuses.count("processing") == 1, \
            f"not one done, one queued: {_outcomes(documents(home))}\n{stderr_of(first)[-3000:]}"
        assert _started_count(first) == 1, "the stopping worker took another task"

        second = start_worker(home, f"{queue}-2")
        wait_for(lambda: _started_count(second) == 1, 60, every=0.02, what="the second document to start")
        second.send_signal(signal.SIGTERM)
        wait_for(lambda: "again to stop at once" in stderr_of(second), 10, every=0.02, what="the first signal")
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)
        after = documents(home)
        assert [d["status"] for d in after].count("processing") == 1, \
            f"the second signal waited: {_outcomes(after)}\n{stderr_of(second)[-3000:]}"

        third = start_worker(home, f"{queue}-3")  # the interrupted document's task was put back
        wait_for(lambda: all(d["status"] != "processing" for d in documents(home)), 60, what="the last document")
        one_row_per_file(documents(home), names)
    finally:
        for w in (first, second, third):
            if w is not None:
                w.kill()
                w.wait()
