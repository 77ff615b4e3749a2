"""read_document: one file in, text per page and a searchable PDF out."""

from __future__ import annotations

import ctypes
import logging
import os
import time
from collections.abc import Iterator

import pikepdf

from pipeline.errors import DocintakeError, DocumentError
from pipeline.ocr.errors import OcrErrorCode, ocr_error
from pipeline.ocr.images import read_raster_pages
from pipeline.ocr.options import OcrOptions
from pipeline.ocr.pages import RasterPage, TextLayerPage
from pipeline.ocr.pdf import merge_pages, read_pdf_pages
from pipeline.ocr.recognize import ocr_page
from pipeline.ocr.sniff import Kind, detect_kind
from pipeline.records import OcrResult, PageSource, PageText

log = logging.getLogger(__name__)


def _pages(path: str, kind: Kind, options: OcrOptions) -> Iterator[TextLayerPage | RasterPage]:
    return read_pdf_pages(path, options) if kind is Kind.pdf else read_raster_pages(path, options)


def _read(path: str, kind: Kind, options: OcrOptions) -> tuple[list[PageText], list[bytes | None]]:
    texts: list[PageText] = []
    parts: list[bytes | None] = []  # per page: its searchable PDF, or None to keep the original page
    for page in _pages(path, kind, options):
        if isinstance(page, TextLayerPage):
            texts.append(PageText(number=page.number, text=page.text, source=PageSource.text_layer,
                                  words=page.words))
            parts.append(None)
            continue
        done = ocr_page(page, options)
        texts.append(done.page)
        parts.append(done.pdf)
    return texts, parts


def _searchable(path: str, parts: list[bytes | None]) -> bytes | None:
    """The searchable PDF, or None when no page was OCR'd or the PDF cannot be assembled.

    The text is what filing needs; a searchable copy that fails to assemble (a damaged original whose
    text-layer pages pikepdf cannot copy) is logged and left out rather than failing the document.
    """
    if all(part is None for part in parts):
        return None
    try:
        return merge_pages(path, parts)
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        log.warning("searchable PDF left out: %s", _scrub(str(exc), path))
        return None


def _scrub(message: str, path: str) -> str:
    # Library messages quote the file name, and inbox file names can carry a patient's name.
    for name in (path, os.path.basename(path)):
        if name:
            message = message.replace(name, "<file>")
    return message


def stopping(exc: BaseException) -> bool:
    """Whether `exc` is the process being stopped, as it arrives inside a C library's call: ctypes wraps the
    SystemExit or KeyboardInterrupt a signal handler raised there (a worker's cold shutdown while pdfium
    renders a page) in an ArgumentError, which would otherwise fail the document it interrupted."""
    return isinstance(exc, ctypes.ArgumentError) and any(x in str(exc) for x in ("SystemExit", "KeyboardInterrupt"))


def read_document(path: str, options: OcrOptions) -> OcrResult:
    """Text per page of a PDF, TIFF, PNG or JPEG file; a bad file raises DocumentError(stage="ocr")."""
    started = time.perf_counter()
    try:
        kind = detect_kind(path)
        texts, parts = _read(path, kind, options)
        searchable = _searchable(path, parts)
    except DocumentError as exc:
        exc.message = _scrub(exc.message, path)
        exc.args = (exc.message,)
        raise
    except DocintakeError:
        raise
    except MemoryError as exc:
        raise ocr_error(
            OcrErrorCode.decompression_bomb, "the file needs more memory than is available"
        ) from exc
    except Exception as exc:  # a library bug or an input nobody anticipated must not take the worker down
        if stopping(exc):
            raise SystemExit(1) from exc  # the process is being stopped: the document is not at fault
        reason = _scrub(f"unexpected {type(exc).__name__}: {exc}", path)
        log.error("OCR failed: %s", reason)
        log.debug("OCR failure traceback", exc_info=True)
        raise ocr_error(OcrErrorCode.ocr_failed, reason) from exc
    return OcrResult(
        kind=kind.value, pages=tuple(texts), searchable_pdf=searchable, seconds=time.perf_counter() - started
    )
