"""Issue 2's contract, through the CLI in-process: roster import, batch, documents, review, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.errors import ExitCode
from tests.conftest import SAMPLES, write_roster

BATCH_KEYS = {"processed", "filed", "review", "failed", "duplicate", "seconds"}
DOC_KEYS = {"id", "source_name", "sha256", "status", "patient_mrn", "doc_type", "match_score", "type_confidence",
            "pages", "error"}


def test_import_roster_counts(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    roster = write_roster(tmp_path / "r.csv", [
        "M1,Jane,Doe,1961-03-04,F,555-201-3344,1 Elm St,Springfield,IL,62701",
        "M2,John,Roe,,,,,,,",
    ])
    first = cli("patients", "import", roster, "--json")
    assert first.code == 0, first.err
    assert first.json() == {"inserted": 2, "updated": 0, "unchanged": 0, "invalid": 0}
    write_roster(roster, ["M1,Jane,Doe-Smith,1961-03-04,F,,,,,", "M3,Ann,Poe,1990-01-02,F,,,,,"])
    second = cli("patients", "import", roster)
    assert second.code == 0
    assert "inserted 1, updated 1" in second.out


def test_missing_roster_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli("patients", "import", tmp_path / "nope.csv")
    assert run.code in (ExitCode.bad_input, ExitCode.usage)
    assert "nope.csv" in run.err


def test_bad_row_names_its_line_and_imports_nothing(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    roster = write_roster(tmp_path / "r.csv", [
        "M1,Jane,Doe,1961-03-04,F,,,,,",
        "M2,John,Roe,1961-13-45,M,,,,,",
    ])
    run = cli("patients", "import", roster)
    assert run.code == ExitCode.bad_input
    assert "line 3" in run.err
    listed = cli("patients", "find", "--mrn", "M1", "--json")
    assert listed.code == 0 and listed.json() == []
    skipped = cli("patients", "import", roster, "--skip-invalid", "--json")
    assert skipped.code == 0 and skipped.json()["inserted"] == 1 and skipped.json()["invalid"] == 1


@pytest.fixture
def sample_home(cli, home: Path):  # type: ignore[no-untyped-def]
    """A home with the sample roster imported."""
    assert cli("patients", "import", SAMPLES / "roster.csv").code == 0
    return home


@pytest.mark.slow
def test_batch_twice_and_contract_fields(cli, sample_home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    manifest = json.loads((SAMPLES / "manifest.json").read_text())
    folder = tmp_path / "scans"
    folder.mkdir()
    picked = _pick_samples(manifest, 4)
    for name in picked:
        shutil.copy(SAMPLES / name, folder / Path(name).name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")  # truncated

    first = cli("batch", folder, "--json", "--workers", "2")
    assert first.code == ExitCode.some_failed, first.err
    report = first.json()
    assert BATCH_KEYS <= report.keys()
    assert report["processed"] == len(picked) + 1 and report["failed"] == 1
    assert report["filed"] + report["review"] == len(picked)

    second = cli("batch", folder, "--json")
    again = second.json()
    assert again["filed"] == 0 and again["review"] == 0
    assert again["duplicate"] == len(picked)

    docs = cli("documents", "list", "--json").json()
    assert all(DOC_KEYS <= d.keys() for d in docs)
    broken = [d for d in docs if d["source_name"] == "broken.pdf"]
    assert broken and broken[-1]["status"] == "failed" and broken[-1]["error"]
    assert sorted(d["id"] for d in docs) == sorted({d["id"] for d in docs})

    review = cli("review", "list", "--json")
    assert review.code == 0
    in_review = {d["id"] for d in docs if d["status"] == "review"}
    assert {i["id"] for i in review.json()} == in_review
    assert len(list(folder.iterdir())) == len(picked) + 1, "a batch leaves its folder untouched"


def _pick_samples(manifest: dict, n: int) -> list[str]:
    """A few small, varied samples (by format) so the test stays quick."""
    by_suffix: dict[str, str] = {}
    for entry in sorted(manifest["documents"], key=lambda e: e["file"]):
        by_suffix.setdefault(Path(entry["file"]).suffix, entry["file"])
    return sorted(by_suffix.values())[:n]


def test_batch_needs_existing_folder(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli("batch", tmp_path / "missing")
    assert run.code == ExitCode.usage
    assert "missing" in run.err


def test_unreadable_file_fails_alone(cli, sample_home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "empty.tif").write_bytes(b"")
    (folder / "notes.txt.pdf").write_text("just words, not a PDF")
    run = cli("batch", folder, "--json", "--workers", "1")
    assert run.code == ExitCode.some_failed
    docs = {d["source_name"]: d for d in cli("documents", "list", "--json").json()}
    assert docs["empty.tif"]["status"] == "failed" and "zero" in docs["empty.tif"]["error"]
    assert docs["notes.txt.pdf"]["status"] == "failed"


def test_documents_list_status_filter(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("documents", "list", "--status", "filed", "--json")
    assert run.code == 0 and run.json() == []
    bad = cli("documents", "list", "--status", "lost")
    assert bad.code == ExitCode.usage
