"""Is a file completely written? Its structure (PDF, TIFF, JPEG, PNG) and, on Linux, open writers.

A scanner or fax server may pause between bursts for longer than any settle time (a network share, a
slow modem: paperless-ngx #9698), so an unchanged size proves nothing. What does:

- PDF: `%%EOF` near the end, after a `startxref` whose offset lands on `xref` or an object (a
  cross-reference stream) inside the file;
- TIFF: every image directory in the chain lies inside the file, and so does every strip or tile it
  names, and the chain ends (next offset 0);
- JPEG: the end-of-image marker (FF D9) ends the data; PNG: the IEND chunk ends it.

Anything else (unknown formats, text) is left to the stages, which fail it with a specific reason. A
checker only reads; it never raises for a damaged file, it says what is missing.
"""

from __future__ import annotations

import os
import re
import stat
import struct
from collections.abc import Iterable
from pathlib import Path

TAIL = 2048  # the PDF trailer and the JPEG/PNG end markers sit in the last bytes
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF", re.S)
_MAX_IFDS = 10_000  # a fax has dozens of pages; a longer chain is a loop or garbage
# TIFF tags naming data by offset and length: strips (273/279) and tiles (324/325).
_DATA_TAGS = ((273, 279), (324, 325))
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 16: 8}


def incomplete_reason(path: Path) -> str | None:
    """Why `path` is not completely written yet (a short reason), or None when it looks whole."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None  # links, pipes, devices: never opened here (a pipe would block); ingest refuses them
        with open(path, "rb") as fh:
            head = fh.read(16)
            size = os.fstat(fh.fileno()).st_size
            if head.startswith(b"%PDF-"):
                return _pdf(fh, size)
            if head[:4] in (b"II*\x00", b"MM\x00*"):
                return _tiff(fh, size, "<" if head[:2] == b"II" else ">")
            if head.startswith(b"\xff\xd8\xff"):
                return _tail_marker(fh, size, b"\xff\xd9", "JPEG end-of-image marker")
            if head.startswith(b"\x89PNG\r\n\x1a\n"):
                return _tail_marker(fh, size, b"IEND\xaeB`\x82", "PNG IEND chunk")
    except OSError:
        return None  # unreadable or gone: the ingest stage says which, with its own reason
    return None


def _tail(fh, size: int) -> bytes:  # type: ignore[no-untyped-def]
    fh.seek(max(0, size - TAIL))
    return fh.read(TAIL)


def _tail_marker(fh, size: int, marker: bytes, what: str) -> str | None:  # type: ignore[no-untyped-def]
    # Some writers pad the end with NULs or a newline; what counts is that the marker ends the data.
    tail = _tail(fh, size).rstrip(b"\x00\r\n ")
    return None if tail.endswith(marker) else f"no {what} at the end"


def _pdf(fh, size: int) -> str | None:  # type: ignore[no-untyped-def]
    found = list(_STARTXREF.finditer(_tail(fh, size)))
    if not found:
        return "no startxref and %%EOF at the end of the PDF"
    offset = int(found[-1].group(1))  # the last trailer: incremental updates append new ones
    if not 0 < offset < size:
        return "the PDF's startxref points outside the file"
    fh.seek(offset)
    at = fh.read(32).lstrip()
    if at.startswith(b"xref") or re.match(rb"\d+\s+\d+\s+obj", at):
        return None
    return "the PDF's startxref does not point at a cross-reference"


def _tiff(fh, size: int, order: str) -> str | None:  # type: ignore[no-untyped-def]
    fh.seek(4)
    (offset,) = struct.unpack(order + "I", fh.read(4))
    seen: set[int] = set()
    while offset:
        if offset in seen or len(seen) >= _MAX_IFDS:
            return "the TIFF's page directories loop"
        seen.add(offset)
        problem, offset = _ifd(fh, size, order, offset, len(seen))
        if problem:
            return problem
    return None if seen else "the TIFF has no page directory"


def _ifd(fh, size: int, order: str, offset: int, number: int) -> tuple[str | None, int]:  # type: ignore[no-untyped-def]
    """Check one image directory; returns (problem, next directory offset)."""
    if offset + 2 > size:
        return f"TIFF page directory {number} lies beyond the end of the file", 0
    fh.seek(offset)
    (count,) = struct.unpack(order + "H", fh.read(2))
    raw = fh.read(12 * count + 4)
    if len(raw) < 12 * count + 4:
        return f"TIFF page directory {number} is cut off", 0
    entries = {}
    for i in range(count):
        tag, kind, n = struct.unpack(order + "HHI", raw[12 * i:12 * i + 8])
        entries[tag] = (kind, n, raw[12 * i + 8:12 * i + 12])
    for offsets_tag, counts_tag in _DATA_TAGS:
        if offsets_tag in entries and counts_tag in entries:
            starts = _values(fh, size, order, *entries[offsets_tag])
            lengths = _values(fh, size, order, *entries[counts_tag])
            if starts is None or lengths is None:
                return f"TIFF page {number}'s strip table lies beyond the end of the file", 0
            if any(s + n > size for s, n in zip(starts, lengths, strict=False)):
                return f"TIFF page {number}'s image data is not all written yet", 0
    (following,) = struct.unpack(order + "I", raw[-4:])
    return None, following


def _values(fh, size: int, order: str, kind: int, n: int, inline: bytes) -> Iterable[int] | None:  # type: ignore[no-untyped-def]
    """The integer values of a SHORT or LONG entry (inline, or at an offset inside the file)."""
    width = _TYPE_SIZES.get(kind, 0)
    code = {2: "H", 4: "I"}.get(width) if kind in (3, 4, 8, 9, 16) else None
    if code is None or n > 1_000_000:
        return ()
    if width * n <= 4:
        data = inline[:width * n]
    else:
        (at,) = struct.unpack(order + "I", inline)
        if at + width * n > size:
            return None
        fh.seek(at)
        data = fh.read(width * n)
    return struct.unpack(f"{order}{n}{code}", data)


def open_for_writing(paths: Iterable[Path]) -> set[Path]:
    """Which of `paths` some process has open for writing, from /proc/<pid>/fd (Linux; elsewhere: none).

    Files are compared by device and inode, so a writer that opened the file under another name (or
    before it was moved into the inbox) is seen too. Processes this user may not inspect are skipped.
    """
    wanted: dict[tuple[int, int], Path] = {}
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            continue
        wanted[(st.st_dev, st.st_ino)] = path
    if not wanted or not os.path.isdir("/proc/self/fd"):
        return set()
    found: set[Path] = set()
    for pid in _pids():
        found |= _writers_in(pid, wanted)
        if len(found) == len(wanted):
            break
    return found


def _pids() -> list[str]:
    try:
        return [p for p in os.listdir("/proc") if p.isdigit() and p != str(os.getpid())]
    except OSError:
        return []


def _writers_in(pid: str, wanted: dict[tuple[int, int], Path]) -> set[Path]:
    found: set[Path] = set()
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return found  # gone, or not ours to look at
    for fd in fds:
        try:
            st = os.stat(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        path = wanted.get((st.st_dev, st.st_ino))
        if path is not None and _writable(pid, fd):
            found.add(path)
    return found


def _writable(pid: str, fd: str) -> bool:
    try:
        with open(f"/proc/{pid}/fdinfo/{fd}") as fh:
            for line in fh:
                if line.startswith("flags:"):
                    return int(line.split()[1], 8) & os.O_ACCMODE in (os.O_WRONLY, os.O_RDWR)
    except (OSError, ValueError, IndexError):
        return False
    return False
