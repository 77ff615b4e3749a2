"""The specific reasons a document cannot be read, as codes for DocumentError(stage="ocr")."""

from __future__ import annotations

from enum import StrEnum

from pipeline.errors import DocumentError


class OcrErrorCode(StrEnum):
    """Machine-readable reasons recorded with a document that failed in the OCR stage."""

    zero_bytes = "zero_bytes"
    unknown_format = "unknown_format"
    corrupt_pdf = "corrupt_pdf"
    corrupt_image = "corrupt_image"
    encrypted_pdf = "encrypted_pdf"
    decompression_bomb = "decompression_bomb"
    too_many_pages = "too_many_pages"
    ocr_timeout = "ocr_timeout"
    ocr_failed = "ocr_failed"
    ocr_crash = "ocr_crash"  # tesseract died from a signal (a segfault, killed) on a page
    unreadable = "unreadable"  # the file could not be opened at all (permissions, vanished)


def ocr_error(code: OcrErrorCode, message: str) -> DocumentError:
    """A DocumentError for the OCR stage carrying one of the codes above."""
    return DocumentError(code.value, message, stage="ocr")
