"""bench/join.py: reading the CLI's JSON back and scoring it against the truth (hand-made, no OCR)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import load_bench


def _bench():  # type: ignore[no-untyped-def]
    return load_bench("join")


def _doc(doc_id: str, name: str, status: str, pages: int, mrn: str | None = None, parent: str | None = None,
         parent_pages: str | None = None) -> dict:
    return {"id": doc_id, "source_name": name, "status": status, "patient_mrn": mrn, "pages": pages, "error": None,
            "parent_id": parent, "parent_pages": parent_pages}


def test_cuts_wrong_pages_and_singles_are_scored_from_the_cli_json() -> None:
    bench = _bench()
    a = bench.Source("a.tif", Path("a.tif"), "MRN1", "roster", 2, cover=True)  # a cover sheet, then its page
    b = bench.Source("b.pdf", Path("b.pdf"), "MRN2", "roster", 1)
    c = bench.Source("c.tif", Path("c.tif"), None, "absent", 1, expect="review")
    d = bench.Source("d.tif", Path("d.tif"), "3", "roster", 2)
    faxes = [bench.Fax("j1.pdf", (a, b, c)), bench.Fax("j2.pdf", (b, a)), bench.Fax("j3.pdf", (c, b)),
             *bench.singles([a, b, c, d])]
    documents = [
        _doc("f1", "j1.pdf", "split", 4), _doc("p1", "j1.pdf [pages 2]", "filed", 1, "MRN1", "f1", "2"),
        _doc("p2", "j1.pdf [pages 3]", "filed", 1, "MRN2", "f1", "3"), _doc("p3", "j1.pdf [pages 4]", "review", 1,
                                                                            None, "f1", "4"),
        _doc("f2", "j2.pdf", "split", 3), _doc("p4", "j2.pdf [pages 1-2]", "filed", 2, "MRN2", "f2", "1-2"),
        _doc("p5", "j2.pdf [pages 3]", "filed", 1, "MRN1", "f2", "3"),
        _doc("f3", "j3.pdf", "review", 2), _doc("s1", "a.tif", "filed", 2, "MRN1"), _doc("s2", "b.pdf", "filed", 1, "MRN2"),
        _doc("s3", "c.tif", "filed", 1, "MRN2"), _doc("s4", "d.tif", "review", 2)]
    review = [{"id": "p3", "queue_reasons": ["no patient found"], "proposed_parts": []},
              {"id": "f3", "queue_reasons": ["several documents"], "proposed_parts": [{"pages": "1"}, {"pages": "2"}]},
              {"id": "s4", "queue_reasons": ["several documents"],
               "proposed_parts": [{"pages": "1", "cover": False}, {"pages": "2", "cover": False}]}]
    got = bench.readings(documents, review)
    assert bench.found_cuts(got["j1.pdf"]) == {1, 2, 3}  # the cover kept with the fax is a part of its own
    f = bench.score(faxes, got)
    # j1: the cut after a's cover is neither needed nor wrong; j2: a's cover filed with b (cut missed, 1 page wrong)
    assert f["faxes"] == 3 and f["boundaries_exact"] == 2 and f["boundaries_pct"] == 66.7
    assert f["wrong_pages_by_kind"] == {"joined": 1, "pair": 0, "single": 1}  # c, about no roster patient, filed
    assert (f["auto_parts"], f["auto_parts_base"]) == (3, 5) and f["parts_filed"] == 4
    assert f["singles_split"] == 1 and f["singles_as_expected"] == 2  # d proposed in two; c filed
    assert [m["fax"] for m in f["misses"]] == ["j2.pdf", "c.tif", "d.tif"]
    assert f["misses"][0]["wrong"] == [{"pages": [2], "filed_mrn": "MRN2", "true_mrn": ["MRN1"], "document": "p4"}]
    assert not bench.met(f) and bench.pages_of("1-2,4") == (1, 2, 4)
