"""Learning from review: a confirmed name variant lets the next document file automatically (end to end, real
PDFs through real batches), still only with two identifiers; confirmed types reach the classifier."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from pipeline.review import confirmed_types
from tests.test_review_support import DOCUMENTS, build_queue, lab_report, open_store, roster_home, run_batch

DOB = "03/04/1961"  # Theodora Okonkwo's, ZZ900001


def _doc(cli, doc_id: str) -> dict:  # type: ignore[no-untyped-def]
    return next(d for d in cli("documents", "list", "--json").json() if d["id"] == doc_id)


@pytest.mark.parametrize("variant", [
    "Teddie Okonkwo",  # a nickname the nickname table does not know
    "Tedora Okonkwo",  # a misspelling (two letters lost) the spelling tolerance does not cover
])
def test_an_assigned_variant_files_the_next_document_automatically(cli, tmp_path: Path, variant: str) -> None:  # type: ignore[no-untyped-def]
    roster_home(cli, tmp_path)
    first = run_batch(cli, tmp_path / "monday", {"first.pdf": lab_report(variant, DOB)})["first.pdf"]
    assert _doc(cli, first)["status"] == "review", "before any clerk has seen it, the variant is not enough"

    run = cli("review", "assign", first, "--patient", "ZZ900001", "--user", "alice", "--json")
    assert run.code == 0, run.err
    assert run.json()["alias_added"] is True

    second = run_batch(cli, tmp_path / "tuesday",
                       {"second.pdf": lab_report(variant, DOB, extra="Addendum: potassium repeated")})["second.pdf"]
    doc = _doc(cli, second)
    assert (doc["status"], doc["patient_mrn"], doc["reasons"]) == ("filed", "ZZ900001", [])
    assert second not in [i["id"] for i in cli("review", "list", "--json").json()]


def test_the_alias_alone_never_files(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    roster_home(cli, tmp_path)
    first = run_batch(cli, tmp_path / "monday", {"first.pdf": lab_report("Teddie Okonkwo", DOB)})["first.pdf"]
    assert cli("review", "assign", first, "--patient", "ZZ900001", "--user", "alice").code == 0
    later = run_batch(cli, tmp_path / "tuesday", {
        "no_dob.pdf": lab_report("Teddie Okonkwo", None),
        "other_dob.pdf": lab_report("Teddie Okonkwo", "11/22/1990"),
    })
    for doc_id in later.values():
        assert _doc(cli, doc_id)["status"] == "review", "one identifier, even a confirmed alias, is not enough"


def test_undoing_the_assignment_withdraws_the_alias(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    roster_home(cli, tmp_path)
    first = run_batch(cli, tmp_path / "monday", {"first.pdf": lab_report("Teddie Okonkwo", DOB)})["first.pdf"]
    assert cli("review", "assign", first, "--patient", "ZZ900001", "--user", "alice").code == 0
    assert cli("review", "undo", "--user", "alice").code == 0
    second = run_batch(cli, tmp_path / "tuesday",
                       {"second.pdf": lab_report("Teddie Okonkwo", DOB, extra="Addendum")})["second.pdf"]
    assert _doc(cli, second)["status"] == "review"


def test_the_roster_name_itself_is_not_an_alias(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    roster_home(cli, tmp_path)
    doc_id = run_batch(cli, tmp_path / "scans", {"b.pdf": DOCUMENTS["b_name_only.pdf"]})["b.pdf"]
    run = cli("review", "assign", doc_id, "--patient", "ZZ900002", "--json")
    assert run.code == 0 and run.json()["alias_added"] is False


def test_confirmed_types_reach_the_classifier(cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    calls: list[tuple] = []
    fake = types.ModuleType("pipeline.classify.examples")
    fake.add_example = lambda session, doc_id, doc_type, user: calls.append(("add", doc_id, doc_type, user))  # type: ignore[attr-defined]
    fake.remove_example = lambda session, doc_id, user: calls.append(("remove", doc_id, user))  # type: ignore[attr-defined]
    monkeypatch.setitem(__import__("sys").modules, "pipeline.classify.examples", fake)
    ids = build_queue(cli, home, tmp_path)
    a, c = ids["a"], ids["c"]
    assert cli("review", "assign", a, "--patient", "ZZ900001", "--type", "imaging_report", "--user", "ann").code == 0
    assert cli("review", "retype", c, "--type", "insurance", "--user", "ben").code == 0
    assert calls == [("add", a, "imaging_report", "ann"), ("add", c, "insurance", "ben")]
    assert cli("review", "undo", "--user", "ann").code == 0
    assert calls[-1] == ("remove", a, "ann")
    assert cli("review", "retype", c, "--type", "referral", "--user", "ben").code == 0
    assert cli("review", "undo", "--user", "ben").code == 0
    assert calls[-1] == ("add", c, "insurance", "ben"), "undo gives back the type the earlier decision confirmed"
    store = open_store(home)
    try:
        with store.db.session() as s:
            confirmed = {(t.document_id, t.doc_type, t.user) for t in confirmed_types(s)}
    finally:
        store.close()
    assert confirmed == {(c, "insurance", "ben")}, "the undone assignment no longer counts as an example"
