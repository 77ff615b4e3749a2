"""Cue rules, fax cover sheets and the document-code map (no model needed: fast)."""

from __future__ import annotations

from pipeline.classify.codes import DOCUMENT_CODES, LOINC_SYSTEM, code_for
from pipeline.classify.rules import (
    LAB_TABLE_CUE,
    classify_by_cues,
    content_pages,
    cue_scores,
    is_cover_page,
    lab_table_rows,
    matched_cues,
    unspace,
)
from pipeline.records import DocType, PageSource, PageText


def pages(*texts: str) -> list[PageText]:
    return [PageText(i + 1, t, PageSource.ocr) for i, t in enumerate(texts)]


COVER = "FAX COVER SHEET\nTO: Riverbend Family Medicine\nFROM: Mercy Lakes Hospital\nPAGES (including cover): 3\n"
SPACED_COVER = "Harbor Clinic\n\nF A C S I M I L E   T R A N S M I T T A L\n\nRecipient: Dr Smith\nNumber of pages: 2\n"
DISCHARGE = ("DISCHARGE SUMMARY\nAdmission Date: 01/02/2026   Discharge Date: 01/05/2026\n"
             "HOSPITAL COURSE:\nThe patient improved.\nDISCHARGE MEDICATIONS:\n  metformin 500 mg\n")
LABS = ("Potassium  4.4  mmol/L  3.5-5.1\nSodium  140  mmol/L  135-145\nGlucose  101 H mg/dL  70-99\n"
        "Creatinine 0.9 mg/dL 0.6-1.3\n")


def test_every_type_has_one_code_and_the_loinc_codes_are_the_issues() -> None:
    assert set(DOCUMENT_CODES) == set(DocType)
    loinc = {t.value: c.code for t, c in DOCUMENT_CODES.items() if c.system == LOINC_SYSTEM}
    assert loinc == {"lab_result": "11502-2", "imaging_report": "18748-4", "referral": "57133-1",
                     "consult_note": "11488-4", "discharge_summary": "18842-5", "progress_note": "11506-3"}
    local = [c for c in DOCUMENT_CODES.values() if not c.is_loinc]
    assert len({c.code for c in local}) == len(local) == 5
    assert code_for("insurance").as_json()["code"] == "DI-INSURANCE"


def test_cover_sheets_are_recognised_and_skipped() -> None:
    assert is_cover_page(COVER)
    assert is_cover_page(SPACED_COVER)  # letter-spaced heading
    assert not is_cover_page(DISCHARGE)
    body, skipped = content_pages(pages(COVER, SPACED_COVER, DISCHARGE))
    assert skipped == 2 and body[0].text == DISCHARGE


def test_a_cover_sheet_alone_is_not_skipped_away() -> None:
    body, skipped = content_pages(pages(COVER))
    assert skipped == 0 and len(body) == 1


def test_a_long_page_mentioning_a_cover_is_content() -> None:
    long = "fax cover sheet " + "word " * 500
    assert not is_cover_page(long)


def test_unspace_closes_letter_spaced_words_only() -> None:
    assert unspace("F A C S I M I L E   C O V E R") == "FACSIMILE   COVER"
    assert unspace("a b c") == "a b c"  # three letters or fewer stay (initials, list items)


def test_lab_table_rows_count_values_with_ranges_not_dates_or_phones() -> None:
    assert lab_table_rows(LABS) == 4
    assert lab_table_rows("Admitted: 1-2-25\nDischarged: 1-5-25\nTel 312 555-1234\nBP 120/80 HR 72\n") == 0


def test_a_lab_table_is_a_strong_cue() -> None:
    scores = cue_scores(LABS)
    assert max(scores, key=lambda t: scores[t]) is DocType.lab_result
    assert matched_cues(LABS, DocType.lab_result)[0] == f"cue: {LAB_TABLE_CUE}"


def test_cues_classify_a_discharge_summary_after_a_cover_sheet() -> None:
    result = classify_by_cues(pages(COVER, DISCHARGE))
    assert result.doc_type is DocType.discharge_summary
    assert result.cover_pages == 1
    assert "cue: discharge summary" in result.cues
    assert 0.5 < result.confidence <= 1.0


def test_nothing_convincing_is_other() -> None:
    result = classify_by_cues(pages("Hello, this is a short note about nothing in particular."))
    assert result.doc_type is DocType.other and result.confidence == 0.5


def test_notes_for_an_employer_a_school_or_a_court_are_other() -> None:
    for text in ("Please excuse Ms. Lane from jury duty: she is under my care.\n",
                 "WORK STATUS\nMay return to work on 12/08/2026 with light duty.\n",
                 "School note: Sam was seen today and may return to school tomorrow.\n",
                 "Certification of Health Care Provider for Family and Medical Leave (FMLA)\n"):
        result = classify_by_cues(pages(text))
        assert result.doc_type is DocType.other and result.cues != ("no strong cue",), text


def test_a_home_nursing_visit_note_is_a_progress_note() -> None:
    text = "HOME HEALTH - SKILLED NURSING VISIT\nPatient resting in bed, pain 2/10, family at bedside.\n"
    assert classify_by_cues(pages(text)).doc_type is DocType.progress_note
