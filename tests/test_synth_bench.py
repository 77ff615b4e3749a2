"""The intake benchmark's corpus writer: files of every kind with their ground truth (no OCR)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image

BENCH = Path(__file__).resolve().parent.parent / "bench" / "intake.py"


def _bench(monkeypatch):
    spec = importlib.util.spec_from_file_location("bench_intake", BENCH)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "bench_intake", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_every_kind_is_written_with_its_truth(tmp_path, monkeypatch):
    bench = _bench(monkeypatch)
    roster, docs = bench.corpus(80, seed=3, family="holdout", roster_size=300)
    planned = bench.plan(docs, seed=3)
    by_kind = {kind: (d, kind, font) for d, kind, font in planned}  # one document of each kind drawn
    assert set(by_kind) == set(bench.KIND_WEIGHTS)
    truths = bench.write_corpus(list(by_kind.values()), tmp_path, seed=3)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert [m["file"] for m in manifest] == [t.file for t in truths]
    mrns = {p.mrn for p in roster}
    for t in truths:
        path = tmp_path / "docs" / t.file
        assert path.is_file() and path.stat().st_size > 0
        assert (t.mrn in mrns) == (t.who == "roster")
        if t.kind in ("fine_fax", "standard_fax"):
            with Image.open(path) as im:
                assert im.info["compression"] == "group4"
        if t.kind == "text_pdf":
            text = pdfium.PdfDocument(str(path))[0].get_textpage().get_text_range()
            assert text.strip() and "P.0" not in text.splitlines()[0]


def test_plan_and_corpus_are_seeded(monkeypatch):
    bench = _bench(monkeypatch)
    _, docs = bench.corpus(30, seed=5, family="train", roster_size=200)
    first = [(d.doc_id, k, f) for d, k, f in bench.plan(docs, seed=5)]
    _, again = bench.corpus(30, seed=5, family="train", roster_size=200)
    assert first == [(d.doc_id, k, f) for d, k, f in bench.plan(again, seed=5)]
    assert all(d.office for d in docs)


def test_outcomes_are_judged_against_the_truth(monkeypatch):
    bench = _bench(monkeypatch)
    base = dict(doc_id="x", look_alike="", layout="prose", kind="photo", font="mono", template="t",
                doc_type="referral", damaged_labels=False, shows_mrn=False, dob_form="none", name_form="none")
    mine = bench.Truth(file="a", mrn="MRN0001234", who="roster", **base)
    absent = bench.Truth(file="b", mrn=None, who="absent", **base)
    assert bench.outcome(mine, bench.Result("filed", "0001234")) == "correct"
    assert bench.outcome(mine, bench.Result("filed", "MRN0001235")) == "wrong"
    assert bench.outcome(mine, bench.Result("review", None)) == "review"
    assert bench.outcome(absent, bench.Result("filed", "MRN0001235")) == "filed"
    s = bench.summarize([mine, absent], {"a": bench.Result("review", None, ("patient uncertain",)),
                                          "b": bench.Result("filed", "1")}, 1.0)
    assert (s["filed_pct"], s["absent_filed"], s["review_reasons"]) == (0.0, 1, [("patient uncertain", 1)])


def test_the_independent_family_reads_both_generators_with_their_truth(tmp_path, monkeypatch):
    bench = _bench(monkeypatch)
    roster, docs = bench.corpus(24, seed=9, family="independent", roster_size=300, folder=tmp_path)
    assert len(docs) == 24 and {d.layout for d in docs} == {"tabular", "letters"}
    mrns = {p.mrn for p in roster}
    assert all((d.patient.mrn in mrns) == d.in_roster for d in docs) and any(not d.in_roster for d in docs)
    for d in docs:
        assert d.pages and all(len(line) <= 90 for page in d.pages for line in page.splitlines())
        if d.shows_mrn:
            assert bench._digits(d.patient.mrn).lstrip("0") in "".join(d.pages)
    again = bench.corpus(24, seed=9, family="independent", roster_size=300, folder=tmp_path / "again")[1]
    assert [d.pages for d in again] == [d.pages for d in docs]
