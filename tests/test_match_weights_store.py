"""Clerk decisions as labelled pairs for calibration, and the stored documents' identifiers read back."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from pipeline.calibrate import (
    Labelled,
    clerk_decisions,
    comparison_vectors,
    document_identifiers,
    identifiers_from_json,
)
from pipeline.lookup import load_roster, match_options
from tests.test_review_support import build_queue, open_store


@pytest.fixture
def queue(cli, home: Path, tmp_path: Path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return build_queue(cli, home, tmp_path)


def _decisions(home: Path) -> dict[str, Labelled]:
    store = open_store(home)
    try:
        with store.db.read() as s:
            return dict(clerk_decisions(s))
    finally:
        store.close()


def test_an_assignment_is_a_labelled_match_and_the_passed_over_candidate_a_non_match(  # type: ignore[no-untyped-def]
        cli, home: Path, queue) -> None:
    assert _decisions(home) == {}
    # The matcher's best candidate for document a is ZZ900001; the clerk files it under ZZ900003 instead.
    assert cli("review", "assign", queue["a"], "--patient", "ZZ900003", "--user", "alice").code == 0
    labelled = _decisions(home)[queue["a"]]
    assert labelled.mrn == "ZZ900003" and "ZZ900001" in labelled.passed_over
    assert labelled.ids.dobs == (date(1961, 3, 4),)
    store = open_store(home)
    try:
        roster, options = load_roster(store), match_options(store)
        vectors, labels, _ = comparison_vectors([], [labelled], roster, options, random.Random(1))
        assert labels[0] == 1.0 and set(labels[1:]) == {0.0}
        assert vectors[1]["dob"] == "agree"  # the passed-over ZZ900001 shares the DOB: a labelled non-match
        with store.db.read() as s:
            assert len(document_identifiers(s, {queue["a"]})) == len(document_identifiers(s, set())) - 1
    finally:
        store.close()


def test_an_undone_assignment_is_no_label(cli, home: Path, queue) -> None:  # type: ignore[no-untyped-def]
    assert cli("review", "assign", queue["a"], "--patient", "ZZ900001", "--user", "alice").code == 0
    assert queue["a"] in _decisions(home)
    assert cli("review", "undo", "--user", "alice").code == 0
    assert _decisions(home) == {}


def test_identifiers_read_back_from_json() -> None:
    ids = identifiers_from_json({"names": [{"first": "Ann", "middle": "", "last": "Lee", "label": "patient",
                                            "extra": 1}], "dobs": ["1961-03-04"], "phones": ["2175550101"],
                                 "unknown_key": [1]})
    assert ids.names[0].first == "Ann" and ids.dobs == (date(1961, 3, 4),) and ids.phones == ("2175550101",)
