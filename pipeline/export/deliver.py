"""Delivering the outbox: each destination's rows in filing order, each answer recorded as it comes.

A destination that cannot be reached stops there (its later rows wait, so the EHR sees documents in
filing order) until its backoff has passed; a refusal is recorded and the next row goes.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from pipeline.errors import DocintakeError
from pipeline.export import fhir, hl7, outbox
from pipeline.export.content import ExportDocument, Settings, load_document
from pipeline.export.destinations import Destination, DestinationKind, parse_destinations
from pipeline.export.models import OutboxAction, OutboxEntry, OutboxStatus
from pipeline.export.transport import SendOutcome, Sent, post_bundle, send_mllp, tls_context, write_file
from pipeline.index.store import Store

log = logging.getLogger(__name__)


@dataclass
class DestinationRun:
    """What one run did for one destination."""

    destination: str
    delivered: int = 0
    rejected: int = 0
    retried: int = 0
    errors: list[str] = field(default_factory=list)  # document id and the receiver's words, no patient data


@dataclass
class RunReport:
    """What `export run` (or a delivery after filing) did, per destination."""

    destinations: list[DestinationRun]

    @property
    def ok(self) -> bool:
        """True when nothing was refused and no destination had to be retried."""
        return all(not d.rejected and not d.retried for d in self.destinations)

    def as_json(self) -> dict[str, Any]:
        """The report as JSON."""
        return {"ok": self.ok, "destinations": [vars(d) for d in self.destinations]}


def render(doc: ExportDocument, action: str, dest_format: str, settings: Settings) -> bytes:
    """The bytes of one message: a FHIR Bundle or an HL7 MDM message."""
    cancel = action == OutboxAction.cancel.value
    if dest_format == "fhir":
        bundle = fhir.cancel_bundle(doc, settings) if cancel else fhir.document_bundle(doc, settings)
        return fhir.to_json(bundle)
    return (hl7.mdm_t11(doc, settings) if cancel else hl7.mdm_t02(doc, settings)).encode("utf-8")


def file_name(doc: ExportDocument, action: str, dest_format: str) -> str:
    """The file a folder destination gets: '<number>.json|.hl7', '<number>.cancel.json|.hl7' for a withdrawal."""
    suffix = ".json" if dest_format == "fhir" else ".hl7"
    return f"{doc.document_number}{'.cancel' if action == OutboxAction.cancel.value else ''}{suffix}"


def send(dest: Destination, doc: ExportDocument, action: str, store: Store) -> Sent:
    """Render and send one message to one destination."""
    cfg = store.cfg
    settings = Settings.from_config(cfg)
    data = render(doc, action, dest.format, settings)
    if dest.kind in (DestinationKind.fhir_folder, DestinationKind.hl7_folder):
        return write_file(dest.folder_path(cfg.home), file_name(doc, action, dest.format), data)
    if dest.kind is DestinationKind.mllp:
        return send_mllp(dest.host, dest.port, data.decode("utf-8"), cfg.export_timeout)
    tls = None
    if dest.url.startswith("https:"):
        ca = cfg.ca_bundle_path
        tls = tls_context(str(ca) if ca else None, cfg.export_tls_verify)
    return post_bundle(dest.url, data, cfg.export_timeout, tls)


def _document(store: Store, row: OutboxEntry) -> ExportDocument:
    with store.db.read() as s:
        return load_document(s, store.root, row.document_id, document_number=row.document_number,
                             mrn=row.patient_mrn, doc_type=row.doc_type, version=row.doc_version,
                             require_filed=False)


_TAKEN = object()  # someone else claimed the row first: look again


def _take(store: Store, dest: Destination, due_only: bool) -> OutboxEntry | object | None:
    """Claim the destination's next row; None when there is none or it must wait."""
    with store.db.session() as s:
        row = outbox.next_row(s, dest.name, store.cfg)
        if row is None:
            return None
        due = row.next_attempt_at if row.next_attempt_at.tzinfo else row.next_attempt_at.replace(tzinfo=UTC)
        if due_only and row.status == OutboxStatus.pending.value and due > outbox.now():
            return None  # waiting out its backoff; later rows wait behind it
        return row if outbox.claim(s, row) else _TAKEN


def _one(store: Store, dest: Destination, row: OutboxEntry, run: DestinationRun) -> bool:
    """Deliver one claimed row and record the answer; False when the destination should wait."""
    try:
        doc = _document(store, row)
        sent = send(dest, doc, row.action, store)
    except DocintakeError as exc:
        sent = Sent(SendOutcome.rejected, exc.message, handed_over=False)
    with store.db.session() as s:
        if sent.outcome is SendOutcome.delivered:
            outbox.mark_sent(s, row.id)
            run.delivered += 1
            log.info("document %s: %s delivered to %s", row.document_id, row.action, dest.name)
            return True
        run.errors.append(f"{row.document_id}: {sent.detail}")
        if sent.outcome is SendOutcome.rejected:
            outbox.mark_failed(s, row.id, sent.detail, sent.handed_over)
            run.rejected += 1
            # The receiver's own words may name the patient: they go to the outbox row, not the log.
            log.warning("document %s: %s refused by %s (%s)", row.document_id, row.action, dest.name,
                        _kind_of(sent.detail))
            return True
        outbox.mark_retry(s, row.id, row.attempts + 1, sent.detail, store.cfg, sent.handed_over)
    run.retried += 1
    log.warning("document %s: %s not delivered to %s, will retry: %s", row.document_id, row.action, dest.name,
                sent.detail)
    return False


def _kind_of(detail: str) -> str:
    """'ACK AE', 'HTTP 400', 'transaction refused': the refusal without the receiver's text."""
    return detail.split(":", 1)[0]


def deliver_destination(store: Store, dest: Destination, due_only: bool = True, limit: int | None = None) -> DestinationRun:
    """Deliver one destination's rows in order until none is left, it must wait, or `limit` were tried."""
    run = DestinationRun(dest.name)
    tried = 0
    while limit is None or tried < limit:
        row = _take(store, dest, due_only)
        if row is None:
            break
        if not isinstance(row, OutboxEntry):
            continue
        tried += 1
        if not _one(store, dest, row, run):
            break
    return run


def deliver(store: Store, due_only: bool = True, limit: int | None = None) -> RunReport:
    """Deliver every configured destination's pending rows (`export run` passes due_only=False)."""
    dests = parse_destinations(store.cfg.export_to)
    if not due_only:
        with store.db.session() as s:
            outbox.make_due(s)
    return RunReport([deliver_destination(store, d, due_only, limit) for d in dests])


def deliver_after_filing(store: Store) -> RunReport | None:
    """Deliver what is due now, after a filing; an outside fault is logged, never raised (the row waits)."""
    if not store.cfg.export_to:
        return None
    try:
        return deliver(store, due_only=True)
    except (DocintakeError, SQLAlchemyError, OSError) as exc:
        log.warning("export after filing stopped (the outbox keeps what is pending): %s", type(exc).__name__)
        return None
    except Exception:  # noqa: BLE001 - a bug in delivery must not stop filing; the rows wait for `export run`
        log.exception("export after filing failed (the outbox keeps what is pending)")
        return None


# -- status ----------------------------------------------------------------------------------------------

def status(store: Store) -> list[dict[str, Any]]:
    """Per destination: rows per status, resends after a crash, and the newest error."""
    names = list(store.cfg.export_to)
    with store.db.read() as s:
        counts: dict[str, Counter[str]] = {}
        for dest, st, n in s.execute(select(OutboxEntry.destination, OutboxEntry.status, func.count())
                                     .group_by(OutboxEntry.destination, OutboxEntry.status)):
            counts.setdefault(dest, Counter())[st] = n
        names += [d for d in counts if d not in names]
        return [_dest_status(s, name, counts.get(name, Counter()), name in store.cfg.export_to) for name in names]


def _dest_status(s: Any, name: str, counts: Counter[str], configured: bool) -> dict[str, Any]:
    last = s.scalars(select(OutboxEntry).where(OutboxEntry.destination == name, OutboxEntry.last_error.is_not(None),
                                               OutboxEntry.status.in_([OutboxStatus.pending.value,
                                                                       OutboxStatus.failed.value]))
                     .order_by(OutboxEntry.id.desc()).limit(1)).first()
    resent = s.scalar(select(func.coalesce(func.sum(OutboxEntry.resent), 0)).where(OutboxEntry.destination == name))
    return {
        "destination": name, "configured": configured,
        "pending": counts[OutboxStatus.pending.value] + counts[OutboxStatus.sending.value],
        "sent": counts[OutboxStatus.sent.value], "failed": counts[OutboxStatus.failed.value],
        "superseded": counts[OutboxStatus.superseded.value], "resent_after_crash": int(resent or 0),
        "last_error": f"{last.document_id}: {last.last_error}" if last is not None else None,
        "next_attempt_at": _iso(s.scalar(select(func.min(OutboxEntry.next_attempt_at)).where(
            OutboxEntry.destination == name, OutboxEntry.status == OutboxStatus.pending.value))),
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def write_manual(store: Store, ids: list[str], fmt: str, to: Path) -> list[dict[str, Any]]:
    """`export ID... --format fhir|hl7 --to DIR`: write '<id>.json' or '<id>.hl7' per filed document."""
    settings = Settings.from_config(store.cfg)
    written = []
    for doc_id in ids:
        with store.db.read() as s:
            doc = load_document(s, store.root, doc_id)
        data = render(doc, OutboxAction.send.value, fmt, settings)
        name = f"{doc_id}.{'json' if fmt == 'fhir' else 'hl7'}"
        result = write_file(to, name, data)
        if result.outcome is not SendOutcome.delivered:
            raise DocintakeError(result.detail, hint="check that the --to folder is writable")
        written.append({"id": doc_id, "path": str(to / name), "format": fmt, "bytes": len(data)})
    return written
