"""The fixed vocabularies every layer shares: document types, states, page sources, match decisions."""

from __future__ import annotations

from enum import StrEnum


class DocType(StrEnum):
    """The fixed document-type vocabulary (DESIGN.md)."""

    lab_result = "lab_result"
    imaging_report = "imaging_report"
    referral = "referral"
    consult_note = "consult_note"
    discharge_summary = "discharge_summary"
    prescription_request = "prescription_request"
    prior_authorization = "prior_authorization"
    insurance = "insurance"
    records_request = "records_request"
    progress_note = "progress_note"
    other = "other"


class Status(StrEnum):
    """The one known state every ingested file ends in."""

    processing = "processing"  # claimed, not yet decided (only seen while a run is under way)
    filed = "filed"
    review = "review"
    failed = "failed"
    duplicate = "duplicate"
    rejected = "rejected"
    split_fax = "split"  # (not `split`: str.split) a fax of several documents: each part is a document of its own (parent_id names it)


class PageSource(StrEnum):
    """Where a page's text came from."""

    text_layer = "text_layer"
    ocr = "ocr"


class MatchDecision(StrEnum):
    """What the matcher concluded about who a document is about."""

    auto = "auto"  # strong, independent evidence for one patient: may be filed automatically
    review = "review"  # plausible candidates, but not enough to file: a clerk decides
    none = "none"  # nobody in the roster is plausible (perhaps a patient new to the practice)
