"""A weak reading is checked against the plainly squared page and the better one kept; good pages take one pass."""

from __future__ import annotations

import random

import pytest
from PIL import Image, ImageDraw, ImageFilter

from pipeline.ocr import preprocess, recognize, tesseract
from pipeline.ocr.options import OcrOptions
from pipeline.ocr.pages import RasterPage
from pipeline.synth import render

TEXT = """LABORATORY REPORT

Patient: HALVORSEN, PETRA        DOB: 02/19/1961
Collected: 11/03/2026   Reported: 11/04/2026
Hemoglobin A1c        6.9 %        (4.0 - 5.6)
Glucose, fasting      131 mg/dL    (70 - 99)
Creatinine            0.92 mg/dL   (0.60 - 1.10)
Comments: results reviewed and released by the laboratory director.
"""


def grey_page(dpi: int = 200) -> RasterPage:
    img = render.render_page(TEXT, dpi)
    return RasterPage(1, img, (float(dpi), float(dpi)), False)


def fax_page() -> RasterPage:
    images, _ = render.make_page("fine_fax", [TEXT], random.Random(3))
    img = images[0] if isinstance(images, list) else images
    return RasterPage(1, img.convert("L"), tuple(float(v) for v in img.info["dpi"]), True)  # type: ignore[arg-type]


def _smudge(image: Image.Image, dpi: float, thumb: object = None) -> Image.Image:
    """A preparing step gone wrong: the text blurred and crossed by grey bars, as a bad filter leaves it."""
    out = image.convert("L").filter(ImageFilter.GaussianBlur(2.2))
    draw = ImageDraw.Draw(out)
    for y in range(0, out.height // 3, 11):
        draw.line((0, y, out.width, y), fill=150, width=3)
    return out


def test_the_plain_page_is_the_alternative_when_preparing_changed_the_pixels(monkeypatch):
    page = grey_page()
    monkeypatch.setattr(preprocess, "remove_rules", _smudge)
    prepared = recognize.prepare(page)
    other = recognize.alternative(prepared, page)
    assert other is not None and other.median is None
    assert other.image.size == page.image.size and other.rotation == prepared.rotation


def test_a_page_preparing_left_alone_has_no_alternative():
    page = grey_page()
    prepared = recognize.prepare_plain(page, 0)
    assert recognize.alternative(prepared, page) is None


def test_a_thin_stroke_fax_page_left_unfiltered_has_the_filtered_page_as_alternative():
    page = fax_page()
    plain = recognize.prepare_plain(page, 0)
    other = recognize.alternative(plain, page)
    assert other is not None and other.median is True


@pytest.mark.slow
def test_a_weak_reading_is_read_again_plainly_and_the_better_reading_kept(monkeypatch):
    page = grey_page()
    monkeypatch.setattr(preprocess, "remove_rules", _smudge)
    ruined = recognize._recognise(recognize.prepare(page), 1, OcrOptions(), False).page
    assert "Creatinine" not in ruined.text or (ruined.mean_confidence or 0) < recognize.WEAK_CONFIDENCE
    kept = recognize.ocr_page(page, OcrOptions(), want_pdf=True)
    assert "HALVORSEN" in kept.page.text and "Creatinine" in kept.page.text
    assert (kept.page.mean_confidence or 0) > (ruined.mean_confidence or 0)
    assert kept.pdf is not None and kept.pdf.startswith(b"%PDF")


@pytest.mark.slow
def test_a_clean_grey_page_takes_one_pass(monkeypatch):
    calls = []
    real = tesseract.recognize

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(tesseract, "recognize", counting)
    read = recognize.ocr_page(grey_page(300), OcrOptions(), want_pdf=False).page
    assert "HALVORSEN" in read.text and (read.mean_confidence or 0) >= recognize.WEAK_CONFIDENCE
    assert len(calls) == 1


def test_a_fairly_weak_grey_reading_is_checked_against_a_heavier_blur():
    page = grey_page()
    prepared = recognize.prepare(page)
    other = recognize.alternative(prepared, page, confidence=70.0)
    assert other is not None and other.smooth and other.blur == recognize.HEAVY_BLUR
    assert recognize.alternative(other, page, confidence=70.0) is not None  # never the same reading twice
    assert recognize.alternative(other, page, confidence=70.0).blur != recognize.HEAVY_BLUR  # type: ignore[union-attr]


def test_a_very_weak_grey_reading_is_checked_against_the_plain_page():
    page = grey_page()
    prepared = recognize.prepare(page)
    other = recognize.alternative(prepared, page, confidence=30.0)
    assert other is not None and not other.smooth and other.image.size == page.image.size


@pytest.mark.slow
def test_a_page_turned_upside_down_by_mistake_is_read_the_other_way_up_too(monkeypatch):
    page = grey_page(300)
    real = recognize._orient

    def wrong_half_turn(image, thumb, dpi, bilevel):  # type: ignore[no-untyped-def]
        done = real(image, thumb, dpi, bilevel)
        turned, rotation = recognize._turn(done.image, done.rotation, 180)
        return recognize.replace(done, image=turned, rotation=rotation, clear=True)

    monkeypatch.setattr(recognize, "_orient", wrong_half_turn)
    monkeypatch.setattr(recognize, "_osd_rotation", lambda *a: None)  # OSD has no confident answer
    read = recognize.ocr_page(page, OcrOptions(), want_pdf=False).page
    assert "HALVORSEN" in read.text and read.rotation == 0


@pytest.mark.parametrize("code", ["ocr_timeout", "ocr_crash"])
def test_a_second_reading_that_times_out_or_crashes_keeps_the_first(monkeypatch, code):
    from pipeline.errors import DocumentError

    page = grey_page()
    monkeypatch.setattr(preprocess, "remove_rules", _smudge)  # a weak first reading: a second one is tried
    real, calls = tesseract.recognize, []

    def second_fails(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) > 1:
            raise DocumentError(code, "tesseract gave up on this page", stage="ocr")
        return real(*args, **kwargs)

    monkeypatch.setattr(tesseract, "recognize", second_fails)
    kept = recognize.ocr_page(page, OcrOptions(), want_pdf=True)
    assert len(calls) >= 2 and kept.page.words and kept.pdf is not None


def test_a_speckled_fax_whose_lines_read_as_tiny_is_not_blown_up_past_400_dpi():
    assert preprocess.ocr_scale(8.0, 204.0) == pytest.approx(400 / 204)
    assert preprocess.ocr_scale(8.0, 100.0) == pytest.approx(3.0)
    assert preprocess.ocr_scale(8.0, 600.0) == 1.0
