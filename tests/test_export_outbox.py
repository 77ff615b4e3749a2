"""The outbox against real destinations: drop folders, a real MLLP listener (AA, AE, dropped connection,
no answer), a real local FHIR endpoint (201, 400 with OperationOutcome, 503), a destination down then back,
and a process killed between send and ACK."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from pipeline.export import hl7
from pipeline.export.models import OutboxEntry
from tests.export_kit import (
    FhirServer,
    MllpReceiver,
    configure,
    file_lab,
    free_port,
    outbox_rows,
    outcome,
    transaction_response,
    validate_bundle,
    validate_hl7,
)
from tests.test_review_support import open_store, roster_home

PEOPLE = [("Lucia Ferreira", "05/17/2001"), ("Priya Raman", "07/09/1988"), ("Theodora Okonkwo", "03/04/1961")]


def _file_all(home: Path, tmp_path: Path, n: int = 3) -> list[str]:
    return [file_lab(home, tmp_path / "scans", f"lab{i}.pdf", *PEOPLE[i % 3], extra=f"ref {i}") for i in range(n)]


@pytest.fixture
def receiver():  # type: ignore[no-untyped-def]
    r = MllpReceiver("AA")
    yield r
    r.close()


def test_folders_get_one_file_per_document_once(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    configure(home, ["fhir+folder:out/fhir", f"hl7+folder:{tmp_path / 'hl7'}"])
    roster_home(cli, tmp_path)
    ids = _file_all(home, tmp_path, 2)
    before = cli("export", "status", "--json").json()
    assert [(d["pending"], d["sent"]) for d in before] == [(2, 0), (2, 0)]  # queued with the filing itself
    assert cli("export", "run").code == 0
    fhir_dir, hl7_dir = home / "out" / "fhir", tmp_path / "hl7"
    assert sorted(p.name for p in fhir_dir.iterdir()) == sorted(f"{i}.json" for i in ids)
    assert sorted(p.name for p in hl7_dir.iterdir()) == sorted(f"{i}.hl7" for i in ids)
    for i in ids:
        validate_bundle((fhir_dir / f"{i}.json").read_bytes())
        validate_hl7((hl7_dir / f"{i}.hl7").read_bytes().decode())
    stamps = {p: p.stat().st_mtime_ns for p in [*fhir_dir.iterdir(), *hl7_dir.iterdir()]}
    again = cli("export", "run", "--json").json()
    assert [d["delivered"] for d in again["destinations"]] == [0, 0]
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps
    assert [(d["pending"], d["sent"], d["failed"]) for d in cli("export", "status", "--json").json()] == [(0, 2, 0)] * 2


def test_mllp_aa_delivers_each_once_in_filing_order(cli, home: Path, tmp_path: Path, receiver: MllpReceiver) -> None:  # type: ignore[no-untyped-def]
    configure(home, [receiver.url])
    roster_home(cli, tmp_path)
    ids = _file_all(home, tmp_path)
    assert cli("export", "run").code == 0
    assert cli("export", "run").code == 0
    numbers = [hl7.field(hl7.first(hl7.segments(m), "TXA") or [], 12) for m in receiver.messages]
    assert numbers == ids
    for m in receiver.messages:
        validate_hl7(m)


def test_mllp_ae_is_a_recorded_failure_until_retried(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    refusing = MllpReceiver("AE")
    try:
        configure(home, [refusing.url])
        roster_home(cli, tmp_path)
        [doc] = _file_all(home, tmp_path, 1)
        run = cli("export", "run")
        assert run.code == 1 and "ACK AE: PID-3 unknown patient" in run.err
        [st] = cli("export", "status", "--json").json()
        assert (st["failed"], st["pending"], st["sent"]) == (1, 0, 0)
        assert st["last_error"] == f"{doc}: ACK AE: PID-3 unknown patient"
        assert cli("export", "run").code == 0  # a refusal is not retried by itself
        assert len(refusing.messages) == 1
        refusing.mode = "AA"
        assert cli("export", "retry", "--all").code == 0
        [st] = cli("export", "status", "--json").json()
        assert (st["failed"], st["sent"]) == (0, 1) and len(refusing.messages) == 2
    finally:
        refusing.close()


@pytest.mark.parametrize("mode", ["drop", "silent", "down"])
def test_unreachable_destination_then_back_delivers_everything_once(
        cli, home: Path, tmp_path: Path, mode: str) -> None:  # type: ignore[no-untyped-def]
    port = free_port()  # "down": nothing listens there, connections are refused
    flaky = MllpReceiver(mode, port) if mode != "down" else None
    try:
        configure(home, [f"mllp://127.0.0.1:{port}"], export_timeout=0.5, export_retry_seconds=60.0)
        roster_home(cli, tmp_path)
        ids = _file_all(home, tmp_path)
        run = cli("export", "run")
        assert run.code == 1
        rows = outbox_rows(home)
        assert [r.status for r in rows] == ["pending"] * 3
        assert rows[0].attempts == 1 and rows[1].attempts == 0  # stopped at the first: filing order kept
        assert rows[0].next_attempt_at.replace(tzinfo=UTC) > datetime.now(UTC) + timedelta(seconds=30)
        assert "127.0.0.1" in (rows[0].last_error or "")
        if mode == "down":
            flaky = MllpReceiver("AA", port)  # back on the same address
        else:
            assert flaky is not None
            flaky.mode = "AA"
        assert cli("export", "run").code == 0
        got = [hl7.field(hl7.first(hl7.segments(m), "TXA") or [], 12) for m in flaky.messages]
        # the first message reached a listener that never answered (drop/silent): sent again, same MSH-10
        assert got == ([ids[0]] if mode != "down" else []) + ids
        assert cli("export", "run").code == 0 and len(flaky.messages) == len(got)
    finally:
        if flaky is not None:
            flaky.close()


def test_delivery_after_filing_waits_out_the_backoff(home: Path, cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pipeline.export.deliver import deliver_after_filing

    flaky = MllpReceiver("drop")
    try:
        configure(home, [flaky.url], export_timeout=0.5, export_retry_seconds=3600.0)
        roster_home(cli, tmp_path)
        _file_all(home, tmp_path, 2)
        store = open_store(home)
        try:
            first = deliver_after_filing(store)
            second = deliver_after_filing(store)  # due_only: the row waits out its backoff, nothing is sent
        finally:
            store.close()
        assert first is not None and first.destinations[0].retried == 1
        assert second is not None and second.destinations[0].retried == 0 and len(flaky.messages) == 1
    finally:
        flaky.close()


def test_crash_between_send_and_ack_resends_at_most_once_and_reports_it(
        cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    silent = MllpReceiver("silent")
    try:
        configure(home, [silent.url], export_timeout=60.0)
        roster_home(cli, tmp_path)
        [doc] = _file_all(home, tmp_path, 1)
        proc = subprocess.Popen([sys.executable, "-m", "pipeline", "--home", str(home), "export", "run"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ})
        try:
            assert silent.received.wait(60), "the exporter never sent"
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        [row] = outbox_rows(home)
        assert row.status == "sending"
        # Until it is stale another exporter leaves it alone (the first may still be waiting for the ACK)...
        assert cli("export", "run").code == 0 and len(silent.messages) == 1
        store = open_store(home)
        try:
            with store.db.session() as s:
                s.execute(update(OutboxEntry).values(sending_since=datetime.now(UTC) - timedelta(hours=1)))
        finally:
            store.close()
        silent.mode = "AA"
        assert cli("export", "run").code == 0
        assert cli("export", "run").code == 0
        assert len(silent.messages) == 2 and silent.messages[0] == silent.messages[1]  # same MSH-10: de-duplicable
        [st] = cli("export", "status", "--json").json()
        assert (st["sent"], st["resent_after_crash"]) == (1, 1)
        assert hl7.field(hl7.first(hl7.segments(silent.messages[1]), "TXA") or [], 12) == doc
    finally:
        silent.close()


def test_fhir_server_201_400_503(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    answers = [outcome(503, "busy"), outcome(400, "DocumentReference.subject: unknown patient"), transaction_response]
    server = FhirServer(lambda body: answers[0](body))
    try:
        configure(home, [server.url], export_timeout=5.0)
        roster_home(cli, tmp_path)
        [doc] = _file_all(home, tmp_path, 1)
        run = cli("export", "run")
        assert run.code == 1 and "HTTP 503" in run.err
        assert [r.status for r in outbox_rows(home)] == ["pending"]
        answers.pop(0)
        run = cli("export", "run")
        assert run.code == 1
        [st] = cli("export", "status", "--json").json()
        assert st["failed"] == 1 and "HTTP 400: error processing: DocumentReference.subject: unknown patient" in st["last_error"]
        answers.pop(0)
        assert cli("export", "retry", doc).code == 0
        assert [r.status for r in outbox_rows(home)] == ["sent"]
        assert len(server.bodies) == 3 and server.bodies[0] == server.bodies[2]  # the same idempotent Bundle
        validate_bundle(server.bodies[2])
        ref = server.bodies[2]["entry"][1]
        assert ref["request"]["ifNoneExist"] == f"identifier=urn:docintake:document|{doc}"
    finally:
        server.close()


def test_transaction_response_with_a_failed_entry_is_a_refusal(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def respond(body: dict) -> tuple[int, dict]:
        return 200, {"resourceType": "Bundle", "type": "transaction-response", "entry": [
            {"response": {"status": "201 Created"}},
            {"response": {"status": "422 Unprocessable Entity", "outcome": {
                "resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": "invalid",
                                                               "diagnostics": "type not allowed"}]}}}]}

    server = FhirServer(respond)
    try:
        configure(home, [server.url])
        roster_home(cli, tmp_path)
        _file_all(home, tmp_path, 1)
        assert cli("export", "run").code == 1
        [row] = outbox_rows(home)
        assert row.status == "failed" and "type not allowed" in (row.last_error or "")
    finally:
        server.close()


def test_status_without_destinations_and_bad_destination_config(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli("export", "run")
    assert run.code == 2 and "no destinations configured" in run.err
    (home / "docintake.toml").write_text('export_to = ["ftp://x"]\n')
    run = cli("export", "status")
    assert run.code == 3 and "not a destination docintake knows" in run.err
    (home / "docintake.toml").write_text('export_to = "mllp://x:1"\n')  # a string, not a list
    assert cli("export", "status").code == 3


def test_a_database_failing_mid_run_is_a_message_not_a_traceback(cli, home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.exc import OperationalError

    import pipeline.export.deliver as deliver_module

    def down(*args: object, **kwargs: object) -> None:
        raise OperationalError("UPDATE export_outbox ...", {}, ConnectionError("server closed the connection"))

    configure(home, ["hl7+folder:out"])
    monkeypatch.setattr(deliver_module, "deliver", down)
    run = cli("export", "run")
    assert run.code == 7 and "the database failed during the export" in run.err and "Traceback" not in run.err


def test_a_destination_added_later_gets_the_filed_documents_once(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    configure(home, ["hl7+folder:first"])
    roster_home(cli, tmp_path)
    ids = _file_all(home, tmp_path, 2)
    assert cli("export", "run").code == 0
    configure(home, ["hl7+folder:first", "fhir+folder:second"])
    assert cli("export", "queue", "--all", "--json").json() == {"queued": 2}
    assert cli("export", "queue", "--all", "--json").json() == {"queued": 0}  # queued ones are left alone
    assert cli("export", "run").code == 0
    assert sorted(p.name for p in (home / "second").iterdir()) == sorted(f"{i}.json" for i in ids)
    assert len(list((home / "first").iterdir())) == 2
