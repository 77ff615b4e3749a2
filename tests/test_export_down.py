"""A destination that hangs or is down never holds up filing: a batch costs it one attempt (one
export_timeout) per backoff period, not one per document, while a working destination gets every document
as it is filed; a watcher with nothing new to file delivers what waited once the destination is back."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from sqlalchemy import select

from pipeline.config import load_config
from pipeline.drivers.watch import Watcher, WatchOptions
from pipeline.export import hl7
from pipeline.export.models import OutboxEntry
from pipeline.index.store import Store
from tests.export_kit import MllpReceiver, configure, free_port, validate_hl7
from tests.test_review_support import lab_report, make_pdf, roster_home
from tests.test_watch_kit import wait_for

PEOPLE = [("Lucia Ferreira", "05/17/2001"), ("Priya Raman", "07/09/1988"), ("Theodora Okonkwo", "03/04/1961"),
          ("Marcus Delacroix", "11/20/1975"), ("Walter Brennan-Ames", "01/30/1949")]


def _rows(cfg_home: Path) -> list[OutboxEntry]:
    store = Store(load_config(str(cfg_home)))
    try:
        with store.db.read() as s:
            return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.id)))
    finally:
        store.close()


def _numbers(messages: list[str]) -> list[str]:
    return [hl7.field(hl7.first(hl7.segments(m), "TXA") or [], 12) for m in messages]


def test_a_hanging_destination_costs_a_batch_one_attempt(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    hung = MllpReceiver("silent")  # accepts, reads, never answers: each attempt waits the whole timeout
    try:
        configure(home, [hung.url, "hl7+folder:out"], export_timeout=2.0, export_retry_seconds=300.0)
        roster_home(cli, tmp_path)
        scans = tmp_path / "scans"
        scans.mkdir()
        for i, person in enumerate(PEOPLE):
            make_pdf(scans / f"lab{i}.pdf", lab_report(*person, extra=f"ref {i}"))
        started = time.monotonic()
        report = cli("batch", scans, "--workers", "1", "--json").json()
        seconds = time.monotonic() - started
        filed = [d["id"] for d in cli("documents", "list", "--status", "filed", "--json").json()]
        assert report["filed"] == len(filed) == len(PEOPLE)
        assert len(hung.messages) == 1  # the first filing tried it once; the later ones left it to its backoff
        rows = [r for r in _rows(home) if r.destination == hung.url]
        assert sum(r.attempts for r in rows) == 1 and {r.status for r in rows} == {"pending"}
        # the other destination got every document as it was filed, unaffected
        assert sorted(p.name for p in (home / "out").iterdir()) == sorted(f"{i}.hl7" for i in filed)
        assert seconds < 60, f"the batch took {seconds:.0f} s"
        hung.mode = "AA"
        assert cli("export", "run").code == 0
        # the first message was sent again (its ACK never came), the rest once each, in filing order
        assert sorted(_numbers(hung.messages)) == sorted([_numbers(hung.messages)[0], *filed])
        assert _numbers(hung.messages)[1:] == [r.document_number for r in rows]
        for message in hung.messages:
            validate_hl7(message)
        assert cli("export", "run").code == 0 and len(hung.messages) == len(PEOPLE) + 1
    finally:
        hung.close()


def test_an_idle_watcher_delivers_once_the_destination_is_back(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    port = free_port()  # down: connections refused
    configure(home, [f"mllp://127.0.0.1:{port}"], export_timeout=2.0, export_retry_seconds=0.5)
    roster_home(cli, tmp_path)
    cfg = load_config(str(home))
    store = Store(cfg)
    options = WatchOptions(settle_seconds=0.2, rescan_seconds=0.5, workers=1, tick=0.05)
    watcher = Watcher(cfg, store, "tester", options=options)
    thread = threading.Thread(target=watcher.run)
    thread.start()
    ehr = None
    try:
        assert watcher.started.wait(30)
        make_pdf(cfg.inbox_path / "lucia.pdf", lab_report(*PEOPLE[0]))
        [doc] = wait_for(lambda: [d for d in store.list_documents() if d["status"] == "filed"], 60,
                         what="the document to be filed")
        wait_for(lambda: _rows(home)[0].attempts >= 1, 30, what="a first delivery attempt")
        assert _rows(home)[0].status == "pending"
        ehr = MllpReceiver("AA", port)  # back; nothing new arrives in the inbox
        wait_for(lambda: ehr is not None and ehr.messages, 30, what="the pending document to be delivered")
        time.sleep(1.5)  # more rescans: nothing is sent twice
        assert _numbers(ehr.messages) == [doc["id"]]
        assert [r.status for r in _rows(home)] == ["sent"]
    finally:
        watcher.request_stop()
        thread.join(60)
        store.close()
        if ehr is not None:
            ehr.close()
    assert not thread.is_alive()
