"""bench/split.py: its generated transmissions and its scoring, and a --quick run's figures."""

from __future__ import annotations

from tests.conftest import load_bench


def _bench():  # type: ignore[no-untyped-def]
    return load_bench("split")


def test_transmissions_carry_their_truth() -> None:
    bench = _bench()
    _, faxes = bench.corpus(8, 4, seed=3, family="holdout", roster_size=100)
    multi, singles = faxes[:8], faxes[8:]
    assert all(len(set(d for d in f.page_doc if d >= 0)) >= 2 for f in multi)
    assert all(len(set(d for d in f.page_doc if d >= 0)) == 1 and not f.boundaries for f in singles)
    assert all(len(f.pages) == len(f.page_mrn) == len(f.page_doc) for f in faxes)


def test_scoring_counts_a_wrongly_filed_page_and_an_inexact_boundary() -> None:
    bench = _bench()
    fax = bench.Fax("f", ["a", "b", "c"], ["A", "A", "B"], [0, 0, 1])
    right = bench.Reading("split", None, [((1, 2), "A"), ((3,), "B")])
    wrong = bench.Reading("split", None, [((1,), "A"), ((2, 3), "B")])
    whole = bench.Reading("whole", "A", [])
    assert bench._wrong_pages(fax, right) == 0 and bench._exact(fax, right)
    assert bench._wrong_pages(fax, wrong) == 1 and not bench._exact(fax, wrong)
    assert bench._wrong_pages(fax, whole) == 1


def test_quick_run_files_no_page_to_a_wrong_patient() -> None:
    bench = _bench()
    figures = bench.run(bench.parse_args(["--quick"]))
    assert figures["wrong_pages"] == 0 and figures["singles_split"] == 0
    assert figures["faxes"] == 6 and figures["singles"] == 6
