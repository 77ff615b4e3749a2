"""Sending one message to one destination: a drop folder, an MLLP socket, or a FHIR server over HTTP.

Each sender returns a Sent value: delivered, rejected (the receiver said no: recorded, not retried), or
retry (unreachable, timed out, busy: tried again later). None raises for an outside fault.
"""

from __future__ import annotations

import functools
import json
import logging
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from pipeline.export import hl7
from pipeline.index.files import atomic_write

log = logging.getLogger(__name__)

START, END = b"\x0b", b"\x1c\x0d"
_MAX_ACK = 1 << 20


class SendOutcome(StrEnum):
    """What a destination did with a message."""

    delivered = "delivered"
    rejected = "rejected"
    retry = "retry"


@dataclass(frozen=True)
class Sent:
    """The outcome of one send and the receiver's words (ACK text, OperationOutcome, OS error)."""

    outcome: SendOutcome
    detail: str = ""
    handed_over: bool = True  # False when the message certainly never reached the receiver (refused, unwritten)


def write_file(folder: Path, name: str, data: bytes) -> Sent:
    """Write one message into a drop folder atomically (a hidden .tmp- name, fsync, rename; mode 0600)."""
    try:
        atomic_write(folder / name, data)
    except OSError as exc:
        return Sent(SendOutcome.retry, f"cannot write {folder / name}: {exc.strerror}", handed_over=False)
    return Sent(SendOutcome.delivered, str(folder / name))


# -- MLLP ------------------------------------------------------------------------------------------------

def frame(message: str) -> bytes:
    """An HL7 message in MLLP framing."""
    return START + message.encode("utf-8") + END


def read_frame(sock: socket.socket, limit: int = _MAX_ACK) -> bytes | None:
    """Read one MLLP frame's payload; None when the peer closed the connection first."""
    buf = b""
    while END not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buf += chunk
        if len(buf) > limit:
            raise ValueError(f"an MLLP frame longer than {limit} bytes")
    start = buf.find(START)
    return buf[start + 1 if start >= 0 else 0: buf.find(END)]


def send_mllp(host: str, port: int, message: str, timeout: float) -> Sent:
    """Send one message and wait for its ACK: AA delivered; AE/AR rejected with the ACK's text;
    refused, dropped, timed out or an ACK for another message: retry."""
    ctrl = hl7.field(hl7.first(hl7.segments(message[:2048]), "MSH") or [], 10)
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except OSError as exc:
        return Sent(SendOutcome.retry, f"{host}:{port}: {exc.strerror or exc}", handed_over=False)
    try:
        with sock:
            sock.settimeout(timeout)
            sock.sendall(frame(message))
            payload = read_frame(sock)
    except TimeoutError:
        return Sent(SendOutcome.retry, f"no ACK from {host}:{port} within {timeout:g} s")
    except (OSError, ValueError) as exc:
        return Sent(SendOutcome.retry, f"{host}:{port}: {getattr(exc, 'strerror', None) or exc}")
    if payload is None:
        return Sent(SendOutcome.retry, f"{host}:{port} closed the connection without an ACK")
    ack = hl7.parse_ack(payload.decode("utf-8", errors="replace"))
    if ack is None or ack.control_id != ctrl:
        return Sent(SendOutcome.retry, f"{host}:{port} answered with something that is not this message's ACK")
    if ack.accepted:
        return Sent(SendOutcome.delivered, f"{ack.code} {ack.text}".strip())
    return Sent(SendOutcome.rejected, f"ACK {ack.code}: {ack.text or '(no text)'}")


# -- FHIR over HTTP --------------------------------------------------------------------------------------

_RETRY_STATUS = {408, 425, 429}


def _outcome_text(body: bytes) -> str:
    """The diagnostics of an OperationOutcome (or of a Bundle's failed entries), else the body's start."""
    try:
        doc = json.loads(body or b"{}")
    except ValueError:
        return body[:200].decode("utf-8", errors="replace")
    return "; ".join(_issues(doc)) or body[:200].decode("utf-8", errors="replace")


def _issues(doc: Any) -> list[str]:
    if not isinstance(doc, dict):
        return []
    if doc.get("resourceType") == "OperationOutcome":
        return [f"{i.get('severity', '')} {i.get('code', '')}: {i.get('diagnostics') or (i.get('details') or {}).get('text', '')}".strip()
                for i in doc.get("issue") or [] if isinstance(i, dict)]
    out: list[str] = []
    for entry in doc.get("entry") or []:
        response = entry.get("response") or {} if isinstance(entry, dict) else {}
        if not str(response.get("status", "2")).startswith("2"):
            out.append(f"entry {response.get('status')}")
            out.extend(_issues(response.get("outcome")))
    return out


def _bundle_failed(body: bytes) -> str:
    try:
        doc = json.loads(body or b"{}")
    except ValueError:
        return ""
    return "; ".join(_issues(doc)) if isinstance(doc, dict) and doc.get("resourceType") == "Bundle" else ""


@functools.lru_cache(maxsize=8)
def tls_context(ca_bundle: str | None, verify: bool = True) -> ssl.SSLContext:
    """The TLS settings of https:// destinations: the system's CAs or `ca_bundle`'s, checked unless `verify`
    is off (made once per process and setting)."""
    context = ssl.create_default_context(cafile=ca_bundle)
    if not verify:
        log.warning("export_tls_verify is off: https:// FHIR servers are not authenticated")
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


def post_bundle(base_url: str, bundle: bytes, timeout: float, tls: ssl.SSLContext | None = None) -> Sent:
    """POST a transaction Bundle to a FHIR base URL: 2xx delivered; 4xx rejected with the OperationOutcome;
    5xx, 408, 429, refused, timed out or an untrusted certificate: retry."""
    request = urllib.request.Request(base_url, data=bundle, method="POST", headers={
        "Content-Type": "application/fhir+json", "Accept": "application/fhir+json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=tls) as response:  # noqa: S310 - configured URL
            body = response.read()
    except urllib.error.HTTPError as exc:
        text = f"HTTP {exc.code}: {_outcome_text(exc.read())}"
        retry = exc.code >= 500 or exc.code in _RETRY_STATUS
        return Sent(SendOutcome.retry if retry else SendOutcome.rejected, text)
    except TimeoutError:
        return Sent(SendOutcome.retry, f"no answer from {base_url} within {timeout:g} s")
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, ssl.SSLCertVerificationError):  # the handshake failed: nothing was sent
            return Sent(SendOutcome.retry, f"{base_url}: certificate not trusted ({reason.verify_message}); "
                        "set export_ca_bundle to the server's CA", handed_over=False)
        refused = isinstance(reason, ConnectionRefusedError | socket.gaierror)
        return Sent(SendOutcome.retry, f"{base_url}: {getattr(reason, 'strerror', None) or reason}",
                    handed_over=not refused)
    failed = _bundle_failed(body)
    if failed:
        return Sent(SendOutcome.rejected, f"transaction refused: {failed}")
    return Sent(SendOutcome.delivered, f"HTTP {response.status}")
