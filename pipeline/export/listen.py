"""`docintake listen --mllp HOST:PORT`: receive ADT over MLLP and apply each message to the roster.

Each message is applied in its own transaction, one at a time, and answered: AA once applied; AE with
the reason when docintake cannot apply it (another message type, a bad date, a merge into an unknown
record) or when the database is unreachable (the sender resends; applying a message twice changes nothing).
"""

from __future__ import annotations

import logging
import re
import socket
import socketserver
import threading
from dataclasses import dataclass

from sqlalchemy.exc import SQLAlchemyError

from pipeline.errors import DocintakeError, InputFileError
from pipeline.export import hl7
from pipeline.export.transport import frame, read_frame
from pipeline.index.store import Store
from pipeline.match.roster_adt import AdtError, parse_adt

log = logging.getLogger(__name__)

_MAX_MESSAGE = 16 << 20
_QUOTED = re.compile(r"'[^']*'")


@dataclass(frozen=True)
class Applied:
    """What one message did: the ACK code and text."""

    code: str
    text: str
    event: str = ""


def parse_address(text: str) -> tuple[str, int]:
    """HOST:PORT for --mllp, or InputFileError saying what is wrong."""
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        raise InputFileError(f"--mllp {text!r} is not HOST:PORT (a port from 1 to 65535)")
    return host or "0.0.0.0", int(port)


def apply_message(store: Store, message: str, user: str) -> Applied:
    """Apply one ADT message (roster upsert, then merges; exports corrected) and say how to answer."""
    from pipeline.export.deliver import deliver_after_filing
    from pipeline.index.merge import apply_merges
    from pipeline.index.roster import upsert_patients

    try:
        parsed = parse_adt(message)
    except AdtError as exc:
        return Applied("AE", str(exc))
    try:
        with store.db.session() as s:
            upsert_patients(s, list(parsed.records))
        apply_merges(store, parsed.merges, user)
    except DocintakeError as exc:
        return Applied("AE", exc.message, parsed.event)
    except SQLAlchemyError as exc:
        log.warning("ADT %s not applied: the database failed (%s)", parsed.control_id, type(exc).__name__)
        return Applied("AE", "the database is unavailable; send the message again later", parsed.event)
    if parsed.merges:
        deliver_after_filing(store)
    return Applied("AA", "", parsed.event)


class _Handler(socketserver.BaseRequestHandler):
    server: Listener

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(None)
        while True:
            try:
                payload = read_frame(sock, _MAX_MESSAGE)
            except (OSError, ValueError) as exc:
                log.warning("MLLP connection dropped: %s", exc)
                return
            if payload is None:
                return
            message = payload.decode("utf-8", errors="replace")
            answer = self.server.answer(message)
            try:
                sock.sendall(frame(answer))
            except OSError:
                return


class Listener(socketserver.ThreadingTCPServer):
    """A threaded MLLP server whose messages are applied one at a time."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], store: Store, user: str) -> None:
        super().__init__(address, _Handler)
        self.store = store
        self.user = user
        self.counts = {"AA": 0, "AE": 0}
        self._lock = threading.Lock()

    def answer(self, message: str) -> str:
        """Apply one message and build its ACK."""
        with self._lock:
            applied = apply_message(self.store, message, self.user)
            self.counts[applied.code] = self.counts.get(applied.code, 0) + 1
        ctrl = hl7.field(hl7.first(hl7.segments(message[:4096]), "MSH") or [], 10)
        if applied.code == "AA":
            log.info("ADT %s (%s) applied", ctrl, applied.event)
        else:
            log.warning("ADT %s refused: %s", ctrl, _QUOTED.sub("'...'", applied.text))  # values may be PHI
        return hl7.ack_for(message, applied.code, applied.text)


