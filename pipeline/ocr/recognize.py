"""OCR of one page image: clean it, make it upright, run Tesseract once, describe the result as a PageText.

Orientation is decided cheaply from projection profiles where they are clear-cut. Tesseract's OSD (about
a third of an OCR pass) runs only when an OCR pass comes back with low confidence and the profiles were
not clear-cut; a second OCR pass follows only if OSD finds the page turned, and the better pass is kept.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

import numpy as np
from PIL import Image

from pipeline.errors import DocumentError
from pipeline.ocr import lexicon, preprocess, tesseract
from pipeline.ocr.errors import OcrErrorCode
from pipeline.ocr.options import OcrOptions
from pipeline.ocr.pages import RasterPage
from pipeline.ocr.pdfpage import compose_page
from pipeline.ocr.textcheck import common_word_share
from pipeline.records import PageSource, PageText, Word

log = logging.getLogger(__name__)

UPRIGHT_LINES = 1.4  # Layout.lines_across above this: lines run across the page
SIDEWAYS_LINES = 0.5  # below this: lines run down the page (turned 90 or 270 degrees) ...
SIDEWAYS_GAPS = 0.25  # ... if at least this share of columns are gaps between lines (not a 2-line note)
UPSIDE_DOWN_ASCENDERS = 0.6  # ink above/below the line cores below this: upside-down Latin text
CLEAR_ASCENDERS = 1.5  # upright evidence this strong is not second-guessed by OSD on a noisy page
LOW_CONFIDENCE = 70.0  # a first pass below this mean word confidence gets an orientation check ...
VERY_LOW_CONFIDENCE = 50.0  # ... even when the profiles looked clear-cut, below this
FEW_COMMON_WORDS = 0.02  # almost no common words among at least MIN_TOKENS also counts as low ...
GOOD_CONFIDENCE = 85.0  # ... unless confidence is this high (a table of lab values has few common words)
MIN_TOKENS = 20
MIN_OSD_CONFIDENCE = 1.5  # OSD answers below this are noise
# A 3x3 median that takes away this share of a fax page's ink is eating thin strokes (FreeMono, Courier-like
# faces lose ~27%, DejaVu and Liberation ~2%): such a page is not median-filtered when cleaned the older way.
THIN_STROKE_INK_LOSS = 0.15
WEAK_CONFIDENCE = 90.0  # a page read below this is read once more, prepared another way; the better reading stays
# A weak grey page (scan, photo) is read again blurred this many times as much: ink bleed, low-ink lines and
# paper texture break strokes that a stronger blur joins. Word recall on bench/ocr_accuracy.py tuning seeds
# 57 and 77 (not the reported seed), against reading the plainly squared page instead: augraphy scans
# 0.910/0.946 -> 0.937/0.971, photos 0.976/0.963 -> 0.976/0.987, 150-dpi grey scans 0.954/0.989 ->
# 0.944/0.989.
HEAVY_BLUR = 1.5


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
    clear: bool  # the projection profiles alone showed the orientation beyond doubt
    bilevel: bool | None  # store the page image at 1 bit in the searchable PDF (None: decide from pixels)
    median: bool | None = None  # a 1-bit page: whether the median filter was applied (None: not a fax page)
    smooth: bool = False  # blurred slightly before OCR (preprocess.smooth); a 1-bit page is then read in grey
    blur: float = 1.0  # the blur's strength, as a multiple of preprocess.SMOOTH_SIGMA


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


def _orient(image: Image.Image, thumb: preprocess.Thumb, dpi: float, bilevel: bool) -> Prepared:
    """Turn and deskew by the projection profiles where they are clear-cut; leave doubtful cases to OCR.

    A doubtful page is OCR'd as it is and only checked with OSD if that pass comes back with low
    confidence: most doubtful pages are upright forms, so OSD up front would mostly be wasted.
    """
    rotation = 0
    layout = preprocess.analyse_layout(thumb)
    if layout is None:
        return Prepared(image, dpi, 0, 0.0, clear=False, bilevel=None)
    if layout.lines_across <= SIDEWAYS_LINES and layout.column_gaps >= SIDEWAYS_GAPS:
        image, rotation = _turn(image, rotation, 90)
        thumb = preprocess.rotate_thumb(thumb, 90)
        layout = preprocess.analyse_layout(thumb) or layout
    scale = preprocess.ocr_scale(layout.line_height, dpi)
    if scale != 1.0:
        image, dpi = preprocess.rescale(image, scale), dpi * scale
    if abs(layout.skew) >= preprocess.MIN_SKEW:
        image = preprocess.deskew(image, layout.skew, bilevel)
    ascenders = layout.ascender_ratio
    if ascenders <= UPSIDE_DOWN_ASCENDERS:
        image, rotation = _turn(image, rotation, 180)
    clear = layout.lines_across >= UPRIGHT_LINES and (
        ascenders >= CLEAR_ASCENDERS or ascenders <= UPSIDE_DOWN_ASCENDERS
    )
    skew = layout.skew if abs(layout.skew) >= preprocess.MIN_SKEW else 0.0
    return Prepared(image, dpi, rotation, skew, clear=clear, bilevel=None)


def prepare(page: RasterPage, median: bool | None = None, smooth: bool = True, blur: float = 1.0) -> Prepared:
    """Square the pixels, clean 1-bit pages, even out the light, remove streaks, turn, deskew, drop rules.

    Every page is by default blurred slightly at the end (preprocess.smooth); a 1-bit page is then handed
    to Tesseract in grey instead of being median-filtered. With `smooth` False a 1-bit page is cleaned the
    older way, with the 3x3 median and back to 1 bit; `median` then forces the filter on or off, which by default
    is applied unless it would take away so much ink that it is erasing thin strokes rather than speckle.
    """
    image, dpi, _ = preprocess.square_pixels(page)
    if page.bilevel and smooth:
        median = False
    elif page.bilevel:
        cleaned = preprocess.despeckle(image)
        if median is None:
            median = preprocess.ink_loss(image, cleaned) <= THIN_STROKE_INK_LOSS
        image = cleaned if median else image
    thumb = preprocess.thumbnail(image, dpi)
    image, thumb = preprocess.even_out_light(image, thumb, dpi)
    image, thumb = preprocess.remove_streaks(image, thumb, dpi)
    prepared = _orient(image, thumb, dpi, page.bilevel)
    same = prepared.image is image  # not turned, scaled or deskewed: the thumbnail still describes it
    ruled = preprocess.remove_rules(prepared.image, prepared.dpi, thumb if same else None)
    prepared = replace(prepared, image=ruled, median=median if page.bilevel else None)
    if smooth:
        smoothed = preprocess.smooth(prepared.image, prepared.dpi, page.bilevel, blur)
        prepared = replace(prepared, image=smoothed, smooth=True, blur=blur)
    if not page.bilevel:
        return prepared
    return replace(prepared, image=prepared.image if smooth else preprocess.to_bilevel(prepared.image), bilevel=True)


@dataclass(frozen=True)
class _Pass:
    """One Tesseract pass: the page's text and the text-only PDF, not yet joined with the image."""

    page: PageText
    text_pdf: bytes | None
    prepared: Prepared
    letters: dict[tesseract.Box, tuple[tesseract.Letter, ...]] = field(default_factory=dict)


def _recognise(prepared: Prepared, number: int, options: OcrOptions, want_pdf: bool,
               choices: bool = True) -> _Pass:
    result = tesseract.recognize(
        prepared.image, round(prepared.dpi), options.language, options.timeout, want_pdf, choices=choices
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
    return _Pass(page=text, text_pdf=result.text_pdf, prepared=prepared, letters=result.letters)


def needs_orientation_check(page: PageText, clear: bool) -> bool:
    """Whether an OCR pass looks like a misoriented page: low confidence or hardly any real words."""
    conf = page.mean_confidence
    if conf is None:
        return False  # nothing recognised at all: a blank page, not a rotated one
    if conf < VERY_LOW_CONFIDENCE:
        return True
    tokens = len(page.text.split())
    few_words = tokens >= MIN_TOKENS and common_word_share(page.text) < FEW_COMMON_WORDS
    return not clear and (conf < LOW_CONFIDENCE or (few_words and conf < GOOD_CONFIDENCE))


def _score(page: PageText) -> float:
    # Mean confidence, discounted when a pass found only a handful of words (specks read as letters).
    return (page.mean_confidence or 0.0) * min(1.0, len(page.words) / 20)


def _second_pass(first: _Pass, options: OcrOptions, want_pdf: bool) -> _Pass:
    prepared = first.prepared
    turn = _osd_rotation(prepared.image, prepared.dpi, options)
    if not turn and (first.page.mean_confidence or 0.0) < VERY_LOW_CONFIDENCE:
        # OSD has no confident answer on a very poor reading: a short page of capitals and digits can fool
        # the ascender profile into a wrong half turn, so the page the other way up is read too
        turn = 180
    if not turn:
        return first
    log.debug("page %d: low confidence, OSD suggests turning %d degrees", first.page.number, turn)
    image, rotation = _turn(prepared.image, prepared.rotation, turn)
    second = _extra_reading(replace(prepared, image=image, rotation=rotation), first, options, want_pdf)
    return second if second is not None and _score(second.page) > _score(first.page) else first


def _extra_reading(prepared: Prepared, first: _Pass, options: OcrOptions, want_pdf: bool) -> _Pass | None:
    """A reading beside `first`; None when Tesseract times out or crashes on it: the page is read already."""
    try:
        return _recognise(prepared, first.page.number, options, want_pdf)
    except DocumentError as exc:
        if exc.code not in (OcrErrorCode.ocr_timeout, OcrErrorCode.ocr_crash, OcrErrorCode.ocr_failed):
            raise
        log.warning("page %d: a second reading failed (%s); the first reading is kept", first.page.number, exc.code)
        return None


def prepare_plain(page: RasterPage, rotation: int) -> Prepared:
    """The page with square pixels, turned by `rotation` degrees clockwise, and nothing else done to it."""
    image, dpi, _ = preprocess.square_pixels(page)
    if rotation:
        image = preprocess.rotate_upright(image, rotation)
    if page.bilevel:
        image = preprocess.to_bilevel(image)
    return Prepared(image, dpi, rotation, 0.0, clear=False, bilevel=True if page.bilevel else None,
                    median=False if page.bilevel else None)


def _same_pixels(a: Image.Image, b: Image.Image) -> bool:
    return a.size == b.size and bool(np.array_equal(np.asarray(a.convert("L")), np.asarray(b.convert("L"))))


def alternative(prepared: Prepared, page: RasterPage, confidence: float | None = None) -> Prepared | None:
    """What a weak reading is checked against, or None if nothing else would differ.

    A smoothed 1-bit page: the page cleaned the older way (the median filter unless it erases thin
    strokes, and 1 bit). A grey page read with `confidence` VERY_LOW_CONFIDENCE or better: the same page
    blurred HEAVY_BLUR times as much. A grey page read worse than that (preparing may have gone wrong) or
    read unsmoothed: the plainly squared page, turned as decided; or, when that is what was read, a fax page
    with the median filter applied after all.
    """
    if prepared.smooth and page.bilevel:
        return prepare(page, smooth=False)
    fair = confidence is not None and confidence >= VERY_LOW_CONFIDENCE
    if prepared.smooth and prepared.blur != HEAVY_BLUR and fair:
        heavier = prepare(page, blur=HEAVY_BLUR)
        if not _same_pixels(heavier.image, prepared.image):
            return heavier
    plain = prepare_plain(page, prepared.rotation)
    if not _same_pixels(plain.image, prepared.image):
        return plain
    if prepared.median is False:
        return prepare(page, median=True, smooth=False)
    return None


def _read_again(first: _Pass, page: RasterPage, options: OcrOptions, want_pdf: bool) -> _Pass:
    """A weak reading checked against a second one of the page prepared differently; the better is kept."""
    other = alternative(first.prepared, page, first.page.mean_confidence)
    if other is None:
        return first
    second = _extra_reading(other, first, options, want_pdf)
    if second is None:
        return first
    log.debug("page %d: weak reading (median %s) read again (median %s): confidence %.0f -> %.0f",
              page.number, first.prepared.median, other.median, first.page.mean_confidence or 0,
              second.page.mean_confidence or 0)
    kept, spare = (second, first) if _score(second.page) > _score(first.page) else (first, second)
    return _merged(kept, spare, options)


def _merged(kept: _Pass, spare: _Pass, options: OcrOptions) -> _Pass:
    """The kept reading with its non-words replaced by the spare reading's words in the same place, when
    both read the same image geometry (the page's PDF keeps the kept reading's own text layer)."""
    a, b = kept.prepared, spare.prepared
    if (a.image.size, a.dpi, a.rotation, a.skew) != (b.image.size, b.dpi, b.rotation, b.skew):
        return kept
    vocabulary = lexicon.words(options.language)
    if vocabulary is None:
        return kept
    return replace(kept, page=lexicon.merge_words(kept.page, spare.page, vocabulary))


def ocr_page(page: RasterPage, options: OcrOptions, want_pdf: bool = True) -> OcrPage:
    """Clean one page image and OCR it; a second pass only if the first looks misoriented and OSD agrees.

    A weak first reading (mean confidence below WEAK_CONFIDENCE, or no words) is read once more, from the
    page prepared another way (see `alternative`); the better of the two
    readings is kept, and the searchable page is made from it. Good pages take one pass.
    """
    prepared = prepare(page)
    # The characters' alternatives (for lexicon.respell) cost Tesseract about 8% more time: they are asked
    # for where strokes break (1-bit pages: faxes, bilevel scans) and on every second reading of a weak page.
    best = _recognise(prepared, page.number, options, want_pdf, choices=page.bilevel)
    if (best.page.mean_confidence or 0.0) < WEAK_CONFIDENCE:
        best = _read_again(best, page, options, want_pdf)
    if needs_orientation_check(best.page, best.prepared.clear):
        best = _second_pass(best, options, want_pdf)
    vocabulary, common = lexicon.words(options.language), lexicon.common_words(options.language)
    if vocabulary is not None and common is not None:
        best = replace(best, page=lexicon.respell(best.page, best.letters, vocabulary, common))
    if best.text_pdf is None:
        return OcrPage(page=best.page, pdf=None)
    pdf = compose_page(best.text_pdf, best.prepared.image, best.prepared.bilevel)
    return OcrPage(page=best.page, pdf=pdf)
