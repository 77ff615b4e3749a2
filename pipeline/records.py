"""Plain, picklable data passed between the stages.

Every stage is a module-level function from these dataclasses (and the config) to these dataclasses,
so any executor (a process pool today, a distributed worker later) can run it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

# The vocabularies live in pipeline.vocab (no dataclasses: the CLI's --help reads them); re-exported here.
from pipeline.vocab import DocType, MatchDecision, PageSource, Status  # noqa: F401


@dataclass(frozen=True)
class IngestedFile:
    """A complete file found by ingest, hashed, ready to be read."""

    path: str  # where the bytes are now (inbox, processing area, or batch folder)
    source_name: str  # the name it arrived under, relative to the inbox or batch folder
    sha256: str
    size: int
    received: datetime


@dataclass(frozen=True)
class Word:
    """One recognised word with its box (pixels of the page image as OCR saw it) and confidence 0-100."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float


@dataclass(frozen=True)
class PageText:
    """The text of one page and how it was obtained."""

    number: int  # 1-based
    text: str
    source: PageSource
    words: tuple[Word, ...] = ()
    mean_confidence: float | None = None  # mean word confidence, None for text-layer pages
    rotation: int = 0  # degrees clockwise applied to make the page upright (0, 90, 180, 270)
    skew: float = 0.0  # degrees of deskew applied
    dpi: tuple[float, float] = (0.0, 0.0)  # effective (x, y) resolution OCR saw; (0, 0) if unknown


@dataclass(frozen=True)
class OcrResult:
    """Text per page for one file, and the searchable PDF made from the same OCR pass."""

    kind: str  # detected content type: pdf, tiff, png, jpeg, ...
    pages: tuple[PageText, ...]
    searchable_pdf: bytes | None = None  # page images with an invisible text layer; None for text-only PDFs
    seconds: float = 0.0

    @property
    def text(self) -> str:
        """All pages' text, separated by form feeds."""
        return "\f".join(p.text for p in self.pages)


@dataclass(frozen=True)
class PatientRecord:
    """One roster patient, as imported (empty strings and None mean missing)."""

    mrn: str
    first_name: str = ""
    last_name: str = ""
    dob: date | None = None
    sex: str = ""
    phone: str = ""
    address: str = ""
    city: str = ""
    state: str = ""
    postal_code: str = ""
    aliases: tuple[tuple[str, str], ...] = ()  # confirmed (first, last) name variants from review


@dataclass(frozen=True)
class FieldEvidence:
    """How one field compared between the document and a candidate."""

    field: str  # name, first_name, last_name, dob, mrn, phone, postal_code, ...
    outcome: str  # agree, partial, disagree, missing
    weight: float  # log2(m/u) contribution (negative for disagreement)
    detail: str = ""  # e.g. "nickname", "day/month swapped", "one digit differs"
    level: str = ""  # the comparison level behind a partial outcome: typo, nickname, phonetic, swap, ...


@dataclass(frozen=True)
class Candidate:
    """One roster patient the document may be about, with the evidence for it."""

    mrn: str
    score: float  # match probability 0..1
    weight: float  # total log-weight
    evidence: tuple[FieldEvidence, ...] = ()


@dataclass(frozen=True)
class MatchResult:
    """The matcher's conclusion, with the candidates kept for a clerk."""

    decision: MatchDecision
    mrn: str | None
    score: float
    candidates: tuple[Candidate, ...] = ()
    reasons: tuple[str, ...] = ()  # why not auto: "no second identifier", "close second candidate", ...


@dataclass(frozen=True)
class TypeResult:
    """Document type with its probability and the cues that led there."""

    doc_type: DocType
    confidence: float
    cues: tuple[str, ...] = ()
    cover_pages: int = 0  # leading fax cover sheet pages skipped


@dataclass(frozen=True)
class Routing:
    """The routing decision: filed or review, and every reason."""

    status: Status
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Analysis:
    """Everything the CPU-heavy, store-free part of the pipeline learned about one file."""

    file: IngestedFile
    ocr: OcrResult | None = None
    identifiers: Any = None  # pipeline.match.extract.Identifiers (typed loosely: records imports no stage)
    doc_type: TypeResult | None = None
    error: str | None = None  # "code: message" when a stage failed
    error_stage: str | None = None


@dataclass(frozen=True)
class Outcome:
    """The end state of one file after a run: what the batch and watcher report."""

    document_id: str
    source_name: str
    sha256: str
    status: Status
    patient_mrn: str | None = None
    doc_type: str | None = None
    match_score: float | None = None
    type_confidence: float | None = None
    pages: int = 0
    error: str | None = None
    reasons: tuple[str, ...] = field(default_factory=tuple)
