"""FHIR REST answers the outbox tests do not cover elsewhere: a plain 201, a server slower than
export_timeout (retried, then delivered; the conditional create makes the resend harmless), and a server
down (connection refused) for a while then back on its address: everything pending delivered once."""

from __future__ import annotations

import threading
from pathlib import Path

from tests.export_kit import (
    FhirServer,
    configure,
    file_lab,
    free_port,
    outbox_rows,
    transaction_response,
    validate_bundle,
)
from tests.test_review_support import roster_home

PEOPLE = [("Lucia Ferreira", "05/17/2001"), ("Priya Raman", "07/09/1988"), ("Theodora Okonkwo", "03/04/1961")]


def _file(cli, home: Path, tmp_path: Path, n: int) -> list[str]:  # type: ignore[no-untyped-def]
    roster_home(cli, tmp_path)
    return [file_lab(home, tmp_path / "scans", f"lab{i}.pdf", *PEOPLE[i], extra=f"ref {i}") for i in range(n)]


def _identifiers(bodies: list[dict]) -> list[str]:
    refs = [next(e["resource"] for e in b["entry"] if e["resource"]["resourceType"] == "DocumentReference")
            for b in bodies]
    return [r["identifier"][0]["value"] for r in refs]


def test_a_201_created_is_delivered(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    server = FhirServer(lambda body: (201, {"resourceType": "DocumentReference", "id": "1"}))
    try:
        configure(home, [server.url], export_timeout=5.0)
        [doc] = _file(cli, home, tmp_path, 1)
        assert cli("export", "run").code == 0
        assert [(r.document_id, r.status) for r in outbox_rows(home)] == [(doc, "sent")]
        validate_bundle(server.bodies[0])
    finally:
        server.close()


def test_a_server_slower_than_the_timeout_is_retried_then_delivered(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()

    def respond(body: dict) -> tuple[int, dict]:
        release.wait(10)  # the first request outlives export_timeout; later ones are answered at once
        return transaction_response(body)

    server = FhirServer(respond)
    try:
        configure(home, [server.url], export_timeout=1.0, export_retry_seconds=60.0)
        [doc] = _file(cli, home, tmp_path, 1)
        run = cli("export", "run")
        assert run.code == 1 and "no answer from" in run.err and "within 1 s" in run.err
        [row] = outbox_rows(home)
        assert (row.status, row.attempts, row.handed_over) == ("pending", 1, 1)  # it may have arrived
        release.set()
        assert cli("export", "run").code == 0 and cli("export", "run").code == 0
        assert [r.status for r in outbox_rows(home)] == ["sent"]
        # sent twice, the same Bundle: its conditional create (ifNoneExist on the identifier) makes one resource
        assert len(server.bodies) == 2 and server.bodies[0] == server.bodies[1]
        assert _identifiers(server.bodies) == [doc, doc]
    finally:
        release.set()
        server.close()


def test_a_server_down_then_back_gets_everything_pending_once(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    port = free_port()  # nothing listens: refused
    configure(home, [f"http://127.0.0.1:{port}/fhir"], export_timeout=2.0, export_retry_seconds=60.0)
    ids = _file(cli, home, tmp_path, 3)
    run = cli("export", "run")
    assert run.code == 1
    rows = outbox_rows(home)
    assert [(r.status, r.attempts, r.handed_over) for r in rows] == [("pending", 1, 0), ("pending", 0, 0),
                                                                   ("pending", 0, 0)]
    server = FhirServer(transaction_response, port=port)
    try:
        assert cli("export", "run").code == 0 and cli("export", "run").code == 0
        assert _identifiers(server.bodies) == ids  # each once, in filing order
        assert [r.status for r in outbox_rows(home)] == ["sent"] * 3
    finally:
        server.close()
