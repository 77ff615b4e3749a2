"""PDF input: open safely, use a page's text layer when it is real, else render the page for OCR."""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.ocr.errors import OcrErrorCode, ocr_error
from pipeline.ocr.options import OcrOptions
from pipeline.ocr.pages import RasterPage, TextLayerPage
from pipeline.ocr.textcheck import text_layer_is_real
from pipeline.records import Word

log = logging.getLogger(__name__)

DEFAULT_RENDER_DPI = 300.0  # pages without a scanned image (vector drawings, junk text only)
MIN_RENDER_DPI = 200.0  # below this OCR and orientation detection degrade (ocr-measurements.md)
MAX_RENDER_DPI = 400.0  # more pixels cost time and do not improve Tesseract's accuracy
# A short text layer over a page-sized scan is a stamp (a fax server's header line), not the page's text.
FULL_PAGE_TEXT = 400  # characters of text layer that are trusted whatever else the page holds
SCAN_COVERAGE = 0.5  # an image covering this share of the page makes a shorter text layer a stamp
_EOF_WINDOW = 4096  # bytes at the end of a PDF searched for its %%EOF marker


def _check_complete(path: str) -> None:
    # pdfium silently repairs a truncated file and may then show fewer pages: that would lose pages
    # without a word, so a file without a final %%EOF marker is refused instead.
    with open(path, "rb") as fh:
        fh.seek(0, io.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - _EOF_WINDOW))
        tail = fh.read()
    if b"%%EOF" not in tail:
        raise ocr_error(OcrErrorCode.corrupt_pdf, "the PDF is truncated (no %%EOF marker at its end)")


def open_pdf(path: str, options: OcrOptions) -> pdfium.PdfDocument:
    """Open a PDF with pdfium, refusing truncated, corrupt, encrypted and over-long documents."""
    _check_complete(path)
    try:
        doc = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise ocr_error(OcrErrorCode.encrypted_pdf, "the PDF is encrypted with a password") from exc
        raise ocr_error(OcrErrorCode.corrupt_pdf, f"the PDF cannot be parsed: {exc}") from exc
    count = len(doc)
    if count == 0:
        doc.close()
        raise ocr_error(OcrErrorCode.corrupt_pdf, "the PDF has no pages")
    if count > options.page_limit:
        doc.close()
        raise ocr_error(
            OcrErrorCode.too_many_pages,
            f"the PDF has {count} pages, more than the limit of {options.page_limit}",
        )
    return doc


WORD_SCALE = 300.0 / 72.0  # text-layer word boxes in pixels of a 300 dpi rendering, like OCR's


def page_text(page: pdfium.PdfPage) -> str:
    """The text layer of one page ('' when it has none)."""
    return page_text_and_words(page)[0]


def page_text_and_words(page: pdfium.PdfPage) -> tuple[str, tuple[Word, ...]]:
    """The text layer of one page and its words with their boxes (top-left origin, 300 dpi pixels)."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
        return text, _words(textpage, page.get_size()[1])
    finally:
        textpage.close()


def _words(textpage: pdfium.PdfTextPage, page_height: float) -> tuple[Word, ...]:
    """Characters joined into words: a word ends at a space, a line break or a gap wider than a space."""
    words: list[Word] = []
    chars: list[tuple[str, tuple[float, float, float, float]]] = []
    for index in range(textpage.count_chars()):
        char = chr(pdfium_c.FPDFText_GetUnicode(textpage.raw, index))
        box = textpage.get_charbox(index, loose=True)
        if chars and (char.isspace() or _gap(chars[-1][1], box)):
            words.append(_word(chars, page_height))
            chars = []
        if not char.isspace() and box[2] > box[0]:
            chars.append((char, box))
    if chars:
        words.append(_word(chars, page_height))
    return tuple(words)


def _gap(previous: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    height = max(previous[3] - previous[1], 1.0)
    return box[0] - previous[2] > 0.4 * height or abs(box[1] - previous[1]) > 0.6 * height


def _word(chars: list[tuple[str, tuple[float, float, float, float]]], page_height: float) -> Word:
    left = min(b[0] for _, b in chars)
    right = max(b[2] for _, b in chars)
    top = max(b[3] for _, b in chars)
    bottom = min(b[1] for _, b in chars)
    s = WORD_SCALE
    return Word("".join(c for c, _ in chars), round(left * s), round((page_height - top) * s),
                max(1, round((right - left) * s)), max(1, round((top - bottom) * s)), -1.0)


@dataclass(frozen=True)
class ScanInfo:
    """The largest image drawn on a page: its resolution as placed and whether it is 1-bit (a fax)."""

    dpi: float
    bilevel: bool
    coverage: float  # share of the page area the image covers


def scan_info(page: pdfium.PdfPage) -> ScanInfo | None:
    """What the page's main image is, if it has one (pdfium reports the placed resolution per axis)."""
    best: tuple[float, ScanInfo] | None = None  # (area on page, info)
    width, height = page.get_size()
    page_area = max(width * height, 1.0)
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=3):
        left, bottom, right, top = obj.get_bounds()
        area = max(0.0, right - left) * max(0.0, top - bottom)
        try:
            meta = obj.get_metadata()
        except pdfium.PdfiumError:
            continue
        dpi = max(meta.horizontal_dpi, meta.vertical_dpi)
        if area > 0 and dpi > 0 and (best is None or area > best[0]):
            best = (area, ScanInfo(round(float(dpi), 1), meta.bits_per_pixel == 1, area / page_area))
    return best[1] if best else None


def render_dpi(page: pdfium.PdfPage, scan: ScanInfo | None, max_pixels: int) -> float:
    """The resolution to render a page at: its scan's own (the larger axis, which squares fax pixels),
    kept within what OCR needs and the pixel limit."""
    dpi = scan.dpi if scan else DEFAULT_RENDER_DPI
    dpi = min(max(dpi, MIN_RENDER_DPI), MAX_RENDER_DPI)
    width_pt, height_pt = page.get_size()
    pixels = (width_pt / 72.0 * dpi) * (height_pt / 72.0 * dpi)
    if pixels > max_pixels:
        dpi *= math.sqrt(max_pixels / pixels)
        if dpi < 50:
            raise ocr_error(
                OcrErrorCode.decompression_bomb,
                f"a page of {width_pt / 72:.0f}x{height_pt / 72:.0f} inches is too large to render",
            )
    return dpi


def render_page(page: pdfium.PdfPage, number: int, scan: ScanInfo | None, max_pixels: int) -> RasterPage:
    """Render one page in grayscale at the resolution of its scan."""
    dpi = render_dpi(page, scan, max_pixels)
    try:
        bitmap = page.render(scale=dpi / 72.0, grayscale=True)
        image = bitmap.to_pil().convert("L")
    except pdfium.PdfiumError as exc:
        raise ocr_error(OcrErrorCode.corrupt_pdf, f"page {number} cannot be rendered: {exc}") from exc
    return RasterPage(number=number, image=image, dpi=(dpi, dpi), bilevel=bool(scan and scan.bilevel))


def read_pdf_pages(path: str, options: OcrOptions) -> Iterator[TextLayerPage | RasterPage]:
    """Each page of a PDF: its text layer when real, else a rendered image for OCR."""
    doc = open_pdf(path, options)
    try:
        for index in range(len(doc)):
            yield _read_page(doc, index, options)
    finally:
        doc.close()


def _read_page(doc: pdfium.PdfDocument, index: int, options: OcrOptions) -> TextLayerPage | RasterPage:
    try:
        page = doc[index]
    except pdfium.PdfiumError as exc:
        raise ocr_error(OcrErrorCode.corrupt_pdf, f"page {index + 1} cannot be loaded: {exc}") from exc
    try:
        text, words = page_text_and_words(page)
        real = text_layer_is_real(text)
        if real and len(text) >= FULL_PAGE_TEXT:
            return TextLayerPage(number=index + 1, text=text.strip(), words=words)
        scan = scan_info(page)
        if real and (scan is None or scan.coverage < SCAN_COVERAGE):
            return TextLayerPage(number=index + 1, text=text.strip(), words=words)
        return render_page(page, index + 1, scan, options.max_image_pixels)
    finally:
        page.close()


def merge_pages(original_path: str | None, parts: list[bytes | None]) -> bytes:
    """One PDF from per-page parts: a one-page PDF from OCR, or None to copy that page of the original."""
    if len(parts) == 1 and parts[0] is not None:
        return parts[0]  # a single OCR'd page is already the whole searchable PDF
    out = pikepdf.Pdf.new()
    original = pikepdf.open(original_path) if original_path and None in parts else None
    opened: list[pikepdf.Pdf] = []
    try:
        for index, part in enumerate(parts):
            if part is None:
                assert original is not None
                out.pages.append(original.pages[index])
                continue
            single = pikepdf.open(io.BytesIO(part))
            opened.append(single)
            out.pages.extend(single.pages)
        buffer = io.BytesIO()
        out.save(buffer, compress_streams=True)
        return buffer.getvalue()
    finally:
        for pdf in opened:
            pdf.close()
        if original is not None:
            original.close()
