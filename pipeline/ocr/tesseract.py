"""The one module that runs the external `tesseract` program: probe, OCR, orientation detection.

Every call runs with OMP_THREAD_LIMIT=1: on these 2-core machines Tesseract's own OpenMP threads make a
page ~8x slower when several workers run at once; parallelism comes from one document per worker.
"""

from __future__ import annotations

import functools
import html
import logging
import os
import re
import signal
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from pipeline.errors import MissingDependencyError
from pipeline.ocr.errors import OcrErrorCode, ocr_error
from pipeline.records import Word

log = logging.getLogger(__name__)

TESSERACT = "tesseract"
INSTALL_HINT = "install it with: apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-osd"
_PROBE_TIMEOUT = 30.0
# Page segmentation 4, "a single column of text of variable sizes", reads a form line by line across
# the page, so a label and its value ("DOB:  03/14/1962", "Name: ... MRN: ...") stay on one line;
# automatic segmentation (3) splits such forms into columns and reorders them.
PAGE_SEGMENTATION = "4"
# Each character's other candidates from the LSTM's own beam, written into the hOCR output (about 8% more
# time per pass): what the recogniser saw as possible, for lexicon.respell.
CHOICE_CONFIGS = ("-c", "lstm_choice_mode=2", "-c", "hocr_char_boxes=1")

Box = tuple[int, int, int, int]  # left, top, width, height
Letter = tuple[str, float, tuple[tuple[str, float], ...]]  # a character, its confidence, its alternatives


@functools.lru_cache(maxsize=1)
def scratch_dir() -> str | None:
    """Where the page image and Tesseract's outputs are written: RAM (/dev/shm) when there is one.

    The files live for one page; on a disk-backed /tmp, creating and deleting them can stall behind
    other programs' fsyncs (a database on the same disk), which measurably slowed OCR here.
    """
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


@dataclass(frozen=True)
class Recognition:
    """What one Tesseract pass over one page image produced."""

    words: tuple[Word, ...]
    text: str
    text_pdf: bytes | None  # a one-page PDF holding only the invisible text layer, when asked for
    letters: dict[Box, tuple[Letter, ...]] = field(default_factory=dict)  # per word box, when asked for


@dataclass(frozen=True)
class Orientation:
    """Tesseract's orientation detection: degrees clockwise to rotate the page upright, and its confidence."""

    rotate: int
    confidence: float


def child_env() -> dict[str, str]:
    """The environment for a Tesseract child process: one OpenMP thread."""
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Run tesseract with captured output; a timeout or a failure is the page's error, not a crash."""
    try:
        return subprocess.run(
            [TESSERACT, *args], capture_output=True, timeout=timeout, env=child_env(), check=False
        )
    except FileNotFoundError as exc:
        raise MissingDependencyError("the 'tesseract' program was not found", hint=INSTALL_HINT) from exc
    except subprocess.TimeoutExpired as exc:
        raise ocr_error(
            OcrErrorCode.ocr_timeout, f"tesseract took longer than {timeout:g} s on a page"
        ) from exc


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _stderr_tail(proc: subprocess.CompletedProcess[bytes]) -> str:
    text = proc.stderr.decode("utf-8", "replace").strip()
    return text.splitlines()[-1][:200] if text else f"exit status {proc.returncode}"


@functools.lru_cache(maxsize=8)
def check_tesseract(language: str = "eng") -> str:
    """Tesseract's version if it and the language data (plus osd) are installed, else MissingDependencyError."""
    try:
        proc = _run(["--version"], _PROBE_TIMEOUT)
        langs_proc = _run(["--list-langs"], _PROBE_TIMEOUT)
    except MissingDependencyError:
        raise
    except Exception as exc:  # a hung or broken binary is as good as a missing one
        raise MissingDependencyError(
            f"the 'tesseract' program does not work: {exc}", hint=INSTALL_HINT
        ) from exc
    out = (proc.stdout + proc.stderr).decode("utf-8", "replace")
    match = re.search(r"tesseract\s+v?(\d+\.\d+[^\s]*)", out)
    if proc.returncode != 0 or match is None:
        raise MissingDependencyError(f"'tesseract --version' failed: {_stderr_tail(proc)}", hint=INSTALL_HINT)
    listed = langs_proc.stdout.decode("utf-8", "replace").split()
    missing = [lang for lang in [*language.split("+"), "osd"] if lang not in listed]
    if missing:
        packages = " ".join(f"tesseract-ocr-{lang.lower().replace('_', '-')}" for lang in missing)
        raise MissingDependencyError(
            f"Tesseract language data missing: {', '.join(missing)}",
            hint=f"install it with: apt-get install {packages}",
        )
    return match.group(1)


def _save_for_tesseract(image: Image.Image, path: Path) -> Path:
    # Uncompressed formats: ~5 ms to write and to read, where even the fastest PNG level costs ~50 ms.
    # A black-and-white page goes as 1 bit (PBM): Tesseract skips its own thresholding, ~8% faster.
    if image.mode == "1":
        target = path.with_suffix(".pbm")
        image.save(target, format="PPM")
    else:
        target = path.with_suffix(".tif")
        image.save(target, format="TIFF", compression="raw")  # never inherit the source file's G4 setting
    return target


def recognize(image: Image.Image, dpi: int, language: str, timeout: float, want_pdf: bool,
              choices: bool = False) -> Recognition:
    """OCR one upright page image once, producing words (TSV) and, if asked, the text layer as a PDF and
    each word's characters with their alternatives (hOCR)."""
    with tempfile.TemporaryDirectory(prefix="docintake-ocr-", dir=scratch_dir()) as tmp:
        src = _save_for_tesseract(image, Path(tmp) / "page")
        base = Path(tmp) / "out"
        configs = ["-c", "textonly_pdf=1", "tsv", "pdf"] if want_pdf else ["tsv"]
        if choices:
            configs = [*CHOICE_CONFIGS, *configs, "hocr"]
        args = [str(src), str(base), "-l", language, "--dpi", str(dpi), "--psm", PAGE_SEGMENTATION, *configs]
        proc = _run(args, timeout)
        if proc.returncode < 0:  # killed by a signal: a crash inside tesseract or leptonica on this page
            raise ocr_error(OcrErrorCode.ocr_crash, f"tesseract crashed on a page ({_signal_name(-proc.returncode)})")
        tsv_path, pdf_path = base.with_suffix(".tsv"), base.with_suffix(".pdf")
        if proc.returncode != 0 or not tsv_path.exists() or (want_pdf and not pdf_path.exists()):
            raise ocr_error(OcrErrorCode.ocr_failed, f"tesseract failed on a page: {_stderr_tail(proc)}")
        words, text = parse_tsv(tsv_path.read_text(encoding="utf-8", errors="replace"))
        pdf = pdf_path.read_bytes() if want_pdf else None
        hocr = base.with_suffix(".hocr")
        letters = parse_hocr_letters(hocr.read_text(encoding="utf-8", errors="replace")) if choices and hocr.exists() else {}
    return Recognition(words=words, text=text, text_pdf=pdf, letters=letters)


def detect_orientation(image: Image.Image, dpi: int, timeout: float) -> Orientation | None:
    """Tesseract OSD (--psm 0) on an image; None when it finds too little text to decide."""
    with tempfile.TemporaryDirectory(prefix="docintake-osd-", dir=scratch_dir()) as tmp:
        src = _save_for_tesseract(image, Path(tmp) / "page")
        proc = _run([str(src), "-", "--psm", "0", "--dpi", str(dpi), "-l", "osd"], timeout)
    out = proc.stdout.decode("utf-8", "replace")
    rotate = re.search(r"Rotate:\s*(\d+)", out)
    conf = re.search(r"Orientation confidence:\s*([\d.]+)", out)
    if proc.returncode != 0 or rotate is None or conf is None:
        log.debug("orientation detection gave no answer: %s", _stderr_tail(proc))
        return None
    return Orientation(rotate=int(rotate.group(1)) % 360, confidence=float(conf.group(1)))


def parse_tsv(tsv: str) -> tuple[tuple[Word, ...], str]:
    """Words (level 5 rows) and the page text, lines joined by newlines and blocks by blank lines."""
    words: list[Word] = []
    lines: list[str] = []
    current: list[str] = []
    key: tuple[str, str, str] | None = None
    block: str | None = None
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        line_key = (cols[2], cols[3], cols[4])
        if line_key != key:
            if current:
                lines.append(" ".join(current))
            if block is not None and cols[2] != block:
                lines.append("")
            current, key, block = [], line_key, cols[2]
        current.append(cols[11].strip())
        left, top, width, height = (int(c) for c in cols[6:10])
        words.append(Word(cols[11].strip(), left, top, width, height, float(cols[10])))
    if current:
        lines.append(" ".join(current))
    return tuple(words), "\n".join(lines)


_HOCR_WORD = re.compile(r"<span class='ocrx_word'[^>]*title='bbox (\d+) (\d+) (\d+) (\d+);")
_HOCR_CHAR = re.compile(r"<span class='ocrx_cinfo' (?:id='(?P<id>[^']*)' )?title='x_(?:bboxes [^;']*; x_conf|confs) "
                        r"(?P<conf>[\d.]+)'>(?P<text>[^<]*)</span>")


def parse_hocr_letters(hocr: str) -> dict[Box, tuple[Letter, ...]]:
    """Each word's characters from hOCR written with CHOICE_CONFIGS, keyed by the word's box as in the TSV:
    the character read, its confidence, and the other characters the recogniser considered there."""
    found: dict[Box, tuple[Letter, ...]] = {}
    starts = list(_HOCR_WORD.finditer(hocr))
    for k, word in enumerate(starts):
        chunk = hocr[word.end(): starts[k + 1].start() if k + 1 < len(starts) else len(hocr)]
        letters: list[tuple[str, float, list[tuple[str, float]]]] = []
        for m in _HOCR_CHAR.finditer(chunk):
            text, conf = html.unescape(m.group("text")), float(m.group("conf"))
            if m.group("id") is None:
                letters.append((text, conf, []))
            elif letters and text != letters[-1][0]:
                letters[-1][2].append((text, conf))
        x0, y0, x1, y1 = (int(v) for v in word.groups())
        found[(x0, y0, x1 - x0, y1 - y0)] = tuple((t, c, tuple(alts)) for t, c, alts in letters)
    return found
