"""Turn page text into images and files that look like what a fax server or scanner produces.

Degradations are composable functions taking and returning PIL images; the random ones take a seeded
`random.Random`. Every image carries its resolution in `img.info["dpi"]` (x, y), which the fax functions
make non-square (204x196 fine, 204x98 standard), as real fax TIFFs are.
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"mono": "DejaVuSansMono.ttf", "sans": "DejaVuSans.ttf", "serif": "DejaVuSerif.ttf"}
# Thin printer faces (Debian packages in the Makefile's APT_PACKAGES); a missing one falls back to DejaVu.
PRINTER_FONTS = {
    "freemono": Path("/usr/share/fonts/truetype/freefont/FreeMono.ttf"),  # fonts-freefont-ttf
    "liberation_mono": Path("/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf"),  # fonts-liberation
    "nimbus_mono": Path("/usr/share/fonts/opentype/urw-base35/NimbusMonoPS-Regular.otf"),  # fonts-urw-base35
}
PAGE_INCHES = (8.5, 11.0)
FAX_X_DPI = 204
FAX_Y_DPI = {"fine": 196, "standard": 98}
FAX_WIDTH_PX = 1728  # the fixed scan-line width of a G3/G4 fax page
KINDS = ("clean300", "fine_fax", "standard_fax", "skewed", "rotated180", "noisy_scan", "photo")
# EXIF orientation -> degrees counter-clockwise the stored pixels are turned from upright
_EXIF_STORED_CCW = {1: 0, 3: 180, 6: 90, 8: 270}

PageImages = Image.Image | list[Image.Image]


def font_path(kind: str) -> Path:
    """The file a font kind names ('mono', 'sans', 'serif' or a PRINTER_FONTS key); unknown kinds are mono."""
    if kind in PRINTER_FONTS:
        return PRINTER_FONTS[kind]
    return FONT_DIR / FONT_FILES.get(kind, FONT_FILES["mono"])


def available_fonts() -> tuple[str, ...]:
    """The font kinds whose files are installed on this machine."""
    return tuple(k for k in (*FONT_FILES, *PRINTER_FONTS) if font_path(k).is_file())


@lru_cache(maxsize=32)
def _font(kind: str, size_px: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in (font_path(kind), font_path("mono")):  # a missing printer face falls back to DejaVu mono
        try:
            return ImageFont.truetype(str(path), size_px)
        except OSError:
            continue
    return ImageFont.load_default(size=size_px)  # no fonts at all: Pillow's bundled font is still legible


def dpi_of(img: Image.Image, default: float = 300.0) -> tuple[float, float]:
    """The (x, y) resolution recorded on an image, or (default, default)."""
    dpi = img.info.get("dpi")
    return (float(dpi[0]), float(dpi[1])) if dpi else (default, default)


def _with_dpi(img: Image.Image, dpi: tuple[float, float]) -> Image.Image:
    img.info["dpi"] = (float(dpi[0]), float(dpi[1]))
    return img


def render_page(text: str, dpi: int = 300, font_size_pt: float = 11, font: str = "mono") -> Image.Image:
    """Render page text onto a white letter-size greyscale page at `dpi`."""
    width, height = round(PAGE_INCHES[0] * dpi), round(PAGE_INCHES[1] * dpi)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    size_px = max(6, round(font_size_pt * dpi / 72))
    face = _font(font, size_px)
    x, y = round(0.6 * dpi), round(0.45 * dpi)
    step = round(size_px * 1.22)
    for line in text.splitlines():
        if line.strip():
            draw.text((x, y), line, font=face, fill=0)
        y += step
        if y > height - step:
            break
    return _with_dpi(img, (dpi, dpi))


# ---- degradations ------------------------------------------------------------------------------------

def to_fax(img: Image.Image, mode: str = "fine") -> Image.Image:
    """Resample to fax resolution (204 x 196 'fine' or 204 x 98 'standard' dpi) and threshold to 1 bit."""
    if mode not in FAX_Y_DPI:
        raise ValueError(f"fax mode must be one of {sorted(FAX_Y_DPI)}, not {mode!r}")
    x_dpi, y_dpi = dpi_of(img)
    height_in = img.height / y_dpi
    scale_x = FAX_WIDTH_PX / img.width
    size = (FAX_WIDTH_PX, max(1, round(height_in * FAX_Y_DPI[mode])))
    grey = img.convert("L").resize(size, Image.Resampling.BOX if scale_x < 1 else Image.Resampling.BILINEAR)
    out = grey.point(lambda p: 255 if p > 150 else 0).convert("1", dither=Image.Dither.NONE)
    return _with_dpi(out, (FAX_X_DPI, FAX_Y_DPI[mode]))


def binarize(img: Image.Image, threshold: int = 150) -> Image.Image:
    """Threshold to 1 bit at the same resolution (a bitonal office scanner)."""
    out = img.convert("L").point(lambda p: 255 if p > threshold else 0).convert("1", dither=Image.Dither.NONE)
    return _with_dpi(out, dpi_of(img))


def skew(img: Image.Image, degrees: float) -> Image.Image:
    """Turn the page content by `degrees` (positive = counter-clockwise), as a crooked feed does."""
    src = img.convert("L") if img.mode == "1" else img
    fill = 255 if src.mode == "L" else (255,) * len(src.getbands())
    out = src.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=fill)
    if img.mode == "1":
        out = out.point(lambda p: 255 if p > 128 else 0).convert("1", dither=Image.Dither.NONE)
    return _with_dpi(out, dpi_of(img))


def rotate(img: Image.Image, degrees: int) -> Image.Image:
    """Turn the page by 90, 180 or 270 degrees clockwise (a page fed upside down or sideways)."""
    ops = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}
    if degrees % 360 == 0:
        return img
    if degrees % 360 not in ops:
        raise ValueError("rotation must be a multiple of 90 degrees")
    x_dpi, y_dpi = dpi_of(img)
    out = img.transpose(ops[degrees % 360])
    return _with_dpi(out, (y_dpi, x_dpi) if degrees % 180 else (x_dpi, y_dpi))


def _np_rng(rng: random.Random) -> np.random.Generator:
    return np.random.default_rng(rng.getrandbits(64))


def speckle(img: Image.Image, amount: float = 0.004, rng: random.Random | None = None) -> Image.Image:
    """Scatter black specks (and a few white drop-outs) over `amount` of the pixels, like a dirty glass."""
    g = _np_rng(rng or random.Random(0))
    mode = img.mode
    arr = np.array(img.convert("L"), dtype=np.uint8)
    dots = g.random(arr.shape) < amount
    arr[dots] = 0
    arr[g.random(arr.shape) < amount / 4] = 255
    blobs = int(amount * arr.size / 400)
    for y, x in zip(g.integers(0, arr.shape[0] - 3, blobs), g.integers(0, arr.shape[1] - 3, blobs), strict=True):
        arr[y:y + g.integers(2, 4), x:x + g.integers(2, 4)] = 0
    return _back(arr, mode, img)


def streaks(img: Image.Image, rng: random.Random | None = None, count: int | None = None) -> Image.Image:
    """Add vertical scanner lines and horizontal transmission drop-outs."""
    r = rng or random.Random(0)
    mode = img.mode
    arr = np.array(img.convert("L"), dtype=np.uint8)
    h, w = arr.shape
    for _ in range(count if count is not None else r.randint(1, 3)):
        x, width = r.randrange(w), r.randint(1, 3)
        top = r.randrange(h // 2)
        arr[top:top + r.randint(h // 4, h), x:x + width] = r.choice((0, 40, 90))
    for _ in range(r.randint(0, 2)):
        y = r.randrange(h)
        arr[y:y + r.randint(1, 2), :] = r.choice((0, 255))
    return _back(arr, mode, img)


def _back(arr: np.ndarray, mode: str, like: Image.Image) -> Image.Image:
    out = Image.fromarray(arr, "L")
    if mode == "1":
        out = out.point(lambda p: 255 if p > 128 else 0).convert("1", dither=Image.Dither.NONE)
    elif mode != "L":
        out = out.convert(mode)
    return _with_dpi(out, dpi_of(like))


def photo(img: Image.Image, rng: random.Random | None = None, width_px: int = 1400) -> Image.Image:
    """A phone photo of the page: on a grey desk, uneven light, slight tilt and blur, JPEG artefacts."""
    r = rng or random.Random(0)
    scale = width_px / img.width
    page = img.convert("L").resize((width_px, round(img.height * scale)), Image.Resampling.BOX)
    pad = round(width_px * 0.06)
    canvas = Image.new("L", (page.width + 2 * pad, page.height + 2 * pad), r.randint(85, 130))
    canvas.paste(page, (pad + r.randint(-pad // 3, pad // 3), pad + r.randint(-pad // 3, pad // 3)))
    canvas = canvas.rotate(r.uniform(-2.0, 2.0), resample=Image.Resampling.BICUBIC, fillcolor=r.randint(85, 130))
    arr = np.asarray(canvas, dtype=np.float32)
    h, w = arr.shape
    yy, xx = np.mgrid[0:h, 0:w]
    cx, cy = r.uniform(0.2, 0.8) * w, r.uniform(0.2, 0.8) * h
    light = 1.0 - 0.35 * np.hypot((xx - cx) / w, (yy - cy) / h)  # brightest near (cx, cy)
    arr = np.clip(arr * light * r.uniform(0.85, 0.95) + _np_rng(r).normal(0, 4, arr.shape), 0, 255)
    tint = np.stack([arr * 1.0, arr * 0.97, arr * 0.9], axis=-1).astype(np.uint8)  # warm indoor light
    out = Image.fromarray(tint, "RGB").filter(ImageFilter.GaussianBlur(r.uniform(0.6, 1.2)))
    buf = io.BytesIO()
    out.save(buf, "JPEG", quality=r.randint(60, 80))
    buf.seek(0)
    res = dpi_of(img)[0] * scale
    return _with_dpi(Image.open(buf).convert("RGB"), (res, res))


def store_for_exif(img: Image.Image, orientation: int) -> Image.Image:
    """Turn upright pixels the way a phone stores them when it writes EXIF `orientation` (1, 3, 6 or 8)."""
    ccw = _EXIF_STORED_CCW[orientation]
    return rotate(img, (360 - ccw) % 360) if ccw else img


# ---- writers -----------------------------------------------------------------------------------------

def write_tiff(images: Sequence[Image.Image], path: str | Path, dpi: tuple[float, float] | None = None) -> None:
    """Write a multi-page 1-bit CCITT Group 4 TIFF with separate x/y resolution tags."""
    pages = [im if im.mode == "1" else binarize(im) for im in images]
    res = dpi or dpi_of(pages[0])
    pages[0].save(path, format="TIFF", compression="group4", save_all=True, append_images=pages[1:], dpi=res)


def write_png(img: Image.Image, path: str | Path, dpi: tuple[float, float] | None = None) -> None:
    """Write one page as PNG with its resolution."""
    img.save(path, format="PNG", dpi=dpi or dpi_of(img), optimize=True)


def write_jpeg(img: Image.Image, path: str | Path, dpi: tuple[float, float] | None = None,
               exif_orientation: int | None = None, quality: int = 75) -> None:
    """Write one page as JPEG; `exif_orientation` adds the tag (the pixels must already be stored turned)."""
    kwargs: dict[str, Any] = {"dpi": tuple(round(v) for v in (dpi or dpi_of(img))), "quality": quality}
    if exif_orientation is not None:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        kwargs["exif"] = exif.tobytes()
    img.convert("RGB" if img.mode not in ("L", "RGB") else img.mode).save(path, format="JPEG", **kwargs)


def write_image_pdf(images: Sequence[Image.Image], path: str | Path, dpi: tuple[float, float] | None = None) -> None:
    """Write an image-only PDF (a scanned document, no text layer), one image per page."""
    res = dpi or dpi_of(images[0])
    pages = [im if im.mode in ("1", "L", "RGB") else im.convert("RGB") for im in images]
    fixed = time.strptime("2026-01-01", "%Y-%m-%d")  # Pillow stamps "now" otherwise: keep output reproducible
    pages[0].save(path, format="PDF", save_all=True, append_images=pages[1:], dpi=res, creationDate=fixed,
                  modDate=fixed)


def write_text_pdf(pages: Sequence[str], path: str | Path, font_size: float = 10.0) -> None:
    """Write a born-digital PDF whose pages carry a real text layer (reportlab, Courier)."""
    from reportlab.lib.pagesizes import letter  # dev dependency: only needed to make samples and tests
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1, pageCompression=1)
    width, height = letter
    for text in pages:
        pdf.setFont("Courier", font_size)
        y = height - 0.55 * 72
        for line in text.splitlines():
            pdf.drawString(0.6 * 72, y, line)
            y -= font_size * 1.2
        pdf.showPage()
    pdf.save()


# ---- page kinds for benchmarks -----------------------------------------------------------------------

def make_page(kind: str, text: str | Sequence[str], rng: random.Random,
              font: str = "mono") -> tuple[PageImages, dict[str, Any]]:
    """Render text (one page or a list of pages) as page `kind` in `font`; returns image(s) and what was done.

    One document is degraded one way: the skew, rotation and EXIF orientation in the metadata hold for
    every page.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown page kind {kind!r}; expected one of {KINDS}")
    texts = [text] if isinstance(text, str) else list(text)
    meta: dict[str, Any] = {"kind": kind, "skew": 0.0, "rotation": 0, "exif_orientation": None, "font": font}
    if kind == "skewed":
        meta["skew"] = round(rng.choice((-1, 1)) * rng.uniform(1.5, 4.0), 2)
    elif kind == "noisy_scan":
        meta["skew"] = round(rng.uniform(-0.8, 0.8), 2)
    elif kind == "rotated180":
        meta["rotation"] = 180
    elif kind == "photo":
        meta["exif_orientation"] = rng.choice((1, 1, 6, 8, 3))
    images = [_make_one(kind, t, rng, meta) for t in texts]
    meta["dpi"] = dpi_of(images[0])
    meta["mode"] = images[0].mode
    meta["format"] = {"clean300": "png", "photo": "jpeg"}.get(kind, "tiff")
    return (images[0] if isinstance(text, str) else images), meta


def _make_one(kind: str, text: str, rng: random.Random, meta: dict[str, Any]) -> Image.Image:
    font = meta.get("font", "mono")
    if kind == "clean300":
        return render_page(text, 300, font=font)
    if kind == "photo":
        return store_for_exif(photo(render_page(text, 200, font=font), rng), meta["exif_orientation"])
    page = render_page(text, 300, font=font)
    if kind == "skewed":
        return to_fax(skew(page, meta["skew"]), "fine")
    if kind == "noisy_scan":
        return streaks(speckle(binarize(skew(page, meta["skew"])), rng.uniform(0.002, 0.006), rng), rng)
    fax = to_fax(page, "standard" if kind == "standard_fax" else "fine")
    return rotate(fax, meta["rotation"])


def write_pages(images: PageImages, path: str | Path, meta: dict[str, Any]) -> None:
    """Write make_page output in the format its metadata names (tiff, png or jpeg)."""
    pages = images if isinstance(images, list) else [images]
    fmt = meta.get("format", "tiff")
    if fmt == "tiff":
        write_tiff(pages, path)
    elif fmt == "png":
        write_png(pages[0], path)
    else:
        write_jpeg(pages[0], path, exif_orientation=meta.get("exif_orientation"))
