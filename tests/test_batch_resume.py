"""The batch: kill -9 midway and run again, --move, the same bytes twice in one run, a worker that crashes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

import pytest

import pipeline.orchestrator as orchestrator
from pipeline.errors import ExitCode
from pipeline.records import Analysis, IngestedFile
from tests.test_watch_kit import (
    alive,
    children,
    claims,
    command,
    docintake,
    documents,
    drop,
    env,
    inbox_files,
    make_home,
    one_row_per_file,
    pdf_bytes,
    sha256,
    stderr_of,
    wait_for,
)


def _recorded(home: Path) -> int:
    """Documents in a final state, counted straight from SQLite (fast enough to poll while a batch runs)."""
    try:
        with closing(sqlite3.connect(f"file:{home / 'store' / 'index.db'}?mode=ro", uri=True, timeout=5)) as db:
            return db.execute("SELECT count(*) FROM documents WHERE status != 'processing'").fetchone()[0]
    except sqlite3.Error:
        return 0


def _listing(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): sha256(p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()}


def test_kill_9_midway_then_run_again_every_file_in_exactly_one_state(tmp_path: Path) -> None:
    home = make_home(tmp_path, workers=2)
    scans = tmp_path / "scans"
    names = {f"day {i % 3}/report-{i:02d}.pdf" for i in range(40)}
    for i, name in enumerate(sorted(names)):
        drop(scans, name, pdf_bytes(i, pages=10))
    drop(scans, "copy of report-00.pdf", pdf_bytes(0, pages=10))  # same bytes, other name
    drop(scans, "broken.pdf", pdf_bytes(99)[:300])
    names |= {"copy of report-00.pdf", "broken.pdf"}
    before = _listing(scans)

    first = docintake(home, "batch", str(scans), "--json")
    wait_for(lambda: _recorded(home) >= 6 or first.poll() is not None, 120, every=0.02,
             what="a few documents to be recorded")
    workers = children(first.pid)
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert first.returncode == -signal.SIGKILL, "the batch finished before it could be killed"
    wait_for(lambda: not any(alive(p) for p in workers), 10, what="the killed batch's workers to die with it")
    interrupted = documents(home)
    assert len(interrupted) < len(names), "the kill came too late to test anything"
    assert any(d["status"] == "processing" for d in interrupted), "nothing was in flight when killed"

    second = docintake(home, "batch", str(scans), "--json")
    out, _ = second.communicate(timeout=180)
    assert second.returncode == ExitCode.some_failed, stderr_of(second)
    report = json.loads(out)
    assert report["processed"] == len(names)
    rows = one_row_per_file(documents(home), names)
    assert rows["broken.pdf"]["status"] == "failed"
    dup = [r for r in rows.values() if r["status"] == "duplicate"]
    assert len(dup) == 1 and dup[0]["duplicate_of"] in {r["id"] for r in rows.values()}
    assert sum(r["status"] in ("filed", "review") for r in rows.values()) == len(names) - 2
    assert {d["id"] for d in interrupted} <= {r["id"] for r in rows.values()}, "earlier rows were replaced"
    assert _listing(scans) == before, "a batch without --move leaves its folder untouched"

    third = docintake(home, "batch", str(scans), "--json")
    out, _ = third.communicate(timeout=120)
    assert json.loads(out)["skipped"] == len(names) - 1, "a third run retries only the failed file"
    assert len(documents(home)) == len(names)
    # A kill -9 in the middle of an atomic write can leave its temporary file: the one thing doctor may
    # find, and repair. Nothing else (no stuck document, no orphan, no missing or altered copy).
    doctor = _doctor(home)
    leftovers = [f for f in doctor.get("findings", []) if f["kind"] != "temp_file"]
    assert not leftovers, doctor
    if not doctor["ok"]:
        assert _doctor(home, "--repair")["ok"]
    assert _doctor(home)["ok"]


def _doctor(home: Path, *args: str) -> dict:
    run = subprocess.run(command(home, "doctor", "--grace-minutes", "0", "--json", *args), capture_output=True,
                         text=True, env=env())
    report = json.loads(run.stdout)
    assert run.returncode == (0 if report["ok"] else 1), run.stderr
    return report


def test_batch_move_treats_the_folder_like_the_inbox(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    scans = tmp_path / "night"
    for i in range(3):
        drop(scans, f"in sub/fax {i}.pdf", pdf_bytes(i))
    drop(scans, "empty.pdf", b"")
    run = cli("batch", scans, "--move", "--json", "--workers", "1")
    assert run.code == ExitCode.some_failed, run.err
    report = run.json()
    assert report["processed"] == 4 and report["failed"] == 1
    assert inbox_files(scans) == [] and claims(scans) == []
    failed = sorted((home / "store" / "failed").iterdir())
    assert [p.name.split("-", 1)[1] for p in failed] == ["empty.pdf", "empty.pdf.error.json"]
    assert json.loads(failed[1].read_text())["reason"].startswith("zero_bytes")
    again = cli("batch", scans, "--move", "--json")
    assert again.code == 0 and again.json()["processed"] == 0


def test_same_bytes_under_two_names_in_one_run(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    scans = tmp_path / "scans"
    data = pdf_bytes(42, pages=3)
    for name in ("a.pdf", "b.pdf", "c/a.pdf"):
        drop(scans, name, data)
    run = cli("batch", scans, "--json", "--workers", "2")
    assert run.code == 0, run.err
    rows = one_row_per_file(cli("documents", "list", "--json").json(), {"a.pdf", "b.pdf", "c/a.pdf"})
    assert sorted(r["status"] for r in rows.values()).count("duplicate") == 2
    again = cli("batch", scans, "--json", "--workers", "2").json()
    assert again["skipped"] == 3 and len(cli("documents", "list", "--json").json()) == 3


def crashing_analyze(file: IngestedFile, options: orchestrator.AnalyzeOptions) -> Analysis:
    """analyze, except that the worker process dies on any file named like a crash."""
    if "crash" in file.source_name:
        os._exit(3)
    return orchestrator.analyze.__wrapped__(file, options)  # type: ignore[attr-defined]


def test_a_worker_that_dies_fails_only_its_document(cli, home: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    crashing_analyze.__module__ = __name__
    real = orchestrator.analyze
    monkeypatch.setattr(orchestrator, "analyze", crashing_analyze)
    monkeypatch.setattr(crashing_analyze, "__wrapped__", real, raising=False)
    scans = tmp_path / "scans"
    for i in range(5):
        drop(scans, f"ok-{i}.pdf", pdf_bytes(i))
    drop(scans, "crash.pdf", pdf_bytes(9))
    run = cli("batch", scans, "--json", "--workers", "2")
    assert run.code == ExitCode.some_failed, run.err
    rows = one_row_per_file(cli("documents", "list", "--json").json(), {f"ok-{i}.pdf" for i in range(5)} | {"crash.pdf"})
    assert rows["crash.pdf"]["status"] == "failed" and rows["crash.pdf"]["error"].startswith("worker_crashed")
    assert all(rows[f"ok-{i}.pdf"]["status"] != "failed" for i in range(5))
