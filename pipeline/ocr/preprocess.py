"""Page-image cleaning before OCR: square pixels, despeckle faxes, fix orientation and skew.

Order and choices follow /work/shared/notes/ocr-measurements.md: square the fax pixels at the fax's
horizontal resolution (as accurate as 300 dpi and faster), then a 3x3 median on upsampled 1-bit pages
(speckle turned into blobs by the upsampling), deskew on a downscaled copy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from PIL import Image, ImageFilter
from scipy import ndimage

from pipeline.ocr.pages import RasterPage

ASSUMED_DPI = 300.0  # files that state no resolution (photos, screenshots)
# Text size Tesseract is given: lines ~25 px tall (11 pt at 204 dpi, fax pages, CER ~0). Larger text is
# scaled down (300 dpi letters: Tesseract ~25% faster at the same accuracy), much smaller text up.
TARGET_LINE_PX = 25.0
MIN_LINE_PX = 18.0  # lines shorter than this are scaled up to TARGET_LINE_PX
MAX_SCALE_DOWN = 0.85  # smaller savings are not worth a resampling pass
MIN_SCALED_DPI = 200.0  # never scale a page below this resolution
MAX_SCALE_UP = 3.0
MAX_SCALED_UP_DPI = 400.0  # ... and never beyond this: a speckled fax whose line height reads as tiny
#                            would otherwise go to Tesseract at 612 dpi, 35 megapixels (minutes a page)
_SQUARE_TOLERANCE = 0.02  # resolutions within 2% of each other count as square


def square_pixels(page: RasterPage) -> tuple[Image.Image, float, bool]:
    """The page resampled to square pixels at its larger resolution; also the dpi and whether it was resized."""
    x_dpi, y_dpi = page.dpi
    if x_dpi <= 0 or y_dpi <= 0:
        return page.image, ASSUMED_DPI, False
    target = max(x_dpi, y_dpi)
    if (
        abs(x_dpi - target) / target <= _SQUARE_TOLERANCE
        and abs(y_dpi - target) / target <= _SQUARE_TOLERANCE
    ):
        return page.image, x_dpi, False
    width = max(1, round(page.image.width * target / x_dpi))
    height = max(1, round(page.image.height * target / y_dpi))
    return page.image.resize((width, height), Image.Resampling.BILINEAR), target, True


def ocr_scale(line_height: float, dpi: float) -> float:
    """The factor that brings the page's text to the size Tesseract reads best and fastest (1.0: leave it)."""
    if line_height <= 0:
        return 1.0
    scale = TARGET_LINE_PX / line_height
    if line_height < MIN_LINE_PX:
        return max(1.0, min(scale, MAX_SCALE_UP, MAX_SCALED_UP_DPI / dpi))
    scale = max(scale, MIN_SCALED_DPI / dpi)
    return scale if scale <= MAX_SCALE_DOWN else 1.0


def rescale(image: Image.Image, scale: float) -> Image.Image:
    """The image resized by `scale` (box filter down, bilinear up)."""
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    resample = Image.Resampling.BOX if scale < 1 else Image.Resampling.BILINEAR
    return image.resize(size, resample)


SMOOTH_SIGMA = {True: 1.2, False: 0.7}  # Gaussian blur before OCR, in pixels at 204 dpi: 1-bit pages, grey ones
SMOOTH_SIGMA_RANGE = (0.5, 2.0)


def smooth(image: Image.Image, dpi: float, bilevel: bool, strength: float = 1.0) -> Image.Image:
    """The page blurred slightly before OCR; a 1-bit page comes back in grey.

    On a 1-bit page broken thin strokes and the gaps between doubled fax rows close up, while a lone
    speck fades to a light grey that Tesseract's own threshold drops; on a grey scan or photo a lighter
    blur calms paper texture and sensor noise. Measured on tuning pages of bench/ocr_accuracy.py's
    received kinds (seeds other than the one it reports), word recall: standard fax 0.77 -> 0.89, fine
    fax 0.94 -> 0.99 (against the 3x3 median, which erases thin strokes); augraphy scans 0.87 -> 0.90,
    photos 0.981 -> 0.991.
    """
    low, high = SMOOTH_SIGMA_RANGE
    sigma = strength * min(high, max(low, SMOOTH_SIGMA[bilevel] * dpi / 204.0))
    source = image.convert("L") if bilevel or image.mode not in ("L", "RGB") else image
    return source.filter(ImageFilter.GaussianBlur(sigma))


def despeckle(image: Image.Image) -> Image.Image:
    """A 3x3 median of the thresholded page: removes fax speckle and the blobs upsampling makes of it.

    On a black-and-white image the median is the majority of the 9 neighbours, which separable sums
    compute ~4x faster than PIL's MedianFilter; the result is black and white again.
    """
    ink = (np.asarray(image) < 128).astype(np.uint8)
    rows = ink.copy()
    rows[:, 1:] += ink[:, :-1]
    rows[:, :-1] += ink[:, 1:]
    votes = rows.copy()
    votes[1:] += rows[:-1]
    votes[:-1] += rows[1:]
    return Image.fromarray(np.where(votes >= 5, 0, 255).astype(np.uint8), mode="L")


def ink_loss(before: Image.Image, after: Image.Image) -> float:
    """The share of `before`'s ink (dark pixels) that `after` no longer has."""
    ink = np.count_nonzero(np.asarray(before) < 128)
    return float(1.0 - np.count_nonzero(np.asarray(after) < 128) / ink) if ink else 0.0


_THRESHOLD_LUT = [0] * 128 + [255] * 128


def to_bilevel(image: Image.Image) -> Image.Image:
    """A black-and-white page as a 1-bit image (what fax pages are; Tesseract reads them ~8% faster)."""
    return image if image.mode == "1" else image.point(_THRESHOLD_LUT, mode="1")


ANALYSIS_WIDTH = 800  # pixels across of the copy the skew and orientation estimates look at
MAX_SKEW = 6.0  # degrees searched either way (the requirement is 0.5-5)
MIN_SKEW = 0.3  # smaller angles are left alone: Tesseract copes, and rotating blurs the strokes
_COARSE_STEP, _FINE_STEP = 0.5, 0.05
_MAX_POINTS = 150_000  # ink pixels sampled for the projections
_MIN_POINTS = 300  # fewer ink pixels than this: a blank page, nothing to estimate
_INK_SHARE_OF_PAPER = 0.72  # darker than this share of the local paper brightness counts as ink
STREAK_INCHES = 1.0  # vertical ink runs longer than this are scanner streaks or rules, not text
RULE_INCHES = 2.0  # horizontal runs longer than this are rules or page edges, not text
DROPOUT_SHARE = 0.6  # a pixel row this full of ink is a fax transmission line
RULE_MIN_INCHES = 0.75  # a horizontal line at least this long ...
RULE_GAP_INCHES = 0.015  # ... gaps this narrow closed (between the characters of a row of '=') ...
RULE_FILL = 0.97  # ... this full of ink ...
RULE_THICKNESS_INCHES = 0.06  # ... at most this thick ...
RULE_CLEARANCE = 0.15  # ... with at most this share of ink just above and below it is a rule
DASH_GAP_INCHES = 0.06  # a row of '-': gaps this narrow closed between flat marks
# A mark at most this tall and wider than tall is a dash, not a letter: a standard fax's doubled rows leave
# its hyphens 3 rows tall and only 4 or 5 columns wide on the thumbnail.
DASH_THICKNESS_INCHES = 0.025
DASH_TILT_INCHES = 0.03  # a run of dashes may stand this much taller than a rule: the slope a photo keeps
MIN_DESK_SHARE = 0.02  # a dark border covering less of a photo than this is left alone
DESK_CONTRAST = 0.7  # the desk is at most this bright relative to the paper
DESK_MARGIN_INCHES = 0.15  # the shadowed page edge next to the desk; page margins are wider than this
UNEVEN_LIGHT = 1.25  # paper brightness varying more than this (95th/5th percentile) gets flattened


@dataclass(frozen=True)
class Thumb:
    """A downscaled copy of a page and its ink mask, shared by streak removal and layout analysis."""

    factor: int  # full-resolution pixels per thumbnail pixel
    ink: np.ndarray  # bool, True where the thumbnail is darker than its local paper
    dpi: float  # resolution of the thumbnail
    paper: np.ndarray  # local background brightness (text filtered out), thumbnail-sized


@dataclass(frozen=True)
class Layout:
    """What the projection profiles of a page say: its skew, and whether its text lines look horizontal."""

    skew: float  # degrees counter-clockwise the text lines are turned (positive = rising to the right)
    row_gaps: float  # share of blank rows between the first and last inked row (gaps between lines)
    column_gaps: float  # the same for columns; text lines running down the page make this the larger
    ascender_ratio: float  # ink above the line cores over ink below them; < 1 hints at upside-down text
    line_height: float  # median height of the text lines, in full-resolution pixels (0 if unknown)

    @property
    def lines_across(self) -> float:
        """Evidence that text lines run across the page: > 1 across, < 1 down (turned 90 or 270)."""
        return (self.row_gaps + 0.02) / (self.column_gaps + 0.02)

    @property
    def sideways(self) -> bool:
        """The page's lines run top to bottom: it is turned 90 or 270 degrees."""
        return self.lines_across < 1.0


def thumbnail(image: Image.Image, dpi: float) -> Thumb:
    """The analysis copy: about ANALYSIS_WIDTH wide, ink judged against the local paper brightness.

    Local paper (a max filter on a coarser copy) rather than one global threshold, so that the desk
    around a photographed page and uneven light do not count as ink.
    """
    factor = max(1, image.width // ANALYSIS_WIDTH)
    small = image.reduce(factor) if factor > 1 else image
    coarse = small.reduce(4) if min(small.size) >= 40 else small
    # scipy's max filter is separable; PIL's MaxFilter sorts every window and costs ~10x more here.
    brightest = Image.fromarray(ndimage.maximum_filter(np.asarray(coarse), size=5), mode="L")
    paper = brightest.resize(small.size, Image.Resampling.BILINEAR)
    pixels = np.asarray(small, dtype=np.float32)
    background = np.asarray(paper, dtype=np.float32)
    ink = pixels < background * _INK_SHARE_OF_PAPER
    return Thumb(factor=factor, ink=ink, dpi=dpi / factor, paper=background)


def desk_mask(thumb: Thumb) -> np.ndarray | None:
    """Where a photographed page shows the desk around it (thumbnail-sized), or None when it does not.

    The desk is the dark mode of the background brightness that touches the image border.
    """
    levels = np.clip(thumb.paper, 0, 255).astype(np.uint8)
    if levels.min() >= DESK_CONTRAST * levels.max():
        return None  # nothing dark enough anywhere to be a desk: the common case of a scan
    threshold = _otsu(levels[::4, ::4])  # the background is smooth: a sample gives the same threshold
    desk = levels < threshold
    share = desk.mean()
    if not (MIN_DESK_SHARE <= share <= 0.5):
        return None
    if levels[desk].mean() > DESK_CONTRAST * levels[~desk].mean():
        return None  # two shades of paper (uneven light), not paper on a desk
    border = np.concatenate((desk[0], desk[-1], desk[:, 0], desk[:, -1]))
    return desk if border.mean() > 0.3 else None


def even_out_light(image: Image.Image, thumb: Thumb, dpi: float) -> tuple[Image.Image, Thumb]:
    """Flatten uneven light and paint the desk around a photographed page white; scans pass untouched.

    Tesseract thresholds a page globally: a dim corner or a dark desk edge otherwise turns into black
    blocks and column splits. Dividing by the local paper brightness makes the paper white everywhere.
    """
    desk = desk_mask(thumb)
    paper = thumb.paper if desk is None else thumb.paper[~desk]
    low, high = np.percentile(paper[::4, ::4] if desk is None else paper[::16], [5, 95])
    if desk is None and high <= UNEVEN_LIGHT * max(low, 1.0):
        return image, thumb
    small_light = Image.fromarray(np.clip(thumb.paper, 1, 255).astype(np.uint8), mode="L")
    light = np.asarray(small_light.resize(image.size, Image.Resampling.BILINEAR), dtype=np.uint16)
    flat = np.minimum(np.asarray(image, dtype=np.uint16) * 255 // light, 255).astype(np.uint8)
    cleaned = Image.fromarray(flat, mode="L")
    if desk is not None:
        # Grow the desk a little so the shadowed page edge goes too; text never sits that close to it.
        grow = 2 * max(1, round(DESK_MARGIN_INCHES * thumb.dpi)) + 1
        grown = ndimage.maximum_filter(desk, size=grow)  # separable: fast even for wide margins
        mask = Image.fromarray(grown.astype(np.uint8) * 255, mode="L")
        mask = mask.resize(image.size, Image.Resampling.NEAREST)
        cleaned.paste(255, mask=mask)
    return cleaned, thumbnail(cleaned, dpi)


def _otsu(pixels: np.ndarray) -> float:
    hist = np.bincount(pixels.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    levels = np.arange(256)
    weight0 = np.cumsum(hist)
    mean0 = np.cumsum(hist * levels)
    weight1 = total - weight0
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean0[-1] * weight0 / total - mean0) ** 2 / (weight0 * weight1)
    return float(np.argmax(np.nan_to_num(between))) + 0.5


def long_runs(mask: np.ndarray, min_length: int) -> np.ndarray:
    """The pixels of `mask` that lie in vertical runs of at least `min_length`."""
    out = np.zeros_like(mask)
    candidates = np.nonzero(np.count_nonzero(mask, axis=0) >= min_length)[0]
    if candidates.size == 0:
        return out
    sub = mask[:, candidates].T  # one row per candidate column, so runs come out grouped by column
    padded = np.zeros((sub.shape[0], sub.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = sub
    edges = np.diff(padded, axis=1)
    start_col, start_at = np.nonzero(edges == 1)
    _, end_at = np.nonzero(edges == -1)
    for col, start, end in zip(start_col, start_at, end_at, strict=True):
        if end - start >= min_length:
            out[start:end, candidates[col]] = True
    return out


def _bands(flags: np.ndarray, factor: int, limit: int) -> list[tuple[int, int]]:
    """Full-resolution [start, stop) ranges covering the runs of True in a thumbnail axis, with a margin."""
    edges = np.diff(np.concatenate(([0], flags.astype(np.int8), [0])))
    starts, stops = np.nonzero(edges == 1)[0], np.nonzero(edges == -1)[0]
    return [
        (max(0, (int(a) - 1) * factor), min(limit, (int(b) + 1) * factor))
        for a, b in zip(starts, stops, strict=True)
    ]


def horizontal_rules(thumb: Thumb) -> list[tuple[slice, slice]]:
    """Thin horizontal rules (drawn lines, rows of '=', '_' or '-') on the thumbnail, as (rows, columns) boxes.

    The ink is smeared a pixel up and down and narrow gaps are closed, so that a row of '='
    characters and a rule left stair-stepped by deskewing count as one line. A candidate must be thin
    (a black bar or reversed-out text is not a rule) and have blank paper just above and below it
    across its length, which text never has; an underline touching its words is left alone. A row of
    hyphens has wider gaps: those are closed between thin dashes only, never between letters.
    """
    found = _rules(thumb.ink, thumb.ink, thumb.dpi, RULE_GAP_INCHES)
    dashes = _dashes(thumb)
    if dashes.any():
        # A row of '=' on a photo still slightly tilted is found above only in pieces: its whole run of flat
        # marks replaces them. It may stand a little taller, since no black bar is made of such marks.
        runs = _rules(dashes, thumb.ink, thumb.dpi, DASH_GAP_INCHES, DASH_TILT_INCHES)
        found = [box for box in found if not any(_overlap(box, run) for run in runs)] + runs
    return found


def _dashes(thumb: Thumb) -> np.ndarray:
    """The ink of the thumbnail's thin, flat marks ('-' and the like): no letter is this flat."""
    labels, count = ndimage.label(thumb.ink)
    out = np.zeros_like(thumb.ink)
    if count == 0:
        return out
    thin = max(1, round(DASH_THICKNESS_INCHES * thumb.dpi))
    flat = [n for n, (rows, cols) in enumerate(ndimage.find_objects(labels), 1)
            if rows.stop - rows.start <= thin and cols.stop - cols.start > rows.stop - rows.start]
    return np.isin(labels, flat) if flat else out


def _overlap(a: tuple[slice, slice], b: tuple[slice, slice]) -> bool:
    return a[0].start < b[0].stop and b[0].start < a[0].stop and a[1].start < b[1].stop and b[1].start < a[1].stop


def _rules(marks: np.ndarray, ink: np.ndarray, thumb_dpi: float, gap_inches: float,
           tilt_inches: float = 0.0) -> list[tuple[slice, slice]]:
    """Thin horizontal runs of `marks` with blank `ink` just above and below them (a thumbnail's pixels);
    `tilt_inches` more height is allowed for the run's slope."""
    length = max(9, round(RULE_MIN_INCHES * thumb_dpi)) | 1  # odd: the windows below are centred
    # numpy shifts: scipy's binary morphology costs ~10x more on a page this size.
    smeared = marks.copy()
    smeared[1:] |= marks[:-1]
    smeared[:-1] |= marks[1:]
    gap = max(1, round(gap_inches * thumb_dpi))
    left, right = smeared.copy(), smeared.copy()
    for shift in range(1, gap + 1):
        left[:, shift:] |= smeared[:, :-shift]
        right[:, :-shift] |= smeared[:, shift:]
    smeared |= left & right
    # A pixel lies in a run of `length` when some centred window of that length around it is (nearly) all ink.
    fill = ndimage.uniform_filter1d(smeared.astype(np.float32), length, axis=1, mode="constant")
    window_full = fill >= RULE_FILL
    candidate_rows = np.nonzero(window_full.any(axis=1))[0]
    if candidate_rows.size == 0:
        return []
    runs = np.zeros_like(window_full)
    runs[candidate_rows] = ndimage.maximum_filter1d(window_full[candidate_rows], length, axis=1, mode="constant")
    labels, _ = ndimage.label(runs)
    thick = max(1, round(RULE_THICKNESS_INCHES * thumb_dpi)) + 2 + round(tilt_inches * thumb_dpi)  # + the smearing
    found = []
    for rows, cols in ndimage.find_objects(labels):
        if rows.stop - rows.start > thick:
            continue
        above = ink[max(0, rows.start - 2) : rows.start, cols]
        below = ink[rows.stop : rows.stop + 2, cols]
        if (above.size == 0 or above.mean() <= RULE_CLEARANCE) and (below.size == 0 or below.mean() <= RULE_CLEARANCE):
            found.append((rows, cols))
    return found


def remove_rules(image: Image.Image, dpi: float, thumb: Thumb | None = None) -> Image.Image:
    """Whiten thin horizontal rules on an upright, deskewed page; the page itself when it has none.

    Tesseract's layout analysis drops a heading boxed between two rules ("=====" lines above and
    below it) altogether. Only each rule's own box goes: the paper around it was checked to be blank.
    `thumb` is the image's thumbnail when the caller already has it.
    """
    thumb = thumbnail(image, dpi) if thumb is None else thumb
    rules = horizontal_rules(thumb)
    if not rules:
        return image
    pixels = np.array(image)
    factor = thumb.factor
    for rows, cols in rules:
        pixels[rows.start * factor : rows.stop * factor, cols.start * factor : cols.stop * factor] = 255
    return Image.fromarray(pixels, mode="L")


def remove_streaks(image: Image.Image, thumb: Thumb, dpi: float) -> tuple[Image.Image, Thumb]:
    """Whiten scanner streaks (vertical ink runs over an inch) and full-width fax transmission lines.

    A streak through a page splits Tesseract's layout into columns and scrambles the reading order.
    Found on the thumbnail; only the bands of the full image around them are touched.
    """
    streak_cols = np.asarray(long_runs(thumb.ink, max(10, round(STREAK_INCHES * thumb.dpi))).any(axis=0))
    dropout_rows = np.asarray(thumb.ink.mean(axis=1) > DROPOUT_SHARE)
    if not streak_cols.any() and not dropout_rows.any():
        return image, thumb
    pixels = np.array(image)
    for left, right in _bands(streak_cols, thumb.factor, image.width):
        band = pixels[:, left:right]
        band[long_runs(band < 128, max(50, round(STREAK_INCHES * dpi)))] = 255
    for top, bottom in _bands(dropout_rows, thumb.factor, image.height):
        band = pixels[top:bottom]
        band[(band < 128).mean(axis=1) > DROPOUT_SHARE] = 255
    cleaned = Image.fromarray(pixels, mode="L")
    return cleaned, thumbnail(cleaned, dpi)


def _text_ink(thumb: Thumb) -> np.ndarray:
    # Long straight runs (rules, page edges, streaks) say nothing about text lines: leave them out.
    ink = thumb.ink
    lines = long_runs(ink, max(8, round(STREAK_INCHES * thumb.dpi / 2)))
    lines |= long_runs(ink.T, max(16, round(RULE_INCHES * thumb.dpi))).T
    return ink & ~lines


def _ink_points(thumb: Thumb) -> tuple[np.ndarray, np.ndarray]:
    ys, xs = np.nonzero(_text_ink(thumb))
    if ys.size > _MAX_POINTS:
        keep = np.random.default_rng(0).choice(ys.size, _MAX_POINTS, replace=False)
        ys, xs = ys[keep], xs[keep]
    return ys.astype(np.float64), xs.astype(np.float64)


def _sharpness(along: np.ndarray, across: np.ndarray, angle: float) -> float:
    # Shear the points by the candidate angle and histogram them; aligned text lines give a spiky profile.
    shifted = along + across * np.tan(np.radians(angle))
    bins = np.bincount((shifted - shifted.min()).astype(np.int64))
    return float(np.square(np.diff(bins.astype(np.float64))).sum())


def _gap_share(along: np.ndarray, across: np.ndarray, angle: float) -> float:
    # Blank rows between text lines run the full page width; blank columns are rare, even in fixed-pitch
    # text, so the shares tell which way the lines run (more robust than profile sharpness for forms).
    shifted = along + across * np.tan(np.radians(angle))
    bins = np.bincount((shifted - shifted.min()).astype(np.int64)).astype(np.float64)
    return float((bins <= 0.05 * bins.mean()).mean())


def _best_angle(along: np.ndarray, across: np.ndarray) -> tuple[float, float]:
    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, _COARSE_STEP)
    scores = [_sharpness(along, across, a) for a in coarse]
    center = float(coarse[int(np.argmax(scores))])
    fine = np.arange(center - _COARSE_STEP, center + _COARSE_STEP + 1e-9, _FINE_STEP)
    fine_scores = [_sharpness(along, across, a) for a in fine]
    best = int(np.argmax(fine_scores))
    return float(fine[best]), fine_scores[best]


def _line_profile(ys: np.ndarray, xs: np.ndarray, angle: float) -> np.ndarray:
    rows = ys + xs * np.tan(np.radians(angle))
    return np.bincount((rows - rows.min()).astype(np.int64)).astype(np.float64)


def _ascender_ratio(profile: np.ndarray, spans: list[tuple[int, int]]) -> float:
    above = below = 0.0
    for start, stop in spans:
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
    return [(int(a), int(b)) for a, b in zip(starts, stops, strict=True) if b - a >= 3]


def analyse_layout(thumb: Thumb) -> Layout | None:
    """Skew and orientation hints from projection profiles of the thumbnail; None for a blank page."""
    ys, xs = _ink_points(thumb)
    if ys.size < _MIN_POINTS:
        return None
    angle, _ = _best_angle(ys, xs)
    profile = _line_profile(ys, xs, angle)
    spans = _line_spans(profile)
    heights = [stop - start for start, stop in spans]
    return Layout(
        skew=angle,
        row_gaps=_gap_share(ys, xs, angle),
        column_gaps=_gap_share(xs, -ys, -angle),
        ascender_ratio=_ascender_ratio(profile, spans),
        line_height=float(np.median(heights)) * thumb.factor if heights else 0.0,
    )


def deskew(image: Image.Image, skew: float, bilevel: bool = False) -> Image.Image:
    """The image turned back by `skew` degrees, the new corners filled with white paper.

    Black-and-white pages are turned with nearest-neighbour sampling: 5x faster, and they stay crisp.
    """
    resample = Image.Resampling.NEAREST if bilevel else Image.Resampling.BILINEAR
    return image.rotate(-skew, resample=resample, expand=True, fillcolor=255)


def rotate_upright(image: Image.Image, clockwise: int) -> Image.Image:
    """The image turned by a multiple of 90 degrees clockwise."""
    transpose = {
        90: Image.Transpose.ROTATE_270,
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_90,
    }
    return image.transpose(transpose[clockwise]) if clockwise in transpose else image


def rotate_thumb(thumb: Thumb, clockwise: int) -> Thumb:
    """The thumbnail of a page turned by a multiple of 90 degrees clockwise."""
    return replace(thumb, ink=np.rot90(thumb.ink, k=-(clockwise // 90)))
