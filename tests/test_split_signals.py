"""Issue 15, pure: each continuity signal and each segmentation rule, each test failing without its rule."""

from __future__ import annotations

from datetime import date

from pipeline.classify.rules import is_cover_page
from pipeline.split import PageEvidence, Person, decide, page_signals, segment

LAB = "Riverside Clinical Laboratory"
LETTERHEAD = ["Bayview Memorial Hospital", "612 River Way | Hartford, CT 06135", "Voice (860)359-4681 / Fax (860)501-8065"]


def page(n: int, lines: list[str], mrn: str | None = None, ids: bool | None = None,
         head: str | None = None) -> PageEvidence:
    """One page's evidence: a fax stamp (unless head is ''), its lines, the patient matched on it alone."""
    stamp = f"FROM: RIVERSIDE LAB   FAX 555-010-2000   01/14/2024 09:12   P.{n:03d}" if head is None else head
    text = "\n".join(([stamp] if stamp else []) + lines)
    return PageEvidence(page_signals(n, text), mrn, mrn is not None if ids is None else ids)


def labels(pages: list[PageEvidence]) -> list[str]:
    return [p.label for p in segment(pages)[0]]


# -- signals ------------------------------------------------------------------------------------------

def test_page_x_of_y_read_below_the_fax_stamp_only() -> None:
    s = page_signals(2, "2026-11-20 09:14:07 (GMT-5)  5596708585 -> 2078638130  Page 3 of 4\nLAB\nPage 2 of 2\nx")
    assert s.page_of == (2, 2) and s.counter == (3, 4) and s.sender == "5596708585"


def test_a_stamp_counter_and_sender_read_as_ocr_misreads_them() -> None:
    comma = page_signals(2, "FROM: DISABILITY DETERMINA FAX 616.277.7049 09/25/2026 07:26 P,002\nLAB\nx")
    assert comma.counter == (2, 0) and comma.sender == "DISABILITY DETERMINA" and comma.letterhead == "LAB"
    letter_o = page_signals(1, "PROM: CEDAR CLINIC  FAX 916.818.9304 02/25/2026 17:13 P.0O1/0O2\nLAB\nx")
    assert letter_o.counter == (1, 2) and letter_o.sender == "CEDAR CLINIC"
    assert page_signals(1, "FROM: CEDAR CLINIC  P.OOO\nLAB").counter is None  # no digit: no counter


def test_page_2_of_2_holds_a_page_against_a_new_title_and_a_signature() -> None:
    first = page(1, [LAB, "Page 1 of 2", "x", "Electronically signed by J. Alvarez, MD"], "A1")
    second = page(2, [LAB, "ADDENDUM FOLLOWS", "Page 2 of 2", "y"], None, ids=False)
    assert labels([first, second]) == ["1-2"]
    assert segment([first, second])[1][0].clear


def test_page_1_of_n_starts_a_document_of_the_same_patient() -> None:
    first = page(1, [LAB, "Page 1 of 1", "x"], "A1")
    second = page(2, [LAB, "Page 1 of 1", "y"], "A1")
    assert labels([first, second]) == ["1", "2"]


def test_fax_counter_starting_again_starts_a_document() -> None:
    first = page(1, [LAB, "x"], "A1", head="FROM: RIVERSIDE LAB   FAX 555-010-2000   P.001/001")
    second = page(2, [LAB, "y"], "A1", head="FROM: RIVERSIDE LAB   FAX 555-010-2000   P.001/001")
    assert first.signals.counter == (1, 1) and first.signals.sender == "RIVERSIDE LAB"
    assert labels([first, second]) == ["1", "2"]


def test_fax_counter_running_on_holds_only_a_quiet_legible_page_naming_nobody() -> None:
    first = page(1, ["Results", "x"], "A1")
    second = page(2, ["Other coverage?  ( ) No  ( ) Yes"], None, ids=False)
    parts, bounds = segment([first, second])
    assert [p.label for p in parts] == ["1-2"] and bounds[0].clear
    blurred = PageEvidence(second.signals, None, False, legible=False)  # OCR unsure: something may be lost
    assert not segment([first, blurred])[1][0].clear
    signed = page(1, ["Results", "x", "Electronically signed by J. Alvarez, MD"], "A1")
    assert not segment([signed, second])[1][0].clear  # a sign of a new document: only a proposal
    assert not segment([page(1, ["Results", "x"], None, ids=False), second])[1][0].clear  # nobody to hold it to


def test_another_patient_after_a_page_its_own_counter_holds_is_a_clear_cut() -> None:
    pages = [page(1, ["Results", "Page 1 of 2", "x"], "A1"),
             page(2, ["Page 2 of 2", "y", "Electronically signed by J. Alvarez, MD"], None, ids=False),
             page(3, ["more", "z"], "B2")]
    parts, bounds = segment(pages)
    assert [p.label for p in parts] == ["1-2", "3"] and bounds[0].clear
    assert bounds[1].starts and bounds[1].clear and "another patient" in bounds[1].reasons


def test_a_page_naming_nobody_before_another_patients_page_is_doubtful() -> None:
    pages = [page(1, ["Results", "x"], "A1"), page(2, ["free text"], None, ids=False), page(3, ["more", "y"], "B2")]
    parts, bounds = segment(pages)
    assert [p.label for p in parts] == ["1-2", "3"] and not bounds[0].clear  # page 2 may be B2's first page
    started = [*pages[:2], page(3, ["Page 1 of 1", "y"], "B2")]
    assert segment(started)[1][0].clear  # B2's document visibly starts on page 3


def test_another_sender_and_a_signature_start_a_document() -> None:
    first = page(1, ["Results", "x", "Electronically signed by J. Alvarez, MD"], "A1")
    second = page(2, ["Results", "y"], None, ids=True, head="FROM: NORTH CLINIC   FAX 555-010-3000   P.002")
    assert labels([first, second]) == ["1", "2"]
    quiet = page(1, ["Results", "x"], "A1")
    assert labels([quiet, second]) == ["1-2"]  # another sender alone is not enough


def test_repeated_patient_header_holds_a_page_against_weak_starts() -> None:
    first = page(1, ["Results", "x", "Electronically signed by J. Alvarez, MD"], "A1")
    second = page(2, ["Okonkwo, Theodora  DOB 03/04/1961", "", "ASSESSMENT AND PLAN", "y"], "A1")
    assert labels([first, second]) == ["1-2"]
    other = page(2, ["ASSESSMENT AND PLAN", "y"], None, ids=False)
    assert labels([first, other]) == ["1", "2"]


def test_a_letterhead_at_the_top_starts_a_document() -> None:
    first = page(1, [*LETTERHEAD, "x"], "A1")
    second = page(2, [*LETTERHEAD, "y"], "A1")
    assert second.signals.headed
    assert labels([first, second]) == ["1", "2"]


def test_the_same_letterhead_holds_a_page_naming_nobody() -> None:
    first = page(1, ["Riverside Clinic", "x"], "A1", head="")
    second = page(2, ["Riverside Clinic", "continued text"], None, ids=False, head="")
    bounds = segment([first, second])[1]
    assert labels([first, second]) == ["1-2"] and bounds[0].clear
    elsewhere = page(2, ["Northern Clinic", "continued text"], None, ids=False, head="")
    assert not segment([first, elsewhere])[1][0].clear


def test_specks_read_as_marks_before_the_stamp_and_the_letterhead_are_passed_over() -> None:
    scanned = ">\n‘\n*\n2026-11-20 09:14:07 (GMT-5)  6086627155 -> 2078638130  Page 4 pt7\n" \
              "f VALUMED PHARMACY #0387 © *\n246 Willow Drive, Madison, WI 53719\nTel 608.287.4299  Fax (608) 662-7155"
    s = page_signals(4, scanned)
    assert s.counter == (4, 7)  # the stamp below three specks, its 'of' read as 'pt'
    assert s.headed and s.letterhead.startswith("VALUMED PHARMACY")


def test_a_table_header_row_is_no_title() -> None:
    assert page_signals(2, "TEST        RESULT    FLAG   UNITS\nGlucose 98").title == ""
    assert page_signals(2, "CONSULTATION REPORT\nGlucose 98").title == "CONSULTATION REPORT"


def test_cover_sheet_is_read_even_letter_spaced() -> None:
    assert page_signals(1, "Lab\nF A C S I M I L E   T R A N S M I T T A L\nNumber of pages: 3").cover
    assert page_signals(1, "FAX COVER SHEET\nTO: clinic").cover
    assert not page_signals(1, "LABORATORY REPORT\nGlucose 98").cover


def test_a_cover_sheet_that_never_says_so_is_read_by_its_form_fields() -> None:
    cover = ("FAX\n=====\nMedicare\n3654 Broad Pkwy\nTo: Riverbend Family Medicine\nFrom: Medicare\n"
             "Date: 02/17/25\nPages: 3\nRe: Prior authorization\n")
    assert page_signals(1, cover).cover and is_cover_page(cover)
    content = "LABORATORY REPORT\nTo: Dr. Lee   From: Central Lab\nPage 1 of 3\nGlucose 98 mg/dL\n"
    assert not page_signals(1, content).cover and not is_cover_page(content)


def test_a_cover_sheet_whose_title_ocr_garbled_is_read_by_its_page_count() -> None:
    # A standard fax: "FAX COVER SHEET" came out as "BAK COVER Salk", "PAGES (including cover)" as below.
    cover = "BAK COVER Salk\nDATE: 12/02/2025\nATIN: Nutse Line\nPASSES (inelading cover): 2\nRe: see attached"
    assert page_signals(1, cover).cover
    assert page_signals(1, "Pages including cover: 2").cover
    assert not page_signals(1, "LETTER OF MEDICAL NECESSITY\nBenefits including coverage for home care").cover
    assert not page_signals(1, "PROGRESS NOTE\nThe patient will recover; plan includes covid testing").cover


def test_signature_block_and_new_title_start_a_document() -> None:
    first = page(1, ["Results", "x", "Electronically signed by J. Alvarez, MD"], "A1")
    second = page(2, ["==========", "Radiologist's Report", "==========", "y"], None, ids=True)
    assert second.signals.title == "RADIOLOGIST'S REPORT"
    assert labels([first, second]) == ["1", "2"]
    unsigned = page(1, ["Results", "x"], "A1")
    assert not segment([unsigned, second])[1][0].starts  # a new title alone is not enough


# -- rules ---------------------------------------------------------------------------------------------

def test_cover_sheet_naming_nobody_is_a_part_of_its_own() -> None:
    cover = page(1, ["FAX COVER SHEET", "TO: Hillcrest", "Pages: 3"], None, ids=False)
    parts, bounds = segment([cover, page(2, ["Results", "x"], "A1"), page(3, ["Page 1 of 1", "y"], "B2")])
    assert [p.label for p in parts] == ["1", "2", "3"] and parts[0].cover
    decision = decide(parts, bounds, {"2": True, "3": True})
    assert decision.action == "file"  # the cover is no content part: it does not need a patient


def test_cover_sheet_naming_the_patient_goes_with_the_first_part() -> None:
    cover = page(1, ["FAX COVER SHEET", "RE: Theodora Okonkwo"], "A1")
    parts, _ = segment([cover, page(2, ["Page 1 of 1", "x"], "A1"), page(3, ["Page 1 of 1", "y"], "B2")])
    assert [p.label for p in parts] == ["1-2", "3"]


def test_a_page_naming_nobody_without_continuity_makes_the_fax_a_proposal() -> None:
    pages = [page(1, ["Results", "x"], "A1", head=""), page(2, ["free text"], None, ids=False, head=""),
             page(3, ["Page 1 of 1", "y"], "B2", head="")]
    parts, bounds = segment(pages)
    assert [p.label for p in parts] == ["1-2", "3"]
    assert not bounds[0].clear
    assert decide(parts, bounds, {"1-2": True, "3": True}).action == "review"
    assert decide(parts, bounds, {"1-2": True, "3": True}, partial=True).action == "review"


def test_another_patients_page_never_joins_even_with_continuity() -> None:
    first = page(1, ["Results", "Page 1 of 2", "x"], "A1")
    second = page(2, ["Results", "Page 2 of 2", "y"], "B2")
    assert labels([first, second]) == ["1", "2"]


def test_a_named_page_after_pages_naming_nobody_joins_only_as_a_proposal() -> None:
    pages = [page(1, ["Results", "x"], "A1"), page(2, ["Page 1 of 1", "free text"], None, ids=False),
             page(3, ["Results", "y"], "B2")]
    parts, bounds = segment(pages)
    assert [p.label for p in parts] == ["1", "2-3"]
    assert not bounds[1].clear


def test_another_persons_name_and_birth_date_start_a_part_even_outside_the_roster() -> None:
    herrera = Person(frozenset({"CYNTHIA", "HERRERA"}), frozenset({date(1931, 12, 15)}))
    walker = Person(frozenset({"SHIRLEY", "WALKER"}), frozenset({date(1965, 9, 4)}))
    first = PageEvidence(page(1, ["Results", "x"]).signals, "A1", True, person=herrera)
    absent = PageEvidence(page(2, ["Results", "y"]).signals, None, True, person=walker)  # not in the roster
    parts, bounds = segment([first, absent])
    assert [p.label for p in parts] == ["1", "2"] and bounds[0].starts and bounds[0].clear
    misread = Person(frozenset({"CYNTH1A", "HERRERA"}), frozenset({date(1965, 9, 4)}))  # the same name
    assert not segment([first, PageEvidence(absent.signals, None, True, person=misread)])[1][0].clear
    swapped = Person(frozenset({"SHIRLEY", "WALKER"}), frozenset({date(1931, 12, 16)}))  # one digit apart
    assert not segment([first, PageEvidence(absent.signals, None, True, person=swapped)])[1][0].clear


def test_a_later_page_counter_holds_the_pages_before_it_to_its_document() -> None:
    pages = [page(1, ["Results", "x"], "A1"), page(2, ["RESULT SUMMARY", "free text"], None, ids=False),
             page(3, ["Page 3 (continued)", "y"], None, ids=False)]
    parts, bounds = segment(pages)
    assert [p.label for p in parts] == ["1-3"] and all(b.clear for b in bounds)  # page 3 says 1-2 are its own
    early = [*pages[:2], page(3, ["Page 2 (continued)", "y"], None, ids=False)]
    parts, bounds = segment(early)  # page 3 is page 2 of a document that starts on page 2
    assert [p.label for p in parts] == ["1", "2-3"] and bounds[0].starts and bounds[0].clear
    counted = [pages[0], page(2, ["Page 1 of 2", "free text"], None, ids=False), early[2]]
    assert not any("first page starts it" in r for r in segment(counted)[1][0].reasons)  # its own counter says so
    junk = [pages[0], page(2, ["MRN: m11d1y", "free text"], None, ids=True), pages[2]]  # a misread identifier
    assert [p.label for p in segment(junk)[0]] == ["1-3"] and segment(junk)[1][0].clear
    started = [pages[0], page(2, ["Page 1 of 2", "free text"], "B2"), pages[2]]
    assert [p.label for p in segment(started)[0]] == ["1", "2-3"]  # a strong start is not overruled


def test_the_same_name_read_holds_a_page_the_roster_settles_for_nobody() -> None:
    first = PageEvidence(page(1, ["Results", "x"]).signals, "A1", True, names=frozenset({"THEODORA", "OKONKWO"}))
    misread = PageEvidence(page(2, ["more"]).signals, None, True, names=frozenset({"THEODORA", "OKONKW0"}))
    parts, bounds = segment([first, misread])
    assert [p.label for p in parts] == ["1-2"] and bounds[0].clear
    sister = PageEvidence(misread.signals, None, True, names=frozenset({"ADAEZE", "OKONKWO"}))  # a relative
    assert not segment([first, sister])[1][0].clear


def test_single_document_is_never_split() -> None:
    pages = [page(1, [*LETTERHEAD, "LABORATORY REPORT", "x"], "A1"),
             page(2, ["Okonkwo, Theodora  DOB 03/04/1961   Page 2 (continued)", "y"], "A1"),
             page(3, ["Page 3 (continued)", "z", "Electronically signed by J. Alvarez, MD"], None, ids=False)]
    parts, bounds = segment(pages)
    assert decide(parts, bounds, {p.label: True for p in parts}).action == "single"


def test_partial_files_what_passes_only_with_clear_boundaries() -> None:
    pages = [page(1, ["Page 1 of 1", "x"], "A1"), page(2, ["Page 1 of 1", "y"], "B2")]
    parts, bounds = segment(pages)
    assert decide(parts, bounds, {"1": True, "2": False}).action == "review"
    assert decide(parts, bounds, {"1": True, "2": False}, partial=True).action == "partial"
    assert decide(parts, bounds, {"1": False, "2": False}, partial=True).action == "review"


def test_partial_never_cuts_off_a_part_naming_nobody() -> None:
    # A cover sheet OCR left unrecognisable, then the document under a letterhead: the first page names
    # nobody, so it may be the cover or a page of the document. The fax waits whole with its proposal.
    first = page(1, ["Evergreen Health Plan", "DATE: 12/02/2025", "Please see the attached."], None, ids=False)
    second = page(2, [*LETTERHEAD, "PRIOR AUTHORIZATION", "Member: A1"], "A1")
    parts, bounds = segment([first, second])
    assert [p.label for p in parts] == ["1", "2"] and all(b.clear for b in bounds)
    assert not parts[0].named and parts[1].named
    assert decide(parts, bounds, {"1": False, "2": True}, partial=True).action == "review"
    named = page(1, ["Evergreen Health Plan", "Member: B2"], None, ids=True)  # names someone not settled
    parts, bounds = segment([named, second])
    assert decide(parts, bounds, {"1": False, "2": True}, partial=True).action == "partial"


def test_another_patient_is_a_clear_start_and_its_reason() -> None:
    b = segment([page(1, ["Results", "x"], "A1"), page(2, ["Results", "Page 2 of 2", "y"], "B2")])[1][0]
    assert b.starts and b.clear and b.reasons == ("another patient",)


def test_another_patients_page_never_joins_across_a_page_naming_nobody() -> None:
    pages = [page(1, ["Results", "Page 1 of 3", "x"], "A1"), page(2, ["Page 2 of 3", "free text"], None, ids=False),
             page(3, ["Page 3 of 3", "y"], "B2")]
    assert labels(pages) == ["1-2", "3"]


def test_a_cover_sheet_in_the_middle_starts_a_transmission() -> None:
    pages = [page(1, ["Results", "x"], "A1"), page(2, ["FAX COVER SHEET", "TO: Hillcrest"], None, ids=False),
             page(3, ["Page 1 of 1", "y"], "B2")]
    parts, bounds = segment(pages)
    assert [p.label for p in parts] == ["1", "2", "3"] and parts[1].cover
    assert bounds[0].starts and bounds[0].clear
