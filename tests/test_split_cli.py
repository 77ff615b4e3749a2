"""Issue 15 through the CLI in-process: a fax of several documents split automatically, sent to review
with its proposed parts, split by a clerk and undone; a one-document fax never split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline.index.models import AuditEntry
from tests.export_kit import make_pages_pdf
from tests.split_kit import header, lab_pages
from tests.test_review_support import open_store, roster_home

OKONKWO = ("Theodora Okonkwo", "03/04/1961")
DELACROIX = ("Marcus Delacroix", "11/20/1975")


def _batch(cli, tmp_path: Path, pages: list[list[str]], name: str = "fax.pdf") -> dict:  # type: ignore[no-untyped-def]
    roster_home(cli, tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    make_pages_pdf(folder / name, pages)
    run = cli("batch", folder, "--workers", "1", "--json")
    assert run.code == 0, run.err
    return run.json()


def _docs(cli) -> list[dict]:  # type: ignore[no-untyped-def]
    return cli("documents", "list", "--json").json()


def _actions(home: Path, doc_id: str) -> list[str]:
    store = open_store(home)
    try:
        with store.db.session() as s:
            return [e.action for e in s.scalars(select(AuditEntry).where(AuditEntry.document_id == doc_id)
                                                .order_by(AuditEntry.id))]
    finally:
        store.close()


def _two_patients(second_dob: bool = True) -> list[list[str]]:
    first = lab_pages(*OKONKWO, 1, 3, of=2)
    if second_dob:
        return first + lab_pages(*DELACROIX, 3, 3)
    return first + [[header(3, 3), "LABORATORY REPORT", "Page 1 of 1", f"Patient Name: {DELACROIX[0]}",
                     "Glucose 90 mg/dL", "Electronically signed by J. Alvarez, MD"]]


def test_fax_of_two_patients_is_split_and_each_part_filed(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    summary = _batch(cli, tmp_path, _two_patients())
    assert summary["split"] == 1 and summary["review"] == 0
    docs = _docs(cli)
    fax = next(d for d in docs if d["status"] == "split")
    parts = sorted((d for d in docs if d["parent_id"] == fax["id"]), key=lambda d: d["parent_pages"])
    assert [(p["parent_pages"], p["status"], p["patient_mrn"], p["pages"]) for p in parts] == [
        ("1-2", "filed", "ZZ900001", 2), ("3", "filed", "ZZ900002", 1)]
    assert fax["parent_id"] is None and fax["parent_pages"] is None and fax["pages"] == 3
    shown = cli("documents", "show", parts[1]["id"], "--json").json()
    assert [p["number"] for p in shown["page_texts"]] == [1] and "Delacroix" in shown["page_texts"][0]["text"]
    assert Path(shown["files"]["filed"]).read_bytes()[:5] == b"%PDF-"
    assert Path(cli("documents", "show", fax["id"], "--json").json()["files"]["original"]).is_file()
    assert "split_automatically" in _actions(home, fax["id"])
    assert _actions(home, parts[0]["id"])[:2] == ["split_from", "filed"]
    hits = cli("search", "Delacroix", "--json")
    assert hits.code == 0 and parts[1]["id"] in hits.out
    assert cli("doctor", "--json").json()["ok"]


def test_one_document_fax_is_never_split(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    summary = _batch(cli, tmp_path, lab_pages(*OKONKWO, 1, 3, of=3))
    assert summary["filed"] == 1 and summary["split"] == 0
    (doc,) = _docs(cli)
    assert doc["status"] == "filed" and doc["parent_id"] is None and doc["pages"] == 3


def test_a_fax_whose_first_page_names_nobody_is_not_filed_whole(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    unread = [header(1, 2), "Interfacility transfer summary", "Hospital course: stable"]
    named = [header(2, 2), "Riverside Clinical Laboratory", f"Patient Name: {OKONKWO[0]}", f"DOB: {OKONKWO[1]}",
             "Glucose         98 mg/dL   70-99"]
    summary = _batch(cli, tmp_path, [unread, named])
    assert summary["filed"] == 0 and summary["review"] == 1  # page 1 may be another patient's
    (item,) = cli("review", "list", "--json", "--reason", "pages of unsure belonging").json()
    assert item["queue_reasons"] == ["pages of unsure belonging"] and not item.get("proposed_parts")


def test_a_fax_in_review_anyway_still_says_a_page_may_be_another_patients(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    unread = [header(1, 2), "Interfacility transfer summary", "Hospital course: stable"]
    named = [header(2, 2), "Riverside Clinical Laboratory", f"Patient Name: {OKONKWO[0]}",  # a name alone
             "Glucose         98 mg/dL   70-99"]
    assert _batch(cli, tmp_path, [unread, named])["review"] == 1
    (item,) = cli("review", "list", "--json").json()
    assert item["queue_reasons"][0] == "pages of unsure belonging"  # the clerk is warned before assigning it
    assert "patient uncertain" in item["queue_reasons"]


def _strict_home(home: Path) -> None:
    (home / "docintake.toml").write_text("split_partial = false\n")


def test_unsure_part_sends_the_whole_fax_to_review_with_its_proposal(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _strict_home(home)
    summary = _batch(cli, tmp_path, _two_patients(second_dob=False))
    assert summary["review"] == 1 and summary["split"] == 0
    (item,) = cli("review", "list", "--json").json()
    assert "several documents" in item["queue_reasons"]
    assert [(p["pages"], p["mrn"]) for p in item["proposed_parts"]] == [("1-2", "ZZ900001"), ("3", None)]
    assert any("two-identifier" in r for r in item["proposed_parts"][1]["reasons"])
    assert item["proposed_parts"][1]["candidate_mrn"] == "ZZ900002"
    assert cli("review", "list", "--json", "--reason", "several documents").json()[0]["id"] == item["id"]


def test_partial_split_files_the_sure_part_and_queues_the_other(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    summary = _batch(cli, tmp_path, _two_patients(second_dob=False))
    assert summary["split"] == 1
    (item,) = cli("review", "list", "--json").json()
    assert item["parent_pages"] == "3" and item["candidate_mrn"] == "ZZ900002"
    filed = [d for d in _docs(cli) if d["status"] == "filed"]
    assert [(d["parent_pages"], d["patient_mrn"]) for d in filed] == [("1-2", "ZZ900001")]


def test_clerk_splits_and_undoes(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _strict_home(home)
    _batch(cli, tmp_path, _two_patients(second_dob=False))
    (item,) = cli("review", "list", "--json").json()
    bad = cli("review", "split", item["id"], "--pages", "1", "--pages", "3", "--user", "ann")
    assert bad.code == 2 and "cover pages 1-3" in bad.err
    run = cli("review", "split", item["id"], "--pages", "1-2", "--pages", "3", "--user", "ann", "--json")
    assert run.code == 0, run.err
    made = run.json()
    assert made["action"] == "split" and made["status"] == "split" and len(made["parts"]) == 2
    queue = cli("review", "list", "--json").json()
    assert sorted((i["parent_pages"], i["candidate_mrn"]) for i in queue) == [("1-2", "ZZ900001"), ("3", "ZZ900002")]
    assert {i["parent_id"] for i in queue} == {item["id"]}
    assert "split" in _actions(home, item["id"])
    undone = cli("review", "undo", "--user", "ann", "--json")
    assert undone.code == 0, undone.err
    assert undone.json()["undid"] == "split"
    docs = _docs(cli)
    assert [(d["id"], d["status"]) for d in docs] == [(item["id"], "review")]
    assert [i["id"] for i in cli("review", "list", "--json").json()] == [item["id"]]
    assert cli("doctor", "--json").json()["ok"]
    again = cli("review", "split", item["id"], "--accept", "--user", "ann", "--json")
    assert again.code == 0, again.err and len(again.json()["parts"]) == 2


def test_undo_of_a_split_is_refused_once_a_part_was_decided(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _strict_home(home)
    _batch(cli, tmp_path, _two_patients(second_dob=False))
    (item,) = cli("review", "list", "--json").json()
    parts = cli("review", "split", item["id"], "--accept", "--user", "ann", "--json").json()["parts"]
    part = next(i for i in cli("review", "list", "--json").json() if i["parent_pages"] == "3")
    assert part["id"] in parts
    assert cli("review", "assign", part["id"], "--patient", "ZZ900002", "--user", "bob").code == 0
    refused = cli("review", "undo", item["id"], "--user", "ann")
    assert refused.code == 6 and "decided since the split" in refused.err
    assert json.loads(cli("documents", "list", "--json").out)  # nothing removed


def test_review_next_key_p_accepts_the_proposal(cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import io

    _strict_home(home)
    _batch(cli, tmp_path, _two_patients(second_dob=False))
    monkeypatch.setattr("sys.stdin", io.StringIO("p\n\nq\n"))
    run = cli("review", "next", "--user", "ann")
    assert run.code == 0, run.err
    assert "proposed parts (p to split)" in run.out and "into 2 parts" in run.out
    assert sorted(i["parent_pages"] for i in cli("review", "list", "--json").json()) == ["1-2", "3"]


def test_a_split_fax_read_again_supersedes_its_earlier_parts(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from pipeline.config import load_config
    from pipeline.index.store import Store
    from pipeline.orchestrator import Job, Pipeline, analyze

    _batch(cli, tmp_path, _two_patients())
    fax = next(d for d in _docs(cli) if d["status"] == "split")
    grown = make_pages_pdf(tmp_path / "grown.pdf", _two_patients() + [lab_pages(*OKONKWO, 4, 4)[0]])
    store = Store(load_config(str(home)))
    try:
        pipe = Pipeline(store.cfg, store, "tester")
        job = pipe.retake(fax["id"], grown)
        assert isinstance(job, Job)
        assert pipe.complete(job, analyze(job.file, pipe.options)).status.value == "split"
        pipe.close()
    finally:
        store.close()
    parts = [d for d in _docs(cli) if d["parent_id"] == fax["id"]]
    old = [p for p in parts if p["status"] == "rejected"]
    assert len(old) == 2 and all("superseded" in p["reasons"][0] for p in old)
    assert sorted(p["parent_pages"] for p in parts if p["status"] == "filed") == ["1-2", "3", "4"]


def test_each_filed_part_is_delivered_to_the_ehr(cli, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.export_kit import configure

    configure(home, [f"hl7+folder:{tmp_path / 'hl7'}"])
    _batch(cli, tmp_path, _two_patients())
    parts = [d for d in _docs(cli) if d["parent_id"]]
    assert len(parts) == 2 and all(p["status"] == "filed" for p in parts)
    delivered = sorted(p.name for p in (tmp_path / "hl7").iterdir())
    assert delivered == sorted(f"{p['id']}.hl7" for p in parts)  # the parts, never the fax itself
    texts = {p["id"]: (tmp_path / "hl7" / f"{p['id']}.hl7").read_text() for p in parts}
    assert all(p["patient_mrn"] in texts[p["id"]] for p in parts)
