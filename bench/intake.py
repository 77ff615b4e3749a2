"""End-to-end intake benchmark: generated office documents through the whole pipeline, statuses against truth.

Run:  OMP_THREAD_LIMIT=1 .venv/bin/python bench/intake.py --family holdout       (120 documents, ~5 min)
      OMP_THREAD_LIMIT=1 .venv/bin/python bench/intake.py --family train --text-only --docs 2000
      options: --docs N  --seed S  --roster N  --workers N  --keep DIR  --json

A roster of 5,000 generated patients is imported into a temporary store with the library
(pipeline.index.roster.upsert_patients); documents come from pipeline.synth.documents.make_corpus with
office layouts (every patient-block layout in pipeline.synth.blocks, OCR-damaged labels, sender letterheads
with phone and fax, From/To/Attn/Provider lines), a quarter of them about absent patients (half of those
sharing a surname, first name, birth date or household with a roster patient). Each is written as what an
office receives: fine and standard fax TIFFs, noisy bitonal scans, phone photos (JPEG), born-digital PDFs
with a text layer, crooked and upside-down faxes, and (kinds rx_*) pages damaged as pipeline.synth.received
does it: faxes row-averaged and thresholded with thin strokes broken, lost scan lines and streaks, grey and
bilevel PNG scans, photos in perspective, image-only PDFs; rendered in DejaVu or a thin printer face (FreeMono,
Liberation Mono, Nimbus Mono PS) when installed. The batch runs through pipeline.drivers.batch.run_batch
(OCR, identifiers, type, matching, routing, recording) with 2 workers, and the statuses are read back from
the store. `--text-only` skips rendering and OCR: the same stages run in-process on the generated text
(identifiers, matching, type, routing), for quick iteration on the matcher.

Use `--family holdout` (templates never tuned on) for reported figures; tune on `--family train`.
`--family independent` takes its documents from the two generators in bench/independent/ (tabular forms and
reports; letters and correspondence), written by an author who had not seen the extraction, the matcher or
pipeline/synth: they print identities their own way, with typos, nicknames, other facilities' record numbers,
guarantors and relatives. Their truth names the patient (or absent) but no document type. Those documents are
rendered and damaged as the kinds below.
The ground truth (true MRN or absent, layout, kind, font, template, whether page 1 is a fax cover sheet) is
in <folder>/manifest.json (--keep), the roster imported in <folder>/roster.csv (as `docintake patients import`
takes it: bench/join.py joins the kept documents into faxes).
Targets (issue 12): in-roster documents filed automatically >= 95%, filed to a wrong patient 0,
absent patients filed 0.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.records import DocType, PatientRecord  # noqa: E402
from pipeline.route import TYPE_UNCERTAIN  # noqa: E402
from pipeline.synth import received, render  # noqa: E402
from pipeline.synth.documents import SynthDoc, make_corpus  # noqa: E402
from pipeline.synth.identities import make_roster, write_roster_csv  # noqa: E402

SEED = 20261201
ROSTER_SIZE = 5000
ABSENT_RATE = 0.26  # of documents with a patient: with 'other' documents about nobody, ~25% of all
LOOK_ALIKE_SHARE = 0.5
MAX_PAGES = 3  # longer documents are cut (the patient is named on page 1 and on continuation pages)
KIND_WEIGHTS = {"fine_fax": 2, "standard_fax": 1, "noisy_scan": 1, "text_pdf": 2, "photo": 1, "skewed": 1,
                "rotated180": 1, "clean300": 1,
                # pipeline.synth.received: real fax damage, scans and photos as offices get them
                "rx_fax_standard": 2, "rx_fax_fine": 2, "rx_scan_bilevel200": 1, "rx_scan_grey150": 1,
                "rx_photo_perspective": 1, "rx_image_pdf": 1}
FONTS = ("mono", "freemono", "liberation_mono", "nimbus_mono")
_EXT = {"tiff": ".tif", "png": ".png", "jpeg": ".jpg", "pdf": ".pdf"}
TARGET_FILED = 0.95


@dataclass(frozen=True)
class Truth:
    """What one generated file is: about whom, and how it was made."""

    file: str
    doc_id: str
    mrn: str | None  # the roster patient; None when absent or about nobody
    who: str  # roster | absent | nobody
    look_alike: str
    layout: str
    kind: str
    font: str
    template: str
    doc_type: str
    damaged_labels: bool
    shows_mrn: bool
    dob_form: str
    name_form: str
    cover: bool = False  # the written file's first page is a fax cover sheet


def corpus(n: int, seed: int, family: str, roster_size: int = ROSTER_SIZE,
           folder: Path | None = None) -> tuple[list, list[SynthDoc]]:
    """The roster and `n` office documents of `family` (`independent` writes its generators' output under `folder`)."""
    roster = make_roster(roster_size, seed)
    if family == "independent":
        return roster, independent_corpus(n, seed, roster, folder or Path(tempfile.mkdtemp()))
    docs = make_corpus(n, roster, seed, family, outsider_rate=ABSENT_RATE, office=True,
                       look_alike_share=LOOK_ALIKE_SHARE)
    return roster, docs


INDEPENDENT = Path(__file__).resolve().parent / "independent"
INDEPENDENT_GENERATORS = ("tabular", "letters")


def independent_corpus(n: int, seed: int, roster: list[PatientRecord], folder: Path) -> list[SynthDoc]:
    """`n` documents, half from each generator under bench/independent (written without sight of this code),
    about `roster`'s patients and a quarter about people absent from it."""
    folder.mkdir(parents=True, exist_ok=True)
    roster_csv = folder / "independent-roster.csv"
    write_roster_csv(roster, roster_csv)
    by_mrn = {p.mrn: p for p in roster}
    docs = []
    for k, name in enumerate(INDEPENDENT_GENERATORS):
        out = folder / f"independent-{name}"
        count = n // len(INDEPENDENT_GENERATORS) + (k < n % len(INDEPENDENT_GENERATORS))
        subprocess.run([sys.executable, str(INDEPENDENT / f"{name}.py"), "--roster", str(roster_csv), "--out", str(out),
                        "--docs", str(count), "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
        for t in json.loads((out / "truth.json").read_text()):
            text = (out / f"{t['id']}.txt").read_text()
            notes, in_roster = t.get("notes") or "", t["who"] == "roster"
            patient = by_mrn[t["mrn"]] if in_roster else PatientRecord("")  # absent: someone the roster lacks
            mrn = _digits(t["mrn"]).lstrip("0")
            docs.append(SynthDoc(
                doc_id=t["id"], doc_type=DocType.other, family="independent",
                pages=tuple(p.strip("\n") for p in text.split("\f")), patient=patient, name_form="independent",
                dob_form="none" if "no DOB" in notes else "printed", has_cover="cover sheet" in notes.lower(),
                in_roster=in_roster, shows_mrn=bool(mrn) and re.search(rf"(?<!\d)0*{mrn}(?!\d)", text) is not None,
                layout=name, office=True, template=t["template"]))
    return docs


def plan(docs: list[SynthDoc], seed: int) -> list[tuple[SynthDoc, str, str]]:
    """(document, kind, font) for every document, drawn from a seeded stream of its own."""
    rng = random.Random(seed ^ 0x1D7A4E)
    fonts = [f for f in FONTS if f in render.available_fonts()] or ["mono"]
    kinds, weights = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    return [(d, rng.choices(kinds, weights)[0], rng.choice(fonts)) for d in docs]


def truth_of(doc: SynthDoc, file: str, kind: str, font: str) -> Truth:
    """The manifest entry of one document."""
    who = "nobody" if doc.patient is None else "roster" if doc.in_roster else "absent"
    return Truth(file=file, doc_id=doc.doc_id, mrn=doc.patient.mrn if who == "roster" and doc.patient else None,
                 who=who, look_alike=doc.look_alike, layout=doc.layout or "none", kind=kind,
                 font="courier" if kind == "text_pdf" else font, template=doc.template,
                 doc_type=doc.doc_type.value, damaged_labels=doc.damaged_labels, shows_mrn=doc.shows_mrn,
                 dob_form=doc.dob_form, name_form=doc.name_form, cover=doc.has_cover and not single_image(kind))


def single_image(kind: str) -> bool:
    """Whether files of `kind` hold one page (a PNG or JPEG)."""
    if kind.startswith("rx_"):
        return received.FORMATS.get(kind[3:], "tiff") in received.SINGLE_IMAGE_FORMATS
    return kind in ("clean300", "photo")


def page_texts(doc: SynthDoc, kind: str) -> list[str]:
    """The pages to write: at most MAX_PAGES, one for a PNG or JPEG (not the cover sheet), no fax line on a text PDF."""
    if single_image(kind):  # one page scanned or photographed: the document's, not its fax cover
        first = 1 if doc.has_cover and len(doc.pages) > 1 else 0
        pages = list(doc.pages[first:first + 1])
    else:
        pages = list(doc.pages[:MAX_PAGES])
    if kind == "text_pdf":
        pages = [p.split("\n", 2)[-1] if p.startswith(("FROM", "Received", "20")) or "P." in p[:90] else p
                 for p in pages]
    return pages


def write_file(doc: SynthDoc, kind: str, font: str, folder: Path, rng: random.Random) -> str:
    """Render and write one document; returns its file name."""
    pages = page_texts(doc, kind)
    if kind == "text_pdf":
        name = f"{doc.doc_id}-{kind}.pdf"
        render.write_text_pdf(pages, folder / name)
        return name
    if kind.startswith("rx_"):
        shots, made = received.received_document(kind[3:], pages, rng, font=font)
        name = f"{doc.doc_id}-{kind}{_EXT[made['format']]}"
        received.write_received(shots, str(folder / name), made)
        return name
    images, meta = render.make_page(kind, pages, rng, font=font)
    name = f"{doc.doc_id}-{kind}{_EXT[meta['format']]}"
    render.write_pages(images if meta["format"] == "tiff" else images[0], folder / name, meta)
    return name


def write_corpus(planned: list[tuple[SynthDoc, str, str]], folder: Path, seed: int) -> list[Truth]:
    """Write every document under folder/docs and the ground truth to folder/manifest.json."""
    docs_dir = folder / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed ^ 0x5CA9)
    truths = [truth_of(d, write_file(d, kind, font, docs_dir, rng), kind, font) for d, kind, font in planned]
    (folder / "manifest.json").write_text(json.dumps([t.__dict__ for t in truths], indent=1) + "\n")
    return truths


def text_truths(planned: list[tuple[SynthDoc, str, str]]) -> list[Truth]:
    """Ground truth for a text-only run (nothing written; the kind is what the file would have been)."""
    return [truth_of(d, d.doc_id, kind, font) for d, kind, font in planned]


# ---- running -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Result:
    """What the pipeline did with one document."""

    status: str  # filed | review | failed | duplicate | missing
    mrn: str | None  # the patient it was filed to
    reasons: tuple[str, ...] = ()
    candidate: str | None = None  # the best candidate a clerk is shown (review)


def open_store(home: Path, roster: list):  # type: ignore[no-untyped-def]
    """A new store under `home` with `roster` imported (the library, as `patients import` does)."""
    from pipeline.config import load_config
    from pipeline.index.roster import upsert_patients
    from pipeline.index.store import Store

    cfg = load_config(str(home))
    store = Store(cfg)
    with store.db.session() as s:
        upsert_patients(s, roster)
    return cfg, store


def run_pipeline(cfg, store, docs_dir: Path, workers: int) -> dict[str, Result]:  # type: ignore[no-untyped-def]
    """`run_batch` over the folder; the statuses and review reasons read back from the store, by file name."""
    from pipeline.drivers.batch import run_batch

    run_batch(cfg, store, docs_dir, user="bench", workers=workers)
    review = {r["id"]: r for r in store.list_review()}
    out = {}
    for d in store.list_documents():
        item = review.get(d["id"], {})
        reasons = tuple(item.get("reasons", ())) or ((f"failed: {d['error']}",) if d["error"] else ())
        out[d["source_name"]] = Result(d["status"], d["patient_mrn"], reasons, item.get("candidate_mrn"))
    return out


def run_text(cfg, store, planned: list[tuple[SynthDoc, str, str]]) -> dict[str, Result]:  # type: ignore[no-untyped-def]
    """The stages after OCR, in-process, on the generated text of the pages that would have been written."""
    from pipeline.classify import ClassifierOptions, classify_pages
    from pipeline.index.roster import load_patients
    from pipeline.match.assist import ZoneReader
    from pipeline.match.extract import find_identifiers
    from pipeline.match.matcher import MatchOptions, match_identifiers
    from pipeline.match.roster import Roster
    from pipeline.records import PageSource, PageText
    from pipeline.route import route

    with store.db.session() as s:
        roster = Roster.from_records(load_patients(s))
    options, classify = MatchOptions.from_config(cfg), ClassifierOptions.from_config(cfg)
    out = {}
    for doc, kind, _font in planned:
        pages = [PageText(i, text, PageSource.text_layer) for i, text in enumerate(page_texts(doc, kind), 1)]
        match = match_identifiers(find_identifiers(pages), roster, options, ZoneReader(pages))
        routing = route(match, classify_pages(pages, classify), cfg.type_threshold)
        best = match.candidates[0].mrn if match.candidates else None
        out[doc.doc_id] = Result(routing.status.value, match.mrn, routing.reasons, best)
    return out


# ---- report ------------------------------------------------------------------------------------------

def _digits(mrn: str | None) -> str:
    return "".join(ch for ch in mrn or "" if ch.isdigit())


def _reason_key(reason: str) -> str:
    """A reason with its numbers taken out, so the same failure counts once."""
    return " ".join("#" if any(ch.isdigit() for ch in word) else word for word in reason.split())


def outcome(t: Truth, r: Result) -> str:
    """correct | wrong | review | failed for a roster document; filed | kept for an absent or nobody one."""
    if t.who != "roster":
        return "filed" if r.status == "filed" else "kept"
    if r.status == "filed":
        return "correct" if _digits(r.mrn) == _digits(t.mrn) else "wrong"
    return "failed" if r.status in ("failed", "missing") else "review"


def summarize(truths: list[Truth], results: dict[str, Result], seconds: float) -> dict:
    """Every figure the report prints, as plain data."""
    pairs = [(t, results.get(t.file, Result("missing", None, ("missing: not recorded",)))) for t in truths]
    roster = [(t, r) for t, r in pairs if t.who == "roster"]
    got = Counter(outcome(t, r) for t, r in roster)
    not_filed = [(t, r) for t, r in roster if outcome(t, r) in ("review", "failed")]
    # The two-identifier rule can only be met where the document prints a date of birth or the MRN
    fileable = [(t, r) for t, r in roster if t.dob_form != "none" or t.shows_mrn]
    fileable_filed = sum(1 for t, r in fileable if outcome(t, r) == "correct")
    return {
        "documents": len(truths), "seconds": round(seconds, 1),
        "by_who": dict(Counter(t.who for t in truths)),
        "in_roster": len(roster), "filed_correct": got["correct"], "filed_wrong": got["wrong"],
        "filed_pct": round(100 * got["correct"] / len(roster), 1) if roster else 0.0,
        "in_roster_review": got["review"], "in_roster_failed": got["failed"],
        "two_identifiers": len(fileable), "two_identifiers_filed": fileable_filed,
        "two_identifiers_pct": round(100 * fileable_filed / len(fileable), 1) if fileable else 0.0,
        "absent_filed": sum(1 for t, r in pairs if t.who == "absent" and r.status == "filed"),
        "nobody_filed": sum(1 for t, r in pairs if t.who == "nobody" and r.status == "filed"),
        "review_reasons": Counter(_reason_key(x) for _, r in not_filed for x in r.reasons).most_common(15),
        "review_true_candidate_first": sum(1 for t, r in not_filed if _digits(r.candidate) == _digits(t.mrn)),
        # the patient was matched for filing; only the document's type was unsure
        "review_type_only": sum(1 for _, r in not_filed if r.reasons == (TYPE_UNCERTAIN,)),
        "by_layout": _breakdown(roster, "layout"), "by_kind": _breakdown(roster, "kind"),
        "by_font": _breakdown(roster, "font"), "by_damaged_labels": _breakdown(roster, "damaged_labels"),
        "absent_by_look_alike": _absent_breakdown(pairs),
        "wrong": [_example(t, r) for t, r in roster if outcome(t, r) == "wrong"],
        "absent_filed_docs": [_example(t, r) for t, r in pairs if t.who == "absent" and r.status == "filed"],
        "not_filed_docs": [_example(t, r) for t, r in not_filed],
    }


def _breakdown(roster: list[tuple[Truth, Result]], attr: str) -> dict[str, dict[str, int]]:
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for t, r in roster:
        table[str(getattr(t, attr))][outcome(t, r)] += 1
    return {k: {"n": sum(c.values()), **c} for k, c in sorted(table.items())}


def _absent_breakdown(pairs: list[tuple[Truth, Result]]) -> dict[str, dict[str, int]]:
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for t, r in pairs:
        if t.who == "absent":
            table[t.look_alike or "stranger"][outcome(t, r)] += 1
    return {k: {"n": sum(c.values()), **c} for k, c in sorted(table.items())}


def _example(t: Truth, r: Result) -> dict:
    return {"file": t.file, "layout": t.layout, "kind": t.kind, "font": t.font, "template": t.template,
            "true_mrn": t.mrn, "filed_mrn": r.mrn, "candidate": r.candidate, "reasons": list(r.reasons)[:3]}


_COLUMNS = ("correct", "wrong", "review", "failed", "filed", "kept")


def print_report(s: dict, label: str) -> None:
    """The figures, the top reasons and the per-layout / per-kind tables on stdout."""
    print(f"== intake benchmark: {label}: {s['documents']} documents {s['by_who']} in {s['seconds']} s")
    ok = "OK" if s["filed_pct"] >= 100 * TARGET_FILED else "BELOW"
    print(f"in-roster filed automatically : {s['filed_correct']}/{s['in_roster']} = {s['filed_pct']}%  "
          f"(target >= {100 * TARGET_FILED:.0f}%) {ok}")
    print(f"  of those printing a DOB or MRN: {s['two_identifiers_filed']}/{s['two_identifiers']} = "
          f"{s['two_identifiers_pct']}%  (a name alone never files)")
    print(f"filed to a wrong patient      : {s['filed_wrong']}  (target 0)")
    print(f"absent patients filed         : {s['absent_filed']}  (target 0);  about nobody filed: {s['nobody_filed']}")
    print(f"in-roster to review / failed  : {s['in_roster_review']} / {s['in_roster_failed']}  "
          f"(true patient first candidate in {s['review_true_candidate_first']}; "
          f"only the type unsure in {s['review_type_only']})")
    print("top reasons in-roster documents were not filed:")
    for reason, n in s["review_reasons"]:
        print(f"  {n:4d}  {reason}")
    tables = ["by_layout", "by_damaged_labels", "absent_by_look_alike"]
    tables[1:1] = [] if s.get("text_only") else ["by_kind", "by_font"]  # no file was made: kind and font are moot
    for title in tables:
        print(f"{title.replace('_', ' ')}:")
        for key, row in s[title].items():
            rest = "  ".join(f"{k} {row[k]}" for k in _COLUMNS if k in row)
            print(f"  {key:<18} n {row['n']:4d}  {rest}")
    for example in s["wrong"] + s["absent_filed_docs"]:
        print(f"  FILED WRONGLY: {example}")


# ---- main --------------------------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=120, help="generated documents (default 120)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"seed of roster and documents (default {SEED})")
    parser.add_argument("--family", choices=("train", "holdout", "independent"), default="holdout",
                        help="template family: holdout for reported figures, train for tuning, independent for "
                             "documents from bench/independent's generators (default holdout)")
    parser.add_argument("--roster", type=int, default=ROSTER_SIZE, help=f"roster size (default {ROSTER_SIZE})")
    parser.add_argument("--workers", type=int, default=2, help="OCR worker processes (default 2)")
    parser.add_argument("--text-only", action="store_true", help="skip rendering and OCR: match the generated text")
    parser.add_argument("--keep", help="write documents, manifest and store under this folder and keep them")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON instead of tables")
    return parser.parse_args(argv)


def run(args: argparse.Namespace, folder: Path) -> dict:
    """Generate, run and summarize in `folder`."""
    roster, docs = corpus(args.docs, args.seed, args.family, args.roster, folder)
    planned = plan(docs, args.seed)
    cfg, store = open_store(folder / "home", roster)
    try:
        started = time.monotonic()
        if args.text_only:
            truths, results = text_truths(planned), run_text(cfg, store, planned)
        else:
            truths = write_corpus(planned, folder, args.seed)
            write_roster_csv(roster, folder / "roster.csv")  # the truth's MRNs, importable with the CLI
            print(f"wrote {len(truths)} documents to {folder / 'docs'}; running the batch", file=sys.stderr)
            started = time.monotonic()
            results = run_pipeline(cfg, store, folder / "docs", args.workers)
        return {**summarize(truths, results, time.monotonic() - started), "text_only": args.text_only}
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit 0 when every target is met."""
    args = parse_args(argv)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if args.keep:
        Path(args.keep).mkdir(parents=True, exist_ok=True)
        summary = run(args, Path(args.keep))
    else:
        with tempfile.TemporaryDirectory(prefix="docintake-bench-intake-") as tmp:
            summary = run(args, Path(tmp))
    mode = "text only" if args.text_only else "full pipeline"
    if args.json:
        print(json.dumps(summary, indent=1))
    else:
        print_report(summary, f"{args.family} family, {mode}, roster {args.roster}, seed {args.seed}")
    met = summary["filed_pct"] >= 100 * TARGET_FILED and not summary["filed_wrong"] and not summary["absent_filed"]
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
