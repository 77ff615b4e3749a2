"""No patient names or birth dates in logs: a canary patient goes through the real paths at DEBUG level.

The canary's name and birth date are distinctive strings that appear nowhere else; the test runs the
roster import, a batch (text-layer PDFs: real OCR module, matcher, classifier, router, store), search,
show, the review queue, the audit log, doctor and patient lookup with -vv, and then looks for the canary
in every captured log record (message, arguments, exception text) and on stderr.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from pipeline.cli import app as cli_app
from tests.conftest import write_roster

FIRST, LAST = "Quillonia", "Zebrowski-Farnham"
DOB_FORMS = ("1943-07-19", "07/19/1943", "7/19/1943", "19430719", "19.07.1943", "Jul 19, 1943", "July 19, 1943")
CANARIES = (FIRST, "Zebrowski", "Farnham", *DOB_FORMS)
MRN = "CAN0042"


def _pdf(path: Path, lines: list[str]) -> Path:
    """A born-digital PDF (real text layer) with `lines` on one page."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    y = 740
    for line in lines:
        c.drawString(60, y, line)
        y -= 16
    c.showPage()
    c.save()
    return path


def _inbox(folder: Path) -> Path:
    folder.mkdir()
    _pdf(folder / "zebrowski-farnham_quillonia_labs.pdf", [
        "Northside Clinical Laboratory", "LABORATORY REPORT",
        f"Patient: {LAST.upper()}, {FIRST.upper()}   DOB: 07/19/1943   MRN: {MRN}",
        "Collected: 11/02/2026  Ordering physician: Dr. Hale",
        "TEST            RESULT   REFERENCE", "Hemoglobin A1c  7.2 %    4.0-5.6",
        "Glucose, fasting 131 mg/dL 70-99", "LDL cholesterol 118 mg/dL <100",
    ])
    _pdf(folder / "referral_quillonia.pdf", [
        "Valley Orthopedics", "REFERRAL", f"Re: {FIRST} {LAST}",
        "Reason for referral: evaluation of chronic knee pain; please schedule consultation.",
    ])
    return folder


@pytest.fixture
def leak_watch(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> pytest.LogCaptureFixture:
    """caplog at DEBUG that survives the CLI replacing the root logger's handlers."""
    original = cli_app._setup_logging

    def keep_capturing(verbose: int) -> None:
        original(verbose)
        logging.getLogger().addHandler(caplog.handler)

    monkeypatch.setattr(cli_app, "_setup_logging", keep_capturing)
    caplog.set_level(logging.DEBUG)
    return caplog


def _leaks(text: str) -> list[str]:
    lowered = text.lower()
    return [c for c in CANARIES if c.lower() in lowered]


def test_canary_patient_never_reaches_the_logs(cli, home: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                               leak_watch: pytest.LogCaptureFixture) -> None:
    roster = write_roster(tmp_path / "roster.csv", [
        f"{MRN},{FIRST},{LAST},1943-07-19,F,555-201-7788,12 Orchard Lane,Springfield,IL,62701",
        "MRN0001,Jane,Doe,1961-03-04,F,555-111-2222,1 Main St,Springfield,IL,62701",
    ])
    runs = [cli("-vv", "patients", "import", roster)]
    runs.append(cli("-vv", "batch", _inbox(tmp_path / "scans"), "--json", "--workers", "1"))
    assert runs[-1].json()["processed"] == 2, runs[-1].err
    docs = cli("documents", "list", "--json").json()
    assert any(d["patient_mrn"] == MRN for d in docs), docs  # the canary was really matched
    for doc in docs:
        runs.append(cli("-vv", "documents", "show", doc["id"], "--json"))
        runs.append(cli("-vv", "review", "show", doc["id"], "--json"))
    runs += [
        cli("-vv", "search", "Zebrowski", "--json"),
        cli("-vv", "search", "hemoglobin", "--patient", MRN),
        cli("-vv", "review", "list", "--json"),
        cli("-vv", "audit", "log", "--json"),
        cli("-vv", "audit", "verify"),
        cli("-vv", "doctor", "--repair"),
        cli("-vv", "patients", "find", "--name", f"{FIRST} {LAST}", "--dob", "1943-07-19", "--json"),
    ]
    in_review = [d["id"] for d in docs if d["status"] == "review"]
    if in_review:
        runs.append(cli("-vv", "review", "assign", in_review[0], MRN, "--json"))
    assert any(FIRST in r.out for r in runs)  # the canary is on stdout where a clerk asked for it...
    records = leak_watch.records
    assert sum(r.name.startswith("pipeline") for r in records) > 5  # ...and the logs were really captured
    assert {r.levelno for r in records} >= {logging.INFO}
    leaked = {}
    for r in records:
        found = _leaks(" ".join([r.getMessage(), repr(r.args), r.exc_text or "", str(r.exc_info or "")]))
        if found:
            leaked[f"{r.name}:{r.levelname}"] = (found, r.getMessage()[:200])
    assert leaked == {}, "patient data in logs"
    for r in runs:
        assert _leaks(r.err) == [], r.err[:500]
