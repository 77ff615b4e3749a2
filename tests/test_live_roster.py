"""Live roster: a roster version in the database, checked before each document, and incremental reloads."""

from __future__ import annotations

import io
import threading
from datetime import date
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas
from sqlalchemy import update

from pipeline.config import load_config
from pipeline.drivers.watch import Watcher, WatchOptions
from pipeline.index.live_roster import LiveRoster, changed_since, roster_version
from pipeline.index.models import Patient
from pipeline.index.roster import add_alias, upsert_patients
from pipeline.index.scratch import postgres_required, postgres_schema, postgres_unreachable
from pipeline.index.store import Store
from pipeline.records import PatientRecord
from tests.test_watch_kit import drop, make_home, wait_for

JANE = PatientRecord(mrn="MRN1961034", first_name="JANE", last_name="OKAFOR", dob=date(1961, 3, 4), sex="F")


def lab_pdf() -> bytes:
    """A text-layer lab report about JANE (name and date of birth: enough to file)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(612, 792), invariant=1)
    for i, line in enumerate(("LABORATORY REPORT", "Patient: OKAFOR, JANE   DOB: 03/04/1961",
                              "Specimen collected 01/02/2024. Hemoglobin A1c 6.1 %.", "Comment: result reviewed.")):
        pdf.drawString(72, 720 - 16 * i, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _people(n: int) -> list[PatientRecord]:
    return [PatientRecord(mrn=f"M{i:05d}", first_name="ANN", last_name=f"SMITH{i}", dob=date(1950, 1, 1 + i % 28))
            for i in range(n)]


def _check_versions_and_reloads(store: Store) -> None:
    with store.db.session() as s:
        upsert_patients(s, _people(3))
    live = LiveRoster(store.db)
    index = live.roster
    assert len(index) == 3 and live.current() is index
    start = live.version
    with store.db.session() as s:
        upsert_patients(s, [JANE])
    assert live.current() is index and "MRN1961034" in index and live.version > start
    with store.db.session() as s:
        add_alias(s, "MRN1961034", "JANIE", "DOE", None)
    assert live.current().get("MRN1961034").aliases == (("JANIE", "DOE"),)  # type: ignore[union-attr]
    with store.db.session() as s:
        s.execute(update(Patient).where(Patient.mrn == "M00001").values(active=False, replaced_by="M00002"))
    assert "M00001" not in live.current() and len(index) == 3  # a retired record leaves the index
    with store.db.session() as s:
        before = roster_version(s)
        upsert_patients(s, [JANE])  # unchanged: no write, no new version
        assert roster_version(s) == before
        assert changed_since(s, start) == (before, {"MRN1961034", "M00001"})


def test_imports_aliases_and_retirements_reach_a_held_index_incrementally(home: Path) -> None:
    store = Store(load_config(str(home)))
    try:
        _check_versions_and_reloads(store)
    finally:
        store.close()


@pytest.mark.postgres
def test_the_roster_version_on_postgresql(home: Path) -> None:
    if not postgres_required() and postgres_unreachable():
        pytest.skip(f"PostgreSQL unreachable: {postgres_unreachable()}")
    with postgres_schema() as url:
        (home / "docintake.toml").write_text(f'database_url = "{url}"\n')
        store = Store(load_config(str(home)))
        try:
            _check_versions_and_reloads(store)
            with store.db.session() as s:
                before = roster_version(s)
                upsert_patients(s, _people(40)[3:])  # 37 rows in one INSERT
                after = roster_version(s)
                assert after > before and changed_since(s, before)[1] == {f"M{i:05d}" for i in range(3, 40)}
        finally:
            store.close()


def test_a_watcher_started_before_a_patient_is_imported_files_that_patients_document(tmp_path: Path) -> None:
    """Acceptance (issue 16): no restart between the import and the document."""
    home = make_home(tmp_path)
    cfg = load_config(str(home))
    store = Store(cfg)
    watcher = Watcher(cfg, store, "tester", options=WatchOptions(settle_seconds=0.1, workers=1, tick=0.05))
    thread = threading.Thread(target=watcher.run)
    thread.start()
    try:
        assert watcher.started.wait(30)
        other = Store(cfg)  # the import comes from another connection, as `patients import` would
        with other.db.session() as s:
            upsert_patients(s, [JANE, *_people(5)])
        other.close()
        drop(cfg.inbox_path, "lab.pdf", lab_pdf())
        [doc] = wait_for(lambda: [d for d in store.list_documents() if d["status"] != "processing"], 30,
                         what="the document to be recorded")
    finally:
        watcher.request_stop()
        thread.join(60)
    assert doc["patient_mrn"] == "MRN1961034" and doc["status"] == "filed", doc
    store.close()
