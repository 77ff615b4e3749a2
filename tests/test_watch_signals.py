"""Stopping the watcher: SIGTERM finishes what is in flight (exit 0); a second signal stops at once (exit 130)
and the next start takes the interrupted files up again. Real Tesseract on fax TIFFs, so work is in flight."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from pipeline.errors import ExitCode
from tests.conftest import SAMPLES
from tests.test_watch_kit import (
    alive,
    children,
    claims,
    command,
    docintake,
    documents,
    env,
    inbox_files,
    make_home,
    one_row_per_file,
    stderr_of,
    wait_for,
    wait_until_watching,
)

FAXES = ["02_imaging_report.tif", "05_discharge_summary.tif", "09_records_request.tif", "03_referral.tif"]

pytestmark = pytest.mark.slow


def _drop_faxes(inbox: Path, count: int) -> set[str]:
    names = set()
    for name in FAXES[:count]:
        shutil.copy(SAMPLES / "docs" / name, inbox / f"{name}.part")
        (inbox / f"{name}.part").rename(inbox / name)
        names.add(name)
    return names


def _in_flight(home: Path) -> bool:
    return any(d["status"] == "processing" for d in documents(home))


def _once(home: Path) -> dict:
    run = subprocess.run(command(home, "watch", "--once", "--json"), env=env(), capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_sigterm_finishes_files_in_flight_then_exits_0(tmp_path: Path) -> None:
    home = make_home(tmp_path, settle_seconds=0.0, workers=1)
    inbox = home / "inbox"
    proc = docintake(home, "watch", "--json")
    wait_until_watching(proc)
    names = _drop_faxes(inbox, 4)
    wait_for(lambda: _in_flight(home), 60, every=0.05, what="a fax in flight")
    code, out, err = _stop(proc, signal.SIGTERM)
    assert code == 0, err
    done = json.loads(out)["documents"]
    rows = documents(home)
    assert rows and {r["id"] for r in rows} == set(done)
    assert all(r["status"] in ("filed", "review") for r in rows), "in-flight files were finished, not dropped"
    assert claims(inbox) == [], "nothing is left claimed after a graceful stop"
    waiting = {p.name for p in inbox_files(inbox)}
    assert waiting == names - {r["source_name"] for r in rows}, "files not yet taken stay in the inbox untouched"
    assert not list((inbox / ".processing").glob("*.lock"))
    _once(home)
    one_row_per_file(documents(home), names)


def test_a_second_signal_stops_at_once_and_the_next_start_takes_up_the_rest(tmp_path: Path) -> None:
    home = make_home(tmp_path, settle_seconds=0.0, workers=1)
    inbox = home / "inbox"
    proc = docintake(home, "watch", "--json")
    wait_until_watching(proc)
    names = _drop_faxes(inbox, 3)
    wait_for(lambda: _in_flight(home), 60, every=0.05, what="a fax in flight")
    workers = children(proc.pid)
    proc.send_signal(signal.SIGTERM)
    time.sleep(0.3)
    started = time.monotonic()
    code, _, err = _stop(proc, signal.SIGINT)
    assert code == ExitCode.interrupted, err
    assert time.monotonic() - started < 10, "the second signal did not stop it at once"
    assert "stopping now" in err
    wait_for(lambda: not any(alive(p) for p in workers), 10, what="the workers to be stopped")
    interrupted = [d for d in documents(home) if d["status"] == "processing"]
    assert interrupted and claims(inbox), "the interrupted file stays claimed and processing"

    report = _once(home)
    rows = one_row_per_file(documents(home), names)
    assert {d["id"] for d in interrupted} <= {r["id"] for r in rows.values()}, "taken up under the same id"
    assert all(r["status"] in ("filed", "review") for r in rows.values())
    assert inbox_files(inbox) == [] and claims(inbox) == []
    assert report["processed"] >= len(interrupted)


def _stop(proc: subprocess.Popen, sig: int) -> tuple[int, str, str]:
    proc.send_signal(sig)
    out, _ = proc.communicate(timeout=120)
    return proc.returncode, out, stderr_of(proc)
