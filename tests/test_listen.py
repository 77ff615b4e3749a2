"""`docintake listen --mllp`: a real listener process answering ADT over MLLP, applying each message."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

from pipeline.export import hl7
from pipeline.export.transport import SendOutcome, send_mllp
from tests.conftest import REPO
from tests.export_kit import free_port, validate_hl7
from tests.test_review_support import open_store
from tests.test_roster_adt import adt


def test_listener_applies_adt_and_answers_aa_or_ae(home: Path) -> None:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "--home", str(home), "listen", "--mllp",
                             f"127.0.0.1:{port}"], stderr=subprocess.PIPE, text=True, env={**os.environ})
    try:
        assert proc.stderr is not None
        assert "listening for ADT" in proc.stderr.readline()
        added = send_mllp("127.0.0.1", port, adt("A04", "ZZ1", ctrl="c1"), 30)
        assert added.outcome is SendOutcome.delivered and added.detail == "AA"
        assert send_mllp("127.0.0.1", port, adt("A04", "ZZ2", ctrl="c2"), 30).outcome is SendOutcome.delivered
        unknown = send_mllp("127.0.0.1", port, adt("A01", "ZZ3", ctrl="c3"), 30)
        assert unknown.outcome is SendOutcome.rejected and "ADT^A01 is not an event docintake applies" in unknown.detail
        bad = send_mllp("127.0.0.1", port, adt("A08", "ZZ1", dob="19701340", ctrl="c4"), 30)
        assert bad.outcome is SendOutcome.rejected and "is not a date" in bad.detail
        merged = send_mllp("127.0.0.1", port, adt("A40", "ZZ2", mrg="ZZ1", ctrl="c5"), 30)
        assert merged.outcome is SendOutcome.delivered
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:  # the ACK itself is valid v2.5.1
            sock.sendall(b"\x0b" + adt("A31", "ZZ2", ctrl="c6").encode() + b"\x1c\r")
            ack = sock.recv(65536).strip(b"\x0b\x1c\r").decode()
        validate_hl7(ack)
        assert hl7.parse_ack(ack) == hl7.Ack("AA", "c6", "")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
        tail = proc.stderr.read()
        assert "4 applied, 2 refused" in tail and "19701340" not in tail  # a bad DOB is not logged
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    store = open_store(home)
    try:
        from pipeline.index.models import Patient

        with store.db.read() as s:
            retired = s.get(Patient, "ZZ1")
            assert retired is not None and (retired.active, retired.replaced_by) == (False, "ZZ2")
    finally:
        store.close()


def test_listen_refuses_a_bad_address(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("listen", "--mllp", "localhost")
    assert run.code == 4 and "is not HOST:PORT" in run.err


def test_listen_unit_runs_the_listener() -> None:
    unit = (REPO / "docs" / "deploy" / "docintake-listen.service").read_text()
    assert "listen --mllp" in unit and "[Install]" in unit
