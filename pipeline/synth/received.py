"""Pages as offices really receive them: faxes and scans damaged the way real machines damage them.

`render.make_page` degrades a cleanly rendered page with tidy, regular damage. Real faxes are harsher:
the sending machine scans the sheet through slightly blurry optics, averages rows down to 98 (standard) or
196 (fine) lines per inch, adds sensor noise and thresholds to 1 bit, so thin printer strokes break up; the
line then drops or repeats scan lines and a dirty sensor leaves vertical streaks. Scanned mail goes through
`augraphy` (a maintained document-degradation library: ink bleed, low-ink lines, dirty drum, paper
texture), and phone photos get perspective and uneven light.

Every kind is rendered in a printer face chosen per page: the thin monospace faces (FreeMono, Liberation
Mono, Nimbus Mono) as often as DejaVu.
`augraphy` is a benchmark dependency (`pip install -e '.[bench]'`); only the `augraphy_scan` kind needs it.
"""

from __future__ import annotations

import contextlib
import io
import random
import tempfile
from typing import Any

import numpy as np
from PIL import Image, ImageFilter

from pipeline.synth import render

RECEIVED_KINDS = (
    "fax_standard", "fax_fine", "augraphy_scan", "scan_grey150", "scan_bilevel200", "photo_perspective",
    "image_pdf",
)
FACES = ("freemono", "liberation_mono", "nimbus_mono", "mono", "freemono", "sans", "serif")
THRESHOLDS = (120, 140, 160, 180)  # the sending machine's black/white cut, darker or lighter settings
FORMATS = {"augraphy_scan": "png", "scan_grey150": "png", "scan_bilevel200": "png", "photo_perspective": "jpeg", "image_pdf": "pdf"}


def _grid(img: Image.Image, x_dpi: float, y_dpi: float) -> Image.Image:
    """Average a 300-dpi grey page down to (x_dpi, y_dpi) with a box filter, as a scanning sensor does."""
    src_x, src_y = render.dpi_of(img)
    size = (max(1, round(img.width * x_dpi / src_x)), max(1, round(img.height * y_dpi / src_y)))
    return img.resize(size, Image.Resampling.BOX)


def _noisy_threshold(grey: np.ndarray, sigma: float, threshold: int, g: np.random.Generator) -> np.ndarray:
    noisy = grey.astype(np.float32) + g.normal(0.0, sigma, grey.shape)
    return np.where(noisy > threshold, 255, 0).astype(np.uint8)


def _transmission_errors(arr: np.ndarray, r: random.Random) -> None:
    """Scan lines lost or repeated on the phone line: a row run black, a band shifted, a row repeated."""
    h, w = arr.shape
    for _ in range(r.randint(1, 4)):
        y = r.randrange(h - 4)
        what = r.choice(("black", "shift", "repeat", "white"))
        rows = r.randint(1, 3)
        if what == "black":
            start = r.randrange(w // 2)
            arr[y:y + 1, start:start + r.randint(w // 8, w)] = 0
        elif what == "shift":
            arr[y:y + rows] = np.roll(arr[y:y + rows], r.randint(-12, 12), axis=1)
        elif what == "repeat":
            arr[y + 1:y + 1 + rows] = arr[y]
        else:
            arr[y:y + rows] = 255


def _vertical_streaks(arr: np.ndarray, r: random.Random) -> None:
    h, w = arr.shape
    for _ in range(r.randint(0, 2)):
        x = r.randrange(w)
        top = r.randrange(h // 3)
        arr[top:top + r.randint(h // 3, h), x:x + r.randint(1, 2)] = 0


def real_fax(page: Image.Image, mode: str, rng: random.Random) -> Image.Image:
    """A 1-bit fax page (204 x 98 'standard' or 204 x 196 'fine') from a 300-dpi grey page."""
    g = np.random.default_rng(rng.getrandbits(64))
    blurred = page.convert("L").filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))
    grid = _grid(blurred, render.FAX_X_DPI, render.FAX_Y_DPI[mode])
    arr = _noisy_threshold(np.asarray(grid), rng.uniform(8.0, 30.0), rng.choice(THRESHOLDS), g)
    _transmission_errors(arr, rng)
    _vertical_streaks(arr, rng)
    out = Image.fromarray(arr, "L").convert("1", dither=Image.Dither.NONE)
    out.info["dpi"] = (float(render.FAX_X_DPI), float(render.FAX_Y_DPI[mode]))
    return out


def augraphy_scan(page: Image.Image, rng: random.Random) -> Image.Image:
    """A 200-dpi grey office scan of a printed page through augraphy's ink, paper and scanner damage."""
    from augraphy import AugraphyPipeline, DirtyDrum, InkBleed, LowInkRandomLines, NoiseTexturize, SubtleNoise

    seed = rng.randrange(2**31)
    pipeline = AugraphyPipeline(
        ink_phase=[InkBleed(intensity_range=(0.3, 0.6), severity=(0.2, 0.4)),
                   LowInkRandomLines(count_range=(3, 8), p=0.7)],
        paper_phase=[NoiseTexturize(sigma_range=(2, 4), turbulence_range=(2, 4), p=0.7)],
        post_phase=[DirtyDrum(line_width_range=(1, 2), line_concentration=0.03, noise_intensity=0.15, p=0.4),
                    SubtleNoise(subtle_range=10, p=0.8)],
        random_seed=seed,
    )
    scanned = _grid(page.convert("L"), 200, 200)
    with tempfile.TemporaryDirectory(prefix="docintake-augraphy-") as tmp, contextlib.chdir(tmp):
        out = pipeline(np.asarray(scanned))  # augraphy keeps a cache of pages in the working directory
    arr = out if out.ndim == 2 else np.asarray(Image.fromarray(out).convert("L"))
    img = Image.fromarray(arr.astype(np.uint8), "L")
    img.info["dpi"] = (200.0, 200.0)
    return img


def _perspective_coefficients(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> list[float]:
    """The 8 coefficients PIL's PERSPECTIVE transform needs to map output corners `dst` to input `src`."""
    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    solution = np.linalg.solve(np.array(rows, dtype=np.float64), np.array([c for p in src for c in p]))
    return [float(c) for c in solution]


def photo_perspective(page: Image.Image, rng: random.Random, width_px: int = 1500) -> Image.Image:
    """A phone photo taken at a slant: the page a trapezoid on a desk, light falling off, soft focus."""
    scale = width_px / page.width
    small = page.convert("L").resize((width_px, round(page.height * scale)), Image.Resampling.BOX)
    w, h = small.size
    pad = round(w * 0.08)
    out_w, out_h = w + 2 * pad, h + 2 * pad
    desk = rng.randint(70, 120)

    def jitter(x: float, y: float) -> tuple[float, float]:
        return x + rng.uniform(-pad * 0.7, pad * 0.7), y + rng.uniform(-pad * 0.7, pad * 0.7)

    corners = [jitter(pad, pad), jitter(pad + w, pad), jitter(pad + w, pad + h), jitter(pad, pad + h)]
    coeffs = _perspective_coefficients([(0, 0), (w, 0), (w, h), (0, h)], corners)
    warped = small.transform((out_w, out_h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC,
                             fillcolor=desk)
    arr = np.asarray(warped, dtype=np.float32)
    yy, xx = np.mgrid[0:out_h, 0:out_w]
    angle = rng.uniform(0, 2 * np.pi)
    gradient = (np.cos(angle) * (xx / out_w - 0.5) + np.sin(angle) * (yy / out_h - 0.5))
    light = 0.82 + 0.3 * gradient  # brighter on one side of the page, as under a window
    g = np.random.default_rng(rng.getrandbits(64))
    arr = np.clip(arr * light + g.normal(0, 5, arr.shape), 0, 255).astype(np.uint8)
    img = Image.fromarray(arr, "L").filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.1)))
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=rng.randint(65, 85))
    buf.seek(0)
    res = 300.0 * scale
    shot = Image.open(buf).convert("RGB")
    shot.info["dpi"] = (res, res)
    return shot


def received_page(kind: str, text: str, rng: random.Random, font: str | None = None) -> tuple[Image.Image, dict[str, Any]]:
    """Render `text` as one received page of `kind`; returns the image and what was done (font, format, dpi)."""
    images, meta = received_document(kind, [text], rng, font)
    return images[0], meta


SINGLE_IMAGE_FORMATS = ("png", "jpeg")  # one page per file: a scan or photo of the first page only


def received_document(kind: str, texts: list[str], rng: random.Random,
                      font: str | None = None) -> tuple[list[Image.Image], dict[str, Any]]:
    """Render pages as one received document of `kind` in one printer face (drawn when not given).

    PNG and JPEG kinds hold one page: only the first text is rendered for them.
    """
    if kind not in RECEIVED_KINDS:
        raise ValueError(f"unknown received kind {kind!r}; expected one of {RECEIVED_KINDS}")
    face = font or rng.choice(FACES)
    size = rng.choice((10, 10.5, 11, 12))
    fmt = FORMATS.get(kind, "tiff")
    wanted = texts[:1] if fmt in SINGLE_IMAGE_FORMATS else texts
    bilevel_pdf = rng.random() < 0.5  # an image-only PDF holds a fax or a grey scan, the same for all pages
    images = [_damage(kind, render.render_page(t, 300, font_size_pt=size, font=face), rng, bilevel_pdf)
              for t in wanted]
    meta = {"kind": kind, "font": face, "format": fmt, "dpi": render.dpi_of(images[0])}
    return images, meta


def _damage(kind: str, page: Image.Image, rng: random.Random, bilevel_pdf: bool) -> Image.Image:
    if kind == "fax_standard":
        return real_fax(page, "standard", rng)
    if kind == "fax_fine":
        return real_fax(page, "fine", rng)
    if kind == "augraphy_scan":
        return augraphy_scan(page, rng)
    if kind == "photo_perspective":
        return photo_perspective(page, rng)
    g = np.random.default_rng(rng.getrandbits(64))
    if kind == "scan_grey150":
        grey = _grid(page.filter(ImageFilter.GaussianBlur(0.8)), 150, 150)
        noise = g.normal(0, 6, grey.size[::-1])
        arr = np.clip(np.asarray(grey, dtype=np.float32) * rng.uniform(0.85, 0.95) + 12 + noise, 0, 255)
        img = Image.fromarray(arr.astype(np.uint8), "L")
        img.info["dpi"] = (150.0, 150.0)
        return img
    if kind == "scan_bilevel200":
        grid = _grid(page.filter(ImageFilter.GaussianBlur(0.6)), 200, 200)
        arr = _noisy_threshold(np.asarray(grid), rng.uniform(5.0, 20.0), rng.choice(THRESHOLDS), g)
        _vertical_streaks(arr, rng)
        img = Image.fromarray(arr, "L").convert("1", dither=Image.Dither.NONE)
        img.info["dpi"] = (200.0, 200.0)
        return img
    # image_pdf: a fine fax or a grey scan inside an image-only PDF, as scan-to-email and fax servers make
    if bilevel_pdf:
        return real_fax(page, "fine", rng)
    grey = _grid(page, 200, 200)
    grey.info["dpi"] = (200.0, 200.0)
    return grey


def write_received(images: Image.Image | list[Image.Image], path: str, meta: dict[str, Any]) -> None:
    """Write received pages in the format their metadata names (G4 TIFF, PNG, JPEG or image-only PDF)."""
    pages = images if isinstance(images, list) else [images]
    fmt = meta["format"]
    if fmt == "tiff":
        render.write_tiff(pages, path)
    elif fmt == "png":
        render.write_png(pages[0], path)
    elif fmt == "jpeg":
        render.write_jpeg(pages[0], path)
    else:
        render.write_image_pdf(pages, path)
