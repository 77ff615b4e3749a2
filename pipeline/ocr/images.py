"""Open raster files (TIFF faxes, PNG, JPEG) safely: size checked before decoding, frames one by one."""

from __future__ import annotations

import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image, ImageOps, UnidentifiedImageError

from pipeline.ocr.errors import OcrErrorCode, ocr_error
from pipeline.ocr.options import OcrOptions
from pipeline.ocr.pages import UNKNOWN_DPI, RasterPage
from pipeline.ocr.tiffcheck import tiff_directory_count

# PIL reports damaged files through many exception types (SyntaxError, TypeError "Missing dimensions",
# KeyError, struct.error, ...); every one of them means the same thing here: a damaged image.
_DAMAGED = (OSError, SyntaxError, ValueError, EOFError, TypeError, KeyError, IndexError, struct.error)

# Values below this are placeholders (72, 1, 0) written by cameras and tools, not a scan resolution.
MIN_PLAUSIBLE_DPI = 50.0
EXIF_ORIENTATION = 0x0112


@contextmanager
def _pixel_limit(limit: int) -> Iterator[None]:
    # PIL's own bomb guard is a module global; align it with our limit while we open, and turn its
    # warning into silence because we check the declared size ourselves.
    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = limit
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = saved


def _check_declared_size(image: Image.Image, limit: int) -> None:
    width, height = image.size
    if width <= 0 or height <= 0:
        raise ocr_error(OcrErrorCode.corrupt_image, f"the image declares an empty size {width}x{height}")
    if width * height > limit:
        raise ocr_error(
            OcrErrorCode.decompression_bomb,
            f"the image declares {width}x{height} pixels, more than the limit of {limit:,}",
        )


def _open(path: str, limit: int) -> Image.Image:
    try:
        with _pixel_limit(limit):
            image = Image.open(path)
    except Image.DecompressionBombError as exc:
        raise ocr_error(
            OcrErrorCode.decompression_bomb, f"the image declares too many pixels: {exc}"
        ) from exc
    except (UnidentifiedImageError, *_DAMAGED) as exc:
        raise ocr_error(OcrErrorCode.corrupt_image, f"the image header cannot be read: {exc}") from exc
    _check_declared_size(image, limit)
    return image


def frame_count(image: Image.Image) -> int:
    """Number of pages (frames) in an opened image; counting reads only the directory chain."""
    try:
        return int(getattr(image, "n_frames", 1))
    except _DAMAGED as exc:
        raise ocr_error(OcrErrorCode.corrupt_image, f"the page directory is damaged: {exc}") from exc


def _check_tiff_chain(path: str, count: int, page_limit: int) -> None:
    directories = tiff_directory_count(path, stop_after=page_limit)
    if directories is not None and directories <= page_limit and directories != count:
        raise ocr_error(
            OcrErrorCode.corrupt_image,
            f"the TIFF lists {directories} pages but only {count} can be read (truncated?)",
        )


def image_dpi(image: Image.Image) -> tuple[float, float]:
    """The (x, y) resolution the file declares, or (0, 0) when it declares none plausible."""
    dpi = image.info.get("dpi")
    try:
        x, y = (float(dpi[0]), float(dpi[1])) if dpi else (UNKNOWN_DPI, UNKNOWN_DPI)
    except (TypeError, ValueError, IndexError):
        return (UNKNOWN_DPI, UNKNOWN_DPI)
    if x < MIN_PLAUSIBLE_DPI or y < MIN_PLAUSIBLE_DPI:
        return (UNKNOWN_DPI, UNKNOWN_DPI)
    return (round(x, 1), round(y, 1))  # PNG stores pixels per metre: 300 dpi reads back as 299.9994


def _exif_orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(EXIF_ORIENTATION, 1))
    except _DAMAGED:
        return 1  # unreadable EXIF: take the pixels as stored


def _decode_frame(image: Image.Image, number: int, shared: bool) -> RasterPage:
    """Decode the current frame to grayscale; `shared` when the Image object moves on to further frames."""
    dpi = image_dpi(image)
    bilevel = image.mode == "1"
    try:
        image.load()
        upright = ImageOps.exif_transpose(image) if _exif_orientation(image) != 1 else image
        gray = upright.convert("L") if upright.mode != "L" else upright
        if gray is image and shared:
            gray = image.copy()  # the next seek() would overwrite these pixels
    except (Image.DecompressionBombError, *_DAMAGED) as exc:
        raise ocr_error(OcrErrorCode.corrupt_image, f"page {number} cannot be decoded: {exc}") from exc
    if upright.size != image.size:  # rotated by 90/270 through EXIF: the axes' resolutions swap
        dpi = (dpi[1], dpi[0])
    return RasterPage(number=number, image=gray, dpi=dpi, bilevel=bilevel)


def read_raster_pages(path: str, options: OcrOptions) -> Iterator[RasterPage]:
    """Each page of a raster file as a grayscale image, EXIF orientation applied; errors are DocumentErrors."""
    image = _open(path, options.max_image_pixels)
    with image:
        count = frame_count(image)
        if image.format == "TIFF":
            _check_tiff_chain(path, count, options.page_limit)
        if count > options.page_limit:
            raise ocr_error(
                OcrErrorCode.too_many_pages,
                f"the file has {count} pages, more than the limit of {options.page_limit}",
            )
        for index in range(count):
            yield _frame(image, index, options.max_image_pixels, count > 1)


def _frame(image: Image.Image, index: int, limit: int, shared: bool) -> RasterPage:
    with _pixel_limit(limit):
        try:
            image.seek(index)
        except _DAMAGED as exc:
            raise ocr_error(OcrErrorCode.corrupt_image, f"page {index + 1} cannot be found: {exc}") from exc
        _check_declared_size(image, limit)
        return _decode_frame(image, index + 1, shared)
