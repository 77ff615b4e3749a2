"""Helpers for the queue tests and bench/scale.py (this module holds no tests of its own).

Real brokers: Redis at 127.0.0.1:6379 and RabbitMQ at 127.0.0.1:5672 (guest/guest), each test on a queue
of its own (deleted afterwards). Documents are born-digital PDFs (text layer, no Tesseract) of many pages,
so that a document takes long enough to be killed in the middle of.
"""

from __future__ import annotations

import functools
import io
import os
import secrets
import signal
import subprocess
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas
from sqlalchemy import create_engine, text

from pipeline.index.leases import lease_key
from pipeline.index.scratch import postgres_required
from tests.conftest import write_roster
from tests.test_watch_kit import children, docintake, make_home, stderr_of, wait_for

BROKERS = {"redis": "redis://127.0.0.1:6379/3", "amqp": "amqp://guest:guest@127.0.0.1:5672//"}

# (mrn, first, last, dob as printed, dob ISO); the last one is not in the roster.
PATIENTS = [
    ("M1001", "JANE", "DOE", "03/04/1961", "1961-03-04"),
    ("M1002", "ROBERT", "ALVAREZ", "11/23/1948", "1948-11-23"),
    ("M1003", "PRIYA", "NAIR", "07/30/1990", "1990-07-30"),
    ("M9999", "OTTO", "FREMD", "01/15/1977", "1977-01-15"),
]


@functools.cache
def broker_unreachable(url: str) -> str | None:
    """None when the broker answers, else why not."""
    from kombu import Connection

    try:
        with Connection(url, connect_timeout=3) as conn:
            conn.ensure_connection(max_retries=1, timeout=3)
    except Exception as exc:  # noqa: BLE001 - any failure means "not usable here"
        return str(exc)
    return None


def need_broker(url: str) -> None:
    """Skip (or, when services are required, fail) a test whose broker is not running."""
    reason = broker_unreachable(url)
    if reason and postgres_required():  # `make test` starts PostgreSQL, Redis and RabbitMQ alike
        pytest.fail(f"broker {url} is required but unreachable: {reason}")
    if reason:
        pytest.skip(f"broker {url} unreachable: {reason}")


def delete_queue(url: str, name: str) -> None:
    """Remove a test's queue and whatever is left in it."""
    from kombu import Connection

    try:
        with Connection(url, connect_timeout=3) as conn:
            conn.default_channel.queue_delete(name)
    except Exception:  # noqa: BLE001 - cleanup only
        pass


def report_pdf(n: int, patient: int, pages: int) -> bytes:
    """A text-layer PDF about PATIENTS[patient], unique by `n`."""
    mrn, first, last, dob, _ = PATIENTS[patient]
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(612, 792), invariant=1)
    for page in range(pages):
        lines = ["LABORATORY REPORT", f"Patient: {last}, {first}   DOB: {dob}   MRN: {mrn}",
                 "Specimen collected 01/02/2024. Hemoglobin A1c 6.1 %.", f"Report number {n}-{page + 1}."]
        for i, line in enumerate(lines):
            pdf.drawString(72, 720 - 16 * i, line)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def write_documents(folder: Path, count: int, pages: int) -> dict[str, bytes]:
    """`count` documents spread over the patients; returns name -> bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for n in range(count):
        name = f"report-{n:03d}.pdf"
        out[name] = report_pdf(n, n % len(PATIENTS), pages)
        (folder / name).write_bytes(out[name])
    return out


def roster_csv(path: Path) -> Path:
    """The roster of every patient but the last."""
    return write_roster(path, [f"{m},{f.title()},{la.title()},{iso},,,,,," for m, f, la, _, iso in PATIENTS[:-1]])


def queue_home(root: Path, broker: str, database_url: str, **settings: object) -> tuple[Path, str]:
    """A home on `broker` with a queue of its own and the given database; returns (home, queue name)."""
    name = f"test-{secrets.token_hex(4)}"
    home = make_home(root, broker_url=broker, queue_name=name, database_url=database_url, **settings)
    return home, name


def start_worker(home: Path, name: str, concurrency: int = 1) -> subprocess.Popen:
    """`docintake worker` in a session of its own (so the whole worker can be killed at once)."""
    proc = docintake(home, "worker", "--concurrency", str(concurrency), "--name", f"{name}@test",
                     start_new_session=True)
    return proc


def pool_processes(worker: subprocess.Popen, timeout: float = 60) -> list[int]:
    """The worker's pool processes, once it is ready (a pool process killed while Celery starts them
    stops the whole worker: "Could not start worker processes")."""
    found = wait_for(lambda: worker.poll() is not None or (" ready." in stderr_of(worker) and children(worker.pid)),
                     timeout, every=0.05, what="the worker's pool processes")
    assert worker.poll() is None, f"the worker exited ({worker.returncode}): {stderr_of(worker)[-3000:]}"
    return found


def kill_worker(worker: subprocess.Popen) -> None:
    """kill -9 the whole worker: its main process and every pool process."""
    try:
        os.killpg(worker.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    worker.wait()


def held_leases(database_url: str, shas: set[str]) -> dict[str, int]:
    """Which of these documents' leases are held now, and by which PostgreSQL backend (advisory locks)."""
    wanted = {lease_key(s) & ((1 << 64) - 1): s for s in shas}
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT classid::bigint, objid::bigint, pid FROM pg_locks "
                                     "WHERE locktype = 'advisory' AND granted AND objsubid = 1"))
            held = {(c << 32) | o: pid for c, o, pid in rows}
    finally:
        engine.dispose()
    return {wanted[k]: pid for k, pid in held.items() if k in wanted}
