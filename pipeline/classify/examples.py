"""Clerks' labelled examples: every type a clerk sets or confirms in review is kept for training.

An example is a reference to a stored document (its pages hold the text), the type, who said so and when;
the text is read only when the model is trained, so no second copy of patient text is kept.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import UTC, datetime

from sqlalchemy import DateTime, Float, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from pipeline.classify.dataset import CLERK_WEIGHT, Example, ExampleSource, example_of
from pipeline.errors import NotFoundError
from pipeline.index.models import Base, Document, Page
from pipeline.records import DocType

log = logging.getLogger(__name__)


class TypeExample(Base):
    """One document whose type a clerk set or confirmed (the latest word on it)."""

    __tablename__ = "type_examples"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    doc_type: Mapped[str] = mapped_column(String(32), index=True)
    labelled_by: Mapped[str] = mapped_column(String(64))
    labelled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ClassifierModel(Base):
    """One trained model version: its file under <store>/models and what it was trained on."""

    __tablename__ = "classifier_models"

    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    trained_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    trained_by: Mapped[str] = mapped_column(String(64))
    path: Mapped[str] = mapped_column(Text)  # relative to the store
    generated_examples: Mapped[int] = mapped_column(Integer, default=0)
    clerk_examples: Mapped[int] = mapped_column(Integer, default=0)
    counts_json: Mapped[str] = mapped_column(Text, default="{}")  # source -> type -> examples
    cv_accuracy: Mapped[float | None] = mapped_column(Float, nullable=True)
    cv_per_type_json: Mapped[str] = mapped_column(Text, default="{}")
    temperature: Mapped[float] = mapped_column(Float)
    cue_weight: Mapped[float] = mapped_column(Float)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)


def add_example(session: Session, document_id: str, doc_type: DocType | str, user: str) -> None:
    """Record that `user` set or confirmed `doc_type` for a document; a later word replaces an earlier one."""
    doc_type = DocType(doc_type)
    if session.get(Document, document_id) is None:
        raise NotFoundError(f"no document {document_id}")
    row = session.get(TypeExample, document_id)
    if row is None:
        row = TypeExample(document_id=document_id)
        session.add(row)
    row.doc_type, row.labelled_by, row.labelled_at = doc_type.value, user, datetime.now(UTC).replace(microsecond=0)
    log.info("document %s: type %s recorded as a classifier example", document_id, doc_type.value)


def remove_example(session: Session, document_id: str, user: str) -> bool:
    """Withdraw a document's example (its review decision was undone); True when there was one."""
    row = session.get(TypeExample, document_id)
    if row is not None:
        session.delete(row)
        session.flush()
        log.info("document %s: classifier example withdrawn by %s", document_id, user)
    return row is not None


def example_counts(session: Session) -> dict[str, int]:
    """Clerk examples per type."""
    rows = session.execute(select(TypeExample.doc_type))
    return dict(sorted(Counter(t for (t,) in rows).items()))


def clerk_examples(session: Session) -> list[Example]:
    """Every clerk example with its document's page text (documents without text are left out)."""
    out = []
    for ex in session.scalars(select(TypeExample).order_by(TypeExample.labelled_at)):
        pages = session.scalars(select(Page.text).where(Page.document_id == ex.document_id).order_by(Page.number))
        texts = list(pages)
        if any(t.strip() for t in texts):
            out.append(example_of(texts, DocType(ex.doc_type), ExampleSource.clerk, ex.document_id, CLERK_WEIGHT))
    return out
