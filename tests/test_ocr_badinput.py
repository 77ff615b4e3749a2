"""Bad input never crashes the OCR stage: each problem is a DocumentError with a specific code."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image
from reportlab.pdfgen import canvas

from pipeline.errors import DocumentError
from pipeline.ocr import OcrOptions, read_document
from pipeline.ocr.sniff import Kind, sniff

OPTIONS = OcrOptions()


def _text_pdf(pages: int = 1) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(612, 792))
    for number in range(pages):
        pdf.drawString(72, 700, f"Laboratory report page {number + 1} for the patient named in the request")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _png(size: tuple[int, int] = (64, 32)) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", size, 255).save(buffer, format="PNG")
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", pixels) + _chunk(b"IEND", b"")


def _noise(seed: int, size: int = 300) -> Image.Image:
    rng = np.random.default_rng(seed)
    return Image.fromarray(((rng.random((size, size)) > 0.5) * 255).astype(np.uint8)).convert("1")


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _code(path: str, options: OcrOptions = OPTIONS) -> str:
    with pytest.raises(DocumentError) as info:
        read_document(path, options)
    assert info.value.stage == "ocr"
    assert info.value.message
    return info.value.code


def test_zero_bytes(tmp_path: Path) -> None:
    assert _code(_write(tmp_path, "empty.pdf", b"")) == "zero_bytes"


def test_unknown_format(tmp_path: Path) -> None:
    assert _code(_write(tmp_path, "note.pdf", b"Dear colleague, this is plain text.\n")) == "unknown_format"


def test_truncated_pdf(tmp_path: Path) -> None:
    data = _text_pdf(3)
    assert _code(_write(tmp_path, "cut.pdf", data[: len(data) // 2])) == "corrupt_pdf"


def test_corrupt_pdf(tmp_path: Path) -> None:
    assert (
        _code(_write(tmp_path, "junk.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 200 + b"\n%%EOF\n"))
        == "corrupt_pdf"
    )


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    with pikepdf.open(io.BytesIO(_text_pdf())) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    assert _code(str(path)) == "encrypted_pdf"


def test_truncated_png(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    _noise(7, 400).convert("L").save(buffer, format="PNG")
    data = buffer.getvalue()
    assert _code(_write(tmp_path, "cut.png", data[: len(data) // 2])) == "corrupt_image"


def test_truncated_tiff(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    frames = [_noise(seed) for seed in range(3)]
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:], compression="group4")
    data = buffer.getvalue()
    assert _code(_write(tmp_path, "cut.tif", data[: len(data) * 2 // 3])) == "corrupt_image"


def test_tiff_cut_inside_a_page_directory(tmp_path: Path) -> None:
    # PIL alone reads two pages of this file and stops without a word: the directory walk notices.
    buffer = io.BytesIO()
    frames = [_noise(seed) for seed in range(3)]
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:], compression="group4")
    data = buffer.getvalue()
    with Image.open(io.BytesIO(data)) as image:
        image.seek(2)
        third_directory = image._frame_pos[2]  # type: ignore[attr-defined]
    assert _code(_write(tmp_path, "cut.tif", data[: third_directory + 20])) == "corrupt_image"


def test_decompression_bomb_png(tmp_path: Path) -> None:
    assert _code(_write(tmp_path, "bomb.png", _bomb_png())) == "decompression_bomb"


def test_bomb_limit_is_configurable(tmp_path: Path) -> None:
    path = _write(tmp_path, "wide.png", _png((400, 300)))
    assert _code(path, OcrOptions(max_image_pixels=100_000)) == "decompression_bomb"


def test_too_many_pages_pdf(tmp_path: Path) -> None:
    path = _write(tmp_path, "long.pdf", _text_pdf(5))
    assert _code(path, OcrOptions(page_limit=4)) == "too_many_pages"


def test_too_many_pages_tiff(tmp_path: Path) -> None:
    path = tmp_path / "long.tif"
    frames = [Image.new("1", (64, 64), 1) for _ in range(4)]
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="group4")
    assert _code(str(path), OcrOptions(page_limit=3)) == "too_many_pages"


def test_lying_extension_detected_by_content(tmp_path: Path) -> None:
    # A PDF named .png is read as a PDF (its text layer), not refused as a broken PNG.
    result = read_document(_write(tmp_path, "scan.png", _text_pdf()), OPTIONS)
    assert result.kind == "pdf"
    assert "Laboratory report page 1" in result.pages[0].text


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.4\n", Kind.pdf),
        (b"\xef\xbb\xbf junk banner\n%PDF-1.7", Kind.pdf),
        (b"\x89PNG\r\n\x1a\n\x00", Kind.png),
        (b"\xff\xd8\xff\xe0", Kind.jpeg),
        (b"II*\x00\x08\x00", Kind.tiff),
        (b"MM\x00*\x00", Kind.tiff),
        (b"PK\x03\x04", None),
        (b"<html>", None),
    ],
)
def test_sniff(head: bytes, kind: Kind | None) -> None:
    assert sniff(head) == kind


def test_error_messages_do_not_quote_the_file_name(tmp_path: Path) -> None:
    # Inbox file names can carry a patient's name; the recorded reason must not repeat it.
    path = _write(tmp_path, "Doe_Jane_1961-02-03.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    with pytest.raises(DocumentError) as info:
        read_document(path, OPTIONS)
    assert info.value.code == "corrupt_image"
    assert "Doe_Jane" not in str(info.value) and "Doe_Jane" not in info.value.message


def test_document_error_survives_a_process_boundary(tmp_path: Path) -> None:
    """A worker process hands its DocumentError back whole: code, message and stage."""
    import pickle

    with pytest.raises(DocumentError) as caught:
        read_document(_write(tmp_path, "empty.pdf", b""), OPTIONS)
    back = pickle.loads(pickle.dumps(caught.value))
    assert (back.code, back.message, back.stage) == (caught.value.code, caught.value.message, "ocr")


def test_a_stop_signal_inside_a_c_library_stops_the_process_and_fails_no_document(tmp_path: Path, monkeypatch) -> None:
    """A worker's cold shutdown while pdfium renders: ctypes hands the handler's SystemExit on as an
    ArgumentError, which must not be recorded as the document's OCR failure."""
    import ctypes

    import pipeline.ocr.document as document

    def interrupted(*_args):
        raise ctypes.ArgumentError("argument 1: SystemExit: -241")

    monkeypatch.setattr(document, "_read", interrupted)
    path = _write(tmp_path, "scan.pdf", _text_pdf())
    with pytest.raises(SystemExit):
        read_document(path, OPTIONS)
    monkeypatch.setattr(document, "_read", lambda *_a: (_ for _ in ()).throw(ctypes.ArgumentError("argument 1: bad")))
    assert _code(path) == "ocr_failed"  # any other ctypes error is the document's
