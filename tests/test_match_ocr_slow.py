"""End to end with real Tesseract: a rendered page is read, its patient found and matched."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.match.extract import find_identifiers
from pipeline.match.matcher import Roster, match_identifiers
from pipeline.records import MatchDecision, PatientRecord

pytestmark = pytest.mark.slow

PAGE = """\
VALLEY REFERENCE LABORATORY                       Fax (217) 555-0199
Report date: 02/28/2026          Ordering Physician: Helen Adams, MD

Patient Name            DOB             MRN             Sex
Okafor, William T       03/04/1961      1284507         M

Date of Service: 02/27/2026
Hemoglobin A1c          6.1 %           (4.0 - 5.6)     H
"""


def test_table_layout_page_through_tesseract(tmp_path):
    pytest.importorskip("pytesseract")
    from pipeline.ocr.document import read_document
    from pipeline.ocr.options import OcrOptions
    from pipeline.synth.render import render_page, write_png

    path = tmp_path / "page.png"
    write_png(render_page(PAGE), path)
    ocr = read_document(str(path), OcrOptions())
    ids = find_identifiers(ocr.pages)
    assert any(n.last.lower() == "okafor" and n.first.lower() == "william" for n in ids.names)
    assert ids.dobs[:1] == (date(1961, 3, 4),)
    william = PatientRecord("MRN1284507", "William", "Okafor", date(1961, 3, 4))
    adams = PatientRecord("MRN0000002", "Helen", "Adams", date(1970, 1, 1))
    res = match_identifiers(ids, Roster.from_records([william, adams]))
    assert res.decision is MatchDecision.auto and res.mrn == william.mrn
