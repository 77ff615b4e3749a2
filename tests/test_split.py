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
