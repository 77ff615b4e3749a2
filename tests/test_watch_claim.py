"""The building blocks of never-twice: settling, ignored names, atomic claims, adoption of dead claims, leases."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.ingest.claim import ProcessingArea, received_of
from pipeline.ingest.files import is_ignored_path
from pipeline.ingest.lease import Leases
from pipeline.ingest.settle import SettleTracker
from tests.conftest import REPO
from tests.test_watch_kit import env, wait_for


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_tracker_waits_until_size_and_mtime_stop_changing(tmp_path: Path) -> None:
    clock = Clock()
    tracker = SettleTracker(2.0, clock)
    path = tmp_path / "fax.pdf"
    path.write_bytes(b"first chunk")  # no known magic: only size and mtime decide (structure: test_settle)
    tracker.note([path])
    assert tracker.ready(10) == []
    clock.now += 1.5
    with path.open("ab") as fh:
        fh.write(b" second chunk")
    assert tracker.ready(10) == [], "a file that grew is not settled"
    clock.now += 1.9
    assert tracker.ready(10) == []
    clock.now += 0.2
    assert tracker.ready(10) == [path]
    assert len(tracker) == 0


def test_tracker_limit_and_vanished_files(tmp_path: Path) -> None:
    clock = Clock()
    tracker = SettleTracker(0.0, clock)
    paths = [tmp_path / f"{i}.pdf" for i in range(5)]
    for p in paths:
        p.write_bytes(b"x")
    tracker.note(paths)
    paths[0].unlink()
    first = tracker.ready(2)
    assert first == paths[1:3]
    assert tracker.ready(0) == []  # no room: nothing handed out, nothing forgotten
    assert tracker.ready(10) == paths[3:]
    (tmp_path / "folder.pdf").mkdir()
    tracker.note([tmp_path / "folder.pdf"])
    assert tracker.ready(10) == [] and len(tracker) == 0


@pytest.mark.parametrize(("name", "ignored"), [
    ("scan.pdf", False), ("Ünïcødé  name (2).pdf", False), ("sub dir/fax.tif", False),
    ("scan.pdf.part", True), ("upload.tmp", True), ("~$letter.docx", True), (".~lock.scan.pdf#", True),
    (".hidden.pdf", True), (".processing/owner/claim/scan.pdf", True), ("sub/.cache/scan.pdf", True),
])
def test_temporary_and_hidden_names_are_ignored(tmp_path: Path, name: str, ignored: bool) -> None:
    assert is_ignored_path(tmp_path / name, tmp_path) is ignored


def test_claim_moves_the_file_and_keeps_its_name(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    src = tmp_path / "sub" / "fax 1.pdf"
    src.write_bytes(b"%PDF")
    area = ProcessingArea(tmp_path)
    area.open()
    claim = area.claim(src)
    assert claim is not None and not src.exists() and claim.path.read_bytes() == b"%PDF"
    assert claim.source_name == "sub/fax 1.pdf"
    assert received_of(claim.root.name) == claim.received
    assert area.claim(src) is None, "a file that is gone cannot be claimed"
    area.release(claim)
    assert not claim.root.exists()
    area.close()
    assert list((tmp_path / ".processing").iterdir()) == []


_CLAIMER = """
import sys
from pathlib import Path
from pipeline.ingest.claim import ProcessingArea
inbox = Path(sys.argv[1])
area = ProcessingArea(inbox)
area.open()
got = []
for path in sorted(p for p in inbox.iterdir() if p.is_file()):
    claim = area.claim(path)
    if claim is not None:
        got.append(claim.source_name)
print("\\n".join(got))
"""


def test_two_processes_racing_claim_each_file_exactly_once(tmp_path: Path) -> None:
    names = {f"doc{i:03d}.pdf" for i in range(300)}
    for name in names:
        (tmp_path / name).write_bytes(name.encode())
    procs = [subprocess.Popen([sys.executable, "-c", _CLAIMER, str(tmp_path)], cwd=REPO, env=env(),
                              stdout=subprocess.PIPE, text=True) for _ in range(3)]
    outs = [set(p.communicate(timeout=60)[0].split()) for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert set().union(*outs) == names
    assert sum(len(o) for o in outs) == len(names), "some file was claimed twice"


def test_claims_of_a_dead_process_are_adopted_those_of_a_live_one_are_not(tmp_path: Path) -> None:
    for name in ("a.pdf", "b.pdf"):
        (tmp_path / name).write_bytes(name.encode())
    live = ProcessingArea(tmp_path)
    live.open()
    assert live.claim(tmp_path / "a.pdf") is not None
    script = ("import sys, os, time\nfrom pathlib import Path\nfrom pipeline.ingest.claim import ProcessingArea\n"
              "a = ProcessingArea(Path(sys.argv[1])); a.open(); a.claim(Path(sys.argv[1]) / 'b.pdf')\n"
              "print('claimed', flush=True); time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], cwd=REPO, env=env(),
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "claimed"
    other = ProcessingArea(tmp_path)
    other.open()
    assert other.recover() == [], "claims of live owners are theirs"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    recovered = other.recover()
    assert [c.source_name for c in recovered] == ["b.pdf"]
    assert recovered[0].path.read_bytes() == b"b.pdf"
    assert recovered[0].root.parent == other.mine
    other.release(recovered[0])
    other.close()
    live.close()  # still holds a.pdf: its folder stays for the next process
    successor = ProcessingArea(tmp_path)
    successor.open()
    assert [c.source_name for c in successor.recover()] == ["a.pdf"]


def test_leases_are_exclusive_and_released_by_death(tmp_path: Path) -> None:
    first, second = Leases(tmp_path / "leases"), Leases(tmp_path / "leases")
    assert first.acquire("abc")
    assert not first.acquire("abc"), "a lease is not re-entrant: the same bytes twice in one run wait"
    assert not second.acquire("abc") and not second.is_free("abc")
    first.release("abc")
    assert second.is_free("abc") and second.acquire("abc")
    second.release_all()
    script = ("import sys, time\nfrom pathlib import Path\nfrom pipeline.ingest.lease import Leases\n"
              "l = Leases(Path(sys.argv[1])); l.acquire('def'); print('held', flush=True); time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "leases")], cwd=REPO, env=env(),
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    assert not first.is_free("def")
    proc.kill()
    proc.wait()
    assert (tmp_path / "leases" / "def.lock").exists(), "a killed process leaves its lock file behind"
    wait_for(lambda: first.sweep() == 1, 5, what="the lease of a killed process to be free")
    assert not (tmp_path / "leases" / "def.lock").exists() and first.is_free("def")
