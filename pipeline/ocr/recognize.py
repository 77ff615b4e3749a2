"""OCR of one page image: clean it, make it upright, run Tesseract once, describe the result as a PageText.

Orientation is decided cheaply from projection profiles where they are clear-cut; Tesseract's OSD (about
a third of an OCR pass) runs only when they are not, or when the OCR pass comes back with low confidence.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from PIL import Image

from pipeline.ocr import preprocess, tesseract
from pipeline.ocr.options import OcrOptions
from pipeline.ocr.pages import RasterPage
from pipeline.ocr.pdfpage import compose_page
from pipeline.ocr.textcheck import common_word_share
from pipeline.records import PageSource, PageText, Word

log = logging.getLogger(__name__)

UPRIGHT_LINES = 2.0  # row/column profile sharpness above this: lines run across the page
SIDEWAYS_LINES = 0.5  # below this: lines run down the page (turned 90 or 270 degrees)
UPRIGHT_ASCENDERS = 1.25  # ink above/below line cores above this: upright Latin text
UPSIDE_DOWN_ASCENDERS = 0.8  # below this: upside down
LOW_CONFIDENCE = 70.0  # a first pass below this mean word confidence gets an orientation check
FEW_COMMON_WORDS = 0.03  # ... as does one with almost no common words among at least MIN_TOKENS
MIN_TOKENS = 20
MIN_OSD_CONFIDENCE = 1.5  # OSD answers below this are noise


@dataclass(frozen=True)
class OcrPage:
    """A page's text and the one-page searchable PDF from the same Tesseract pass."""

    page: PageText
    pdf: bytes | None


@dataclass(frozen=True)
class Prepared:
    """A cleaned, upright page image ready for Tesseract, and what was done to it."""

    image: Image.Image
    dpi: float
    rotation: int  # degrees clockwise applied
    skew: float  # degrees of skew removed
    osd_done: bool  # Tesseract's orientation detection already had its say
    bilevel: bool | None  # store the page image at 1 bit in the searchable PDF (None: decide from pixels)


def mean_confidence(words: tuple[Word, ...]) -> float | None:
    """Mean Tesseract confidence of the recognised words; None when there are none."""
    confs = [w.conf for w in words if w.conf >= 0]
    return sum(confs) / len(confs) if confs else None


def _osd_rotation(image: Image.Image, dpi: float, options: OcrOptions) -> int | None:
    found = tesseract.detect_orientation(image, round(dpi), options.timeout)
    if found is None or found.confidence < MIN_OSD_CONFIDENCE:
        return None
    return found.rotate


def _turn(image: Image.Image, rotation: int, clockwise: int) -> tuple[Image.Image, int]:
    return preprocess.rotate_upright(image, clockwise), (rotation + clockwise) % 360


def _make_upright(image: Image.Image, dpi: float, options: OcrOptions) -> Prepared:
    """Orientation from the profiles when they are clear, from OSD when not; then deskew."""
    rotation, osd_done = 0, False
    layout = preprocess.analyse_layout(image)
    if layout is None:
        return Prepared(image, dpi, 0, 0.0, False, None)
    ratio = layout.horizontal / max(layout.vertical, 1e-9)
    if ratio < UPRIGHT_LINES:
        turn = 90 if ratio <= SIDEWAYS_LINES else _osd_rotation(image, dpi, options)
        osd_done = ratio > SIDEWAYS_LINES
        if turn:
            image, rotation = _turn(image, rotation, turn)
            layout = preprocess.analyse_layout(image) or layout
    if abs(layout.skew) >= preprocess.MIN_SKEW:
        image = preprocess.deskew(image, layout.skew)
    if not osd_done and layout.ascender_ratio < UPRIGHT_ASCENDERS:
        if layout.ascender_ratio <= UPSIDE_DOWN_ASCENDERS:
            image, rotation = _turn(image, rotation, 180)
        else:
            osd_done = True
            turn = _osd_rotation(image, dpi, options)
            if turn:
                image, rotation = _turn(image, rotation, turn)
    skew = layout.skew if abs(layout.skew) >= preprocess.MIN_SKEW else 0.0
    return Prepared(image, dpi, rotation, skew, osd_done, None)


def prepare(page: RasterPage, options: OcrOptions) -> Prepared:
    """Square the pixels, despeckle upsampled faxes, make the page upright and straight."""
    image, dpi, resized = preprocess.square_pixels(page)
    if page.bilevel and resized:
        image = preprocess.despeckle(image)
    prepared = _make_upright(image, dpi, options)
    return replace(prepared, bilevel=True) if page.bilevel else prepared


def _recognise(prepared: Prepared, number: int, options: OcrOptions, want_pdf: bool) -> OcrPage:
    result = tesseract.recognize(
        prepared.image, round(prepared.dpi), options.language, options.timeout, want_pdf
    )
    text = PageText(
        number=number,
        text=result.text,
        source=PageSource.ocr,
        words=result.words,
        mean_confidence=mean_confidence(result.words),
        rotation=prepared.rotation,
        skew=round(prepared.skew, 2),
        dpi=(prepared.dpi, prepared.dpi),
    )
    pdf = compose_page(result.text_pdf, prepared.image, prepared.bilevel) if result.text_pdf else None
    return OcrPage(page=text, pdf=pdf)


def looks_wrong(page: PageText) -> bool:
    """Whether an OCR pass looks like a misoriented page: low confidence or hardly any real words."""
    conf = page.mean_confidence
    if conf is None:
        return False  # nothing recognised at all: a blank page, not a rotated one
    tokens = len(page.text.split())
    return conf < LOW_CONFIDENCE or (tokens >= MIN_TOKENS and common_word_share(page.text) < FEW_COMMON_WORDS)


def _better(first: OcrPage, second: OcrPage) -> OcrPage:
    score = lambda p: (p.page.mean_confidence or 0.0) * min(1.0, len(p.page.words) / 20)  # noqa: E731
    return second if score(second) > score(first) else first


def ocr_page(page: RasterPage, options: OcrOptions, want_pdf: bool = True) -> OcrPage:
    """Clean one page image and OCR it; a second pass only if the first looks misoriented and OSD agrees."""
    prepared = prepare(page, options)
    first = _recognise(prepared, page.number, options, want_pdf)
    if prepared.osd_done or not looks_wrong(first.page):
        return first
    turn = _osd_rotation(prepared.image, prepared.dpi, options)
    if not turn:
        return first
    log.debug("page %d: low confidence, OSD suggests turning %d degrees", page.number, turn)
    image, rotation = _turn(prepared.image, prepared.rotation, turn)
    second = _recognise(replace(prepared, image=image, rotation=rotation), page.number, options, want_pdf)
    return _better(first, second)
