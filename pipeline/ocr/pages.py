"""The page records the loaders hand to the recogniser: a text-layer page or a page image."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from pipeline.records import Word

UNKNOWN_DPI = 0.0


@dataclass(frozen=True)
class TextLayerPage:
    """A PDF page whose own text layer is real: no OCR needed."""

    number: int  # 1-based
    text: str
    words: tuple[Word, ...] = ()  # word boxes from the text layer (points scaled to 300 dpi pixels)


@dataclass(frozen=True)
class RasterPage:
    """A page image to OCR, with the resolution its pixels stand for (0 when the file does not say)."""

    number: int  # 1-based
    image: Image.Image
    dpi: tuple[float, float]
    bilevel: bool  # the source was 1-bit (fax), which wants a median filter once the pixels are squared
