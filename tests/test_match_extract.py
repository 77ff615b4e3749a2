"""Finding the patient's identifiers in document text (issue 4, "Finding identifiers in text")."""

from __future__ import annotations

import pickle
import random
import re
from datetime import date

import pytest

from pipeline.match.dates import find_dates
from pipeline.match.extract import Identifiers, find_identifiers
from pipeline.records import DocType, PageSource, PageText, Word
from pipeline.synth.documents import make_document
from pipeline.synth.identities import make_roster


def ids_of(*pages: str) -> Identifiers:
    return find_identifiers([PageText(i + 1, t, PageSource.ocr) for i, t in enumerate(pages)])


def names(ids: Identifiers) -> list[tuple[str, str, str]]:
    return [(n.first, n.middle, n.last) for n in ids.names]


@pytest.mark.parametrize("label", ["Patient:", "Pt:", "Name:", "Patient Name:", "RE:", "Re:", "Member:",
                                   "PATIENT NAME", "Pt. Name:", "Enrollee:"])
def test_name_labels(label):
    ids = ids_of(f"{label} Okafor, William T       Sex: M")
    assert names(ids) == [("William", "T", "Okafor")]


@pytest.mark.parametrize("text, expected", [
    ("Okafor, William T", ("William", "T", "Okafor")),
    ("OKAFOR, WILLIAM", ("WILLIAM", "", "OKAFOR")),
    ("William T. Okafor", ("William", "T", "Okafor")),
    ("WILLIAM OKAFOR JR", ("WILLIAM", "", "OKAFOR")),
    ("Rosa Garcia-Lopez", ("Rosa", "", "Garcia-Lopez")),
    ("Maria de la Cruz", ("Maria", "", "de la Cruz")),
    ("O'Brien, Sean", ("Sean", "", "O'Brien")),
    ("Mr. Luis Do", ("Luis", "", "Do")),
])
def test_name_forms(text, expected):
    assert names(ids_of(f"Patient: {text}")) == [expected]


@pytest.mark.parametrize("label", ["DOB:", "DOB", "D.O.B.", "D.O.B.:", "Date of Birth:", "Birthdate:",
                                   "Birth Date:"])
@pytest.mark.parametrize("value", ["03/04/1961", "3-4-61", "1961-03-04", "4 Mar 1961", "March 4, 1961",
                                   "04-MAR-1961", "3.4.1961"])
def test_dob_labels_and_forms(label, value):
    assert ids_of(f"Patient: Okafor, William   {label} {value}").dobs == (date(1961, 3, 4),)


def test_day_first_when_month_cannot_be_first():
    assert ids_of("DOB: 23/11/1975").dobs == (date(1975, 11, 23),)


def test_two_digit_year_keeps_the_other_century_when_plausible():
    ids = ids_of("DOB: 6-9-26")
    assert ids.dobs == (date(2026, 6, 9),) and ids.alt_dobs == (date(1926, 6, 9),)
    assert ids_of("DOB: 3-4-61").alt_dobs == ()  # 2061 is in the future


def test_a_year_whose_token_runs_on_is_no_two_digit_year():
    page2 = "Mills, Joseph   DOB: 20 Feb 19/1   Page 2 (continued)"  # 1971 with its 7 read as a slash
    assert ids_of("Patient: Mills, Joseph   DOB: 20 Feb 1971\n" + page2).dobs == (date(1971, 2, 20),)
    assert ids_of("DOB: Feb 20, 19/1").dobs == ()


def test_a_day_whose_token_runs_on_is_no_day():
    # "27 Oct 1936" with its 7 read as a slash: not 2 October, and no second date of birth
    assert ids_of("Date of Birth: 2/ Oct 1936   Med Rec #: 6138167").dobs == ()
    assert ids_of("DOB: Oct 2/ 1936").dobs == ()
    assert ids_of("DOB: Oct 1936").dobs == ()  # a month and a year, never 19 October '36
    assert ids_of("DOB: 2/Oct/1936").dobs == (date(1936, 10, 2),)
    assert ids_of("DOB: Oct 2, 1936").dobs == (date(1936, 10, 2),)


def test_date_of_service_and_fax_header_date_are_not_the_dob():
    text = ("03/15/2026 10:32  FROM: Valley Lab  (555) 201-3344   P.1/2\n"
            "Date of Service: 02/28/2026      Collected: 02/27/2026\n"
            "Patient: Okafor, William\n"
            "Report Date: March 1, 2026\n")
    assert ids_of(text).dobs == ()
    assert ids_of(text + "DOB: 03/04/1961\n").dobs == (date(1961, 3, 4),)


def test_physician_names_are_not_the_patient():
    text = ("Ordering Physician: Helen Adams, MD\n"
            "Referring Provider: Dr. Samuel Reyes\n"
            "Physician Name: Carla Mendes\n"
            "Attending: James Park, DO\n"
            "To: Dr. Nadia Petrov    From: Lakeside Gastroenterology\n"
            "Dear Dr. Petrov,\n")
    assert ids_of(text).names == ()
    assert names(ids_of(text + "RE: William Okafor\n")) == [("William", "", "Okafor")]


def test_name_label_is_not_read_into_running_text():
    assert ids_of("Re: referral for evaluation of chest pain\nThe patient was seen today.").names == ()


def test_ocr_repair_by_field_type():
    ids = ids_of("Patient: 0KAF0R, W1LLIAM    DOB: O3/O4/l96l\nMRN: 12B45O7   Phone: (2l7) 555-2O34")
    assert names(ids) == [("WILLIAM", "", "OKAFOR")]
    assert ids.dobs == (date(1961, 3, 4),)
    assert ids.mrns == ("1284507",)
    assert ids.phones == ("2175552034",)


@pytest.mark.parametrize("line, mrn", [
    ("MRN: 0012345", "0012345"), ("MR#: 12345", "12345"), ("Med Rec #: MRN0012345", "MRN0012345"),
    ("Chart #: 44-1234", "441234"), ("Patient ID: 889123", "889123"), ("Medical Record Number: 12345", "12345"),
])
def test_mrn_labels(line, mrn):
    assert ids_of(line).mrns == (mrn,)


def test_account_and_member_numbers_are_kept_apart_from_mrns():
    ids = ids_of("Account #: K324209284\nMember ID: W12345678\nMRN: 5550123")
    assert ids.mrns == ("5550123",)
    assert ids.other_ids == ("K324209284", "W12345678")


def test_phone_address_and_zip():
    ids = ids_of("Patient: Okafor, William\nHome Ph: 217.555.2034   Fax: 217-555-9999\n"
                 "Address: 12 Elm St\nSpringfield, IL 62704\nClinic Address: 1 Main St, Peoria, IL 61602")
    assert ids.phones == ("2175552034",)
    assert ids.addresses == ("12 Elm St",) and ids.postal_codes == ("62704",)


def test_value_on_the_line_below_the_label():
    ids = ids_of("Patient Name\nOkafor, William\nDate of Birth\n03/04/1961\n")
    assert names(ids) == [("William", "", "Okafor")] and ids.dobs == (date(1961, 3, 4),)


def test_label_that_qualifies_the_next_one():
    ids = ids_of("Patient DOB: 3-4-61   Patient Phone: 217-555-2034")
    assert ids.names == () and ids.dobs == (date(1961, 3, 4),) and ids.phones == ("2175552034",)


def test_other_people_dobs_are_ignored():
    ids = ids_of("Patient: Baby Okafor\nMother's DOB: 05/06/1990\nSubscriber DOB: 05/06/1990\nDOB: 01/02/2026")
    assert ids.dobs == (date(2026, 1, 2),)


def test_snippet_and_pickling():
    ids = ids_of("LAB REPORT\n\nPatient: Okafor, William   DOB: 03/04/1961\nMRN: 12345\n\nResults follow")
    assert "Patient: Okafor, William" in ids.snippet and "MRN: 12345" in ids.snippet
    assert "Results follow" not in ids.snippet
    assert pickle.loads(pickle.dumps(ids)) == ids


def test_pages_with_words_are_accepted():
    words = (Word("Patient:", 10, 10, 60, 12, 95.0), Word("Okafor,", 80, 10, 50, 12, 90.0))
    page = PageText(1, "Patient: Okafor, William", PageSource.ocr, words=words)
    assert names(find_identifiers([page])) == [("William", "", "Okafor")]


@pytest.mark.parametrize("family", ["train", "holdout"])
def test_generated_documents(family):
    """Every name and DOB form the document generator prints is read back (both template families)."""
    rng = random.Random(5)
    people = make_roster(300, seed=5)
    misses = []
    for i in range(60):
        person = people[i]
        doc = make_document(person, rng.choice([t for t in DocType if t is not DocType.other]), rng, family,
                            cover=i % 4 == 0)
        ids = ids_of(*doc.pages)
        got_name = any(n.last.lower() == person.last_name.lower() for n in ids.names)
        got_dob = doc.dob_form == "none" or person.dob in ids.dobs + ids.alt_dobs
        if not (got_name and got_dob):
            misses.append((doc.doc_id, doc.name_form, doc.dob_form, names(ids), ids.dobs))
    assert not misses


def _row(y: int, items: list[tuple[str, int]]) -> list[Word]:
    return [Word(text, x, y, 9 * len(text), 22, 91.0) for text, x in items]


def test_table_header_with_values_below_from_word_positions():
    """OCR text runs the columns together; word positions put each value under its label."""
    words = (_row(100, [("Patient", 50), ("Name", 130), ("DOB", 420), ("MRN", 620), ("Sex", 820)])
             + _row(132, [("Okafor,", 50), ("William", 125), ("03/04/1961", 420), ("1284507", 620), ("M", 820)])
             + _row(200, [("Date", 50), ("of", 100), ("Service:", 130), ("02/02/2026", 250)]))
    text = "Patient Name DOB MRN Sex\nOkafor, William 03/04/1961 1284507 M\nDate of Service: 02/02/2026"
    ids = find_identifiers([PageText(1, text, PageSource.ocr, words=tuple(words))])
    assert names(ids) == [("William", "", "Okafor")]
    assert ids.dobs == (date(1961, 3, 4),) and ids.mrns == ("1284507",)
    assert re.search(r"Patient Name\s+DOB\s+MRN", ids.snippet)
    without_positions = ids_of(text)  # the same text without word boxes: nothing can be placed
    assert without_positions.dobs == () and without_positions.names == ()


def test_table_header_from_text_spacing():
    ids = ids_of("Patient Name        DOB          MRN\nOkafor, William     03/04/1961   1284507")
    assert names(ids) == [("William", "", "Okafor")]
    assert ids.dobs == (date(1961, 3, 4),) and ids.mrns == ("1284507",)


@pytest.mark.parametrize("line", ["Name: Wu, Judy D.0.B.: 03/28/1982", "Pt; WU, JUDY  D0B: 3/28/1982",
                                  "Pt: WU, JUDY 0D.0.B.: 03/28/1982", "Re: JUDY 0. WU  Date of Birth: March 28, 1982"])
def test_labels_as_ocr_misreads_them(line):
    ids = ids_of(line)
    assert [(n.first.lower(), n.last.lower()) for n in ids.names] == [("judy", "wu")]
    assert ids.dobs == (date(1982, 3, 28),)


def test_a_box_rule_read_before_a_month_name_is_no_day():
    # "| April 17, 1950" in a boxed form, its rule read as "!": 17 April 1950, not 1 April '17, nor (a month
    # name must end its word) 1 "Apr" of the year "il" = 2011
    assert [d for _, d in find_dates("Heather Simon ! April 17, 1950")] == [date(1950, 4, 17)]
    assert ids_of("DOB: ! April 17, 1950").dobs == (date(1950, 4, 17),)

