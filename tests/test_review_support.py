"""Shared material for the review tests: a small synthetic roster and text-layer PDFs run through a real batch.

(No tests here; the review test modules import these helpers.)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas
from sqlalchemy import update

from pipeline.config import load_config
from pipeline.index.models import Document
from pipeline.index.roster import load_patients
from pipeline.index.scratch import postgres_required, postgres_unreachable, scratch_database
from pipeline.index.store import Store
from pipeline.ingest.files import ingest_file
from pipeline.match.extract import find_identifiers
from pipeline.match.matcher import MatchOptions, match_identifiers
from pipeline.match.roster import Roster
from pipeline.ocr import OcrOptions, read_document
from pipeline.records import Analysis, DocType, TypeResult
from pipeline.route import route
from tests.conftest import write_roster

ROSTER = [
    "ZZ900001,Theodora,Okonkwo,1961-03-04,F,555-201-3344,14 Alder Way,Springfield,IL,62701",
    "ZZ900002,Marcus,Delacroix,1975-11-20,M,555-303-7788,9 Birch Ct,Dayton,OH,45402",
    "ZZ900003,Priya,Raman,1988-07-09,F,555-404-1212,77 Cedar Ln,Austin,TX,73301",
    "ZZ900004,Walter,Brennan-Ames,1949-01-30,M,555-505-9090,3 Dock St,Salem,MA,01970",
    "ZZ900005,Lucia,Ferreira,2001-05-17,F,555-606-4545,51 Elm Row,Tucson,AZ,85701",
]


def make_pdf(path: Path, lines: list[str]) -> Path:
    """A one-page PDF with a real text layer (no OCR needed), deterministic bytes for given lines."""
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    y = 740
    for line in lines:
        c.drawString(72, y, line)
        y -= 16
    c.showPage()
    c.save()
    return path


def lab_report(name: str, dob: str | None, extra: str = "") -> list[str]:
    """The lines of an unmistakable laboratory report about `name` (born `dob`)."""
    lines = ["LABORATORY REPORT", "Riverside Clinical Laboratory", "", f"Patient Name: {name}"]
    if dob:
        lines.append(f"DOB: {dob}")
    return lines + [
        "Collection Date: 01/12/2024", "", "Test            Result     Reference Range",
        "Glucose         98 mg/dL   70-99", "Potassium       4.1 mmol/L 3.5-5.1",
        "Creatinine      0.9 mg/dL  0.6-1.2", "Specimen: serum", extra,
    ]


def junk_fax() -> list[str]:
    """A page with no patient on it and no clear type."""
    return ["FAX", "To: front desk", "Pages: 1", "", "Our office will be closed on Monday.",
            "Please call with any questions."]


# name -> lines, run through a real batch. Each goes to review for a known reason ("patient uncertain").
DOCUMENTS = {
    "a_nickname.pdf": lab_report("Teddie Okonkwo", "03/04/1961"),  # nickname missing from the table
    "b_name_only.pdf": lab_report("Marcus Delacroix", None),  # one identifier only
}
AUTO = {"z_auto.pdf": lab_report("Lucia Ferreira", "05/17/2001")}  # name + DOB agree: filed automatically
# An unsure type guess, given rather than left to the classifier (whose confidence on odd pages moves as it
# learns): "no patient found" and "type uncertain".
UNSURE = TypeResult(DocType.other, 0.3)
JUNK = ("c_junk.pdf", junk_fax())
VAGUE = ("d_vague.pdf", ["Patient Name: Priya Raman", "DOB: 07/09/1988", "", "Please see the attached."])


@contextmanager
def backend_home(backend: str, home: Path, tmp_path: Path) -> Iterator[Path]:
    """`home` on the default SQLite file, or on a private schema of the real PostgreSQL (skipped if absent)."""
    if backend == "sqlite":
        yield home
        return
    reason = postgres_unreachable()
    if reason and postgres_required():
        pytest.fail(f"PostgreSQL is required (DOCINTAKE_REQUIRE_POSTGRES) but unreachable: {reason}")
    if reason:
        pytest.skip(f"PostgreSQL unreachable: {reason}")
    with scratch_database(backend, tmp_path) as url:
        (home / "docintake.toml").write_text(f'database_url = "{url}"\n')
        yield home


def roster_home(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Import the synthetic roster into the CLI's home."""
    assert cli("patients", "import", write_roster(tmp_path / "roster.csv", ROSTER)).code == 0


def run_batch(cli, folder: Path, docs: dict[str, list[str]]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Write the PDFs and run a real batch over them; {file name: document id}."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in docs.items():
        make_pdf(folder / name, lines)
    run = cli("batch", folder, "--workers", "1", "--json")
    assert run.code == 0, run.err
    listed = cli("documents", "list", "--json").json()
    return {d["source_name"]: d["id"] for d in listed if d["source_name"] in docs}


def queue_document(home: Path, folder: Path, name: str, lines: list[str], guess: TypeResult = UNSURE) -> str:
    """One text-layer PDF through the real stages and store (read, identify, match, route, record), with the
    type guess given; returns its document id."""
    folder.mkdir(parents=True, exist_ok=True)
    path = make_pdf(folder / name, lines)
    store = open_store(home)
    try:
        file = ingest_file(path, folder)
        doc_id = store.begin(file, "pipeline")
        ocr = read_document(file.path, OcrOptions.from_config(store.cfg))
        ids = find_identifiers(ocr.pages)
        with store.db.session() as s:
            roster = Roster.from_records(load_patients(s))
        match = match_identifiers(ids, roster, MatchOptions.from_config(store.cfg))
        routing = route(match, guess, store.cfg.type_threshold)
        store.finish(doc_id, Analysis(file=file, ocr=ocr, identifiers=ids, doc_type=guess), match, routing, "pipeline")
        return doc_id
    finally:
        store.close()


def build_queue(cli, home: Path, tmp_path: Path, auto: bool = False) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Roster, then review items a (received 50 h ago), b (5 h) and c (1 h), optionally one filed automatically
    ("auto"); {key: document id}."""
    roster_home(cli, tmp_path)
    ids = run_batch(cli, tmp_path / "scans", {**DOCUMENTS, **(AUTO if auto else {})})
    out = {"a": ids["a_nickname.pdf"], "b": ids["b_name_only.pdf"],
           "c": queue_document(home, tmp_path / "fax", *JUNK)}
    if auto:
        out["auto"] = ids["z_auto.pdf"]
    for key, hours in (("a", 50), ("b", 5), ("c", 1)):
        age_document(home, out[key], hours)
    return out


def age_document(home: Path, doc_id: str, hours: float) -> None:
    """Pretend a document was received `hours` ago (for age filters and stats)."""
    store = Store(load_config(str(home)))
    try:
        with store.db.session() as s:
            when = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=hours)
            s.execute(update(Document).where(Document.id == doc_id).values(received_at=when))
    finally:
        store.close()


def open_store(home: Path) -> Store:
    """The store of a test home (close it after use)."""
    return Store(load_config(str(home)))


class ScriptedTerminal:
    """A Terminal answering from a script; `on_key` may act (as another clerk) before a key is returned."""

    def __init__(self, keys: list[str], on_key=None) -> None:  # type: ignore[no-untyped-def]
        self.keys, self.on_key, self.out = list(keys), on_key, []  # type: ignore[var-annotated]

    def show(self, text: str) -> None:
        self.out.append(text)

    def key(self, prompt: str, default: str) -> str:
        self.out.append(prompt)
        if self.on_key is not None:
            self.on_key(self)
        return (self.keys.pop(0) if self.keys else "q") or default

    def line(self, prompt: str) -> str:
        self.out.append(prompt)
        return self.keys.pop(0) if self.keys else ""

    @property
    def text(self) -> str:
        return "\n".join(self.out)
