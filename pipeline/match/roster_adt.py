"""Reading HL7 v2 ADT messages into roster changes: A04/A28 add, A08/A31 update, A40 merge.

A file may hold one message or many (segments ending in CR, LF or CRLF; MLLP framing bytes are ignored).
A message docintake cannot use (another event, no MR identifier, a bad date) is an error naming its
position and why; the others still parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline.match.roster_record import build_record
from pipeline.records import PatientRecord

ADD_EVENTS = ("A04", "A28")
UPDATE_EVENTS = ("A08", "A31")
MERGE_EVENTS = ("A40",)
EVENTS = ADD_EVENTS + UPDATE_EVENTS + MERGE_EVENTS
_MSH = re.compile(r"(?=MSH\|)")


@dataclass(frozen=True)
class Merge:
    """A retired roster record: its documents move to `surviving` (None: retired without a successor)."""

    retired: str
    surviving: str | None


@dataclass(frozen=True)
class AdtMessage:
    """One ADT message as roster changes: records to add or update (PID), and merges (A40's MRG)."""

    number: int  # position in the file, from 1
    event: str
    control_id: str
    records: tuple[PatientRecord, ...]
    merges: tuple[Merge, ...] = ()


class AdtError(ValueError):
    """An ADT message docintake cannot apply; the text says why (no patient data in it)."""


def split_messages(text: str) -> list[str]:
    """The messages of a file or an MLLP stream, each with CR-separated segments."""
    clean = text.replace("\x0b", "").replace("\x1c", "").replace("\r\n", "\r").replace("\n", "\r")
    return [m.strip("\r") + "\r" for m in _MSH.split(clean) if m.strip("\r").strip()]


def _fields(segment: str, sep: str) -> list[str]:
    parts = segment.split(sep)
    return [parts[0], sep, *parts[1:]] if parts[0] == "MSH" else parts


def _segments(message: str) -> list[list[str]]:
    sep = message[3] if message.startswith("MSH") and len(message) > 3 else "|"
    return [_fields(s, sep) for s in message.split("\r") if s.strip()]


def _get(seg: list[str], number: int) -> str:
    return seg[number] if number < len(seg) else ""


def _comp(value: str, n: int) -> str:
    parts = value.split("~", 1)[0].split("^")
    return _unescape(parts[n - 1]) if n <= len(parts) else ""


def _unescape(value: str) -> str:
    for escaped, raw in (("\\F\\", "|"), ("\\S\\", "^"), ("\\T\\", "&"), ("\\R\\", "~"), ("\\E\\", "\\")):
        value = value.replace(escaped, raw)
    return value


def _event(msh: list[str], segs: list[list[str]]) -> str:
    kind = _get(msh, 9)
    if _comp(kind, 1) != "ADT":
        raise AdtError(f"message type {_comp(kind, 1) or '(none)'}^{_comp(kind, 2)} is not ADT")
    event = _comp(kind, 2)
    if not event:
        evn = next((s for s in segs if s[0] == "EVN"), None)
        event = _comp(_get(evn, 1), 1) if evn else ""
    if event not in EVENTS:
        raise AdtError(f"ADT^{event or '(none)'} is not an event docintake applies (use A04, A08, A28, A31, A40)")
    return event


def _mrn(cx_list: str) -> str:
    """The identifier of type MR in a CX list (PID-3, MRG-1); the first one when none is typed."""
    reps = [r for r in cx_list.split("~") if r]
    for rep in reps:
        if _comp(rep, 5).upper() == "MR":
            return _comp(rep, 1).strip()
    return _comp(reps[0], 1).strip() if reps else ""


def _date(value: str, what: str) -> date | None:
    digits = _comp(value, 1)[:8]
    if not digits:
        return None
    if len(digits) != 8 or not digits.isdigit():
        raise AdtError(f"{what} {digits!r} is not a date (YYYYMMDD)")
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise AdtError(f"{what} {digits!r} is not a date (YYYYMMDD)") from None


def _phone(xtn: str) -> str:
    area, local = _comp(xtn, 6), _comp(xtn, 7)
    return f"{area}{local}" if local else _comp(xtn, 1)


def _record(pid: list[str]) -> PatientRecord:
    mrn = _mrn(_get(pid, 3))
    if not mrn:
        raise AdtError("PID-3 holds no patient identifier")
    name, addr = _get(pid, 5), _get(pid, 11)
    street = ", ".join(x for x in (_comp(addr, 1), _comp(addr, 2)) if x)
    record = build_record(mrn, _comp(name, 2), _comp(name, 1), _date(_get(pid, 7), "PID-7 date of birth"),
                          _comp(_get(pid, 8), 1), _phone(_get(pid, 13)), street, _comp(addr, 3), _comp(addr, 4),
                          _comp(addr, 5))
    if not record.mrn:  # "0", "unknown" and the like: a placeholder is nobody's identifier
        raise AdtError("PID-3 holds a placeholder, not a patient identifier")
    return record


def parse_adt(message: str, number: int = 1) -> AdtMessage:
    """One ADT message as roster changes; raises AdtError saying what is wrong with it."""
    segs = _segments(message)
    if not segs or segs[0][0] != "MSH":
        raise AdtError("does not start with an MSH segment")
    msh = segs[0]
    event = _event(msh, segs)
    pids = [s for s in segs if s[0] == "PID"]
    if not pids:
        raise AdtError(f"ADT^{event} has no PID segment")
    records = tuple(_record(p) for p in pids)
    merges: list[Merge] = []
    if event in MERGE_EVENTS:
        mrgs = [s for s in segs if s[0] == "MRG"]
        if len(mrgs) != len(pids):
            raise AdtError(f"ADT^{event} needs one MRG segment after each PID")
        for rec, mrg in zip(records, mrgs, strict=True):
            retired = _mrn(_get(mrg, 1))
            if not retired:
                raise AdtError("MRG-1 holds no prior patient identifier")
            if retired != rec.mrn:
                merges.append(Merge(retired, rec.mrn))
    return AdtMessage(number, event, _comp(_get(msh, 10), 1), records, tuple(merges))


def looks_like_hl7(text: str) -> bool:
    """True when the text starts with an HL7 v2 message (possibly MLLP-framed)."""
    return text.lstrip("\x0b\r\n \ufeff").startswith("MSH|")
