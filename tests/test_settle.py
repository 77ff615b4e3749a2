"""Never claim a file still being written: structure checks, open writers, the long wait, files that grow."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.drivers.inbox import Intake
from pipeline.drivers.watch import Watcher, WatchOptions
from pipeline.index.store import Store
from pipeline.ingest.complete import incomplete_reason, open_for_writing
from pipeline.ingest.settle import SettleTracker
from pipeline.orchestrator import Pipeline, Runner, Tally
from tests.conftest import SAMPLES
from tests.test_watch_kit import (
    claims,
    docintake,
    documents,
    inbox_files,
    make_home,
    one_row_per_file,
    pdf_bytes,
    stop,
    wait_for,
    wait_until_watching,
)

FAX = SAMPLES / "docs" / "02_imaging_report.tif"  # two pages, Group 4
FAX_2 = SAMPLES / "docs" / "10_progress_note.tif"  # one page
KINDS = ("01_lab_result.pdf", "02_imaging_report.tif", "06_prescription_request.png", "07_prior_authorization.jpg")


class Clock:
    """A hand-driven clock (monotonic and wall)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize("name", KINDS)
def test_a_whole_file_is_complete_and_any_cut_of_it_says_what_is_missing(tmp_path: Path, name: str) -> None:
    data = (SAMPLES / "docs" / name).read_bytes()
    path = tmp_path / name
    path.write_bytes(data)
    assert incomplete_reason(path) is None
    for share in (0.1, 0.5, 0.9, 0.995):
        path.write_bytes(data[:int(len(data) * share)])
        reason = incomplete_reason(path)
        assert reason and len(reason) < 80, (share, reason)


def test_unknown_formats_and_odd_files_are_left_to_the_stages(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    (tmp_path / "empty.pdf").write_bytes(b"")
    (tmp_path / "link.pdf").symlink_to(tmp_path / "notes.txt")
    for name in ("notes.txt", "empty.pdf", "link.pdf", "gone.pdf"):
        assert incomplete_reason(tmp_path / name) is None


def _holder(path: Path, mode: str) -> subprocess.Popen:
    code = f"import sys\nfh = open({str(path)!r}, {mode!r})\nprint('open', flush=True)\nsys.stdin.read()"
    proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "open"
    return proc


def test_a_file_another_process_has_open_for_writing_is_seen(tmp_path: Path) -> None:
    written, read = tmp_path / "being written.tif", tmp_path / "being read.tif"
    written.write_bytes(FAX.read_bytes())
    read.write_bytes(FAX.read_bytes())
    writer, reader = _holder(written, "ab"), _holder(read, "rb")
    try:
        assert open_for_writing([written, read, tmp_path / "gone.pdf"]) == {written}
        tracker = SettleTracker(0.0, Clock())
        tracker.note([written, read])
        assert tracker.ready(10) == [read]
        assert "open for writing" in tracker.waiting()[written]
    finally:
        for proc in (writer, reader):
            proc.communicate("")
    assert open_for_writing([written]) == set()
    assert tracker.ready(10) == [] and len(tracker) == 1  # examined again only after a pause
    tracker.clock.now += 1.5  # type: ignore[attr-defined]
    assert tracker.ready(10) == [written]


def test_an_incomplete_file_waits_then_is_handed_out_whole(tmp_path: Path) -> None:
    clock = Clock()
    data = FAX.read_bytes()
    path = tmp_path / "fax.tif"
    path.write_bytes(data[:len(data) // 2])
    tracker = SettleTracker(2.0, clock, incomplete_seconds=600, wall=clock)
    tracker.note([path])
    assert tracker.ready(10) == []  # first seen now
    clock.now += 5
    assert tracker.ready(10) == [] and tracker.overdue(10) == []
    assert "TIFF" in tracker.waiting()[path]
    with path.open("ab") as fh:
        fh.write(data[len(data) // 2:])
    clock.now += 1
    assert tracker.ready(10) == []  # it changed: the settle time starts again
    clock.now += 2
    assert tracker.ready(10) == [path] and len(tracker) == 0


def test_only_a_long_unchanged_incomplete_file_is_overdue(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "fax.tif"
    path.write_bytes(FAX.read_bytes()[:3000])
    tracker = SettleTracker(2.0, clock, incomplete_seconds=600, wall=lambda: path.stat().st_mtime)
    tracker.note([path])
    for _ in range(59):
        clock.now += 10
        assert tracker.ready(10) == [] and tracker.overdue(10) == []
    clock.now += 20
    assert tracker.ready(10) == []
    [(due, reason)] = tracker.overdue(10)
    assert due == path and "TIFF" in reason and len(tracker) == 0


def test_a_file_that_grew_after_its_claim_is_recorded_once_whole(tmp_path: Path) -> None:
    home = make_home(tmp_path, settle_seconds=0.0)
    cfg = load_config(str(home))
    store = Store(cfg)
    pipe = Pipeline(cfg, store, "tester")
    runner = Runner(pipe, 1)  # in this process: the analysis runs inside pump(), after the file grew
    intake = Intake(pipe, runner, cfg.inbox_path, Tally())
    intake.open()
    first, whole = pdf_bytes(1), pdf_bytes(1, pages=2)
    path = cfg.inbox_path / "fax.pdf"
    path.write_bytes(first)
    try:
        intake.take([path])
        [claimed] = claims(cfg.inbox_path)
        claimed.write_bytes(whole)  # the writer (on another machine: no /proc to see it) went on
        deadline = time.monotonic() + 30
        while intake.busy and time.monotonic() < deadline:
            intake.pump(0.05)
    finally:
        intake.close()
        pipe.close()
    [doc] = one_row_per_file(store.list_documents(), {"fax.pdf"}).values()
    assert doc["sha256"] == hashlib.sha256(whole).hexdigest() and doc["pages"] == 2
    assert doc["status"] in ("filed", "review") and claims(cfg.inbox_path) == []
    store.close()


def test_an_incomplete_file_stays_in_the_inbox_then_fails_as_truncated_with_its_bytes_kept(tmp_path: Path) -> None:
    home = make_home(tmp_path)
    cfg = load_config(str(home))
    store = Store(cfg)
    half = FAX.read_bytes()[:5000]
    options = WatchOptions(settle_seconds=0.1, workers=1, tick=0.05, incomplete_seconds=2.5)
    watcher = Watcher(cfg, store, "tester", options=options)
    thread = threading.Thread(target=watcher.run)
    thread.start()
    try:
        assert watcher.started.wait(30)
        path = cfg.inbox_path / "cut fax.tif"
        path.write_bytes(half)
        time.sleep(1.2)
        assert path.exists() and store.list_documents() == [], "an incomplete file is not taken"
        settled = lambda: [d for d in store.list_documents() if d["status"] != "processing"]  # noqa: E731
        [doc] = wait_for(settled, 20, what="the truncated file to be recorded as failed")
    finally:
        watcher.request_stop()
        thread.join(60)
    assert doc["status"] == "failed" and doc["error"].startswith("truncated: TIFF"), doc
    [note] = [json.loads(p.read_text()) for p in (home / "store" / "failed").glob("*.error.json")]
    assert (home / "store" / "failed" / note["kept"]).read_bytes() == half
    assert inbox_files(cfg.inbox_path) == [] and claims(cfg.inbox_path) == []
    store.close()


@pytest.mark.slow
def test_a_tiff_written_in_two_bursts_seconds_apart_is_filed_once_whole(tmp_path: Path) -> None:
    """Acceptance (issue 16): with the default-like short settle time, one fax written half, then 4 s later
    the rest (the writer closing in between, as a fax server appending to a file by name does)."""
    home = make_home(tmp_path, settle_seconds=0.5)
    inbox = home / "inbox"
    proc = docintake(home, "watch", "--json", "--workers", "1")
    wait_until_watching(proc)
    data, other = FAX.read_bytes(), FAX_2.read_bytes()
    held, reopened = inbox / "fax held open.tif", inbox / "fax appended.tif"
    with held.open("wb") as fh:
        fh.write(data[:len(data) // 2])
        fh.flush()
        reopened.write_bytes(other[:len(other) // 2])
        time.sleep(4)
        fh.write(data[len(data) // 2:])
    with reopened.open("ab") as more:
        more.write(other[len(other) // 2:])
    wait_for(lambda: not inbox_files(inbox) and not claims(inbox), 120, every=0.5, what="both faxes to be taken")
    code, out, err = stop(proc)
    assert code == 0, err
    rows = one_row_per_file(documents(home), {held.name, reopened.name})
    for name, whole, pages in ((held.name, data, 2), (reopened.name, other, 1)):
        doc = rows[name]
        assert doc["status"] in ("filed", "review") and doc["pages"] == pages, doc
        assert doc["sha256"] == hashlib.sha256(whole).hexdigest(), doc
    assert json.loads(out)["failed"] == 0
    assert not list((home / "store").glob("failed/*.error.json"))
