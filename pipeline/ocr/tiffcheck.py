"""Walk a TIFF's directory chain: PIL stops silently at a cut-off directory, which would lose pages."""

from __future__ import annotations

import os
import struct

from pipeline.ocr.errors import OcrErrorCode, ocr_error


def _truncated(detail: str) -> Exception:
    return ocr_error(OcrErrorCode.corrupt_image, f"the TIFF is truncated or damaged: {detail}")


def tiff_directory_count(path: str, stop_after: int) -> int | None:
    """Number of page directories in a classic TIFF (None for BigTIFF); stops counting past `stop_after`."""
    size = os.path.getsize(path)
    with open(path, "rb") as fh:
        header = fh.read(8)
        if len(header) < 8:
            raise _truncated("header cut off")
        order = "<" if header[:2] == b"II" else ">"
        if struct.unpack(order + "H", header[2:4])[0] != 42:
            return None  # BigTIFF: rare for faxes; PIL's own checks apply
        offset = struct.unpack(order + "I", header[4:8])[0]
        seen: set[int] = set()
        while offset and len(seen) <= stop_after:
            if offset in seen:
                raise _truncated("its page directories form a loop")
            seen.add(offset)
            offset = _next_directory(fh, order, offset, size)
    return len(seen)


def _next_directory(fh, order: str, offset: int, size: int) -> int:  # noqa: ANN001 - a binary file
    if offset + 2 > size:
        raise _truncated(f"a page directory at byte {offset} lies past the end ({size} bytes)")
    fh.seek(offset)
    (entries,) = struct.unpack(order + "H", fh.read(2))
    end = offset + 2 + entries * 12 + 4
    if end > size:
        raise _truncated(f"a page directory at byte {offset} is cut off")
    fh.seek(offset + 2 + entries * 12)
    return struct.unpack(order + "I", fh.read(4))[0]
