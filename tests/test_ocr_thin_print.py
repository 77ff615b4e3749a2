"""Thin printer fonts on fax pages: smoothed rather than median-filtered, a second reading only on weak pages."""

from __future__ import annotations

import random

import pytest

from pipeline.ocr import preprocess, recognize, tesseract
from pipeline.ocr.options import OcrOptions
from pipeline.ocr.pages import RasterPage
from pipeline.synth import render

TEXT = """PHARMACY REFILL REQUEST

Patient: WETHERBY, MONA L        DOB: 04/11/1957
Medication: Gabapentin 300 mg cap
Sig: take one capsule by mouth three times daily
Quantity: 90     Refills requested: 3
Last filled: 10/02/2026
Prescriber: Dr. Alan Greaves
Please sign and fax back to the pharmacy at your earliest convenience.
"""
needs_freemono = pytest.mark.skipif("freemono" not in render.available_fonts(),
                                    reason="FreeMono (Debian fonts-freefont-ttf) is not installed")


def fax_page(font: str, kind: str = "standard_fax") -> RasterPage:
    images, _ = render.make_page(kind, [TEXT], random.Random(4), font=font)
    img = images[0] if isinstance(images, list) else images
    return RasterPage(1, img.convert("L"), tuple(float(v) for v in img.info["dpi"]), True)  # type: ignore[arg-type]


@needs_freemono
def test_the_median_takes_much_of_a_thin_font_s_ink_and_little_of_a_normal_one():
    thin, normal = fax_page("freemono"), fax_page("mono")
    for page, thin_strokes in ((thin, True), (normal, False)):
        squared, _, _ = preprocess.square_pixels(page)
        loss = preprocess.ink_loss(squared, preprocess.despeckle(squared))
        assert bool(loss > recognize.THIN_STROKE_INK_LOSS) is thin_strokes
    assert recognize.prepare(thin, smooth=False).median is False
    assert recognize.prepare(normal, smooth=False).median is True
    assert recognize.prepare(thin).median is False and recognize.prepare(thin).smooth is True


@pytest.mark.slow
@needs_freemono
def test_a_thin_font_standard_fax_reads_right_with_the_decision_and_badly_with_the_filter_forced():
    page, options = fax_page("freemono"), OcrOptions()
    forced = recognize._recognise(recognize.prepare(page, median=True, smooth=False), 1, options, False).page
    decided = recognize.ocr_page(page, options, want_pdf=False).page
    assert "Gabapentin" not in forced.text or (forced.mean_confidence or 0) < 70
    assert "Gabapentin" in decided.text and "WETHERBY" in decided.text
    assert (decided.mean_confidence or 0) > (forced.mean_confidence or 0) + 15


@pytest.mark.slow
def test_a_clean_fax_page_takes_one_pass(monkeypatch):
    calls = []
    real = tesseract.recognize

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(tesseract, "recognize", counting)
    page = recognize.ocr_page(fax_page("mono", "fine_fax"), OcrOptions(), want_pdf=False).page
    assert "Gabapentin" in page.text and len(calls) == 1


@pytest.mark.slow
@needs_freemono
def test_a_weak_reading_is_read_again_the_other_way_and_the_better_kept(monkeypatch):
    page = fax_page("freemono")
    monkeypatch.setattr(recognize, "THIN_STROKE_INK_LOSS", 1.0)  # the old unconditional filter first
    read = recognize.ocr_page(page, OcrOptions(), want_pdf=False).page
    assert "Gabapentin" in read.text and (read.mean_confidence or 0) >= 75


@pytest.mark.slow
@needs_freemono
def test_a_received_thin_font_standard_fax_reads_better_smoothed_than_sharp():
    from pipeline.synth import received

    page = render.render_page(TEXT, 300, font="freemono")
    fax = received.real_fax(page, "standard", random.Random(0))  # blurred, row-averaged, noisy, thresholded
    raster = RasterPage(1, fax.convert("L"), (204.0, 98.0), True)
    smoothed = recognize._recognise(recognize.prepare(raster), 1, OcrOptions(), False).page
    sharp = recognize._recognise(recognize.prepare(raster, smooth=False), 1, OcrOptions(), False).page
    assert "WETHERBY" in smoothed.text and "Gabapentin" in smoothed.text and "Quantity" in smoothed.text
    assert (smoothed.mean_confidence or 0) > (sharp.mean_confidence or 0) + 10
    assert recognize.ocr_page(raster, OcrOptions(), want_pdf=False).page.text == smoothed.text


def test_each_word_comes_with_its_characters_and_the_alternatives_the_recogniser_weighed():
    prepared = recognize.prepare(fax_page("mono", "fine_fax"))
    read = tesseract.recognize(prepared.image, round(prepared.dpi), "eng", 60.0, False, choices=True)
    assert read.words and all(
        "".join(c for c, _, _ in read.letters[(w.left, w.top, w.width, w.height)]) == w.text for w in read.words)
    assert any(alternatives for w in read.letters.values() for _, _, alternatives in w)
    plain = tesseract.recognize(prepared.image, round(prepared.dpi), "eng", 60.0, False)
    assert plain.letters == {} and [w.text for w in plain.words] == [w.text for w in read.words]
