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


def _one_patients_fax(second_head: str) -> str:
    """What becomes of a fax of two pages filed whole under one patient, its second page under `second_head`."""
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

    auto = lambda pages: MatchResult(MatchDecision.auto, "A1", 0.99, (Candidate("A1", 0.99, 20.0),))  # noqa: E731
    typed = lambda pages: TypeResult(DocType.lab_result, 0.99)  # noqa: E731
    first = "Ridgeline Toxicology Services\nOffice 303.840.3024   Fax (303)553-4756\nPatient: Ann Lee  DOB 01/02/1960"
    second = f"{second_head}\nPatient: Ann Lee  DOB 01/02/1960\nResults"
    pages = [PageText(1, first, PageSource.text_layer), PageText(2, second, PageSource.text_layer)]
    plan = plan_split(pages, auto, typed, 0.5)
    return resolve(plan, Routing(Status.filed), "A1")


def test_one_patients_two_documents_from_two_senders_are_set_apart() -> None:
    other = "St. Brendan Radiology\nMain (602) 555-0199   Fax (602) 555-0100"
    assert _one_patients_fax(other) == "split"  # another sender's letterhead: another document
    same = "Ridgeline Toxicology Services\nOffice 303.840.3024   Fax (303)553-4756"
    assert _one_patients_fax(same) == "whole"  # the sender's letterhead repeated on its own page 2
