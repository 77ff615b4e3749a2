"""Page-image cleaning before OCR: square pixels, despeckle faxes, fix orientation and skew.

Order and choices follow /work/shared/notes/ocr-measurements.md: square the fax pixels at the fax's
horizontal resolution (as accurate as 300 dpi and faster), then a 3x3 median on upsampled 1-bit pages
(speckle turned into blobs by the upsampling), deskew on a downscaled copy.
"""

from __future__ import annotations

from PIL import Image, ImageFilter

from pipeline.ocr.pages import RasterPage

ASSUMED_DPI = 300.0  # files that state no resolution (photos, screenshots)
MIN_OCR_DPI = 200.0  # pages below this are upsampled: Tesseract and OSD degrade under ~150 dpi
_SQUARE_TOLERANCE = 0.02  # resolutions within 2% of each other count as square


def square_pixels(page: RasterPage) -> tuple[Image.Image, float, bool]:
    """The page resampled to square pixels of at least MIN_OCR_DPI; also the dpi and whether it was resized."""
    x_dpi, y_dpi = page.dpi
    if x_dpi <= 0 or y_dpi <= 0:
        return page.image, ASSUMED_DPI, False
    target = max(x_dpi, y_dpi, MIN_OCR_DPI)
    if (
        abs(x_dpi - target) / target <= _SQUARE_TOLERANCE
        and abs(y_dpi - target) / target <= _SQUARE_TOLERANCE
    ):
        return page.image, x_dpi, False
    width = max(1, round(page.image.width * target / x_dpi))
    height = max(1, round(page.image.height * target / y_dpi))
    return page.image.resize((width, height), Image.Resampling.BILINEAR), target, True


def despeckle(image: Image.Image) -> Image.Image:
    """A 3x3 median: removes the blobs that upsampled fax speckle becomes."""
    return image.filter(ImageFilter.MedianFilter(3))
