"""The synthetic data generator: rosters, document text, rendered files and the committed sample set."""

from __future__ import annotations

import csv
import json
import os
import random
import re
import time
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageOps

from pipeline.records import DocType
from pipeline.synth import clinical, fields, render
from pipeline.synth.documents import FAMILIES, PAGE_LINES, make_corpus, make_document
from pipeline.synth.identities import (
    ROSTER_HEADER,
    make_outsiders,
    make_roster,
    roster_hard_cases,
    write_roster_csv,
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


# ---- identities --------------------------------------------------------------------------------------

def test_roster_is_deterministic_with_unique_mrns():
    a, b = make_roster(500, seed=3), make_roster(500, seed=3)
    assert a == b
    assert a != make_roster(500, seed=4)
    assert len({p.mrn for p in a}) == 500
    assert all(p.dob and date(1925, 1, 1) <= p.dob <= date(2024, 12, 31) for p in a)
    assert all(re.fullmatch(r"(MRN)?\d{7}", p.mrn) for p in a)


def test_large_roster_is_quick():
    start = time.perf_counter()
    roster = make_roster(100_000)
    assert time.perf_counter() - start < 15  # a few seconds on a busy 2-core machine
    assert len({p.mrn for p in roster}) == 100_000


def test_roster_plants_look_alikes():
    roster = make_roster(60, seed=11)
    by_mrn = {p.mrn: p for p in roster}
    hard = roster_hard_cases(roster)
    a, b = (by_mrn[m] for m in hard["twins"][0])
    assert (a.last_name, a.dob, a.address) == (b.last_name, b.dob, b.address) and a.first_name != b.first_name
    a, b = (by_mrn[m] for m in hard["same_name_dob"][0])
    assert (a.first_name, a.last_name, a.dob) == (b.first_name, b.last_name, b.dob) and a.mrn != b.mrn
    a, b = (by_mrn[m] for m in hard["swapped_dob"][0])
    assert a.dob and b.dob and (a.dob.day, a.dob.month) == (b.dob.month, b.dob.day) and a.dob != b.dob
    assert hard["same_surname_year"]


def test_outsiders_are_not_in_the_roster():
    roster = make_roster(2000, seed=7)
    outsiders = make_outsiders(300, seed=7, exclude=roster)
    assert len(outsiders) == 300
    assert not {p.mrn for p in roster} & {p.mrn for p in outsiders}
    key = lambda p: (p.first_name, p.last_name, p.dob)  # noqa: E731
    assert not {key(p) for p in roster} & {key(p) for p in outsiders}


def test_roster_csv_header_and_rows(tmp_path):
    roster = make_roster(25, seed=2)
    path = tmp_path / "roster.csv"
    write_roster_csv(roster, path)
    with open(path, newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["mrn", "first_name", "last_name", "dob", "sex", "phone", "address", "city", "state", "postal_code"]
    assert tuple(rows[0]) == ROSTER_HEADER
    assert len(rows) == 26
    assert rows[1][0] == roster[0].mrn and rows[1][3] == roster[0].dob.isoformat()


# ---- documents ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("family", FAMILIES)
def test_every_type_is_generated_in_both_families(family):
    roster = make_roster(50, seed=1)
    rng = random.Random(9)
    for doc_type in DocType:
        for i in range(8):
            patient = None if doc_type is DocType.other and i % 2 else roster[i]
            doc = make_document(patient, doc_type, rng, family, cover=i == 3)
            assert doc.doc_type is doc_type and doc.family == family and doc.patient is patient
            assert doc.has_cover == (i == 3)
            for page in doc.pages:
                lines = page.splitlines()
                assert len(lines) <= PAGE_LINES
                assert max(len(line) for line in lines) <= fields.LINE_WIDTH
            if patient is not None:
                assert patient.last_name.lower() in doc.text.lower()
                if doc.dob_form != "none":
                    assert fields.format_date(patient.dob, doc.dob_form) in doc.text


def test_fax_header_and_cover_sheet():
    roster = make_roster(10, seed=1)
    doc = make_document(roster[0], DocType.lab_result, random.Random(1), "train", cover=True)
    assert "FAX COVER SHEET" in doc.pages[0]
    assert "LABORATORY" in doc.pages[1].upper() or "RESULTS" in doc.pages[1]
    assert all(re.search(r"P\.\d{3}", page.splitlines()[0]) for page in doc.pages)
    held = make_document(roster[0], DocType.lab_result, random.Random(1), "holdout", cover=True)
    assert "T R A N S M I T T A L" in held.pages[0]


def test_document_options_are_honoured():
    roster = make_roster(10, seed=1)
    p = roster[1]
    doc = make_document(p, DocType.referral, random.Random(2), name_form="last_first_upper", dob_form="yyyy-mm-dd",
                        show_mrn=False)
    assert f"{p.last_name}, {p.first_name}".upper() in doc.text
    assert p.dob.isoformat() in doc.text
    assert not doc.shows_mrn and re.sub(r"\D", "", p.mrn) not in doc.text
    with pytest.raises(ValueError):
        make_document(None, DocType.lab_result, random.Random(1))
    with pytest.raises(ValueError):
        make_document(p, DocType.lab_result, random.Random(1), family="nope")


def test_corpus_is_deterministic_and_mixed():
    roster = make_roster(300, seed=5)
    docs = make_corpus(600, roster, seed=5, family="train", outsider_rate=0.1)
    assert docs == make_corpus(600, roster, seed=5, family="train", outsider_rate=0.1)
    assert {d.doc_type for d in docs} == set(DocType)
    mrns = {p.mrn for p in roster}
    outsiders = [d for d in docs if d.patient is not None and not d.in_roster]
    assert 0.04 < len(outsiders) / len(docs) < 0.2
    assert all(d.patient.mrn not in mrns for d in outsiders)
    assert any(d.has_cover for d in docs) and any(d.patient is None for d in docs)
    assert len({d.doc_id for d in docs}) == len(docs)


def test_corpus_generation_is_fast():
    roster = make_roster(1000, seed=5)
    start = time.perf_counter()
    make_corpus(2000, roster, seed=1, family="holdout")
    assert time.perf_counter() - start < 6  # about 10k documents/s when the machine is idle


_PATIENT_FIELDS = re.compile(r"(Patient|Pt:|Name|RE:|Re:|Member|DOB|D\.O\.B|Birth|Address|Age:|Sex:|Gender|Phone|Ph:|"
                             r"Tel:|MRN|Chart|ID:|Med Rec|Acc|Visit #|Encounter #|Enrollee|Subscriber|Claimant)")


def _template_lines(family: str) -> set[str]:
    roster = make_roster(200, seed=3)
    terms = [re.sub(r"\d", "#", d) for d, _ in clinical.DIAGNOSES]
    out = set()
    for doc in make_corpus(1500, roster, seed=8, family=family):
        for line in doc.text.splitlines():
            line = re.sub(r"\d", "#", line.strip())
            if len(line) >= 25 and not _PATIENT_FIELDS.search(line) and not any(t in line for t in terms):
                out.add(line)
    return out


def test_holdout_does_not_reuse_train_wording():
    train, holdout = _template_lines("train"), _template_lines("holdout")
    assert len(train) > 300 and len(holdout) > 300
    assert train & holdout == set()


# ---- rendering ---------------------------------------------------------------------------------------

PAGE = "FROM: TEST LAB   FAX 555-0100   11/02/2026 10:14   P.001\n\nPatient: DOE, JANE A\nDOB: 03/04/1961\n" + "x" * 60


def test_render_page_is_letter_size_with_dpi():
    img = render.render_page(PAGE, dpi=300)
    assert img.size == (2550, 3300) and img.mode == "L"
    assert render.dpi_of(img) == (300.0, 300.0)
    assert img.getextrema()[0] < 50  # there is ink


def test_fax_resolutions_are_non_square():
    page = render.render_page(PAGE, dpi=300)
    fine, standard = render.to_fax(page, "fine"), render.to_fax(page, "standard")
    assert (fine.mode, fine.size, render.dpi_of(fine)) == ("1", (1728, 2156), (204.0, 196.0))
    assert (standard.size, render.dpi_of(standard)) == ((1728, 1078), (204.0, 98.0))
    with pytest.raises(ValueError):
        render.to_fax(page, "super")


def test_tiff_is_multipage_group4_with_xy_dpi(tmp_path):
    page = render.to_fax(render.render_page(PAGE, dpi=200), "standard")
    path = tmp_path / "fax.tif"
    render.write_tiff([page, render.speckle(page, 0.002, random.Random(1))], path)
    with Image.open(path) as im:
        assert im.n_frames == 2
        assert im.info["compression"] == "group4"
        assert (float(im.tag_v2[282]), float(im.tag_v2[283])) == (204.0, 98.0)
        im.seek(1)
        assert im.mode == "1"


def test_rotate_turns_pixels_and_resolution():
    fax = render.to_fax(render.render_page(PAGE, dpi=150), "standard")
    turned = render.rotate(fax, 90)
    assert turned.size == (fax.height, fax.width) and render.dpi_of(turned) == (98.0, 204.0)
    assert render.rotate(render.rotate(fax, 180), 180).tobytes() == fax.tobytes()
    with pytest.raises(ValueError):
        render.rotate(fax, 45)


@pytest.mark.parametrize("orientation", [1, 3, 6, 8])
def test_exif_orientation_restores_upright(tmp_path, orientation):
    upright = Image.new("L", (60, 100), 255)
    upright.paste(0, (0, 0, 20, 20))  # ink in the top-left corner
    stored = render.store_for_exif(upright, orientation)
    path = tmp_path / "photo.jpg"
    render.write_jpeg(stored, path, dpi=(150, 150), exif_orientation=orientation)
    with Image.open(path) as im:
        assert im.getexif().get(0x0112) == orientation
        shown = ImageOps.exif_transpose(im).convert("L")
    assert shown.size == (60, 100)
    assert shown.getpixel((5, 5)) < 80 and shown.getpixel((55, 95)) > 180


def test_make_page_every_kind():
    rng = random.Random(3)
    for kind in render.KINDS:
        img, meta = render.make_page(kind, PAGE, rng)
        assert meta["kind"] == kind and meta["dpi"] == render.dpi_of(img)
        assert meta["format"] in ("png", "tiff", "jpeg")
    images, meta = render.make_page("skewed", [PAGE, PAGE], rng)
    assert len(images) == 2 and 1.5 <= abs(meta["skew"]) <= 4.0
    with pytest.raises(ValueError):
        render.make_page("watercolour", PAGE, rng)


def test_pdf_writers_text_layer_and_image_only(tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    text_pdf, image_pdf = tmp_path / "t.pdf", tmp_path / "i.pdf"
    render.write_text_pdf([PAGE, "second page"], text_pdf)
    page = render.binarize(render.render_page(PAGE, dpi=150))
    render.write_image_pdf([page, page], image_pdf)
    doc = pdfium.PdfDocument(str(text_pdf))
    assert len(doc) == 2 and "DOE, JANE A" in doc[0].get_textpage().get_text_range()
    doc = pdfium.PdfDocument(str(image_pdf))
    assert len(doc) == 2 and doc[0].get_textpage().get_text_range().strip() == ""
    assert abs(doc[0].get_width() - 612) < 2  # letter width in points: the dpi was honoured


# ---- committed sample set ----------------------------------------------------------------------------

def _manifest() -> dict:
    return json.loads((SAMPLES / "manifest.json").read_text())


def test_sample_set_is_under_3_mb():
    total = sum(p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert total <= 3 * 1024 * 1024


def test_manifest_matches_files():
    manifest = _manifest()
    listed = {d["file"] for d in manifest["documents"]}
    present = {p.relative_to(SAMPLES).as_posix() for p in (SAMPLES / "docs").iterdir()}
    assert listed == present
    with open(SAMPLES / manifest["roster"], newline="") as fh:
        roster_mrns = {row["mrn"] for row in csv.DictReader(fh)}
    docs = manifest["documents"]
    assert {d["doc_type"] for d in docs} == {t.value for t in DocType}
    assert all(d["mrn"] is None or d["mrn"] in roster_mrns for d in docs)
    assert sum(1 for d in docs if not d["in_roster"] and d["patient"]) >= 2
    assert any(d["case"] == "same_name_dob" and d["expect"] == "review" and not d["shows_mrn"] for d in docs)
    assert any(d["has_cover"] for d in docs)
    assert {"text_pdf", "image_pdf", "fine_tiff", "standard_tiff", "png", "photo_jpeg"} <= {d["format"] for d in docs}
    for d in docs:
        if d["file"].endswith(".tif"):
            with Image.open(SAMPLES / d["file"]) as im:
                assert im.n_frames == d["pages"] and im.info["compression"] == "group4"


def test_sample_set_regenerates_identically(tmp_path, monkeypatch):
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("samples_generate", SAMPLES / "generate.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "samples_generate", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    module.generate(tmp_path, _manifest()["seed"])
    for rel in ["roster.csv", "manifest.json"] + [d["file"] for d in _manifest()["documents"]]:
        assert (tmp_path / rel).read_bytes() == (SAMPLES / rel).read_bytes(), rel


# ---- real OCR ----------------------------------------------------------------------------------------

@pytest.mark.slow
def test_rendered_page_is_legible_to_tesseract():
    pytesseract = pytest.importorskip("pytesseract")
    from rapidfuzz import fuzz

    roster = make_roster(5, seed=4)
    doc = make_document(roster[2], DocType.progress_note, random.Random(6), name_form="last_first_upper",
                        dob_form="mm/dd/yyyy")
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    text = pytesseract.image_to_string(render.render_page(doc.pages[0], dpi=300), timeout=120)
    assert f"{roster[2].last_name}, {roster[2].first_name}".upper() in text
    assert fields.format_date(roster[2].dob, "mm/dd/yyyy") in text
    assert fuzz.ratio(" ".join(text.split()), " ".join(doc.pages[0].split())) > 95
