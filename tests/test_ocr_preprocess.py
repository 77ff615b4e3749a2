"""Pure preprocessing and text judgements: no Tesseract involved."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from pipeline.ocr import preprocess
from pipeline.ocr.pages import RasterPage
from pipeline.ocr.textcheck import common_word_share, text_layer_is_real

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
WORDS = "the patient was seen in clinic today for follow up of blood pressure and laboratory results".split()


def letter(seed: int = 1, dpi: int = 150) -> Image.Image:
    """A half-letter page of prose at `dpi`, small enough to keep these tests fast."""
    rng = random.Random(seed)
    size = round(11 / 72 * dpi)
    font = ImageFont.truetype(FONT, size)
    image = Image.new("L", (round(6 * dpi), round(5 * dpi)), 255)
    draw = ImageDraw.Draw(image)
    y = size
    while y < image.height - 2 * size:
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9))).capitalize()
        draw.text((size, y), line, font=font, fill=0)
        y += round(size * 1.7)
    return image


def layout_of(image: Image.Image, dpi: float = 150) -> preprocess.Layout | None:
    return preprocess.analyse_layout(preprocess.thumbnail(image, dpi))


@pytest.mark.parametrize("angle", [2.5, -4.0, 0.8])
def test_skew_is_measured(angle: float) -> None:
    turned = letter().rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    layout = layout_of(turned)
    assert layout is not None
    assert layout.skew == pytest.approx(angle, abs=0.2)
    straightened = layout_of(preprocess.deskew(turned, layout.skew))
    assert straightened is not None and abs(straightened.skew) < 0.2


def test_orientation_hints() -> None:
    page = letter()
    upright = layout_of(page)
    upside_down = layout_of(page.rotate(180))
    sideways = layout_of(page.transpose(Image.Transpose.ROTATE_90))
    assert upright and upside_down and sideways
    assert not upright.sideways and upright.ascender_ratio > 1.5
    assert upside_down.ascender_ratio < 0.7
    assert sideways.sideways


def test_blank_page_has_no_layout() -> None:
    assert layout_of(Image.new("L", (600, 800), 255)) is None


def test_rotate_upright_is_clockwise() -> None:
    image = Image.new("L", (40, 20), 255)
    image.putpixel((0, 0), 0)  # top-left
    turned = preprocess.rotate_upright(image, 90)
    assert turned.size == (20, 40)
    assert turned.getpixel((19, 0)) == 0  # a clockwise quarter turn takes top-left to top-right


def test_square_pixels_standard_fax() -> None:
    page = RasterPage(number=1, image=Image.new("L", (1728, 1078), 255), dpi=(204.0, 98.0), bilevel=True)
    image, dpi, resized = preprocess.square_pixels(page)
    assert resized and dpi == 204.0
    assert image.size == (1728, round(1078 * 204 / 98))


def test_square_pixels_leaves_square_scans_alone() -> None:
    source = Image.new("L", (100, 100), 255)
    image, dpi, resized = preprocess.square_pixels(RasterPage(1, source, (300.0, 300.0), False))
    assert image is source and dpi == 300.0 and not resized
    image, dpi, resized = preprocess.square_pixels(RasterPage(1, source, (0.0, 0.0), False))
    assert dpi == preprocess.ASSUMED_DPI and not resized


def test_text_is_scaled_to_the_size_tesseract_reads_best() -> None:
    assert preprocess.ocr_scale(24.0, 204.0) == 1.0  # fax text: already right
    assert preprocess.ocr_scale(36.0, 300.0) == pytest.approx(25 / 36)  # 300 dpi letter: down to ~208 dpi
    assert preprocess.ocr_scale(60.0, 300.0) == pytest.approx(200 / 300)  # never below 200 dpi
    assert preprocess.ocr_scale(27.0, 300.0) == 1.0  # small saving: not worth resampling
    assert preprocess.ocr_scale(10.0, 100.0) == pytest.approx(2.5)  # tiny text is scaled up
    assert preprocess.ocr_scale(0.0, 300.0) == 1.0


def test_text_layer_judgement() -> None:
    prose = (
        "Dear Dr. Lee, the patient was seen in the clinic on 03/04/2024 for follow up of her blood pressure. "
        * 3
    )
    assert text_layer_is_real(prose)
    assert not text_layer_is_real("  4 ")  # stray characters on a scanned page
    assert not text_layer_is_real("ÿþ¤¥§ ¨©ª«¬ ®¯°±² ³´µ¶· ¸¹º»¼ ½¾¿ÀÁ " * 5)  # mojibake
    assert not text_layer_is_real("xkcd qwrtz plmnb vvrrt ghjk zxcvb nmlkj trwq " * 4)  # bad earlier OCR
    assert common_word_share("the patient and the doctor") == 1.0
    assert common_word_share("") == 0.0


def _thumb(image: Image.Image, dpi: float = 150) -> preprocess.Thumb:
    return preprocess.thumbnail(image, dpi)


def test_scanner_streak_is_removed_and_text_kept() -> None:
    page = letter()
    ink_before = int((np.asarray(page) < 128).sum())
    streaked = page.copy()
    ImageDraw.Draw(streaked).rectangle((400, 0, 401, streaked.height), fill=0)
    cleaned, _ = preprocess.remove_streaks(streaked, _thumb(streaked), 150)
    pixels = np.asarray(cleaned)
    assert (pixels[:, 400] < 128).sum() < 0.2 * cleaned.height  # only where text crosses the streak
    ink_after = int((pixels < 128).sum())
    assert ink_after > 0.95 * ink_before


def _ink(image: Image.Image) -> np.ndarray:
    return np.asarray(image) < 128


def test_rules_are_removed_and_text_around_them_kept() -> None:
    page = letter()
    ruled = Image.new("L", (page.width, page.height + 100), 255)
    ruled.paste(page, (0, 0))
    draw = ImageDraw.Draw(ruled)
    draw.rectangle((40, 8, 700, 9), fill=0)  # a drawn rule in the top margin
    mono = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", 23)
    draw.text((40, page.height + 20), "=" * 30, font=mono, fill=0)  # a row of '=' under the text
    cleaned = preprocess.remove_rules(ruled, 150)
    assert not _ink(cleaned)[:14].any()
    assert not _ink(cleaned)[page.height :].any()
    assert _ink(cleaned)[14 : page.height].sum() == _ink(ruled)[14 : page.height].sum()  # text untouched


def test_a_row_of_hyphens_is_a_rule_and_hyphenated_text_is_not() -> None:
    page = letter()
    ruled = Image.new("L", (page.width, page.height + 100), 255)
    ruled.paste(page, (0, 0))
    mono = ImageFont.truetype("/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf", 21)
    ImageDraw.Draw(ruled).text((40, page.height + 20), "-" * 30, font=mono, fill=0)
    cleaned = preprocess.remove_rules(ruled, 150)
    assert not _ink(cleaned)[page.height :].any()
    assert _ink(cleaned)[: page.height].sum() == _ink(ruled)[: page.height].sum()
    words = Image.new("L", (page.width, 100), 255)
    ImageDraw.Draw(words).text((40, 20), "well-known 6-15-26 - - 3-4 x-ray - follow-up", font=mono, fill=0)
    assert preprocess.remove_rules(words, 150) is words


def test_underline_touching_words_and_a_black_bar_are_not_rules() -> None:
    page = letter()
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, page.width, 60), fill=0)  # a black header bar: too thick for a rule
    ys = np.nonzero(_ink(page)[70:].any(axis=1))[0] + 70
    baseline = int(ys[0]) + 14  # just under the first text line, touching its letters
    draw.rectangle((20, baseline, 760, baseline + 1), fill=0)
    assert preprocess.remove_rules(page, 150) is page


def test_clean_page_is_not_touched_by_cleaning_steps() -> None:
    page = letter()
    thumb = _thumb(page)
    assert preprocess.remove_streaks(page, thumb, 150)[0] is page
    assert preprocess.even_out_light(page, thumb, 150)[0] is page
    assert preprocess.remove_rules(page, 150, thumb) is page


def test_photo_desk_and_uneven_light_are_evened_out() -> None:
    page = letter()
    # A dim, unevenly lit page on a dark desk, as a phone photo shows it.
    photo = Image.new("L", (page.width + 160, page.height + 160), 90)
    shade = Image.linear_gradient("L").resize(page.size).point(lambda v: 150 + v * 90 // 255)
    photo.paste(
        Image.composite(Image.new("L", page.size, 40), shade, page.point(lambda v: 255 - v)), (80, 80)
    )
    flat, thumb = preprocess.even_out_light(photo, _thumb(photo), 150)
    pixels = np.asarray(flat)
    assert pixels[10, 10] == 255  # the desk is painted white
    assert min(pixels[100, 100], pixels[-100, -100]) > 220  # dim and bright paper both come out near white
    layout = preprocess.analyse_layout(thumb)
    assert layout is not None and not layout.sideways


def test_despeckle_removes_dots_keeps_strokes() -> None:
    image = Image.new("L", (60, 60), 255)
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 14, 50), fill=0)  # a 5-px stroke
    image.putpixel((40, 40), 0)  # a speck
    cleaned = preprocess.despeckle(image)
    assert cleaned.getpixel((40, 40)) == 255
    assert cleaned.getpixel((12, 30)) == 0
    assert preprocess.to_bilevel(cleaned).mode == "1"


def test_rows_of_hyphens_round_a_header_of_a_standard_fax_are_both_rules() -> None:
    # A standard fax averages rows to 98 an inch: its hyphens come out about as tall as they are wide, and
    # Tesseract dropped the "RE   DOB" header between two such rows whole when the lower one stayed.
    from pipeline.synth import received, render

    text = "\n".join(["Attn: Dr. Marie Barnes, MD", "", "-" * 33, "RE                DOB", "-" * 33,
                      "WU, JOSEPH S      November 9, 1939", "", "Dear Dr. Barnes,"])
    fax = received.real_fax(render.render_page(text, 300, font_size_pt=11, font="mono"), "standard", random.Random(5))
    page = RasterPage(1, fax, (204.0, 98.0), bilevel=True)
    squared, dpi, _ = preprocess.square_pixels(page)
    thumb = preprocess.thumbnail(squared.convert("L"), dpi)
    text_block = [rows for rows, _ in preprocess.horizontal_rules(thumb) if rows.start < 1.5 * thumb.dpi]
    assert len(text_block) == 2  # the row above the header and the row between the header and its values


def test_a_row_of_equals_signs_still_tilted_is_one_rule_not_pieces() -> None:
    # A phone photo straightened only roughly: the row's two bars climb a few pixels across the page, so the
    # plain rule search finds it in pieces, and the pieces left between them made Tesseract drop the lines
    # of the table around it.
    mono = ImageFont.truetype("/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf", 21)
    page = Image.new("L", (1200, 300), 255)
    ImageDraw.Draw(page).text((40, 120), "=" * 80, font=mono, fill=0)
    tilted = page.rotate(0.5, resample=Image.Resampling.BICUBIC, fillcolor=255)
    thumb = _thumb(tilted)
    ink_cols = np.nonzero(thumb.ink.any(axis=0))[0]
    widths = [cols.stop - cols.start for _, cols in preprocess.horizontal_rules(thumb)]
    assert widths and max(widths) >= 0.95 * (ink_cols[-1] - ink_cols[0])
