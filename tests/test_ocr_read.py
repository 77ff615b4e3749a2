"""Each input kind is read: text-layer PDFs without OCR, images and faxes with real Tesseract (small pages)."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfgen import canvas

from pipeline.ocr import OcrOptions, read_document
from pipeline.records import PageSource

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LINES = ("Laboratory report for the patient", "Hemoglobin result normal range", "Please call the clinic")
OPTIONS = OcrOptions()


def text_image(lines: tuple[str, ...] = LINES, dpi: int = 300, width_in: float = 5.0) -> Image.Image:
    """A white grayscale page with `lines` in 12 pt type at `dpi`."""
    size = round(12 / 72 * dpi)
    font = ImageFont.truetype(FONT, size)
    image = Image.new("L", (round(width_in * dpi), round((len(lines) * 1.8 + 1) * size)), 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((size // 2, size // 2 + round(index * 1.8 * size)), line, font=font, fill=0)
    return image


def fax_page(lines: tuple[str, ...], y_dpi: int) -> Image.Image:
    """A 1-bit fax page at 204 dpi across and `y_dpi` down (the pixels are not square)."""
    square = text_image(lines, dpi=204)
    squashed = square.resize((square.width, round(square.height * y_dpi / 204)), Image.Resampling.BILINEAR)
    return squashed.point(lambda v: 255 if v > 150 else 0).convert("1")


def words_of(text: str) -> set[str]:
    return {w.strip(".,").lower() for w in text.split()}


def test_text_layer_pdf_needs_no_ocr(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(612, 792))
    for line_no, line in enumerate(LINES * 3):
        pdf.drawString(72, 700 - 18 * line_no, line)
    pdf.showPage()
    pdf.save()
    result = read_document(str(path), OPTIONS)
    assert result.kind == "pdf"
    assert [p.source for p in result.pages] == [PageSource.text_layer]
    assert "Hemoglobin result normal range" in result.pages[0].text
    assert result.searchable_pdf is None


@pytest.mark.slow
def test_png_scan(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    text_image().save(path, dpi=(300, 300))
    result = read_document(str(path), OPTIONS)
    page = result.pages[0]
    assert result.kind == "png" and page.source is PageSource.ocr
    assert {"laboratory", "hemoglobin", "clinic"} <= words_of(page.text)
    assert page.mean_confidence is not None and page.mean_confidence > 80
    assert page.words and all(w.width > 0 and w.height > 0 for w in page.words)
    assert 200.0 <= page.dpi[0] < 300.0  # 12 pt at 300 dpi is larger than Tesseract needs: scaled down


@pytest.mark.slow
def test_standard_fax_tiff_two_pages_and_searchable_pdf(tmp_path: Path) -> None:
    path = tmp_path / "fax.tif"
    first = fax_page(LINES, 98)
    second = fax_page(("Referral to the cardiology clinic", "Signature of the physician"), 98)
    first.save(path, save_all=True, append_images=[second], compression="group4", dpi=(204, 98))
    result = read_document(str(path), OPTIONS)
    assert result.kind == "tiff" and len(result.pages) == 2
    assert {"laboratory", "hemoglobin"} <= words_of(result.pages[0].text)
    assert {"referral", "cardiology", "physician"} <= words_of(result.pages[1].text)
    assert result.pages[0].dpi == (204.0, 204.0)  # squared at the fax's horizontal resolution
    assert result.searchable_pdf is not None
    with pikepdf.open(io.BytesIO(result.searchable_pdf)) as pdf:
        assert len(pdf.pages) == 2
    doc = pdfium.PdfDocument(result.searchable_pdf)
    assert "cardiology" in doc[1].get_textpage().get_text_range().lower()


def _text_pdf_page(pdf: canvas.Canvas, lines: tuple[str, ...]) -> None:
    for line_no, line in enumerate(lines * 3):
        pdf.drawString(72, 700 - 18 * line_no, line)
    pdf.showPage()


@pytest.mark.slow
def test_image_only_pdf_is_rendered_and_ocrd(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    text_image(dpi=200).save(path, format="PDF", resolution=200)
    result = read_document(str(path), OPTIONS)
    page = result.pages[0]
    assert page.source is PageSource.ocr
    assert page.dpi == (200.0, 200.0)  # rendered at the scan's own resolution
    assert {"laboratory", "hemoglobin", "clinic"} <= words_of(page.text)
    assert result.searchable_pdf is not None


@pytest.mark.slow
def test_mixed_pdf_uses_text_layer_per_page(tmp_path: Path) -> None:
    # Page 1 is born-digital, page 2 a scan carrying a few stray characters of junk text layer.
    path = tmp_path / "mixed.pdf"
    scan = tmp_path / "scan.png"
    image = text_image(("Referral to the cardiology clinic", "Signature of the physician"), dpi=200)
    image.save(scan)
    pdf = canvas.Canvas(str(path), pagesize=(612, 792))
    _text_pdf_page(pdf, LINES)
    pdf.drawImage(str(scan), 36, 400, width=360, height=360 * image.height / image.width)  # 200 dpi as placed
    pdf.drawString(500, 30, "~ 1")
    pdf.showPage()
    pdf.save()
    result = read_document(str(path), OPTIONS)
    assert [p.source for p in result.pages] == [PageSource.text_layer, PageSource.ocr]
    assert {"referral", "cardiology"} <= words_of(result.pages[1].text)
    assert result.searchable_pdf is not None
    doc = pdfium.PdfDocument(result.searchable_pdf)
    assert len(doc) == 2
    assert "Hemoglobin result normal range" in doc[0].get_textpage().get_text_range()
    assert "cardiology" in doc[1].get_textpage().get_text_range().lower()


@pytest.mark.slow
def test_jpeg_photo_exif_orientation_is_honoured(tmp_path: Path) -> None:
    # The camera stored the pixels turned 90 degrees and says so in EXIF tag 274 (Orientation) = 6.
    path = tmp_path / "photo.jpg"
    stored = text_image(dpi=300).transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[274] = 6
    stored.save(path, format="JPEG", quality=90, exif=exif, dpi=(72, 72))
    result = read_document(str(path), OPTIONS)
    page = result.pages[0]
    assert result.kind == "jpeg"
    assert page.rotation == 0  # EXIF already made it upright: no OSD turn needed
    assert {"laboratory", "hemoglobin", "clinic"} <= words_of(page.text)


@pytest.mark.slow
def test_upside_down_and_skewed_page_is_fixed(tmp_path: Path) -> None:
    path = tmp_path / "upside.png"
    lines = LINES + ("Discharge summary for the patient", "Follow up in the clinic next week")
    turned = text_image(lines).rotate(180 + 3, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    turned.save(path, dpi=(300, 300))
    page = read_document(str(path), OPTIONS).pages[0]
    assert page.rotation == 180
    assert abs(page.skew) == pytest.approx(3.0, abs=0.3)
    assert {"laboratory", "hemoglobin", "discharge", "follow"} <= words_of(page.text)


@pytest.mark.slow
def test_sideways_fax_page_is_turned(tmp_path: Path) -> None:
    # A 200x200 dpi 1-bit fax page fed sideways: turned 90 degrees clockwise on the glass.
    path = tmp_path / "sideways.tif"
    lines = LINES + ("Discharge summary for the patient", "Follow up in the clinic next week")
    page = fax_page(lines, 204).transpose(Image.Transpose.ROTATE_270)
    page.save(path, compression="group4", dpi=(200, 200))
    result = read_document(str(path), OPTIONS)
    assert result.pages[0].rotation == 270  # turned back a quarter turn counter-clockwise
    assert {"laboratory", "hemoglobin", "discharge"} <= words_of(result.pages[0].text)


@pytest.mark.slow
def test_fax_server_header_over_a_scan_does_not_hide_the_scan(tmp_path: Path) -> None:
    # An e-fax service stamps a real text line on top of the scanned page: the page is still OCR'd.
    scan = Image.new("L", (1700, 2200), 255)
    scan.paste(text_image(dpi=200), (100, 300))
    scan_path = tmp_path / "scan.png"
    scan.save(scan_path)
    path = tmp_path / "efax.pdf"
    pdf = canvas.Canvas(str(path), pagesize=(612, 792))
    pdf.drawImage(str(scan_path), 0, 0, width=612, height=792)
    pdf.drawString(
        36, 770, "From: the fax server of the clinic, page 1 of 1, sent to the doctor for the patient"
    )
    pdf.showPage()
    pdf.save()
    page = read_document(str(path), OPTIONS).pages[0]
    assert page.source is PageSource.ocr
    assert {"laboratory", "hemoglobin", "clinic"} <= words_of(page.text)


@pytest.mark.parametrize(("skew", "rule"), [(0.0, "="), (2.5, "="), (0.0, "-")])
def test_heading_boxed_between_rules_is_read(tmp_path: Path, skew: float, rule: str) -> None:
    # Senders box a heading between rows of '=' or '-': Tesseract's layout analysis dropped it whole.
    mono = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", round(11 / 72 * 300))
    lines = ("Mercy Lakes Hospital", rule * 24, "  CONSULTATION REPORT", rule * 24, "",
             "The patient was seen today in consultation.", "Assessment and plan were discussed.")
    page = Image.new("L", (2400, 1000), 255)
    draw = ImageDraw.Draw(page)
    for index, line in enumerate(lines):
        draw.text((150, 100 + index * 60), line, font=mono, fill=0)
    page = page.rotate(skew, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
    fax = page.resize((round(page.width * 204 / 300), round(page.height * 196 / 300)), Image.Resampling.BILINEAR)
    path = tmp_path / "boxed.tif"
    fax.point(lambda v: 255 if v > 150 else 0).convert("1").save(path, compression="group4", dpi=(204, 196))
    text = read_document(str(path), OPTIONS).pages[0].text
    assert "CONSULTATION REPORT" in text
    assert {"hospital", "patient", "assessment"} <= words_of(text)
