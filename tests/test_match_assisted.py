"""Roster-assisted reading in the decision (issue 12): a candidate's own values printed in the patient zones.

Each test fails if the rule it names is removed.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pipeline.match.assist import ZoneReader
from pipeline.match.extract import find_identifiers
from pipeline.match.matcher import MatchOptions, Roster, match_identifiers
from pipeline.records import MatchDecision, PageSource, PageText, PatientRecord

# Invented people; none of them exists.
JOSHUA = PatientRecord("5550101", "Joshua", "Pennington", date(1984, 6, 17), "M")
JOSIE = PatientRecord("5550102", "Josie", "Pennington", date(1986, 2, 3), "F")
FILLER = [PatientRecord(f"8{i:06d}", f"Fill{chr(97 + i % 26)}", f"Zq{i:05d}x", date(1930, 1, 1) + timedelta(days=11 * i))
          for i in range(2000)]


@pytest.fixture(scope="module")
def roster() -> Roster:
    return Roster.from_records([JOSHUA, JOSIE, *FILLER])


def pages(*texts: str) -> list[PageText]:
    return [PageText(i + 1, t, PageSource.text_layer) for i, t in enumerate(texts)]


def decide(roster: Roster, doc: list[PageText], assisted: bool = True):
    reader = ZoneReader(doc) if assisted else None
    return match_identifiers(find_identifiers(doc), roster, MatchOptions(), reader)


# The birth date sits in a column of an unlabelled table, where the parser takes nothing.
UNLABELLED_DOB = pages(
    "Riverside Imaging Center\n1200 Harbor Blvd, Suite 4\nPhone (555) 201-4400   Fax (555) 201-4401\n\n"
    "RADIOLOGY REPORT\n\nPatient: Joshua Pennington\n\n  Pennington   Joshua   M   06/17/1984   CT head\n\n"
    "Findings: no acute intracranial abnormality.\n")


def test_a_printed_dob_the_parser_missed_is_found_and_files(roster):
    unassisted = decide(roster, UNLABELLED_DOB, assisted=False)
    assert unassisted.decision is MatchDecision.review  # the name alone
    res = decide(roster, UNLABELLED_DOB)
    assert res.decision is MatchDecision.auto and res.mrn == JOSHUA.mrn
    dob = next(e for e in res.candidates[0].evidence if e.field == "dob")
    assert dob.outcome == "agree" and "found printed on page 1" in dob.detail


def test_values_in_the_letterhead_or_fax_header_are_never_used(roster):
    doc = pages(
        "06/17/1984 10:22  FROM: PENNINGTON CLINIC  P.001/001\n"
        "Pennington Family Clinic\nServing the valley since 06/17/1984\nPhone (555) 201-4400\n\n"
        "LAB RESULTS\n\nPatient: Joshua Pennington\nCollected: 11/02/2026\n")
    res = decide(roster, doc)
    assert res.decision is MatchDecision.review
    assert not any("found printed" in e.detail for c in res.candidates for e in c.evidence if e.field == "dob")


def test_two_candidates_found_printed_go_to_review(roster):
    doc = pages("REFERRAL\n\nPatient: J. Pennington\n\n  Pennington   06/17/1984\n  Pennington   02/03/1986\n")
    res = decide(roster, doc)
    assert res.decision is MatchDecision.review


def test_a_found_value_that_contradicts_the_parsed_one_forces_review(roster):
    doc = pages("CONSULT NOTE\n\nPatient: Joshua Pennington   DOB: 06/18/1984\n\nSeen with his sister "
                "Josie Pennington (born 02/03/1986).\n")
    res = decide(roster, doc)
    assert res.decision is MatchDecision.review


PROSE = pages("DISCHARGE SUMMARY\n\nWe are writing about our mutual patient, JOSHUA PENNINGTON (born\n"
              "June 17, 1984), who was discharged home on 11/02/2026.\n")


def test_when_the_parser_finds_no_one_a_printed_name_and_birth_date_of_one_patient_file(roster):
    assert decide(roster, PROSE, assisted=False).decision is MatchDecision.none
    res = decide(roster, PROSE)
    assert res.decision is MatchDecision.auto and res.mrn == JOSHUA.mrn
    assert all("found printed" in e.detail for e in res.candidates[0].evidence if e.field in ("dob", "last_name"))


def test_a_printed_date_that_is_someone_s_birth_date_without_their_name_finds_no_one(roster):
    born_that_day = FILLER[5].dob
    doc = pages(f"PROGRESS NOTE\n\nSeen on {born_that_day:%m/%d/%Y} for follow-up of knee pain.\n")
    assert decide(roster, doc).decision is MatchDecision.none


def test_two_patients_discovered_in_one_document_go_to_review(roster):
    doc = pages("LETTER\n\nRegarding Joshua Pennington, born 06/17/1984, and his sister Josie Pennington, "
                "born 02/03/1986.\n")
    res = decide(roster, doc)
    assert res.decision is MatchDecision.review


SENDER = "Valley Radiology Group\n5852 Lake Ave, Suite 213\nTel: (508) 664-6792 | Fax: 508-486-1460\n\n"


def test_a_nickname_printed_in_running_text_files_with_the_exact_birth_date_at_the_nickname_level(roster):
    doc = pages(SENDER + "IMAGING REPORT\nThank you for referring Mr. Josh Pennington, date of birth June 17, 1984,"
                " for evaluation.\n")
    res = decide(roster, doc)
    assert res.decision is MatchDecision.auto and res.mrn == JOSHUA.mrn
    first = next(e for e in res.candidates[0].evidence if e.field == "first_name")
    assert first.level == "nickname"


def test_a_first_name_that_is_no_nickname_is_not_found(roster):
    doc = pages(SENDER + "IMAGING REPORT\nThank you for referring Mr. Jason Pennington, date of birth June 17, 1984,"
                " for evaluation.\n")
    assert decide(roster, doc).decision is MatchDecision.review


def test_running_text_ends_the_letterhead_even_above_the_first_label(roster):
    doc = pages(SENDER + "Thank you for referring Mr. JOSHUA PENNINGTON for evaluation.\nChart #: 5550101\n")
    res = decide(roster, doc)
    assert res.decision is MatchDecision.auto and res.mrn == JOSHUA.mrn


@pytest.mark.parametrize("title", ["BONE MINERAL DENSITY STUDY", "Video Visit", "Pre-operative Evaluation"])
def test_a_title_ends_the_letterhead_so_a_name_under_a_misread_label_is_found(roster, title):
    # "Pt:" read as "rt:": the name line has no label the parser knows, and without the title as the
    # letterhead's end everything above the DOB label was the sender's.
    doc = pages(SENDER + f"{title}\nrt: __pennington, Joshua\nDOB: __06/17/1984\n")
    res = decide(roster, doc)
    assert res.decision is MatchDecision.auto and res.mrn == JOSHUA.mrn


@pytest.mark.parametrize(("printed", "formal"), [("PAM", "Pamela"), ("Bill", "William"), ("Sally", "Sarah")])
def test_a_nickname_is_found_whatever_letters_ocr_folds(printed, formal):
    # Found by the name as spelled ("Pamela" folds to "pameia") and compared folded ("Bill" is "biii").
    reader = ZoneReader(pages(SENDER + f"REFERRAL\nWe are writing about our mutual patient, {printed} WALLACE "
                                       "(born 12/22/1998).\n"))
    hit = reader.name(formal, "Wallace")
    assert hit.found and hit.printed == printed.lower()  # as the nickname list spells it, not folded



def test_a_nickname_with_letters_ocr_folds_files_at_the_nickname_level():
    william = PatientRecord("5550201", "William", "Wallace", date(1998, 12, 22), "M")
    doc = pages(SENDER + "REFERRAL\nWe are writing about our mutual patient, BILL WALLACE (born 12/22/1998).\n")
    res = decide(Roster.from_records([william, *FILLER]), doc)
    assert res.decision is MatchDecision.auto and res.mrn == william.mrn
    first = next(e for e in res.candidates[0].evidence if e.field == "first_name")
    assert first.level == "nickname"


def test_an_unlabelled_table_row_with_a_damaged_birth_date_is_discovered(roster):
    """A boxed header row whose labels OCR lost; the ISO birth date's first hyphen read as a space."""
    doc = pages(SENDER + "PHYSICAL THERAPY PROGRESS NOTE\n\n+----------------------+------------+\n"
                "| RF                   | pon        |\n| Pennington, Joshua   | 1984 06-17 |\n"
                "+----------------------+------------+\n\nVisit #7 Date: 02/21/2026\n")
    res = decide(roster, doc)
    assert res.decision is MatchDecision.auto and res.mrn == JOSHUA.mrn
    assert decide(roster, pages(SENDER + "PROGRESS NOTE\n\n| Pennington, Joshua | 1984 06-18 |\n")).decision \
        is not MatchDecision.auto  # a day off: the name alone


def test_a_child_s_form_is_never_filed_to_the_guarantor_printed_on_it(roster):
    """The father is in the roster with his name and birth date under GUARANTOR; the child is not."""
    doc = pages(SENDER + "PATIENT REGISTRATION\n\nPatient Name: Pennington, Lily\nSex: F\n\nGUARANTOR\n"
                "Name: Pennington, Joshua\nDOB: 06/17/1984\nRelationship to patient: Father\n")
    assert decide(roster, doc).decision is not MatchDecision.auto


@pytest.mark.parametrize("lines", [
    "Patient: Lily Pennington\nResponsible party: Joshua Pennington   DOB: 06/17/1984\n",
    "Patient: Lily Pennington\nAccompanied by her father Joshua Pennington (DOB 06/17/1984), who gives the history.\n",
    "Patient: Lily Pennington\nGuardian: Joshua Pennington\nDOB: 06/17/1984\n",
])
def test_a_patient_the_document_names_is_never_traded_for_a_relative_found_printed(roster, lines):
    """The parent's name and birth date are printed and he is in the roster, but "Patient:" names the child."""
    assert decide(roster, pages(SENDER + "PEDIATRIC VISIT NOTE\n\n" + lines)).decision is not MatchDecision.auto


def test_a_weaker_label_s_other_name_raises_no_doubt(roster):
    doc = pages(SENDER + "ELIGIBILITY RESPONSE\n\nPatient Name: Joshua Pennington\nDOB: 06/17/1984\n"
                "Subscriber: Maria Pennington\nSubscriber ID: W830535714\n")
    res = decide(roster, doc)
    assert res.decision is MatchDecision.auto and res.mrn == JOSHUA.mrn


def test_a_relative_named_in_running_text_is_never_discovered_as_the_patient(roster):
    doc = pages(SENDER + "CLINIC NOTE\n\nI saw Lily today with her father Joshua Pennington, born 06/17/1984, "
                "who gives the history.\n")
    assert decide(roster, doc).decision is not MatchDecision.auto
    doc = pages(SENDER + "CONSENT\n\nSigned for the minor by Joshua Pennington (father) 06/17/1984.\n")
    assert decide(roster, doc).decision is not MatchDecision.auto
    doc = pages(SENDER + "CLINIC NOTE\n\nI saw Joshua Pennington, born 06/17/1984, today for follow-up.\n")
    assert decide(roster, doc).mrn == JOSHUA.mrn


def test_a_name_ocr_garbled_under_the_patient_label_is_nobody_else(roster):
    doc = pages(SENDER + "RETURN VISIT\n\nPATIENT\n'DER TR, -GROEL\n\nBIRTHDATE\n06/17/1984\n\nMRN 5550101\n",
                "Pennington, Joshua   page 2\nPlan: continue.\n")
    res = decide(roster, doc)
    assert res.decision is MatchDecision.auto and res.mrn == JOSHUA.mrn


def test_an_initial_with_the_patient_s_surname_is_nobody_else(roster):
    doc = pages(SENDER + "MRI REPORT\n\nRE: J. Pennington\nDOB: 06/17/1984\n\nJoshua Pennington was scanned today.\n")
    res = decide(roster, doc)
    assert res.decision is MatchDecision.auto and res.mrn == JOSHUA.mrn
