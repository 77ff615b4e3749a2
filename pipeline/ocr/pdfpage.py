"""One searchable PDF page: the page image under the invisible text layer of Tesseract's text-only PDF.

Tesseract writes only the text layer (textonly_pdf=1) during the same pass that produces the TSV; the
image goes in here, compressed to suit the page: 1-bit CCITT G4 for black-and-white pages, JPEG for grayscale scans. That
keeps pages small and avoids Tesseract's slow lossless recompression of grayscale images.
"""

from __future__ import annotations

import io

import pikepdf
from PIL import Image, TiffImagePlugin

JPEG_QUALITY = 75  # photos and grayscale pictures: text stays legible
BILEVEL_THRESHOLD = 128
MAX_MIDTONE_SHARE = 0.04  # pages with fewer mid-grey pixels than this are black text on white paper
_TO_BILEVEL = [0] * BILEVEL_THRESHOLD + [255] * (256 - BILEVEL_THRESHOLD)


def looks_bilevel(image: Image.Image) -> bool:
    """Whether a grayscale page is black on white (stored as 1 bit) rather than a picture (stored as JPEG)."""
    if image.mode == "1":
        return True
    # Every 4th pixel each way is plenty for a histogram, and 16x cheaper than all of them.
    sample = image.resize((max(1, image.width // 4), max(1, image.height // 4)), Image.Resampling.NEAREST)
    histogram = sample.histogram()
    midtones = sum(histogram[48:208])
    return midtones <= MAX_MIDTONE_SHARE * max(1, sum(histogram))


def _jpeg_image(pdf: pikepdf.Pdf, image: Image.Image) -> pikepdf.Stream:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY)
    return pikepdf.Stream(
        pdf,
        buffer.getvalue(),
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Image,
        Width=image.width,
        Height=image.height,
        ColorSpace=pikepdf.Name.DeviceGray,
        BitsPerComponent=8,
        Filter=pikepdf.Name.DCTDecode,
    )


def _g4(image: Image.Image) -> bytes:
    """The page as one CCITT Group 4 strip: libtiff's encoder is the fastest way to a small 1-bit image."""
    buffer = io.BytesIO()
    image.save(buffer, format="TIFF", compression="group4", strip_size=2**31 - 1)
    buffer.seek(0)
    with TiffImagePlugin.TiffImageFile(buffer) as tiff:
        (offset,), (length,) = tiff.tag_v2[273], tiff.tag_v2[279]  # StripOffsets, StripByteCounts
    return buffer.getvalue()[offset : offset + length]


def _bilevel_image(pdf: pikepdf.Pdf, image: Image.Image) -> pikepdf.Stream:
    bits = image if image.mode == "1" else image.point(_TO_BILEVEL, mode="1")
    return pikepdf.Stream(
        pdf,
        _g4(bits),
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Image,
        Width=image.width,
        Height=image.height,
        ColorSpace=pikepdf.Name.DeviceGray,
        BitsPerComponent=1,
        Filter=pikepdf.Name.CCITTFaxDecode,
        DecodeParms=pikepdf.Dictionary(K=-1, Columns=image.width, Rows=image.height, BlackIs1=True),
    )


def compose_page(text_pdf: bytes, image: Image.Image, bilevel: bool | None = None) -> bytes:
    """A one-page PDF: `image` filling the page of Tesseract's text-only PDF, the text layer on top.

    `bilevel` None decides from the image's histogram.
    """
    if bilevel is None:
        bilevel = looks_bilevel(image)
    with pikepdf.open(io.BytesIO(text_pdf)) as pdf:
        page = pdf.pages[0]
        _, _, width, height = (float(v) for v in page.mediabox)
        xobject = _bilevel_image(pdf, image) if bilevel else _jpeg_image(pdf, image)
        name = page.add_resource(xobject, pikepdf.Name.XObject, prefix="Im")
        draw = f"q {width:.3f} 0 0 {height:.3f} 0 0 cm {name} Do Q\n".encode()
        page.contents_add(pikepdf.Stream(pdf, draw), prepend=True)
        buffer = io.BytesIO()
        pdf.save(buffer)
        return buffer.getvalue()
