"""FHIR R4 (US Core) transaction Bundles: a Binary and a DocumentReference per filed document.

A resend never makes a second resource: the Binary is PUT under an id derived from the document number,
and the DocumentReference is created only if none has the document's identifier (`ifNoneExist`).
Withdrawing a document is a conditional update of that DocumentReference to `entered-in-error`.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from pipeline.classify.codes import LOCAL_SYSTEM, local_code_for
from pipeline.export.content import ExportDocument, Settings

DOCUMENT_SYSTEM = "urn:docintake:document"
US_CORE_PROFILE = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference"
CATEGORY_SYSTEM = "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category"
FORMAT_SYSTEM = "http://ihe.net/fhir/ihe.formatcode.fhir/CodeSystem/formatcode"
_NAMESPACE = uuid.UUID("6b1f7a8e-3c2d-4f0a-9e51-0d2c7f4b9a11")  # fullUrls are stable across resends


def _instant(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


def binary_id(doc: ExportDocument) -> str:
    """The Binary's id: 'di-' and the document number (FHIR ids allow letters, digits, '-' and '.')."""
    return f"di-{doc.document_number}"


def identifier_query(doc: ExportDocument) -> str:
    """The search that finds the document's DocumentReference on the server."""
    return f"identifier={DOCUMENT_SYSTEM}|{doc.document_number}"


def _type(doc: ExportDocument) -> dict[str, Any]:
    code = doc.code
    codings = [code.as_json()]
    if code.system != LOCAL_SYSTEM:  # the local code too, so a receiver can map every type the same way
        codings.append(local_code_for(doc.doc_type).as_json())
    return {"coding": codings, "text": code.display}


def _attachment(doc: ExportDocument, settings: Settings) -> dict[str, Any]:
    out: dict[str, Any] = {"contentType": "application/pdf"}
    if settings.fhir_inline:
        out["data"] = doc.pdf_base64
    else:
        out["url"] = f"Binary/{binary_id(doc)}"
    out.update({"size": len(doc.pdf), "hash": doc.sha1_base64, "title": f"{doc.code.display} {doc.document_number}",
                "creation": _instant(doc.received)})
    return out


def document_reference(doc: ExportDocument, settings: Settings, status: str = "current") -> dict[str, Any]:
    """The US Core DocumentReference of one document version."""
    return {
        "resourceType": "DocumentReference",
        "meta": {"profile": [US_CORE_PROFILE]},
        "identifier": [{"system": DOCUMENT_SYSTEM, "value": doc.document_number}],
        "status": status,
        "docStatus": "final",
        "type": _type(doc),
        "category": [{"coding": [{"system": CATEGORY_SYSTEM, "code": "clinical-note", "display": "Clinical Note"}]}],
        "subject": {"type": "Patient", "identifier": {"system": settings.patient_system, "value": doc.patient.mrn}},
        "date": _instant(doc.filed),
        "description": doc.description,
        "content": [{
            "attachment": _attachment(doc, settings),
            "format": {"system": FORMAT_SYSTEM, "code": "urn:ihe:iti:xds:2017:mimeTypeSufficient",
                       "display": "mimeType Sufficient"},
        }],
    }


def _full_url(kind: str, doc: ExportDocument) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{kind}/{doc.document_number}')}"


def document_bundle(doc: ExportDocument, settings: Settings) -> dict[str, Any]:
    """The transaction Bundle delivering one document (Binary unless inline, then the DocumentReference)."""
    entries: list[dict[str, Any]] = []
    if not settings.fhir_inline:
        entries.append({
            "fullUrl": _full_url("Binary", doc),
            "resource": {"resourceType": "Binary", "id": binary_id(doc), "contentType": "application/pdf",
                         "data": doc.pdf_base64},
            "request": {"method": "PUT", "url": f"Binary/{binary_id(doc)}"},
        })
    entries.append({
        "fullUrl": _full_url("DocumentReference", doc),
        "resource": document_reference(doc, settings),
        "request": {"method": "POST", "url": "DocumentReference", "ifNoneExist": identifier_query(doc)},
    })
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


def cancel_bundle(doc: ExportDocument, settings: Settings) -> dict[str, Any]:
    """The transaction Bundle withdrawing a document sent before: its DocumentReference is entered-in-error."""
    return {"resourceType": "Bundle", "type": "transaction", "entry": [{
        "fullUrl": _full_url("DocumentReference", doc),
        "resource": document_reference(doc, settings, status="entered-in-error"),
        "request": {"method": "PUT", "url": f"DocumentReference?{identifier_query(doc)}"},
    }]}


def to_json(bundle: dict[str, Any]) -> bytes:
    """The Bundle as UTF-8 JSON."""
    return json.dumps(bundle, indent=1, ensure_ascii=False).encode("utf-8")
