"""Helpers shared by the watch, batch and bad-input tests (this module holds no tests of its own).

Documents are born-digital PDFs made with reportlab (a real text layer: read in milliseconds, no
Tesseract), each with unique text so that every file has its own bytes.
"""

from __future__ import annotations

import atexit
import hashlib
import io
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.pdfgen import canvas

from pipeline.config import load_config
from pipeline.index.store import Store
from tests.conftest import REPO

LINES = [
    "LABORATORY REPORT",
    "Patient: DOE, JANE   DOB: 03/04/1961",
    "Specimen collected 01/02/2024. Hemoglobin A1c 6.1 %.",
    "Comment: result reviewed. Report number {n}.",
]


def pdf_bytes(n: int, pages: int = 1) -> bytes:
    """A small text-layer PDF whose text (and so bytes) depends on `n`."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(612, 792), invariant=1)
    for page in range(pages):
        y = 720
        for line in LINES:
            pdf.drawString(72, y, line.format(n=f"{n}-{page + 1}"))
            y -= 16
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def drop(folder: Path, name: str, data: bytes) -> Path:
    """Deliver a file the way a fax server does: write a temporary name, then rename it into place."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path


def sha256(data: bytes) -> str:
    """Hex sha256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def make_home(root: Path, **settings: Any) -> Path:
    """A docintake home with an inbox and a docintake.toml holding `settings`."""
    home = root / "home"
    (home / "inbox").mkdir(parents=True, exist_ok=True)
    lines = [f"{k} = {v!r}" if not isinstance(v, str) else f'{k} = "{v}"' for k, v in settings.items()]
    (home / "docintake.toml").write_text("\n".join(lines) + "\n")
    documents(home)  # create and migrate the store now (seconds) rather than inside timed waits
    return home


def documents(home: Path) -> list[dict]:
    """Every document row of a home's store (read while other processes may be writing)."""
    store = Store(load_config(str(home)))
    try:
        return store.list_documents()
    finally:
        store.close()


def env() -> dict[str, str]:
    """Environment for docintake subprocesses: one OCR thread per process, no developer config."""
    out = {k: v for k, v in os.environ.items() if not k.startswith("DOCINTAKE_")}
    out["OMP_THREAD_LIMIT"] = "1"
    return out


def command(home: Path, *args: str) -> list[str]:
    """The command line of `docintake -v --home HOME ARGS...`."""
    return [sys.executable, "-m", "pipeline", "--home", str(home), "-v", *args]


_STARTED: list[subprocess.Popen] = []


@atexit.register
def _kill_leftovers() -> None:
    """A test that failed half-way must not leave a watcher running (nor its stderr file) after the session."""
    for proc in _STARTED:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        Path(proc.err_path).unlink(missing_ok=True)  # type: ignore[attr-defined]


def docintake(home: Path, *args: str, **kwargs: Any) -> subprocess.Popen:
    """Start `docintake --home HOME ARGS...` as a real process (stdout/stderr captured)."""
    cmd = command(home, *args)
    # stderr goes to a file: a pipe nobody reads while the process runs could fill up and stall it.
    err = tempfile.NamedTemporaryFile("w+", prefix="docintake-stderr-", suffix=".log", delete=False)
    proc = subprocess.Popen(cmd, cwd=REPO, env=env(), stdout=subprocess.PIPE, stderr=err, text=True, **kwargs)
    proc.err_path = err.name  # type: ignore[attr-defined]
    err.close()
    _STARTED.append(proc)
    return proc


def stderr_of(proc: subprocess.Popen) -> str:
    """What a process started by `docintake` wrote on stderr so far."""
    return Path(proc.err_path).read_text(errors="replace")  # type: ignore[attr-defined]


def wait_for(check: Callable[[], Any], timeout: float, every: float = 0.1, what: str = "condition") -> Any:
    """Poll `check` until it returns something true; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def stop(proc: subprocess.Popen, timeout: float = 60, sig: int = signal.SIGTERM) -> tuple[int, str, str]:
    """Send `sig` and collect (exit code, stdout, stderr)."""
    proc.send_signal(sig)
    out, _ = proc.communicate(timeout=timeout)
    return proc.returncode, out, stderr_of(proc)


def children(pid: int) -> list[int]:
    """Direct child processes of `pid` (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def rss_kib(pid: int) -> int:
    """Resident memory of one process in KiB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def alive(pid: int) -> bool:
    """True while `pid` exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False


def claims(inbox: Path) -> list[Path]:
    """Files currently claimed in an inbox's processing area."""
    base = inbox / ".processing"
    return [Path(d) / f for d, _, fs in os.walk(base) for f in fs if not f.endswith(".lock")] if base.is_dir() else []


def inbox_files(inbox: Path) -> list[Path]:
    """Files waiting in an inbox (outside the processing area)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(inbox):  # tolerant of folders vanishing while it looks
        dirs[:] = [d for d in dirs if d != ".processing"]
        found += [Path(folder) / f for f in files]
    return found


def one_row_per_file(docs: list[dict], names: set[str]) -> dict[str, dict]:
    """Assert every name has exactly one document row and none is left processing; rows by name."""
    by_name: dict[str, list[dict]] = {}
    for d in docs:
        by_name.setdefault(d["source_name"], []).append(d)
    extra = {n: len(rows) for n, rows in by_name.items() if len(rows) != 1}
    assert not extra, f"files with more than one row: {extra}"
    assert set(by_name) == names, f"missing: {names - set(by_name)}, unexpected: {set(by_name) - names}"
    stuck = [d["id"] for d in docs if d["status"] == "processing"]
    assert not stuck, f"documents left processing: {stuck}"
    return {n: rows[0] for n, rows in by_name.items()}


def wait_until_watching(*procs: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until each watcher process has finished its start-up scan (it logs so with -v)."""
    for proc in procs:
        wait_for(lambda p=proc: "file(s) waiting" in stderr_of(p) or p.poll() is not None, timeout,
                 what="the watcher to start")
        assert proc.poll() is None, stderr_of(proc)
