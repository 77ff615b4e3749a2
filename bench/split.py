"""Splitting benchmark: generated fax transmissions of several documents, and one-document faxes.

Run:  OMP_THREAD_LIMIT=1 .venv/bin/python bench/split.py --seed 20261203            (text pages, ~1 min)
      OMP_THREAD_LIMIT=1 .venv/bin/python bench/split.py --seed 20261203 --ocr      (every received kind)
      OMP_THREAD_LIMIT=1 .venv/bin/python bench/split.py --quick                   (a few, for a test run)
      options: --faxes N  --singles N  --seed S  --roster N  --family F  --json

A transmission joins 2-4 documents (pipeline.synth.documents.make_document, office layouts half the time)
of 1-4 pages each; a document's text is cut into pages whose running header repeats the patient (or, for
some pages, only the page number, or nothing at all: pages without identifiers). Some transmissions are
one patient's two documents, some start with a fax cover sheet, some are about a patient not in the
roster. The fax stamp is either one transmission's (its counter runs on across the documents) or each
document's own (its counter starts again). One-document faxes are the same documents alone.

Text mode runs the stages after OCR in-process on the generated text (per-page identifiers, matching,
type, the split plan and the one rule in pipeline.split.plan.resolve, as the orchestrator does); --ocr
renders every page as a kind of pipeline.synth.received.RECEIVED_KINDS (in turn, fax by fax) and reads it
back with the OCR stage first; the PNG and JPEG kinds (scans, phone photos) of several sheets are written
as one image-only PDF of those pages, as scan-to-email and scanner apps deliver them.

Figures: pages filed under a wrong patient (target 0); multi-document faxes whose boundaries are found
exactly, filed as parts or proposed to a clerk (>= 95%; a cover sheet may go with the first part or stand
alone); parts filed automatically, of those that would be filed automatically on their own (>= 80%);
one-document faxes split or proposed for splitting (<= 1%). Tune on --seed 1, report on another.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.errors import DocumentError  # noqa: E402
from pipeline.records import DocType, PageSource, PageText, PatientRecord  # noqa: E402
from pipeline.synth import fields, received, render  # noqa: E402
from pipeline.synth.documents import TYPE_WEIGHTS, SynthDoc, make_document  # noqa: E402
from pipeline.synth.identities import make_outsiders, make_roster  # noqa: E402

SEED = 20261203  # the reporting seed; tune on another (1)
ROSTER_SIZE = 2000
TARGETS = {"wrong_pages": 0, "boundaries_pct": 95.0, "auto_parts_pct": 80.0, "singles_split_pct": 1.0}
RUNNING = ("{name}   DOB: {dob}      Page {k} (continued)", "{name} -- {sender} -- page {k}",
           "Patient: {name}  DOB: {dob}  Page {k} of {n}")
FIRST_PAGE_LINES = 18
BARE = ("Page {k} (continued)", "Page {k} of {n}", "")  # continuation pages that name nobody


@dataclass
class Fax:
    """One generated transmission: its pages, and the truth of each page."""

    name: str
    pages: list[str]
    page_mrn: list[str | None]  # the roster MRN each page is about ('absent:...' for others; None: the cover)
    page_doc: list[int]  # which document (0-based) each page belongs to; -1 for the cover sheet
    kind: str = "text"
    cover_named: bool = False
    docs: list[SynthDoc] = field(default_factory=list)

    @property
    def boundaries(self) -> set[int]:
        """Pages after which a new document starts (the cover's boundary left out: either answer is right)."""
        return {i + 1 for i in range(len(self.page_doc) - 1)
                if self.page_doc[i] != self.page_doc[i + 1] and self.page_doc[i] != -1}

    @property
    def cover_page(self) -> bool:
        return bool(self.page_doc) and self.page_doc[0] == -1


def _cut(doc: SynthDoc, pages: int, rng: random.Random) -> list[str]:
    """A one-page generated document as `pages` pages, each after the first with a running header."""
    lines = doc.pages[-1].splitlines()
    cover = list(doc.pages[:-1])
    if pages == 1 or len(lines) < 8:
        return cover + ["\n".join(lines)]
    size = -(-len(lines) // pages)
    first = max(size, FIRST_PAGE_LINES)  # the patient block stays on the document's first page
    chunks = [lines[:first]] + [lines[i:i + size] for i in range(first, len(lines), size)]
    style = rng.choice(RUNNING)
    out = ["\n".join(chunks[0])]
    for k, chunk in enumerate(chunks[1:], start=2):
        head = _running(doc, style, k, len(chunks), rng)
        out.append("\n".join([head, ""] + chunk) if head else "\n".join(chunk))
    return cover + out


def _running(doc: SynthDoc, style: str, k: int, n: int, rng: random.Random) -> str:
    if doc.patient is None or rng.random() < 0.25:
        return rng.choice(BARE).format(k=k, n=n)  # a page that names nobody
    name = fields.format_name(doc.patient, doc.name_form, rng) if doc.name_form != "none" else ""
    dob = fields.format_date(doc.patient.dob, doc.dob_form) if doc.patient.dob and doc.dob_form != "none" else ""
    return style.format(name=name, dob=dob or "", sender=doc.sender_numbers[0], k=k, n=n)


def _stamp(pages: list[str], sender: str, fax: str, start: int, total: int, rng: random.Random) -> list[str]:
    style = rng.randrange(3)
    out = []
    for i, text in enumerate(pages, start=start):
        if style == 0:
            head = f"FROM: {sender[:16]}   FAX {fax}   11/20/2026 09:{i % 60:02d}   P.{i:03d}/{total:03d}"
        elif style == 1:
            head = f"Received: 20/Nov/2026 09:14  From: {sender[:20]} ({fax.replace('-', '')})  Pg {i}/{total}"
        else:
            head = f"2026-11-20 09:14:07 (GMT-5)  {fax.replace('-', '')} -> 2078638130  Page {i} of {total}"
        out.append(head + "\n\n" + text)
    return out


def _document(rng: random.Random, patient: PatientRecord | None, family: str, cover: bool) -> SynthDoc:
    types = [t for t in TYPE_WEIGHTS if t is not DocType.other or patient is None]
    weights = [TYPE_WEIGHTS[t] for t in types]
    doc_type = DocType.other if patient is None else rng.choices(types, weights)[0]
    return make_document(patient, doc_type, rng, family, cover=cover, office=rng.random() < 0.5, fax_header=False)


def _who(rng: random.Random, roster: list[PatientRecord], outsiders: list[PatientRecord],
         previous: PatientRecord | None) -> PatientRecord:
    if previous is not None and rng.random() < 0.3:
        return previous  # one patient's second document
    return rng.choice(outsiders) if rng.random() < 0.1 else rng.choice(roster)


def make_fax(i: int, rng: random.Random, roster: list[PatientRecord], outsiders: list[PatientRecord],
             family: str, parts: int) -> Fax:
    """One transmission of `parts` documents (one-document faxes: parts 1)."""
    in_roster = {p.mrn for p in roster}
    cover = rng.random() < 0.35
    pages: list[str] = []
    page_mrn: list[str | None] = []
    page_doc: list[int] = []
    docs, previous = [], None
    for d in range(parts):
        patient = _who(rng, roster, outsiders, previous)
        doc = _document(rng, patient, family, cover and d == 0)
        cut = _cut(doc, rng.randint(1, 4), rng)
        own = [doc.pages[0]] if doc.has_cover else []
        docs.append(doc)
        mrn = patient.mrn if patient.mrn in in_roster else f"absent:{patient.mrn}"
        for k, text in enumerate(cut):
            is_cover = bool(own) and k == 0
            pages.append(text)
            page_mrn.append(None if is_cover else mrn)
            page_doc.append(-1 if is_cover else d)
        previous = patient
    if rng.random() < 0.6:  # one transmission: its stamp's counter runs on across the documents
        pages = _stamp(pages, "MEDICAL RECORDS", docs[0].sender_numbers[1], 1, len(pages), rng)
    else:  # each document sent on its own, joined by a fax server: each counter starts again
        out, at = [], 0
        for d, doc in enumerate(docs):
            n = page_doc.count(d) + (1 if d == 0 and page_doc and page_doc[0] == -1 else 0)
            out += _stamp(pages[at:at + n], f"FACILITY {doc.sender_numbers[1][-4:]}", doc.sender_numbers[1], 1, n, rng)
            at += n
        pages = out
    return Fax(f"fax-{i:04d}", pages, page_mrn, page_doc, docs=docs)


def corpus(faxes: int, singles: int, seed: int, family: str, roster_size: int) -> tuple[list, list[Fax]]:
    """The roster, `faxes` transmissions of 2-4 documents, then `singles` one-document faxes."""
    rng = random.Random(seed)
    roster = make_roster(roster_size, seed)
    outsiders = make_outsiders(50, seed, exclude=roster)
    made = [make_fax(i, rng, roster, outsiders, family, rng.randint(2, 4)) for i in range(faxes)]
    made += [make_fax(faxes + i, rng, roster, outsiders, family, 1) for i in range(singles)]
    return roster, made


# ---- reading -----------------------------------------------------------------------------------------

@dataclass
class Reading:
    """What docintake made of one fax: whole / split / review, the parts and their filing."""

    what: str
    filed_mrn: str | None  # the whole fax filed under
    parts: list[tuple[tuple[int, ...], str | None]]  # (pages, filed MRN or None) of each proposed or filed part


class Reader:
    """The stages after OCR, in-process, exactly as Pipeline._match_and_record runs them."""

    def __init__(self, roster: list[PatientRecord], partial: bool = True) -> None:
        from pipeline.classify import classify_pages
        from pipeline.config import Config
        from pipeline.match.matcher import MatchOptions
        from pipeline.match.roster import Roster

        self.cfg = Config(split_partial=partial)
        self.roster = Roster.from_records(roster)
        self.options = MatchOptions.from_config(self.cfg)
        self.classify = lambda pages: classify_pages(pages, None)

    def match(self, pages: list[PageText]) -> Any:
        from pipeline.match.assist import ZoneReader
        from pipeline.match.extract import find_identifiers
        from pipeline.match.matcher import match_identifiers

        return match_identifiers(find_identifiers(pages), self.roster, self.options, ZoneReader(pages))

    def read(self, pages: list[PageText]) -> Reading:
        from pipeline.route import route
        from pipeline.split.plan import plan_split, resolve

        match = self.match(pages)
        routing = route(match, self.classify(pages), self.cfg.type_threshold)
        plan = plan_split(pages, self.match, self.classify, self.cfg.type_threshold, self.cfg.split_partial)
        what = resolve(plan, routing, match.mrn)
        if what == "whole" or plan is None:
            return Reading("whole", match.mrn if routing.status.value == "filed" else None, [])
        if what == "doubt":  # one document to a clerk, whole: nothing filed, no split proposed
            return Reading("doubt", None, [])
        filed = what == "split"
        return Reading(what, None, [(r.part.pages, r.match.mrn if filed and r.match and r.passes else None)
                                    for r in plan.readings])

    def alone(self, pages: list[PageText]) -> str | None:
        """The MRN a document would be filed under on its own (None: review)."""
        from pipeline.route import route

        match = self.match(pages)
        return match.mrn if route(match, self.classify(pages), self.cfg.type_threshold).status.value == "filed" else None


def text_pages(fax: Fax) -> list[PageText]:
    """The fax's pages as text-layer pages."""
    return [PageText(i, t, PageSource.text_layer) for i, t in enumerate(fax.pages, start=1)]


def ocr_pages(fax: Fax, kind: str, folder: Path, rng: random.Random) -> list[PageText]:
    """The fax rendered as `kind`, written, and read back by the OCR stage."""
    from pipeline.ocr import OcrOptions, read_document

    shots, made = received.received_document(kind, fax.pages, rng)
    path = folder / f"{fax.name}.{made['format']}"
    if made["format"] in received.SINGLE_IMAGE_FORMATS and len(fax.pages) > 1:
        # scans and photos of several sheets come as one image-only PDF (scan-to-email, a phone's scanner app)
        shots += [received.received_document(kind, [t], rng, font=made["font"])[0][0] for t in fax.pages[1:]]
        path = path.with_suffix(".pdf")
        render.write_image_pdf(shots, path)
    else:
        received.write_received(shots, str(path), made)
    return list(read_document(str(path), OcrOptions()).pages)


# ---- scoring -----------------------------------------------------------------------------------------

def score(faxes: list[Fax], readings: list[Reading], alone: dict[tuple[str, int], str | None]) -> dict[str, Any]:
    """The four figures, and counts behind them."""
    wrong = exact = multi = auto_ok = auto_base = singles = singles_split = 0
    outcomes: Counter[str] = Counter()
    for fax, r in zip(faxes, readings, strict=True):
        wrong += _wrong_pages(fax, r)
        outcomes[f"{'multi' if fax.boundaries else 'single'}:{r.what}"] += 1
        if len(set(d for d in fax.page_doc if d >= 0)) > 1:
            multi += 1
            exact += _exact(fax, r)
            got, base = _auto_parts(fax, r, alone)
            auto_ok, auto_base = auto_ok + got, auto_base + base
        else:
            singles += 1
            singles_split += r.what not in ("whole", "failed") and len([p for p in r.parts if p[0]]) > 1
    pct = lambda a, b: round(100 * a / b, 1) if b else 0.0  # noqa: E731
    return {"faxes": multi, "singles": singles, "wrong_pages": wrong,
            "boundaries_exact": exact, "boundaries_pct": pct(exact, multi),
            "auto_parts": auto_ok, "auto_parts_base": auto_base, "auto_parts_pct": pct(auto_ok, auto_base),
            "singles_split": singles_split, "singles_split_pct": pct(singles_split, singles),
            "outcomes": dict(sorted(outcomes.items()))}


def _wrong_pages(fax: Fax, r: Reading) -> int:
    """Pages filed under someone they are not about (a cover sheet names nobody: never wrong)."""
    if r.what == "whole":
        return sum(1 for m in fax.page_mrn if r.filed_mrn and m is not None and m != r.filed_mrn)
    return sum(1 for pages, mrn in r.parts if mrn for n in pages
               if fax.page_mrn[n - 1] is not None and fax.page_mrn[n - 1] != mrn)


def _cuts(parts: list[tuple[tuple[int, ...], str | None]]) -> set[int]:
    return {pages[-1] for pages, _ in parts[:-1]}


def _exact(fax: Fax, r: Reading) -> bool:
    if r.what == "whole":
        return False
    cuts = _cuts(r.parts) - ({1} if fax.cover_page else set())
    return cuts == fax.boundaries


def _auto_parts(fax: Fax, r: Reading, alone: dict[tuple[str, int], str | None]) -> tuple[int, int]:
    """(true parts filed automatically as exactly themselves to the right patient, those that would be alone)."""
    got = base = 0
    filed = {pages: mrn for pages, mrn in r.parts if mrn} if r.what == "split" else {}
    for d in sorted(set(x for x in fax.page_doc if x >= 0)):
        pages = tuple(i + 1 for i, x in enumerate(fax.page_doc) if x == d)
        truth = fax.page_mrn[pages[0] - 1]
        if alone.get((fax.name, d)) is None or alone[(fax.name, d)] != truth:
            continue
        base += 1
        with_cover = (1, *pages) if fax.cover_page and pages[0] == 2 else None
        got += filed.get(pages) == truth or (with_cover is not None and filed.get(with_cover) == truth)
    return got, base


# ---- run ---------------------------------------------------------------------------------------------

def run(args: argparse.Namespace) -> dict[str, Any]:
    """Generate, read, score."""
    started = time.monotonic()
    roster, faxes = corpus(args.faxes, args.singles, args.seed, args.family, args.roster)
    reader = Reader(roster, partial=not args.strict)
    rng = random.Random(args.seed ^ 0x5EED)
    kinds = Counter()
    readings, alone = [], {}
    with tempfile.TemporaryDirectory(prefix="split-bench-") as tmp:
        for i, fax in enumerate(faxes):
            kind = received.RECEIVED_KINDS[i % len(received.RECEIVED_KINDS)] if args.ocr else "text"
            fax.kind = kind
            kinds[kind] += 1
            try:
                pages = ocr_pages(fax, kind, Path(tmp), rng) if args.ocr else text_pages(fax)
            except DocumentError as exc:  # the pipeline records such a fax as failed: nothing is filed
                print(f"  {fax.name}: {exc}", file=sys.stderr)
                readings.append(Reading("failed", None, []))
                continue
            readings.append(reader.read(pages))
            for d in sorted(set(x for x in fax.page_doc if x >= 0)):
                own = [p for p, x in zip(pages, fax.page_doc, strict=False) if x == d]
                alone[(fax.name, d)] = reader.alone([PageText(k, p.text, p.source, p.words, p.mean_confidence)
                                                     for k, p in enumerate(own, start=1)])
            if not args.json and (i + 1) % 25 == 0:
                print(f"  {i + 1}/{len(faxes)} faxes read", file=sys.stderr)
    figures = score(faxes, readings, alone)
    figures.update(seed=args.seed, family=args.family, mode="ocr" if args.ocr else "text", strict=args.strict,
                   kinds=dict(kinds), seconds=round(time.monotonic() - started, 1))
    figures["misses"] = [_miss(f, r) for f, r in zip(faxes, readings, strict=True)
                         if (f.boundaries and not _exact(f, r)) or _wrong_pages(f, r)
                         or (not f.boundaries and r.what != "whole")][:12]
    return figures


def _miss(fax: Fax, r: Reading) -> dict[str, Any]:
    return {"fax": fax.name, "kind": fax.kind, "truth": fax.page_doc, "what": r.what,
            "parts": [list(p) for p, _ in r.parts], "wrong_pages": _wrong_pages(fax, r)}


def report(f: dict[str, Any]) -> None:
    """The figures as text, each against its target."""
    rule = "strict (split_partial false)" if f["strict"] else "split_partial"
    print(f"bench/split.py  seed {f['seed']}  family {f['family']}  mode {f['mode']}  {rule}  {f['seconds']} s")
    print(f"  multi-document faxes {f['faxes']}, one-document faxes {f['singles']}, kinds {f['kinds']}")
    print(f"  pages filed to a wrong patient : {f['wrong_pages']}   (target 0)")
    print(f"  boundaries exactly right       : {f['boundaries_exact']}/{f['faxes']} = {f['boundaries_pct']}%   (>= 95%)")
    print(f"  parts filed automatically      : {f['auto_parts']}/{f['auto_parts_base']} = {f['auto_parts_pct']}%"
          "   (of those filed alone; >= 80%)")
    print(f"  one-document faxes split       : {f['singles_split']}/{f['singles']} = {f['singles_split_pct']}%   (<= 1%)")
    print(f"  outcomes: {f['outcomes']}")
    for m in f["misses"]:
        print(f"  miss {m}")


def met(f: dict[str, Any]) -> bool:
    """True when every figure reaches its target."""
    return (f["wrong_pages"] == 0 and f["boundaries_pct"] >= TARGETS["boundaries_pct"]
            and f["auto_parts_pct"] >= TARGETS["auto_parts_pct"] and f["singles_split_pct"] <= TARGETS["singles_split_pct"])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faxes", type=int, default=200, help="multi-document transmissions (default 200)")
    parser.add_argument("--singles", type=int, default=200, help="one-document faxes (default 200)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"seed (default {SEED}; tune on 1)")
    parser.add_argument("--roster", type=int, default=ROSTER_SIZE, help=f"roster size (default {ROSTER_SIZE})")
    parser.add_argument("--family", default="holdout", choices=("train", "holdout"), help="template family")
    parser.add_argument("--ocr", action="store_true", help="render every page as a received kind and OCR it")
    parser.add_argument("--strict", action="store_true",
                        help="split_partial = false: a fax is split only when every part can be filed")
    parser.add_argument("--quick", action="store_true", help="a few faxes (for a test run)")
    parser.add_argument("--json", action="store_true", help="the figures as JSON on stdout")
    args = parser.parse_args(argv)
    if args.quick:
        args.faxes, args.singles, args.roster = 6, 6, 200
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    figures = run(args)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        report(figures)
    return 0 if met(figures) else 1


if __name__ == "__main__":
    sys.exit(main())
