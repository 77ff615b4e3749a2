"""The Tesseract wrapper with fake engines that hang, crash or are missing; picklability for worker pools."""

from __future__ import annotations

import pickle
import stat
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfgen import canvas

from pipeline.config import Config
from pipeline.errors import DocumentError, MissingDependencyError
from pipeline.ocr import OcrOptions, check_tesseract, preprocess, read_document, tesseract
from pipeline.ocr.pages import RasterPage
from pipeline.ocr.recognize import ocr_page
from pipeline.ocr.tesseract import parse_tsv
from pipeline.records import Word


def _fake(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-tesseract"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


@pytest.fixture(autouse=True)
def _fresh_probe() -> Iterator[None]:
    check_tesseract.cache_clear()
    yield
    check_tesseract.cache_clear()


@pytest.fixture
def page_png(tmp_path: Path) -> str:
    path = tmp_path / "page.png"
    Image.new("L", (200, 100), 255).save(path)
    return str(path)


def test_check_tesseract_real() -> None:
    assert check_tesseract("eng").startswith("5.")


def test_missing_program(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tesseract, "TESSERACT", "/nonexistent/tesseract")
    with pytest.raises(MissingDependencyError) as info:
        check_tesseract()
    assert "apt-get install tesseract-ocr" in str(info.value)
    assert info.value.exit_code == 8


def test_missing_language(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = _fake(
        tmp_path, 'case "$1" in --version) echo "tesseract 5.3.0";; *) printf "List:\\neng\\nosd\\n";; esac'
    )
    monkeypatch.setattr(tesseract, "TESSERACT", fake)
    assert check_tesseract("eng") == "5.3.0"
    with pytest.raises(MissingDependencyError) as info:
        check_tesseract("eng+deu")
    assert "tesseract-ocr-deu" in str(info.value)


def test_hanging_engine_times_out(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, page_png: str) -> None:
    monkeypatch.setattr(tesseract, "TESSERACT", _fake(tmp_path, "exec sleep 30"))
    with pytest.raises(DocumentError) as info:
        read_document(page_png, OcrOptions(timeout=1))
    assert info.value.code == "ocr_timeout" and info.value.stage == "ocr"


def test_crashing_engine_fails_the_page(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, page_png: str
) -> None:
    monkeypatch.setattr(tesseract, "TESSERACT", _fake(tmp_path, 'echo "Error in pixReadStream" >&2; exit 1'))
    with pytest.raises(DocumentError) as info:
        read_document(page_png, OcrOptions())
    assert info.value.code == "ocr_failed"
    assert "pixReadStream" in info.value.message


def test_child_runs_single_threaded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("OMP_THREAD_LIMIT", "4")
    seen = tmp_path / "env.txt"
    monkeypatch.setattr(
        tesseract, "TESSERACT", _fake(tmp_path, f'echo "$OMP_THREAD_LIMIT" > {seen}; echo tesseract 5.3.0')
    )
    tesseract._run(["--version"], 5.0)
    assert seen.read_text().strip() == "1"


def test_parse_tsv() -> None:
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "1\t1\t0\t0\t0\t0\t0\t0\t100\t100\t-1\t",
        "5\t1\t1\t1\t1\t1\t10\t10\t30\t12\t96.5\tPatient",
        "5\t1\t1\t1\t1\t2\t45\t10\t30\t12\t91.0\tname",
        "5\t1\t1\t1\t2\t1\t10\t30\t30\t12\t88.0\tDOB",
        "5\t1\t2\t1\t1\t1\t10\t60\t30\t12\t80.0\tSigned",
        "5\t1\t2\t1\t1\t2\t50\t60\t30\t12\t-1\t ",
    ]
    words, text = parse_tsv("\n".join([header, *rows]))
    assert text == "Patient name\nDOB\n\nSigned"
    assert [w.text for w in words] == ["Patient", "name", "DOB", "Signed"]
    assert words[0].left == 10 and words[0].conf == 96.5


def test_options_from_config() -> None:
    cfg = Config(ocr_language="eng+spa", ocr_timeout=30.0, page_limit=50, max_image_pixels=1_000_000)
    assert OcrOptions.from_config(cfg) == OcrOptions("eng+spa", 30.0, 50, 1_000_000)


def test_read_document_runs_in_a_worker_process(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 700, "Referral letter: please see the patient in clinic for follow up of the results.")
    pdf.showPage()
    pdf.save()
    options = OcrOptions()
    assert pickle.loads(pickle.dumps(options)) == options
    with ProcessPoolExecutor(max_workers=1) as pool:
        result = pool.submit(read_document, str(path), options).result(timeout=60)
    assert "Referral letter" in result.text
    assert pickle.loads(pickle.dumps(result)) == result


class _FakeEngine:
    """Stands in for Tesseract: scripted confidences per call and a scripted OSD answer."""

    def __init__(self, confidences: list[float], osd: tesseract.Orientation | None) -> None:
        self.confidences = confidences
        self.osd = osd
        self.ocr_calls = 0
        self.osd_calls = 0
        self.choices: list[bool] = []

    def recognize(self, image: Image.Image, dpi: int, language: str, timeout: float, want_pdf: bool,
                  choices: bool = False):
        conf = self.confidences[min(self.ocr_calls, len(self.confidences) - 1)]
        self.ocr_calls += 1
        self.choices.append(choices)
        words = tuple(Word(f"word{i}", i * 10, 0, 8, 8, conf) for i in range(30))
        return tesseract.Recognition(words=words, text=" ".join(w.text for w in words), text_pdf=None)

    def detect_orientation(
        self, image: Image.Image, dpi: int, timeout: float
    ) -> tesseract.Orientation | None:
        self.osd_calls += 1
        return self.osd


def _install(monkeypatch: pytest.MonkeyPatch, engine: _FakeEngine, clear: bool) -> None:
    monkeypatch.setattr(tesseract, "recognize", engine.recognize)
    monkeypatch.setattr(tesseract, "detect_orientation", engine.detect_orientation)
    ascenders = 3.0 if clear else 1.1  # 1.1: neither clearly upright nor clearly upside down
    layout = preprocess.Layout(
        skew=0.0, row_gaps=0.5, column_gaps=0.1, ascender_ratio=ascenders, line_height=25.0
    )
    monkeypatch.setattr(preprocess, "analyse_layout", lambda thumb: layout)


def _page() -> RasterPage:
    return RasterPage(number=1, image=Image.new("L", (400, 300), 255), dpi=(200.0, 200.0), bilevel=False)


def test_low_confidence_page_is_turned_by_osd(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = _FakeEngine([35.0, 93.0], tesseract.Orientation(rotate=180, confidence=12.0))
    _install(monkeypatch, engine, clear=False)
    result = ocr_page(_page(), OcrOptions(), want_pdf=False)
    assert (engine.ocr_calls, engine.osd_calls) == (2, 1)
    assert result.page.rotation == 180 and result.page.mean_confidence == 93.0


def test_osd_answer_is_kept_only_if_the_second_pass_is_better(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = _FakeEngine([60.0, 20.0], tesseract.Orientation(rotate=90, confidence=4.0))
    _install(monkeypatch, engine, clear=False)
    result = ocr_page(_page(), OcrOptions(), want_pdf=False)
    assert engine.ocr_calls == 2
    assert result.page.rotation == 0 and result.page.mean_confidence == 60.0


def test_no_osd_when_confident_or_when_the_profiles_were_clear(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = _FakeEngine([92.0], None)
    _install(monkeypatch, engine, clear=False)
    ocr_page(_page(), OcrOptions(), want_pdf=False)
    assert (engine.ocr_calls, engine.osd_calls) == (1, 0)
    noisy = _FakeEngine([62.0], None)  # a noisy page whose lines clearly run upright: OSD would be wasted
    _install(monkeypatch, noisy, clear=True)
    ocr_page(_page(), OcrOptions(), want_pdf=False)
    assert (noisy.ocr_calls, noisy.osd_calls) == (1, 0)


def test_characters_alternatives_are_asked_for_on_1_bit_pages_and_second_readings(monkeypatch: pytest.MonkeyPatch) -> None:
    clean = _FakeEngine([93.0], None)
    _install(monkeypatch, clean, clear=True)
    ocr_page(_page(), OcrOptions(), want_pdf=False)
    assert clean.choices == [False]  # a clean grey page: one pass, without them (they cost ~8% more)
    weak = _FakeEngine([60.0, 70.0], None)
    _install(monkeypatch, weak, clear=True)
    inked = _page()
    inked.image.paste(0, (100, 100, 180, 110))  # something the blur changes, so a second preparation differs
    ocr_page(inked, OcrOptions(), want_pdf=False)
    assert weak.choices == [False, True]
    fax = _FakeEngine([93.0], None)
    _install(monkeypatch, fax, clear=True)
    ocr_page(RasterPage(number=1, image=Image.new("L", (400, 300), 255), dpi=(204.0, 196.0), bilevel=True),
             OcrOptions(), want_pdf=False)
    assert fax.choices == [True]
