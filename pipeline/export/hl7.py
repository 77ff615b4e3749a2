"""HL7 v2.5.1 messages: MDM^T02 (a document and its content), MDM^T11 (withdraw it), and ACKs.

Segments are separated by carriage returns. Values are escaped (\\F\\ \\S\\ \\T\\ \\R\\ \\E\\); the
embedded PDF is base64, which needs no escaping.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from pipeline.export.content import ExportDocument, Settings

ENCODING = "^~\\&"
VERSION = "2.5.1"
_ESCAPES = (("\\", "\\E\\"), ("|", "\\F\\"), ("^", "\\S\\"), ("&", "\\T\\"), ("~", "\\R\\"))


def escape(value: str) -> str:
    """A value made safe for a field or component."""
    for raw, escaped in _ESCAPES:
        value = value.replace(raw, escaped)
    return value.replace("\r", " ").replace("\n", " ")


def unescape(value: str) -> str:
    """The value an escaped field or component stands for."""
    for raw, escaped in reversed(_ESCAPES):
        value = value.replace(escaped, raw)
    return value


def timestamp(value: datetime | None = None) -> str:
    """An HL7 TS in UTC: YYYYMMDDHHMMSS+0000."""
    when = (value or datetime.now(UTC)).astimezone(UTC)
    return when.strftime("%Y%m%d%H%M%S") + "+0000"


def control_id(doc: ExportDocument, cancel: bool = False) -> str:
    """MSH-10: stable across resends of the same message (receivers de-duplicate on it); at most 20 characters."""
    return f"{doc.document_number}{'C' if cancel else ''}"[:20]


_SEX = {"F": "F", "M": "M", "O": "O", "U": "U"}


def document_code(doc: ExportDocument) -> str:
    """TXA-2 / OBX-3.1: the LOINC code, or the local code without its 'DI-' prefix (v2.5.1 allows 20 characters)."""
    code = doc.code
    return code.code if code.is_loinc else code.code.removeprefix("DI-")[:20]


def _msh(settings: Settings, event: str, structure: str, ctrl: str, at: datetime) -> str:
    fields = ["MSH", ENCODING, "DOCINTAKE", escape(settings.assigning_authority), escape(settings.receiver), "",
              timestamp(at), "", f"MDM^{event}^{structure}", escape(ctrl), "P", VERSION,
              "", "", "", "", "", "UNICODE UTF-8"]  # MSH-18: names are sent as UTF-8
    return "|".join(fields)


def _pid(doc: ExportDocument, settings: Settings) -> str:
    p = doc.patient
    name = f"{escape(p.last_name)}^{escape(p.first_name)}" if (p.last_name or p.first_name) else ""
    dob = p.dob.strftime("%Y%m%d") if p.dob else ""
    mrn = f"{escape(p.mrn)}^^^{escape(settings.assigning_authority)}^MR"
    return "|".join(["PID", "1", "", mrn, "", name, "", dob, _SEX.get((p.sex or "")[:1].upper(), "")])


def _txa(doc: ExportDocument, availability: str) -> str:
    fields = [""] * 24
    fields[0], fields[1], fields[2], fields[3] = "TXA", "1", escape(document_code(doc)), "AP"
    fields[4] = timestamp(doc.filed)  # TXA-4 activity date/time: when it was filed
    fields[6] = timestamp(doc.received)  # TXA-6 origination date/time: when it arrived
    fields[12] = escape(doc.document_number)  # TXA-12 unique document number
    fields[17] = "AU"  # TXA-17 document completion status: authenticated
    fields[19] = availability  # TXA-19 document availability status: AV available, CA canceled
    return "|".join(fields[:20])


def _obx(doc: ExportDocument, settings: Settings) -> str:
    code = doc.code
    system = "LN" if code.is_loinc else "99DI"
    observation = f"{escape(document_code(doc))}^{escape(code.display)}^{system}"
    value = f"^{settings.hl7_ed_type}^Base64^{doc.pdf_base64}"
    return "|".join(["OBX", "1", "ED", observation, "", value, "", "", "", "", "", "F"])


def mdm_t02(doc: ExportDocument, settings: Settings, at: datetime | None = None) -> str:
    """MDM^T02: original document notification and content (the PDF in OBX-5 as ED)."""
    when = at or doc.filed
    segments = [_msh(settings, "T02", "MDM_T02", control_id(doc), when), f"EVN|T02|{timestamp(when)}",
                _pid(doc, settings), "PV1|1|N", _txa(doc, "AV"), _obx(doc, settings)]
    return "\r".join(segments) + "\r"


def mdm_t11(doc: ExportDocument, settings: Settings, at: datetime | None = None) -> str:
    """MDM^T11: document cancel notification for a document sent before (no content)."""
    when = at or datetime.now(UTC).replace(microsecond=0)
    segments = [_msh(settings, "T11", "MDM_T01", control_id(doc, cancel=True), when), f"EVN|T11|{timestamp(when)}",
                _pid(doc, settings), "PV1|1|N", _txa(doc, "CA")]
    return "\r".join(segments) + "\r"


# -- reading messages ------------------------------------------------------------------------------------

def segments(message: str) -> list[list[str]]:
    """The segments of a message, each split into fields (MSH-1, the field separator, is kept as field 1)."""
    out = []
    for line in message.replace("\r\n", "\r").replace("\n", "\r").split("\r"):
        if not line.strip():
            continue
        fields = line.split("|")
        if fields[0] == "MSH":
            fields = ["MSH", "|", *fields[1:]]
        out.append(fields)
    return out


def field(seg: list[str], number: int, component: int = 1) -> str:
    """Field `number` (HL7 numbering) of a segment, one component, unescaped; '' when absent."""
    if number >= len(seg):
        return ""
    value = seg[number].split("~", 1)[0]
    parts = value.split("^")
    return unescape(parts[component - 1]) if component <= len(parts) else ""


def first(segs: list[list[str]], name: str) -> list[str] | None:
    """The first segment called `name`, or None."""
    return next((s for s in segs if s and s[0] == name), None)


@dataclass(frozen=True)
class Ack:
    """A receiver's answer: MSA-1 code (AA, AE, AR; CA, CE, CR), MSA-2 the control id it answers, and its text."""

    code: str
    control_id: str
    text: str

    @property
    def accepted(self) -> bool:
        """True for AA/CA."""
        return self.code in ("AA", "CA")


def parse_ack(message: str) -> Ack | None:
    """The ACK in `message`, or None when it has no MSA segment."""
    segs = segments(message)
    msa = first(segs, "MSA")
    if msa is None:
        return None
    text = field(msa, 3)
    err = first(segs, "ERR")
    if not text and err is not None:
        text = field(err, 8) or field(err, 3, 2)
    return Ack(field(msa, 1).upper(), field(msa, 2), text)


def ack_for(message: str, code: str, text: str = "", facility: str = "DOCINTAKE") -> str:
    """An ACK answering `message` (MSH-10 echoed in MSA-2)."""
    segs = segments(message)
    msh = first(segs, "MSH") or ["MSH"]
    event = field(msh, 9, 2)
    ctrl = field(msh, 10)
    header = ["MSH", ENCODING, "DOCINTAKE", escape(facility), msh[3] if len(msh) > 3 else "",
              msh[4] if len(msh) > 4 else "", timestamp(), "", f"ACK^{escape(event)}^ACK",
              escape(f"A{ctrl}"[:20]), "P", VERSION]
    msa = ["MSA", code, escape(ctrl), escape(text[:80])]
    lines = ["|".join(header), "|".join(msa)]
    if code != "AA" and text:
        lines.append("|".join(["ERR", "", "", "207^Application internal error^HL70357", "E", "", "", "",
                               escape(text[:250])]))
    return "\r".join(lines) + "\r"
