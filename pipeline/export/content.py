"""What an export message is made of: one filed document version, its patient and its PDF."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from pipeline.classify.codes import DocumentCode, code_for
from pipeline.config import Config
from pipeline.errors import InputFileError, NotFoundError
from pipeline.index.models import Document, Patient
from pipeline.records import Status


class ExportContentError(InputFileError):
    """A document cannot be exported (not filed, or its PDF is missing from the store)."""


@dataclass(frozen=True)
class Settings:
    """The export settings the formats need (picklable, from the config)."""

    patient_system: str = "urn:docintake:mrn"
    assigning_authority: str = "DOCINTAKE"
    receiver: str = "EHR"
    fhir_inline: bool = False
    hl7_ed_type: str = "application^pdf"

    @classmethod
    def from_config(cls, cfg: Config) -> Settings:
        """The export settings of the effective config."""
        return cls(cfg.export_patient_system, cfg.export_assigning_authority, cfg.export_receiver,
                   cfg.export_fhir_inline, cfg.export_hl7_ed_type)


@dataclass(frozen=True)
class PatientPart:
    """The patient a message is about (PID; FHIR uses only the MRN)."""

    mrn: str
    first_name: str = ""
    last_name: str = ""
    dob: date | None = None
    sex: str = ""


@dataclass(frozen=True)
class ExportDocument:
    """One filed document version, ready to be written in any format."""

    document_id: str
    document_number: str  # what the EHR knows it by (TXA-12, DocumentReference.identifier)
    version: int
    doc_type: str
    patient: PatientPart
    received: datetime
    filed: datetime
    pages: int
    pdf: bytes

    @property
    def code(self) -> DocumentCode:
        """The document code (LOINC where there is one)."""
        return code_for(self.doc_type)

    @property
    def sha1_base64(self) -> str:
        """attachment.hash as FHIR defines it: base64 of the SHA-1 of the data."""
        return base64.b64encode(hashlib.sha1(self.pdf).digest()).decode("ascii")  # noqa: S324 - FHIR's choice

    @property
    def pdf_base64(self) -> str:
        """The PDF, base64-encoded."""
        return base64.b64encode(self.pdf).decode("ascii")

    @property
    def description(self) -> str:
        """A description without patient data."""
        return f"{self.code.display}, {self.pages} page(s), received {self.received:%Y-%m-%d}"


def _utc(value: datetime | None) -> datetime:
    if value is None:
        return datetime.now(UTC).replace(microsecond=0)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def pdf_path(store_root: Path, doc: Document) -> Path:
    """The PDF a document is delivered as: the searchable PDF, else an original that is a PDF."""
    if doc.searchable_path:
        return store_root / doc.searchable_path
    if doc.original_path and doc.original_path.lower().endswith(".pdf"):
        return store_root / doc.original_path
    raise ExportContentError(f"document {doc.id} has no PDF in the store to deliver",
                             hint="run `docintake doctor` to check the store")


def _read_pdf(store_root: Path, doc: Document) -> bytes:
    path = pdf_path(store_root, doc)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ExportContentError(f"document {doc.id}: cannot read its PDF from the store: {exc.strerror}",
                                 hint="run `docintake doctor` to check the store") from exc


def patient_part(s: Session, mrn: str) -> PatientPart:
    """The roster's demographics for `mrn` (only the MRN when the roster no longer has it)."""
    row = s.get(Patient, mrn)
    if row is None:
        return PatientPart(mrn)
    return PatientPart(mrn, row.first_name or "", row.last_name or "", row.dob, row.sex or "")


def load_document(s: Session, store_root: Path, doc_id: str, *, document_number: str | None = None,
                  mrn: str | None = None, doc_type: str | None = None, version: int | None = None,
                  require_filed: bool = True) -> ExportDocument:
    """One document as exported; mrn/doc_type/version override the row's (an older version being withdrawn)."""
    doc = s.get(Document, doc_id)
    if doc is None:
        raise NotFoundError(f"no document with id {doc_id}", hint="see `docintake documents list`")
    if require_filed and doc.status != Status.filed.value:
        raise ExportContentError(f"document {doc_id} is {doc.status}, not filed; only filed documents are exported")
    patient_mrn = mrn or doc.patient_mrn or ""
    return ExportDocument(
        document_id=doc.id, document_number=document_number or doc.id, version=version or doc.version or 1,
        doc_type=doc_type or doc.doc_type or "other", patient=patient_part(s, patient_mrn),
        received=_utc(doc.received_at), filed=_utc(doc.updated_at), pages=doc.pages or 0,
        pdf=_read_pdf(store_root, doc),
    )
