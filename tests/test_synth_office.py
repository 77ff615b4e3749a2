"""Office documents: every patient-block layout, damaged labels, letterheads, absent patients, printer fonts."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from pipeline.synth import blocks, documents, fields, render
from pipeline.synth.documents import FAMILIES, make_corpus
from pipeline.synth.identities import LOOK_ALIKE_KINDS, make_look_alike_outsiders, make_roster

ROSTER = make_roster(400, seed=21)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@pytest.fixture(scope="module", params=FAMILIES)
def office_corpus(request):
    return make_corpus(500, ROSTER, seed=22, family=request.param, outsider_rate=0.25, office=True,
                       look_alike_share=0.5)


def test_every_layout_appears(office_corpus):
    layouts = Counter(d.layout for d in office_corpus if d.patient is not None)
    assert set(blocks.OFFICE_LAYOUTS) <= set(layouts)
    assert all(d.office for d in office_corpus)


def test_layouts_look_like_what_they_are_named(office_corpus):
    texts = {layout: "\n".join(d.text for d in office_corpus if d.layout == layout) for layout in blocks.OFFICE_LAYOUTS}
    rows = [d for d in office_corpus if d.layout.startswith("header_row") and d.dob_form != "none"]
    assert rows and all(_dob_under_its_label(d) for d in rows)
    assert re.search(r"^[-=_]{20,}$", texts["header_row_ruled"], re.M)
    assert re.search(r"^\+-{20,}\+", texts["boxed"], re.M)
    assert re.search(r"(Last Name|Patient Last):.+First( Name)?:", texts["multi_pair"])
    letters = "\n".join(d.text for d in office_corpus if d.layout == "letter_re")
    assert re.search(r"^(Re|RE|Regarding):", letters, re.M)
    prose = "\n".join(d.text for d in office_corpus if d.layout == "prose")
    assert "(born " in prose or "date of birth" in prose


def _dob_under_its_label(d) -> bool:
    dob = fields.format_date(d.patient.dob, d.dob_form)
    lines = d.text.splitlines()
    for j, line in enumerate(lines):
        if dob in line:
            col = line.index(dob)
            above = [lines[i][col:col + 12] for i in (j - 1, j - 2, j - 3) if i >= 0 and len(lines[i]) > col]
            return any(re.match(r"(DOB|D\.[O0]\.[B8]|Birth|8irth|Date of|NOB|D0B|DO8)", a, re.I) for a in above)
    return False


def test_patient_is_still_printed(office_corpus):
    for d in office_corpus:
        if d.patient is None:
            continue
        assert d.patient.last_name.lower() in d.text.lower(), d.doc_id
        if d.dob_form != "none":
            assert fields.format_date(d.patient.dob, d.dob_form) in d.text, d.doc_id


def test_labels_are_damaged_in_about_a_quarter(office_corpus):
    damaged = [d for d in office_corpus if d.damaged_labels]
    assert 0.15 < len(damaged) / len(office_corpus) < 0.35
    text = "\n".join(d.text for d in damaged)
    seen = {w for w in ("NOB", "D0B", "DO8", "8irth", "Pat1ent", "Narne") if re.search(rf"\b\w*{w}", text)}
    assert len(seen) >= 4, seen


def test_people_lines_name_clinicians(office_corpus):
    text = "\n".join(d.text for d in office_corpus)
    for label in ("Provider:", "Attn:", "Prescriber:", "Signed:", "Physician:"):
        assert label in text or label.upper() in text, label


def test_sender_phone_and_fax_are_printed_and_never_the_patients(office_corpus):
    for d in office_corpus:
        if d.patient is None:
            continue
        own, numbers = _digits(d.patient.phone), {_digits(n) for n in d.sender_numbers}
        assert own not in numbers, d.doc_id
        page = (d.pages[1] if d.has_cover else d.pages[0]).splitlines()
        assert any(n in _digits(line) for line in page[1:16] for n in numbers), d.doc_id


def test_a_sender_sharing_the_patients_number_is_drawn_again(monkeypatch):
    patient = ROSTER[0]
    real, calls = fields.facility, []

    def clash(rng, name):
        calls.append(name)
        made = real(rng, name)
        return made if len(calls) > 1 else fields.Facility(**{**made.__dict__, "phone": patient.phone})

    monkeypatch.setattr(documents.fields, "facility", clash)
    sender = documents._sender(random.Random(4), ("Some Lab",), patient)
    assert len(calls) == 2 and _digits(sender.phone) != _digits(patient.phone)


def test_absent_patients_are_about_a_quarter(office_corpus):
    mrns = {p.mrn for p in ROSTER}
    absent = [d for d in office_corpus if d.patient is not None and not d.in_roster]
    assert 0.18 < len(absent) / len(office_corpus) < 0.32
    assert all(d.patient.mrn not in mrns for d in absent)
    assert {d.look_alike for d in absent} >= set(LOOK_ALIKE_KINDS)


def test_look_alike_outsiders_share_one_thing_and_are_not_in_the_roster():
    key = {(p.first_name, p.last_name, p.dob) for p in ROSTER}
    people = make_look_alike_outsiders(ROSTER, 80, seed=3)
    assert len(people) == 80 and {k for _, k in people} == set(LOOK_ALIKE_KINDS)
    for person, kind in people:
        assert (person.first_name, person.last_name, person.dob) not in key
        shared = {"surname": [p for p in ROSTER if p.last_name == person.last_name],
                  "first_name": [p for p in ROSTER if p.first_name == person.first_name],
                  "dob": [p for p in ROSTER if p.dob == person.dob],
                  "sibling": [p for p in ROSTER if (p.last_name, p.phone) == (person.last_name, person.phone)]}
        assert shared[kind], (kind, person)


def test_office_is_off_by_default_and_reproducible():
    plain = make_corpus(60, ROSTER, seed=5)
    assert not any(d.office or d.damaged_labels for d in plain)
    assert {d.layout for d in plain} <= set(blocks.CLASSIC_LAYOUTS) | {""}
    again = make_corpus(60, ROSTER, seed=5, office=True)
    assert again == make_corpus(60, ROSTER, seed=5, office=True)


# ---- fonts -------------------------------------------------------------------------------------------

PAGE = "Patient: DOE, JANE A\nDOB: 03/04/1961\nPhone (555) 123-4567   Fax (555) 765-4321"


@pytest.fixture
def fresh_fonts():
    render._font.cache_clear()
    yield
    render._font.cache_clear()


def test_printer_fonts_render(fresh_fonts):
    for kind in render.available_fonts():
        img = render.render_page(PAGE, dpi=100, font=kind)
        assert img.getextrema()[0] < 100, kind


def test_missing_printer_font_falls_back_to_dejavu(fresh_fonts, monkeypatch, tmp_path):
    monkeypatch.setitem(render.PRINTER_FONTS, "freemono", tmp_path / "gone.ttf")
    assert "freemono" not in render.available_fonts()
    fallback = render.render_page(PAGE, dpi=100, font="freemono")
    assert fallback.tobytes() == render.render_page(PAGE, dpi=100, font="mono").tobytes()


def test_no_fonts_at_all_still_renders(fresh_fonts, monkeypatch, tmp_path):
    monkeypatch.setattr(render, "FONT_DIR", tmp_path)
    monkeypatch.setitem(render.PRINTER_FONTS, "nimbus_mono", tmp_path / "gone.otf")
    img = render.render_page(PAGE, dpi=100, font="nimbus_mono")
    assert img.getextrema()[0] < 100  # Pillow's bundled font


def test_make_page_records_the_font(fresh_fonts):
    _, meta = render.make_page("fine_fax", PAGE, random.Random(1), font="liberation_mono")
    assert meta["font"] == "liberation_mono"


def test_office_blocks_fit_the_page_unwrapped(office_corpus):
    for d in office_corpus:
        for page in d.pages[1:] if d.has_cover else d.pages:  # (a cover sheet's two columns may run over)
            assert max(len(line) for line in page.splitlines()) <= fields.LINE_WIDTH
        if d.layout.startswith("header_row"):
            rows = [line for line in d.text.splitlines() if line.startswith("  ") and line.strip() in
                    ("Gender", "GENDER", "Sex", "SEX", "Female", "Male")]
            assert not rows, d.doc_id  # a header row never spills over into a wrapped line
