"""Received pages: real fax geometry and damage, printer faces, every kind written as an office gets it."""

from __future__ import annotations

import importlib.util
import random

import numpy as np
import pytest
from PIL import Image

from pipeline.synth import received, render

TEXT = "REFERRAL\n\nPatient: OKAFOR, DANIEL    DOB: 07/30/1988\nReason: persistent cough, chest x-ray requested\n" * 3


@pytest.mark.parametrize("mode,rows", [("standard", 98), ("fine", 196)])
def test_a_fax_is_one_bit_at_fax_resolution_and_fax_width(mode, rows):
    page = render.render_page(TEXT, 300, font="freemono")
    fax = received.real_fax(page, mode, random.Random(2))
    assert fax.mode == "1" and fax.info["dpi"] == (204.0, float(rows))
    assert abs(fax.width - 1734) <= 2 and abs(fax.height - 11 * rows) <= 2


def test_a_lighter_threshold_breaks_thin_strokes_more():
    page = render.render_page(TEXT, 300, font="freemono")

    def ink(threshold: int) -> float:
        grid = received._grid(page, 204, 98)
        arr = received._noisy_threshold(np.asarray(grid), 0.0, threshold, np.random.default_rng(5))
        return float((arr == 0).mean())

    assert ink(min(received.THRESHOLDS)) < ink(max(received.THRESHOLDS))


def test_transmission_errors_and_streaks_change_the_page():
    arr = np.where(np.random.default_rng(3).random((200, 300)) < 0.2, 0, 255).astype(np.uint8)
    before = arr.copy()
    r = random.Random(11)
    received._transmission_errors(arr, r)
    received._vertical_streaks(arr, random.Random(4))
    assert not np.array_equal(arr, before)


def test_perspective_coefficients_map_the_corners():
    src = [(0, 0), (100, 0), (100, 200), (0, 200)]
    dst = [(10, 5), (120, 12), (115, 210), (3, 200)]
    a, b, c, d, e, f, g, h = received._perspective_coefficients(src, dst)
    for (x, y), (u, v) in zip(dst, src, strict=True):
        den = g * x + h * y + 1
        assert abs((a * x + b * y + c) / den - u) < 1e-6 and abs((d * x + e * y + f) / den - v) < 1e-6


@pytest.mark.parametrize("kind", [k for k in received.RECEIVED_KINDS if k != "augraphy_scan"])
def test_every_kind_is_written_in_its_format(kind, tmp_path):
    img, meta = received.received_page(kind, TEXT, random.Random(7))
    assert meta["font"] in received.FACES
    path = tmp_path / f"page.{meta['format']}"
    received.write_received(img, str(path), meta)
    head = path.read_bytes()[:8]
    magic = {"tiff": (b"II*\x00", b"MM\x00*"), "png": (b"\x89PNG",), "jpeg": (b"\xff\xd8",), "pdf": (b"%PDF",)}
    assert head.startswith(magic[meta["format"]])
    if meta["format"] != "pdf":
        with Image.open(path) as back:
            assert back.size == img.size


@pytest.mark.skipif(importlib.util.find_spec("augraphy") is None,
                    reason="augraphy is a benchmark dependency (pip install -e '.[bench]')")
def test_an_augraphy_scan_is_a_damaged_200_dpi_grey_page():
    clean = render.render_page(TEXT, 300)
    img, meta = received.received_page("augraphy_scan", TEXT, random.Random(1), font="mono")
    assert img.mode == "L" and meta["dpi"] == (200.0, 200.0)
    plain = np.asarray(received._grid(clean, 200, 200))
    assert np.abs(np.asarray(img, dtype=np.int16) - plain).mean() > 1.0


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown received kind"):
        received.received_page("telex", TEXT, random.Random(0))


def test_a_received_document_keeps_one_face_and_its_pages(tmp_path):
    images, meta = received.received_document("fax_fine", [TEXT, TEXT, TEXT], random.Random(3))
    assert len(images) == 3 and all(im.mode == "1" for im in images)
    path = tmp_path / "fax.tif"
    received.write_received(images, str(path), meta)
    with Image.open(path) as back:
        assert back.n_frames == 3
    photos, _ = received.received_document("photo_perspective", [TEXT, TEXT], random.Random(3))
    assert len(photos) == 1  # a photo is of one page
