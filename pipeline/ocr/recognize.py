"""OCR of one page image: clean it, run Tesseract once, and describe the result as a PageText."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.ocr import preprocess, tesseract
from pipeline.ocr.options import OcrOptions
from pipeline.ocr.pages import RasterPage
from pipeline.records import PageSource, PageText, Word


@dataclass(frozen=True)
class OcrPage:
    """A page's text and the one-page searchable PDF from the same Tesseract pass."""

    page: PageText
    pdf: bytes | None


def mean_confidence(words: tuple[Word, ...]) -> float | None:
    """Mean Tesseract confidence of the recognised words; None when there are none."""
    confs = [w.conf for w in words if w.conf >= 0]
    return sum(confs) / len(confs) if confs else None


def ocr_page(page: RasterPage, options: OcrOptions, want_pdf: bool = True) -> OcrPage:
    """Clean one page image and OCR it once."""
    image, dpi, resized = preprocess.square_pixels(page)
    if page.bilevel and resized:
        image = preprocess.despeckle(image)
    result = tesseract.recognize(image, round(dpi), options.language, options.timeout, want_pdf)
    text = PageText(
        number=page.number,
        text=result.text,
        source=PageSource.ocr,
        words=result.words,
        mean_confidence=mean_confidence(result.words),
        dpi=(dpi, dpi),
    )
    return OcrPage(page=text, pdf=result.pdf)
