"""Detect a file's type from its first bytes; the name's extension is never trusted."""

from __future__ import annotations

from enum import StrEnum

from pipeline.ocr.errors import OcrErrorCode, ocr_error


class Kind(StrEnum):
    """Content types the OCR stage can read."""

    pdf = "pdf"
    tiff = "tiff"
    png = "png"
    jpeg = "jpeg"
    bmp = "bmp"
    gif = "gif"
    webp = "webp"


_MAGIC: tuple[tuple[bytes, Kind], ...] = (
    (b"\x89PNG\r\n\x1a\n", Kind.png),
    (b"\xff\xd8\xff", Kind.jpeg),
    (b"II*\x00", Kind.tiff),
    (b"MM\x00*", Kind.tiff),
    (b"II+\x00", Kind.tiff),  # BigTIFF
    (b"MM\x00+", Kind.tiff),
    (b"GIF87a", Kind.gif),
    (b"GIF89a", Kind.gif),
    (b"BM", Kind.bmp),
)

# The PDF header may legally follow up to 1 KiB of junk (some scanners prepend a banner).
_PDF_HEADER_WINDOW = 1024


def sniff(head: bytes) -> Kind | None:
    """The content type of a file starting with `head`, or None if it is none we read."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Kind.webp
    if b"%PDF-" in head[:_PDF_HEADER_WINDOW]:
        return Kind.pdf
    return None


def detect_kind(path: str) -> Kind:
    """The content type of the file at `path`; raises DocumentError for empty or unknown files."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(_PDF_HEADER_WINDOW + 8)
    except OSError as exc:
        raise ocr_error(OcrErrorCode.unreadable, f"cannot open the file: {exc.strerror}") from exc
    if not head:
        raise ocr_error(OcrErrorCode.zero_bytes, "the file is empty (0 bytes)")
    kind = sniff(head)
    if kind is None:
        raise ocr_error(
            OcrErrorCode.unknown_format,
            f"not a PDF, TIFF, PNG or JPEG (content starts with {head[:8]!r})",
        )
    return kind
