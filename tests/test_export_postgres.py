"""The outbox on the real PostgreSQL: deliveries queued with the filing, and two exporters running at once
still deliver each document exactly once (a row is claimed by one of them)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.export import hl7
from tests.export_kit import MllpReceiver, configure, file_lab
from tests.test_review_support import backend_home, roster_home

pytestmark = pytest.mark.postgres
PEOPLE = [("Lucia Ferreira", "05/17/2001"), ("Priya Raman", "07/09/1988"), ("Theodora Okonkwo", "03/04/1961")]


def test_two_exporters_at_once_deliver_each_document_once(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ehr = MllpReceiver("AA")
    try:
        with backend_home("postgresql", home, tmp_path) as h:
            configure(h, [ehr.url])
            roster_home(cli, tmp_path)
            ids = [file_lab(h, tmp_path / "scans", f"lab{i}.pdf", *PEOPLE[i % 3], extra=f"ref {i}") for i in range(6)]
            assert [d["pending"] for d in cli("export", "status", "--json").json()] == [6]
            cmd = [sys.executable, "-m", "pipeline", "--home", str(h), "export", "run"]
            procs = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ})
                     for _ in range(2)]
            for p in procs:
                p.wait(120)
            assert cli("export", "run").code == 0  # whatever the two left (one may have waited for the other)
            numbers = [hl7.field(hl7.first(hl7.segments(m), "TXA") or [], 12) for m in ehr.messages]
            assert sorted(numbers) == sorted(ids)
            [st] = cli("export", "status", "--json").json()
            assert (st["sent"], st["pending"], st["failed"], st["resent_after_crash"]) == (6, 0, 0, 0)
    finally:
        ehr.close()
