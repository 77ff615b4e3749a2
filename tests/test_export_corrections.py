"""Corrections reach the EHR: a clerk's undo withdraws what was sent (MDM^T11 / entered-in-error) before a
reassignment sends the document again under a new number; a filing a batch delivers as it files."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.export import hl7
from pipeline.review import decisions
from tests.export_kit import MllpReceiver, configure, free_port, validate_bundle, validate_hl7
from tests.test_review_support import JUNK, lab_report, make_pdf, open_store, queue_document, roster_home


def _kinds(messages: list[str]) -> list[tuple[str, str, str]]:
    out = []
    for m in messages:
        segs = hl7.segments(m)
        msh, pid, txa = (hl7.first(segs, n) or [] for n in ("MSH", "PID", "TXA"))
        out.append((hl7.field(msh, 9, 2), hl7.field(pid, 3), hl7.field(txa, 12)))
    return out


def test_undo_and_reassign_withdraw_then_resend(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ehr = MllpReceiver("AA")
    try:
        configure(home, [ehr.url, "fhir+folder:fhir"])
        roster_home(cli, tmp_path)
        doc = queue_document(home, tmp_path / "fax", *JUNK)  # in review: nothing queued for the EHR
        assert ehr.messages == []
        store = open_store(home)
        try:
            decisions.assign(store, doc, "ZZ900001", "clerk1")  # delivered right after the decision
            decisions.undo(store, "clerk1")
            decisions.assign(store, doc, "ZZ900003", "clerk1")
        finally:
            store.close()
        first, *_ = _kinds(ehr.messages)
        renumbered = _kinds(ehr.messages)[2][2]
        assert _kinds(ehr.messages) == [("T02", "ZZ900001", doc), ("T11", "ZZ900001", doc),
                                        ("T02", "ZZ900003", renumbered)]
        assert renumbered.startswith(f"{doc}-") and first[2] == doc
        for m in ehr.messages:
            validate_hl7(m)
        folder = home / "fhir"
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            [f"{doc}.json", f"{doc}.cancel.json", f"{renumbered}.json"])
        cancel = json.loads((folder / f"{doc}.cancel.json").read_text())
        validate_bundle(cancel)
        assert cancel["entry"][0]["resource"]["status"] == "entered-in-error"
        assert cancel["entry"][0]["resource"]["subject"]["identifier"]["value"] == "ZZ900001"
        assert cli("export", "run").code == 0 and len(ehr.messages) == 3
    finally:
        ehr.close()


def test_undo_before_delivery_sends_nothing_to_withdraw(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    port = free_port()  # down while the clerk decides: connection refused, the filing never leaves
    configure(home, [f"mllp://127.0.0.1:{port}"])
    roster_home(cli, tmp_path)
    doc = queue_document(home, tmp_path / "fax", *JUNK)
    store = open_store(home)
    try:
        decisions.assign(store, doc, "ZZ900001", "clerk1")
        decisions.undo(store, "clerk1")
    finally:
        store.close()
    ehr = MllpReceiver("AA", port)
    try:
        assert cli("export", "run").code == 0
        assert ehr.messages == []  # replaced before it left: nothing to send, nothing to withdraw
        [st] = cli("export", "status", "--json").json()
        assert (st["superseded"], st["pending"], st["sent"]) == (1, 0, 0)
    finally:
        ehr.close()


def test_batch_delivers_as_it_files_and_a_rerun_sends_nothing_again(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ehr = MllpReceiver("AA")
    try:
        configure(home, [ehr.url])
        roster_home(cli, tmp_path)
        scans = tmp_path / "scans"
        scans.mkdir()
        make_pdf(scans / "lucia.pdf", lab_report("Lucia Ferreira", "05/17/2001"))
        make_pdf(scans / "priya.pdf", lab_report("Priya Raman", "07/09/1988"))
        make_pdf(scans / "junk.pdf", JUNK[1])
        report = cli("batch", scans, "--workers", "1", "--json").json()
        filed = {d["id"] for d in cli("documents", "list", "--status", "filed", "--json").json()}
        assert report["filed"] == len(filed) == 2
        assert {k[2] for k in _kinds(ehr.messages)} == filed and len(ehr.messages) == 2
        assert cli("batch", scans, "--workers", "1", "--json").code == 0
        assert cli("export", "run").code == 0
        assert len(ehr.messages) == 2
    finally:
        ehr.close()


def test_watch_delivers_as_it_files(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ehr = MllpReceiver("AA")
    try:
        configure(home, [ehr.url], settle_seconds=0.0)
        roster_home(cli, tmp_path)
        inbox = home / "inbox"
        inbox.mkdir()
        make_pdf(inbox / "lucia.pdf", lab_report("Lucia Ferreira", "05/17/2001"))
        run = cli("watch", "--once", "--json", "--workers", "1")
        assert run.code == 0, run.err
        [filed] = cli("documents", "list", "--status", "filed", "--json").json()
        assert [k[2] for k in _kinds(ehr.messages)] == [filed["id"]]
    finally:
        ehr.close()
