"""Page-image cleaning before OCR: square pixels, despeckle faxes, fix orientation and skew.

Order and choices follow /work/shared/notes/ocr-measurements.md: square the fax pixels at the fax's
horizontal resolution (as accurate as 300 dpi and faster), then a 3x3 median on upsampled 1-bit pages
(speckle turned into blobs by the upsampling), deskew on a downscaled copy.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
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


ANALYSIS_WIDTH = 800  # pixels across of the copy the skew and orientation estimates look at
MAX_SKEW = 6.0  # degrees searched either way (the requirement is 0.5-5)
MIN_SKEW = 0.3  # smaller angles are left alone: Tesseract copes, and rotating blurs the strokes
_COARSE_STEP, _FINE_STEP = 0.5, 0.05
_MAX_POINTS = 150_000  # ink pixels sampled for the projections
_MIN_POINTS = 300  # fewer ink pixels than this: a blank page, nothing to estimate


@dataclass(frozen=True)
class Layout:
    """What the projection profiles of a page say: its skew, and whether its text lines look horizontal."""

    skew: float  # degrees counter-clockwise the text lines are turned (positive = rising to the right)
    horizontal: float  # row-profile sharpness at the best angle
    vertical: float  # column-profile sharpness at the best angle (text lines running down the page)
    ascender_ratio: float  # ink above the line cores over ink below them; < 1 hints at upside-down text

    @property
    def sideways(self) -> bool:
        """The page's lines run top to bottom: it is turned 90 or 270 degrees."""
        return self.vertical > self.horizontal


def _ink_points(image: Image.Image) -> tuple[np.ndarray, np.ndarray, tuple[int, int]]:
    factor = max(1, image.width // ANALYSIS_WIDTH)
    small = np.asarray(image.reduce(factor) if factor > 1 else image, dtype=np.uint8)
    ink = small < _otsu(small)
    ys, xs = np.nonzero(ink)
    if ys.size > _MAX_POINTS:
        keep = np.random.default_rng(0).choice(ys.size, _MAX_POINTS, replace=False)
        ys, xs = ys[keep], xs[keep]
    return ys.astype(np.float64), xs.astype(np.float64), small.shape


def _otsu(pixels: np.ndarray) -> float:
    hist = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    levels = np.arange(256)
    weight0 = np.cumsum(hist)
    mean0 = np.cumsum(hist * levels)
    weight1 = total - weight0
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean0[-1] * weight0 / total - mean0) ** 2 / (weight0 * weight1)
    between = np.nan_to_num(between)
    return float(np.argmax(between)) + 0.5


def _sharpness(along: np.ndarray, across: np.ndarray, angle: float) -> float:
    # Shear the points by the candidate angle and histogram them; aligned text lines give a spiky profile.
    shifted = along + across * np.tan(np.radians(angle))
    bins = np.bincount((shifted - shifted.min()).astype(np.int64))
    return float(np.square(np.diff(bins.astype(np.float64))).sum())


def _best_angle(along: np.ndarray, across: np.ndarray) -> tuple[float, float]:
    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, _COARSE_STEP)
    scores = [_sharpness(along, across, a) for a in coarse]
    center = float(coarse[int(np.argmax(scores))])
    fine = np.arange(center - _COARSE_STEP, center + _COARSE_STEP + 1e-9, _FINE_STEP)
    fine_scores = [_sharpness(along, across, a) for a in fine]
    best = int(np.argmax(fine_scores))
    return float(fine[best]), fine_scores[best]


def _ascender_ratio(ys: np.ndarray, xs: np.ndarray, angle: float) -> float:
    rows = ys + xs * np.tan(np.radians(angle))
    profile = np.bincount((rows - rows.min()).astype(np.int64)).astype(np.float64)
    above = below = 0.0
    for start, stop in _line_spans(profile):
        line = profile[start:stop]
        core = np.nonzero(line >= 0.5 * line.max())[0]
        above += line[: core[0]].sum()
        below += line[core[-1] + 1 :].sum()
    return (above + 1.0) / (below + 1.0)


def _line_spans(profile: np.ndarray) -> list[tuple[int, int]]:
    """Runs of rows with ink, separated by (nearly) empty rows."""
    filled = profile > 0.02 * profile.max()
    edges = np.diff(np.concatenate(([0], filled.astype(np.int8), [0])))
    starts, stops = np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0]
    return [(a, b) for a, b in zip(starts, stops, strict=True) if b - a >= 3]


def analyse_layout(image: Image.Image) -> Layout | None:
    """Skew and orientation hints from projection profiles of a downscaled copy; None for a blank page."""
    ys, xs, _ = _ink_points(image)
    if ys.size < _MIN_POINTS:
        return None
    row_angle, row_score = _best_angle(ys, xs)
    _, col_score = _best_angle(xs, -ys)
    return Layout(
        skew=row_angle,
        horizontal=row_score,
        vertical=col_score,
        ascender_ratio=_ascender_ratio(ys, xs, row_angle),
    )


def deskew(image: Image.Image, skew: float) -> Image.Image:
    """The image turned back by `skew` degrees, the new corners filled with white paper."""
    return image.rotate(-skew, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)


def rotate_upright(image: Image.Image, clockwise: int) -> Image.Image:
    """The image turned by a multiple of 90 degrees clockwise."""
    transpose = {
        90: Image.Transpose.ROTATE_270,
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_90,
    }
    return image.transpose(transpose[clockwise]) if clockwise in transpose else image
