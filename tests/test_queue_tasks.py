"""The document task without a broker: idempotent by id and version, exclusive by lease, bounded crashes;
and the queue commands' errors (no broker, an unreachable one, bad options) as exit codes, not tracebacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.errors import ExitCode
from pipeline.index import queue_state
from pipeline.index.store import Store
from pipeline.ingest import ledger
from pipeline.orchestrator import Job, Pipeline
from pipeline.queue import tasks
from tests.queue_kit import report_pdf

UNREACHABLE = "redis://127.0.0.1:1/0"


@pytest.fixture
def recorded(home: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    """A document recorded `processing` by a controller that handed it to the queue; (store, job)."""
    (home / "docintake.toml").write_text("queue_max_attempts = 2\n")
    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "one.pdf").write_bytes(report_pdf(1, 0, 2))
    cfg = load_config(str(home))
    store = Store(cfg)
    pipe = Pipeline(cfg, store, "controller")
    job = pipe.admit(scans / "one.pdf", scans)
    assert isinstance(job, Job)
    pipe.hand_off(job)
    tasks.configure(cfg, "worker")
    yield store, job
    pipe.close()
    tasks.process_pipeline().close()
    store.close()


def _status(store: Store, doc_id: str) -> str:
    row = ledger.get(store, doc_id)
    assert row is not None
    return row.status


def test_a_task_completes_its_document_once_and_a_second_delivery_does_nothing(recorded) -> None:  # type: ignore[no-untyped-def]
    store, job = recorded
    assert tasks.run_document(job.document_id, 1, "w1") in ("filed", "review")
    done = ledger.get(store, job.document_id)
    assert tasks.run_document(job.document_id, 1, "w2") == tasks.TaskResult.already_final
    again = ledger.get(store, job.document_id)
    assert (again.status, again.version, again.updated_at) == (done.status, done.version, done.updated_at)
    assert sum(e["action"] in ("filed", "sent_to_review") for e in store.audit_log(job.document_id)) == 1


def test_a_task_for_another_version_or_document_does_nothing(recorded) -> None:  # type: ignore[no-untyped-def]
    store, job = recorded
    assert tasks.run_document(job.document_id, 7, "w1") == tasks.TaskResult.already_final
    assert _status(store, job.document_id) == "processing"
    assert tasks.run_document("feedfeedfeed", 1, "w1") == tasks.TaskResult.missing


def test_a_document_whose_lease_is_held_is_left_for_later(recorded) -> None:  # type: ignore[no-untyped-def]
    store, job = recorded
    other = Pipeline(store.cfg, store, "another worker")
    assert other.leases.acquire(job.file.sha256)
    try:
        with pytest.raises(tasks.LeaseBusy):
            tasks.run_document(job.document_id, 1, "w1")
        assert _status(store, job.document_id) == "processing"
    finally:
        other.close()
    assert tasks.run_document(job.document_id, 1, "w1") in ("filed", "review")


def test_a_document_whose_process_keeps_dying_is_failed_not_delivered_forever(recorded) -> None:  # type: ignore[no-untyped-def]
    store, job = recorded
    for _ in range(2):  # two starts that never ended: their processes died
        queue_state.start(store.db, job.document_id, 1, "w-dead")
    assert tasks.run_document(job.document_id, 1, "w1") == "failed"
    row = ledger.get(store, job.document_id)
    assert row.error.startswith("worker_crashed:") and row.error_stage == "analyze"


def test_one_crash_below_the_limit_is_simply_run_again(recorded) -> None:  # type: ignore[no-untyped-def]
    store, job = recorded
    assert queue_state.start(store.db, job.document_id, 1, "w-dead") == 0
    assert tasks.run_document(job.document_id, 1, "w1") in ("filed", "review")


def test_crashes_are_counted_per_version(home: Path, recorded) -> None:  # type: ignore[no-untyped-def]
    store, job = recorded
    assert queue_state.start(store.db, job.document_id, 1, "w") == 0
    assert queue_state.start(store.db, job.document_id, 1, "w") == 1
    queue_state.end(store.db, job.document_id)
    assert queue_state.start(store.db, job.document_id, 1, "w") == 1  # a clean end is not a crash
    assert queue_state.start(store.db, job.document_id, 2, "w") == 0


def test_batch_queue_needs_a_broker(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli("batch", str(tmp_path), "--queue")
    assert run.code == ExitCode.bad_config and "broker_url" in run.err


def test_no_wait_needs_queue_and_move_cannot_go_with_it(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert cli("batch", str(tmp_path), "--no-wait").code == ExitCode.usage
    assert cli("batch", str(tmp_path), "--queue", "--move").code == ExitCode.usage


def test_a_broker_url_of_another_scheme_is_refused(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    (home / "docintake.toml").write_text('broker_url = "http://127.0.0.1:6379"\n')
    run = cli("config", "show")
    assert run.code == ExitCode.bad_config and "redis://" in run.err


@pytest.mark.parametrize("args", [("batch", "{scans}", "--queue"), ("queue", "status"), ("worker",)])
def test_an_unreachable_broker_exits_10_without_a_traceback(cli, home: Path, tmp_path: Path, args) -> None:  # type: ignore[no-untyped-def]
    (home / "docintake.toml").write_text(f'broker_url = "{UNREACHABLE}"\n')
    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "one.pdf").write_bytes(report_pdf(1, 0, 1))
    run = cli(*[a.format(scans=scans) for a in args])
    assert run.code == ExitCode.broker, run.err
    assert "cannot reach the task broker redis://127.0.0.1:1/0" in run.err and "Traceback" not in run.err
