"""Shared material for the export tests: filed documents, a real MLLP receiver, a real FHIR endpoint, and
validation with the real libraries (hl7apy strict v2.5.1, fhir.resources R4B). No tests here."""

from __future__ import annotations

import base64
import io
import json
import socket
import ssl
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pypdfium2
from fhir.resources.R4B.bundle import Bundle
from hl7apy.consts import VALIDATION_LEVEL
from hl7apy.parser import parse_message
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas
from sqlalchemy import select

from pipeline.export import hl7
from pipeline.export.models import OutboxEntry
from pipeline.export.transport import END, START
from pipeline.records import DocType, TypeResult
from tests.test_review_support import lab_report, open_store, queue_document

LAB = TypeResult(DocType.lab_result, 0.99)


def outbox_rows(home: Path) -> list[OutboxEntry]:
    """The store's outbox entries, oldest first."""
    store = open_store(home)
    try:
        with store.db.read() as s:
            return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.id)))
    finally:
        store.close()


def pdf_pages(data: bytes) -> int:
    """The page count of a PDF given as bytes."""
    pdf = pypdfium2.PdfDocument(io.BytesIO(data))
    try:
        return len(pdf)
    finally:
        pdf.close()


def make_pages_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A text-layer PDF with one page per list of lines (deterministic bytes)."""
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    for lines in pages:
        y = 740
        for line in lines:
            c.drawString(72, y, line)
            y -= 16
        c.showPage()
    c.save()
    return path


def file_lab(home: Path, folder: Path, name: str, patient: str, dob: str, extra: str = "") -> str:
    """One lab report about a roster patient, read and filed automatically through the real stages; its id."""
    return queue_document(home, folder, name, lab_report(patient, dob, extra), LAB)


def validate_hl7(message: str) -> Any:
    """Parse `message` with hl7apy's strict v2.5.1 validation; only OBX-5's embedded data may be long, so it is
    swapped for a short stand-in first. Returns the parsed message."""
    short = "\r".join(_short_obx(seg) for seg in message.split("\r") if seg)
    parsed = parse_message(short, validation_level=VALIDATION_LEVEL.STRICT, find_groups=True)
    parsed.validate()
    return parsed


def _short_obx(seg: str) -> str:
    if not seg.startswith("OBX|") or "^Base64^" not in seg:
        return seg
    head, tail = seg.split("^Base64^", 1)
    rest = tail.split("|", 1)
    return f"{head}^Base64^QUJD" + (f"|{rest[1]}" if len(rest) > 1 else "")


def hl7_pdf(message: str) -> bytes:
    """The PDF embedded in an MDM message's OBX-5."""
    obx = hl7.first(hl7.segments(message), "OBX")
    assert obx is not None
    return base64.b64decode(obx[5].split("^Base64^", 1)[1])


def validate_bundle(data: bytes | str | dict) -> Bundle:
    """The Bundle parsed and validated with fhir.resources' R4B models."""
    doc = data if isinstance(data, dict) else json.loads(data)
    return Bundle.model_validate(doc)


def bundle_pdf(bundle: dict) -> bytes:
    """The PDF in a Bundle (its Binary, or the attachment's inline data)."""
    for entry in bundle["entry"]:
        res = entry["resource"]
        if res["resourceType"] == "Binary":
            return base64.b64decode(res["data"])
    ref = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "DocumentReference")
    return base64.b64decode(ref["content"][0]["attachment"]["data"])


def free_port() -> int:
    """A local port nothing listens on (bound once, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MllpReceiver:
    """A real MLLP listener on 127.0.0.1: records each message and answers by `mode`:
    AA, AE (with a text), drop (close without an ACK) or silent (keep the connection, never answer)."""

    def __init__(self, mode: str = "AA", port: int = 0) -> None:
        self.mode = mode
        self.messages: list[str] = []
        self.received = threading.Event()
        self._sock = socket.create_server(("127.0.0.1", port))
        self.port = self._sock.getsockname()[1]
        self._stop = False
        self._open: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        """The destination string for export_to."""
        return f"mllp://127.0.0.1:{self.port}"

    def _serve(self) -> None:
        while not self._stop:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        buf = b""
        self._open.append(conn)
        with conn:
            while True:
                try:
                    chunk = conn.recv(65536)
                except OSError:
                    return
                if not chunk:
                    return
                buf += chunk
                while END in buf:
                    raw, buf = buf.split(END, 1)
                    self._answer(conn, raw.lstrip(START).decode("utf-8"))
                    if self.mode in ("drop",):
                        return

    def _answer(self, conn: socket.socket, message: str) -> None:
        self.messages.append(message)
        self.received.set()
        if self.mode == "AA":
            conn.sendall(START + hl7.ack_for(message, "AA").encode() + END)
        elif self.mode == "AE":
            conn.sendall(START + hl7.ack_for(message, "AE", "PID-3 unknown patient").encode() + END)

    def close(self) -> None:
        """Stop listening and close open connections."""
        self._stop = True
        try:
            self._sock.shutdown(socket.SHUT_RDWR)  # wakes the accept() in the serving thread
        except OSError:
            pass
        self._sock.close()
        self._thread.join(5)
        for conn in self._open:
            try:
                conn.close()
            except OSError:
                pass


class FhirServer:
    """A real local HTTP endpoint: records each POSTed body and answers with `respond(body) -> (status, json)`;
    HTTPS when given a server-side TLS context."""

    def __init__(self, respond: Callable[[dict], tuple[int, dict]], tls: ssl.SSLContext | None = None,
                 port: int = 0) -> None:
        self.respond = respond
        self.bodies: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server hook name
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length))
                server.bodies.append(body)
                status, answer = server.respond(body)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/fhir+json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        if tls is not None:  # the handshake happens on accept(); a client refusing the certificate is dropped
            self._httpd.socket = tls.wrap_socket(self._httpd.socket, server_side=True)
        scheme = "https" if tls is not None else "http"
        self.url = f"{scheme}://127.0.0.1:{self._httpd.server_address[1]}/fhir"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        """Stop the server."""
        self._httpd.shutdown()
        self._httpd.server_close()


def transaction_response(body: dict) -> tuple[int, dict]:
    """A FHIR server's 200 answer to a transaction: one 201 per entry."""
    return 200, {"resourceType": "Bundle", "type": "transaction-response",
                 "entry": [{"response": {"status": "201 Created"}} for _ in body.get("entry", [])]}


def outcome(status: int, text: str) -> Callable[[dict], tuple[int, dict]]:
    """A server answering `status` with an OperationOutcome saying `text`."""
    return lambda body: (status, {"resourceType": "OperationOutcome",
                                  "issue": [{"severity": "error", "code": "processing", "diagnostics": text}]})


def configure(home: Path, destinations: list[str], **extra: Any) -> None:
    """Write docintake.toml with export_to (and other settings) into a test home (database_url is kept)."""
    path = home / "docintake.toml"
    kept = [ln for ln in (path.read_text().splitlines() if path.exists() else []) if ln.startswith("database_url")]
    lines = [*kept, f"export_to = {json.dumps(destinations)}"]
    lines += [f"{k} = {json.dumps(v)}" for k, v in extra.items()]
    path.write_text("\n".join(lines) + "\n")
