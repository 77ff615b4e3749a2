"""SQLAlchemy models of the store. The schema itself is created only by the Alembic migrations."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of every docintake table."""


class Patient(Base):
    """One roster patient, keyed by MRN."""

    __tablename__ = "patients"

    mrn: Mapped[str] = mapped_column(String(64), primary_key=True)
    first_name: Mapped[str] = mapped_column(String(128), default="")
    last_name: Mapped[str] = mapped_column(String(128), default="")
    dob: Mapped[date | None] = mapped_column(Date, nullable=True)
    sex: Mapped[str] = mapped_column(String(16), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    address: Mapped[str] = mapped_column(String(256), default="")
    city: Mapped[str] = mapped_column(String(128), default="")
    state: Mapped[str] = mapped_column(String(32), default="")
    postal_code: Mapped[str] = mapped_column(String(16), default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # A retired record (EHR merge, FHIR active:false) is kept for history but never matched.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    replaced_by: Mapped[str | None] = mapped_column(String(64), nullable=True)  # surviving MRN after a merge


class PatientAlias(Base):
    """A name variant a clerk confirmed for a patient; the matcher treats it as the patient's name."""

    __tablename__ = "patient_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mrn: Mapped[str] = mapped_column(ForeignKey("patients.mrn", ondelete="CASCADE"), index=True)
    first_name: Mapped[str] = mapped_column(String(128), default="")
    last_name: Mapped[str] = mapped_column(String(128), default="")
    source_document_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Document(Base):
    """One ingested file and the one state it is in."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    source_name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer, default=0)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    kind: Mapped[str | None] = mapped_column(String(16), nullable=True)
    patient_mrn: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    doc_type: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    match_score: Mapped[float | None] = mapped_column(Float, nullable=True)
    type_confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    error_stage: Mapped[str | None] = mapped_column(String(16), nullable=True)
    reasons: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    match_json: Mapped[str] = mapped_column(Text, default="{}")  # candidates with explanations
    identifiers_json: Mapped[str] = mapped_column(Text, default="{}")
    original_path: Mapped[str | None] = mapped_column(Text, nullable=True)  # relative to the store
    searchable_path: Mapped[str | None] = mapped_column(Text, nullable=True)
    searchable_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)  # so `doctor` can check it
    filed_path: Mapped[str | None] = mapped_column(Text, nullable=True)
    duplicate_of: Mapped[str | None] = mapped_column(String(32), nullable=True)
    parent_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)  # a part: its fax
    parent_pages: Mapped[str | None] = mapped_column(String(64), nullable=True)  # a part: "1-2", "3"
    split_json: Mapped[str] = mapped_column(Text, default="[]")  # a fax: its proposed parts (JSON list)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Page(Base):
    """The text of one page of a document.

    Full-text search over `text` lives outside the model, created by migration 0002: on SQLite an FTS5 table
    `pages_fts` kept in step by triggers, on PostgreSQL a generated tsvector column `tsv` with a GIN index.
    """

    __tablename__ = "pages"
    __table_args__ = (Index("ix_pages_document_number", "document_id", "number", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(16))
    mean_confidence: Mapped[float | None] = mapped_column(Float, nullable=True)
    rotation: Mapped[int] = mapped_column(Integer, default=0)


class ReviewItem(Base):
    """A document waiting for a clerk, and who resolved it."""

    __tablename__ = "review_items"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    reasons: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    claimed_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    claim_expires: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    resolved_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    decision: Mapped[str | None] = mapped_column(String(16), nullable=True)


class AuditEntry(Base):
    """Append-only, hash-chained record of every state change and every clerk's look at a document."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    user: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    document_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    before: Mapped[str] = mapped_column(Text, default="{}")
    after: Mapped[str] = mapped_column(Text, default="{}")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The one row naming the newest audit entry: writers lock it, and `verify` notices a cut-off tail."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    last_id: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64))
    count: Mapped[int] = mapped_column(Integer, default=0)


class MatchWeights(Base):
    """One version of the matcher's m/u table; the newest active row is the one in use."""

    __tablename__ = "match_weights"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(32))  # calibrate, copied, ...
    description: Mapped[str] = mapped_column(Text, default="")
    n_pairs: Mapped[int] = mapped_column(Integer, default=0)
    n_labelled: Mapped[int] = mapped_column(Integer, default=0)
    match_share: Mapped[float | None] = mapped_column(Float, nullable=True)
    table_json: Mapped[str] = mapped_column(Text)  # [[field.level, m, u], ...]
    active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
