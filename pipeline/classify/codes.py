"""The one map from docintake's document types to document codes for export to an EHR.

LOINC document codes where LOINC has one that fits; a local code (system `LOCAL_SYSTEM`) otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.records import DocType

LOINC_SYSTEM = "http://loinc.org"
LOCAL_SYSTEM = "urn:docintake:doctype"


@dataclass(frozen=True)
class DocumentCode:
    """A coded document type: coding system, code and display text."""

    system: str
    code: str
    display: str

    @property
    def is_loinc(self) -> bool:
        """True when the code is a LOINC code (not a local one)."""
        return self.system == LOINC_SYSTEM

    def as_json(self) -> dict[str, str]:
        """The FHIR-style coding object."""
        return {"system": self.system, "code": self.code, "display": self.display}


def _loinc(code: str, display: str) -> DocumentCode:
    return DocumentCode(LOINC_SYSTEM, code, display)


def _local(doc_type: DocType, display: str) -> DocumentCode:
    return DocumentCode(LOCAL_SYSTEM, f"DI-{doc_type.value.upper().replace('_', '-')}", display)


DOCUMENT_CODES: dict[DocType, DocumentCode] = {
    DocType.lab_result: _loinc("11502-2", "Laboratory report"),
    DocType.imaging_report: _loinc("18748-4", "Diagnostic imaging study"),
    DocType.referral: _loinc("57133-1", "Referral note"),
    DocType.consult_note: _loinc("11488-4", "Consult note"),
    DocType.discharge_summary: _loinc("18842-5", "Discharge summary"),
    DocType.progress_note: _loinc("11506-3", "Progress note"),
    DocType.prescription_request: _local(DocType.prescription_request, "Prescription refill or renewal request"),
    DocType.prior_authorization: _local(DocType.prior_authorization, "Prior authorization"),
    DocType.insurance: _local(DocType.insurance, "Insurance correspondence"),
    DocType.records_request: _local(DocType.records_request, "Request for medical records"),
    DocType.other: _local(DocType.other, "Other document"),
}


def code_for(doc_type: DocType | str) -> DocumentCode:
    """The document code of a type (a DocType or its string value)."""
    return DOCUMENT_CODES[DocType(doc_type)]


def local_code_for(doc_type: DocType | str) -> DocumentCode:
    """docintake's own code of a type (sent beside the LOINC code so a receiver can map every type alike)."""
    dtype = DocType(doc_type)
    return _local(dtype, DOCUMENT_CODES[dtype].display)
