"""Roster-assisted reading (issue 12): a candidate's own name, DOB and MRN looked for in the patient zones."""

from __future__ import annotations

import time
from datetime import date

import pytest

from pipeline.match.assist import ZoneReader, find_candidate_fields
from pipeline.match.layout import patient_zones
from pipeline.records import PageSource, PageText, Word

LETTERHEAD = ("GREENE FAMILY PRACTICE\n1200 Lakeshore Dr Suite 4\nSpringfield, IL 62704\n"
              "Phone (555) 123-4567  Fax (555) 765-4321\n\n")
BODY = ("PROGRESS NOTE\n"
        "Patient: Hamley, Brooklyn R        DOB: 06/02/1955\n"
        "MRN: 0044556\n"
        "Provider: Dr. Julia Greene   Signed: 03/03/2026\n")


def pages(*texts: str) -> list[PageText]:
    return [PageText(i + 1, t, PageSource.ocr) for i, t in enumerate(texts)]


def test_all_three_fields_found_with_page_and_line():
    found = find_candidate_fields(pages(LETTERHEAD + BODY), "Brooklyn", "Hamley", date(1955, 6, 2), "0044556")
    assert found.name.found and found.dob.found and found.mrn.found
    assert (found.name.page, found.name.line) == (1, 6) and found.mrn.line == 7


def test_other_candidates_values_are_not_found():
    found = find_candidate_fields(pages(LETTERHEAD + BODY), "Brooklyn", "Hamlin", date(1955, 6, 3), "0044557")
    assert not (found.name.found or found.dob.found or found.mrn.found)


def test_letterhead_and_provider_lines_are_ignored():
    reader = ZoneReader(pages(LETTERHEAD + BODY))
    assert not reader.name("Julia", "Greene").found  # the provider line
    assert not reader.mrn("5551234567").found and not reader.mrn("1234567").found  # letterhead phone digits
    assert not reader.dob(date(2026, 3, 3)).found  # the date on the Signed line


def test_fax_header_is_ignored():
    reader = ZoneReader(pages("06/02/1955 10:32 FROM: Brooklyn Hamley 5552013344 P.001/002\n" + BODY))
    assert reader.name("Brooklyn", "Hamley").line == 2  # the patient line, not the header
    assert ZoneReader(pages("06/02/1955 10:32 Brooklyn Hamley (555) 201-3344 P.1/2\nNotes")).dob(
        date(1955, 6, 2)).found is False


@pytest.mark.parametrize("printed", ["03/04/1961", "3/4/61", "1961-03-04", "March 4, 1961", "04-Mar-1961",
                                     "19610304", "O3/O4/l96l", "4 MAR 1961"])
def test_dob_in_any_common_format_and_ocr_confusions(printed):
    assert ZoneReader(pages(f"Patient: X\nBorn {printed}")).dob(date(1961, 3, 4)).found


@pytest.mark.parametrize("printed", ["03/04/1962", "04/03/1961", "3/4/1691", "03/14/1961"])
def test_dob_must_match_every_digit(printed):
    assert not ZoneReader(pages(f"Patient: X\nBorn {printed}")).dob(date(1961, 3, 4)).found


def test_two_digit_year_in_either_century():
    assert ZoneReader(pages("DOB 6-9-26")).dob(date(1926, 6, 9)).found


@pytest.mark.parametrize("printed, found", [("0044556", True), ("OO4455G", True), ("MRN0044556", True),
                                            ("0044-556", True), ("00445567", False), ("A0044556X", False),
                                            ("004455", False)])
def test_mrn_as_a_whole_token_under_ocr_confusions(printed, found):
    assert ZoneReader(pages(f"Chart {printed} reviewed")).mrn("0044556").found is found


@pytest.mark.parametrize("printed", ["Hamley, Brooklyn", "BROOKLYN HAMLEY", "Brooklyn R. Hamley",
                                     "Last Name: Hamley   First Name: Brooklyn", "Harnley, Brooklyn",
                                     "Hamley, Br00klyn", "Hamlay, Brooklyn"])
def test_name_forms_orders_and_one_confusion(printed):
    assert ZoneReader(pages(f"Seen today: {printed}")).name("Brooklyn", "Hamley").found


@pytest.mark.parametrize("printed", ["Hamley, Brooke", "Brooklyn Hamleyson", "Hamley was seen. The clinic on Main Street "
                                     "is near the Brooklyn office", "Hamxoy, Brooklyn"])
def test_name_not_found_when_a_word_differs_or_they_are_apart(printed):
    assert not ZoneReader(pages(f"Note: {printed}")).name("Brooklyn", "Hamley").found


def test_short_names_allow_no_edit():
    assert not ZoneReader(pages("Patient: Lee, Ana")).name("Ann", "Lee").found
    assert ZoneReader(pages("Patient: Lee, Ann")).name("Ann", "Lee").found


def test_patient_zones_keep_positions_and_drop_the_sender():
    words = (Word("Phone", 100, 40, 80, 30, 90.0), Word("(555)", 200, 40, 80, 30, 90.0),
             Word("123-4567", 290, 40, 120, 30, 90.0), Word("Fax", 450, 40, 50, 30, 90.0),
             Word("(555)", 510, 40, 80, 30, 90.0), Word("765-4321", 600, 40, 120, 30, 90.0),
             Word("Patient:", 100, 140, 120, 30, 90.0), Word("Hamley,", 240, 140, 110, 30, 90.0),
             Word("Brooklyn", 360, 140, 130, 30, 90.0))
    page = PageText(1, "Phone (555) 123-4567 Fax (555) 765-4321\nPatient: Hamley, Brooklyn", PageSource.ocr,
                    words=words)
    (zone,) = patient_zones([page])
    assert [line.text.strip() for line in zone.lines] == ["Patient: Hamley, Brooklyn"]
    assert [w.text for w in zone.lines[0].words] == ["Patient:", "Hamley,", "Brooklyn"]
    assert zone.lines[0].index == 1 and zone.number == 1


def test_reader_is_built_once_and_fast():
    text = LETTERHEAD + BODY + "\n".join(f"Result line {i}: sodium 140 mmol/L normal range" for i in range(300))
    started = time.perf_counter()
    reader = ZoneReader(pages(text, text))
    for _ in range(3):
        reader.find("Brooklyn", "Hamley", date(1955, 6, 2), "0044556")
    assert time.perf_counter() - started < 1.0


def test_an_inflected_title_ends_the_letterhead_so_the_unlabelled_patient_line_below_it_is_read():
    text = ("Hometown Apothecary\n3231 Willow Drive, Suite 164\nSavannah, GA 31403\n"
            "Tel: 912-716-3916 | Fax: (912) 697-9565\n\nFORMULARY ALTERNATIVE REQUESTED\n09/19/2025\n\n"
            "Attn: Vikram Smith-Jones, DO\nElm Street Medical Group\n\nLONG, STEVE 10/03/2021\n"
            "Dear Dr. Smith-Jones and staff,\n\nWe received a prescription for Lyrica 75 mg.\n\nReason for request:\n")
    found = find_candidate_fields(pages(text), "Steven", "Long", date(2021, 10, 3), "")
    assert found.name.found and found.dob.found
    kept = " ".join(line.text for zone in patient_zones(pages(text)) for line in zone.lines)
    assert "Willow" not in kept and "697-9565" not in kept and "Smith-Jones, DO" not in kept
