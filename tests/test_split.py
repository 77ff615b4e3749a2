"""Splitting a fax into parts: signals, segmentation and the decision (pure functions)."""

from pipeline.split import PageEvidence, decide, page_signals, segment


def _page(n: int, text: str, mrn: str | None) -> PageEvidence:
    return PageEvidence(page_signals(n, text), mrn, mrn is not None)


def test_another_patient_never_joins_and_counter_reset_starts_a_part() -> None:
    pages = [_page(1, "FROM: LAB A   FAX 555   P.001\nRESULTS\nx", "A1"),
             _page(2, "FROM: LAB A   FAX 555   P.002\nPage 2 (continued)\ny", None),
             _page(3, "FROM: LAB A   FAX 555   P.001\nRESULTS\nz", "B2")]
    parts, bounds = segment(pages)
    assert [p.label for p in parts] == ["1-2", "3"]
    assert decide(parts, bounds, {"1-2": True, "3": True}).action == "file"
    assert decide(parts, bounds, {"1-2": True, "3": False}).action == "review"


def test_single_document_is_never_split() -> None:
    pages = [_page(1, "FROM: X   FAX 1   P.001\nNOTE\na", "A1"), _page(2, "FROM: X   FAX 1   P.002\nPage 2 of 2\nb", "A1")]
    parts, bounds = segment(pages)
    assert decide(parts, bounds, {}).action == "single"


def test_page_evidence_reads_the_persons_name_and_birth_date_and_how_well_the_page_was_read() -> None:
    from datetime import date

    from pipeline.records import MatchDecision, MatchResult, PageSource, PageText
    from pipeline.split.plan import page_evidence

    nobody = lambda pages: MatchResult(MatchDecision.none, None, 0.0)  # noqa: E731  (not in the roster)
    text = "LABORATORY REPORT\nPatient: Shirley Walker     DOB: 09/04/1965\nGlucose 98 mg/dL"
    ev = page_evidence(PageText(1, text, PageSource.ocr, mean_confidence=91.0), nobody)
    assert ev.person is not None and "WALKER" in ev.person.names and date(1965, 9, 4) in ev.person.dobs
    assert ev.legible and ev.patient is None and ev.has_identifiers
    weak = page_evidence(PageText(1, "Glucose 98 mg/dL", PageSource.ocr, mean_confidence=60.0), nobody)
    assert weak.person is None and not weak.legible


def _whole_fax_outcome(pages_text: list[str], filed: bool = True) -> str:
    """What becomes of a fax filed whole under A1 (each page matched alone: A1 where it names the patient)."""
    from pipeline.records import (
        Candidate,
        DocType,
        MatchDecision,
        MatchResult,
        PageSource,
        PageText,
        Routing,
        Status,
        TypeResult,
    )
    from pipeline.split.plan import plan_split, resolve

    def match(pages: list[PageText]) -> MatchResult:
        if any("Ann Lee" in p.text for p in pages):
            return MatchResult(MatchDecision.auto, "A1", 0.99, (Candidate("A1", 0.99, 20.0),))
        return MatchResult(MatchDecision.none, None, 0.0)

    typed = lambda pages: TypeResult(DocType.lab_result, 0.99)  # noqa: E731
    pages = [PageText(i, t, PageSource.text_layer) for i, t in enumerate(pages_text, start=1)]
    return resolve(plan_split(pages, match, typed, 0.5), Routing(Status.filed if filed else Status.review), "A1")


def _one_patients_fax(second_head: str) -> str:
    first = "Ridgeline Toxicology Services\nOffice 303.840.3024   Fax (303)553-4756\nPatient: Ann Lee  DOB 01/02/1960"
    return _whole_fax_outcome([first, f"{second_head}\nPatient: Ann Lee  DOB 01/02/1960\nResults"])


def test_one_patients_two_documents_from_two_senders_are_set_apart() -> None:
    other = "St. Brendan Radiology\nMain (602) 555-0199   Fax (602) 555-0100"
    assert _one_patients_fax(other) == "split"  # another sender's letterhead: another document
    same = "Ridgeline Toxicology Services\nOffice 303.840.3024   Fax (303)553-4756"
    assert _one_patients_fax(same) == "whole"  # the sender's letterhead repeated on its own page 2


def test_pages_naming_nobody_before_a_patients_pages_keep_the_fax_from_being_filed_whole() -> None:
    unread = "Interfacility transfer summary\nHospital course: stable\nDischarged home"  # identifiers unread
    named = "LABORATORY REPORT\nPatient: Ann Lee   DOB: 01/02/1960\nGlucose 98"
    assert _whole_fax_outcome([unread, named]) == "doubt"  # the first page may be another patient's
    assert _whole_fax_outcome([unread, named], filed=False) == "doubt"  # said so even when reviewed anyway
    continued = "Page 2 of 2\nGlucose 98, Sodium 140"
    assert _whole_fax_outcome([named, continued]) == "whole"  # its own page counter holds it


def test_one_patients_second_document_placed_by_its_own_later_page_counter_is_set_apart() -> None:
    named = "Patient: Ann Lee   DOB: 01/02/1960"
    report = [f"LABORATORY REPORT\n{named}\nGlucose 98", f"Page 2 (continued)\n{named}\nSodium 140"]
    summary = [f"SKILLED NURSING DISCHARGE SUMMARY\n{named}\nDischarged home", f"Page 2 (continued)\n{named}\nFollow up"]
    assert _whole_fax_outcome(report + summary) == "split"  # page 4 is page 2: page 3 begins a document
    assert _whole_fax_outcome(report + [f"Page 3 (continued)\n{named}\nPotassium 4.1"]) == "whole"
