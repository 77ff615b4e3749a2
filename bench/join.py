"""Acceptance check of splitting: faxes joined from whole documents, through the real CLI, against their truth.

Run:  OMP_THREAD_LIMIT=1 .venv/bin/python bench/join.py                                (the committed samples, ~1 min)
      OMP_THREAD_LIMIT=1 .venv/bin/python bench/join.py --source DIR --faxes 20   (DIR: `bench/intake.py --keep DIR`)
      options: --faxes N  --pairs N  --seed S  --workers N  --keep DIR  --json

The documents and their truth are the committed samples (samples/manifest.json: true MRN, expected outcome;
samples/roster.csv; the files under samples/docs), or, with --source DIR, a folder written by
`bench/intake.py --keep DIR` (DIR/manifest.json, DIR/docs, DIR/roster.csv). A joined fax holds 2-3 whole
documents of different patients (a patient not in the roster is one of them), drawn and ordered with a
seeded RNG, every page of each, in one PDF as an office receives it: text-layer PDF pages are copied as they
are; image pages (TIFF frames, PNG, JPEG, image-only PDF pages) stay images at their own resolution (img2pdf,
installed with ocrmypdf by the bench extra; a JPEG's EXIF orientation becomes the page's /Rotate). A document
about nobody (a fax test page, a flyer) is not joined: no patient's boundary is in question there, and the
pipeline cannot tell it from the document before it by its patient (docs/split.md, Limits). Every source
document is also run alone, its file as it is (a "single"). --pairs N adds N faxes of one patient's two
documents where the source has such documents; they are scored apart, as one patient's pair filed whole is
not wrong.

Everything goes through the CLI as a user runs it, in a temporary home (--keep DIR keeps the home and the
inbox): `patients import`, `batch` over the inbox of joined faxes and singles, then `documents list --json`
and `review list --json`. The boundaries found are those of the automatic split's parts (`parent_pages`; a
cover sheet kept with the fax counts as a part of its own) or of the review item's `proposed_parts`.

Figures: pages filed under a wrong patient (target 0): pages of a filed part (or of a fax filed whole) whose
true patient is another, not in the roster, or nobody; joined faxes whose boundaries are found exactly,
split automatically or proposed to a clerk (>= 80%; a cut right after a document's own fax cover sheet is
neither needed nor wrong); parts filed automatically, of the documents that are filed automatically alone;
singles split or proposed for splitting (target 0); singles that end as their manifest expects (filed under
their patient, or in review). The misses name files, page numbers, MRNs (synthetic) and reasons, never a
patient's name or birth date. Exit 0 when the three targets are met.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
SEED = 4242
FAXES = 12
TARGETS = {"wrong_pages": 0, "boundaries_pct": 80.0, "singles_split": 0}


@dataclass(frozen=True)
class Source:
    """One document and its truth."""

    file: str  # its file name: the output names documents by it
    path: Path
    mrn: str | None  # the roster patient it is about; None: a patient not in the roster, or nobody
    who: str  # roster | absent | nobody
    pages: int
    cover: bool = False  # its first page is a fax cover sheet
    expect: str = "filed"  # filed | review: what it becomes alone

    @property
    def person(self) -> str:
        """Tells patients apart (a patient not in the roster: one per document)."""
        return f"mrn:{_digits(self.mrn)}" if self.mrn else f"{self.who}:{self.file}"


@dataclass(frozen=True)
class Fax:
    """One file put into the inbox: the documents it holds, in order."""

    name: str
    docs: tuple[Source, ...]
    kind: str = "joined"  # joined | pair (one patient's two documents) | single

    def spans(self) -> list[tuple[int, ...]]:
        """Each document's pages in the fax (1-based)."""
        out, at = [], 1
        for doc in self.docs:
            out.append(tuple(range(at, at + doc.pages)))
            at += doc.pages
        return out

    @property
    def page_mrn(self) -> list[str | None]:
        """The true roster MRN of every page (None: not in the roster, or nobody)."""
        return [doc.mrn for doc in self.docs for _ in range(doc.pages)]

    @property
    def cuts(self) -> set[int]:
        """Pages after which another document starts."""
        return {span[-1] for span in self.spans()[:-1]}

    @property
    def optional(self) -> set[int]:
        """Cuts neither needed nor wrong: right after a document's own cover sheet."""
        return {span[0] for doc, span in zip(self.docs, self.spans(), strict=True) if doc.cover and len(span) > 1}


@dataclass(frozen=True)
class Part:
    """A run of a fax's pages as docintake cut or proposed it."""

    pages: tuple[int, ...]
    mrn: str | None = None  # the patient it is filed under; None: not filed
    status: str = "proposed"  # filed | review (a part), proposed (a review item's proposal), kept (with the fax)
    cover: bool = False  # a cover sheet, set apart
    doc_id: str | None = None
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reading:
    """What became of one file: its status and its parts (a fax filed whole is one filed part)."""

    status: str  # filed | review | split | failed | duplicate | missing
    parts: tuple[Part, ...]
    doc_id: str | None = None
    reasons: tuple[str, ...] = ()


def _digits(mrn: str | None) -> str:
    return "".join(ch for ch in mrn or "" if ch.isdigit())


# ---- sources -----------------------------------------------------------------------------------------

def count_pages(path: Path) -> int:
    """Pages of a PDF, frames of a TIFF, 1 for a PNG or JPEG."""
    if path.suffix.lower() == ".pdf":
        import pikepdf

        with pikepdf.open(path) as pdf:
            return len(pdf.pages)
    from PIL import Image

    with Image.open(path) as im:
        return getattr(im, "n_frames", 1)


def sample_sources(root: Path) -> list[Source]:
    """The committed samples with samples/manifest.json's truth."""
    out = []
    for entry in json.loads((root / "manifest.json").read_text())["documents"]:
        path = root / entry["file"]
        who = "roster" if entry.get("in_roster") else "absent" if entry.get("patient") else "nobody"
        out.append(Source(path.name, path, entry["mrn"] if who == "roster" else None, who, count_pages(path),
                          bool(entry.get("has_cover")), entry.get("expect", "filed")))
    return out


def kept_sources(folder: Path) -> list[Source]:
    """The documents of a `bench/intake.py --keep` folder (its roster documents should be filed)."""
    return [Source(e["file"], folder / "docs" / e["file"], e["mrn"], e["who"], count_pages(folder / "docs" / e["file"]),
                   bool(e.get("cover")), "filed" if e["who"] == "roster" else "review")
            for e in json.loads((folder / "manifest.json").read_text())]


def load_sources(source: Path | None) -> tuple[Path, list[Source]]:
    """(roster CSV, documents) of the samples or of a kept folder."""
    if source is None:
        return SAMPLES / "roster.csv", sample_sources(SAMPLES)
    roster = source / "roster.csv"
    if not roster.is_file():
        raise SystemExit(f"{roster} is missing: write the folder with `bench/intake.py --keep {source}` (it keeps it)")
    return roster, kept_sources(source)


# ---- faxes -------------------------------------------------------------------------------------------

def _different(people: list[Source], k: int, rng: random.Random) -> tuple[Source, ...]:
    """k documents of k different patients, in random order (fewer when there are not k patients)."""
    chosen: list[Source] = []
    for doc in rng.sample(people, len(people)):
        if doc.person not in {c.person for c in chosen}:
            chosen.append(doc)
        if len(chosen) == k:
            break
    return tuple(chosen)


def draw_faxes(sources: list[Source], faxes: int, pairs: int, rng: random.Random) -> list[Fax]:
    """`faxes` joined faxes of 2-3 patients, then up to `pairs` of one patient's two documents, none twice."""
    people = [s for s in sources if s.who != "nobody"]
    made: list[Fax] = []
    seen: set[tuple[str, ...]] = set()
    for _ in range(faxes * 50):
        if len(made) == faxes:
            break
        docs = _different(people, rng.choice((2, 3)), rng)
        if len(docs) >= 2 and tuple(d.file for d in docs) not in seen:
            seen.add(tuple(d.file for d in docs))
            made.append(Fax(f"join-{len(made) + 1:03d}.pdf", docs))
    groups: dict[str, list[Source]] = {}
    for doc in people:
        groups.setdefault(doc.person, []).append(doc)
    shared = sorted(p for p, docs in groups.items() if len(docs) > 1)
    for i in range(pairs if shared else 0):
        made.append(Fax(f"pair-{i + 1:03d}.pdf", tuple(rng.sample(groups[rng.choice(shared)], 2)), "pair"))
    return made


def singles(sources: list[Source]) -> list[Fax]:
    """Every document alone, as it is."""
    return [Fax(s.file, (s,), "single") for s in sources]


def image_pdf(path: Path) -> bytes:
    """An image file's pages (every TIFF frame) as image-only PDF pages at the image's own resolution."""
    import img2pdf

    try:
        return img2pdf.convert(str(path), rotation=img2pdf.Rotation.auto)
    except img2pdf.AlphaChannelError:  # img2pdf keeps pixels as they are, so it refuses transparency
        from PIL import Image

        flat = io.BytesIO()
        with Image.open(path) as im:
            im.convert("RGB").save(flat, "PNG", dpi=im.info.get("dpi", (300, 300)))
        return img2pdf.convert(flat.getvalue())


def write_fax(fax: Fax, path: Path) -> None:
    """A single is its file copied; a joined fax, one PDF of every page of its documents, in order."""
    if fax.kind == "single":
        shutil.copyfile(fax.docs[0].path, path)
        return
    import pikepdf

    opened = [pikepdf.open(d.path) if d.path.suffix.lower() == ".pdf" else pikepdf.open(io.BytesIO(image_pdf(d.path)))
              for d in fax.docs]
    try:
        out = pikepdf.new()
        for pdf in opened:
            out.pages.extend(pdf.pages)
        out.save(path, deterministic_id=True)
    finally:
        for pdf in opened:
            pdf.close()


# ---- the CLI -----------------------------------------------------------------------------------------

def docintake() -> str:
    """The console script next to this Python, else the one on PATH."""
    here = Path(sys.executable).with_name("docintake")
    found = str(here) if here.exists() else shutil.which("docintake")
    if not found:
        raise SystemExit("docintake not found: run `make deps` and `.venv/bin/pip install -e '.[bench]'`")
    return found


def cli(home: Path, *args: str, ok: tuple[int, ...] = (0,)) -> str:
    """Run `docintake --home HOME ARGS...` as a user would; its stdout."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run([docintake(), "--home", str(home), *args], env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode not in ok:
        raise SystemExit(f"docintake {' '.join(args)} exited {done.returncode}: {done.stderr.strip()[-2000:]}")
    return done.stdout


def run_cli(home: Path, roster: Path, inbox: Path, workers: int) -> tuple[list[dict], list[dict]]:
    """Import the roster, run the batch over the inbox; (documents list, review list) as JSON."""
    home.mkdir(parents=True, exist_ok=True)
    cli(home, "patients", "import", str(roster), "--json")
    print(f"batch over {len(list(inbox.iterdir()))} files in {inbox} ({workers} worker(s))", file=sys.stderr)
    cli(home, "batch", str(inbox), "--workers", str(workers), "--json", "--user", "bench", ok=(0, 1))  # 1: some failed
    return json.loads(cli(home, "documents", "list", "--json")), json.loads(cli(home, "review", "list", "--json"))


# ---- reading the outcome -----------------------------------------------------------------------------

def pages_of(label: str) -> tuple[int, ...]:
    """'1-2' -> (1, 2); '3' -> (3,); '1-2,4' -> (1, 2, 4)."""
    out: list[int] = []
    for chunk in label.replace(" ", "").split(","):
        first, _, last = chunk.partition("-")
        out += range(int(first), int(last or first) + 1)
    return tuple(out)


def _label(pages: tuple[int, ...]) -> str:
    return f"{pages[0]}-{pages[-1]}" if len(pages) > 1 else str(pages[0])


def _with_kept(parts: list[Part], pages: int) -> tuple[Part, ...]:
    """The parts, and each run of pages no part holds (a cover sheet kept with the fax), by first page."""
    held = {n for p in parts for n in p.pages}
    runs: list[list[int]] = []
    for n in range(1, pages + 1):
        if n not in held:
            if runs and runs[-1][-1] == n - 1:
                runs[-1].append(n)
            else:
                runs.append([n])
    kept = [Part(tuple(r), status="kept", cover=True) for r in runs]
    return tuple(sorted(parts + kept, key=lambda p: p.pages[0]))


def _reading(doc: dict, kids: list[dict], proposed: list[dict], why: dict[str, tuple[str, ...]]) -> Reading:
    """One inbox file's outcome from its `documents list` row, its parts' rows and its review proposal."""
    every, status = tuple(range(1, (doc.get("pages") or 0) + 1)), doc["status"]
    reasons = why.get(doc["id"], ()) or ((doc["error"].split(":")[0],) if doc.get("error") else ())
    if status == "split":
        parts = [Part(pages_of(k["parent_pages"]), k["patient_mrn"] if k["status"] == "filed" else None, k["status"],
                      doc_id=k["id"], reasons=why.get(k["id"], ())) for k in kids]
        return Reading(status, _with_kept(parts, len(every)), doc["id"], reasons)
    if status == "review" and proposed:
        parts = [Part(pages_of(p["pages"]), cover=bool(p.get("cover"))) for p in proposed]
        return Reading(status, _with_kept(parts, len(every)), doc["id"], reasons)
    if status in ("filed", "review") and every:
        whole = Part(every, doc["patient_mrn"] if status == "filed" else None, status, doc_id=doc["id"])
        return Reading(status, (whole,), doc["id"], reasons)
    return Reading(status, (), doc["id"], reasons)


def readings(documents: list[dict], review: list[dict]) -> dict[str, Reading]:
    """What became of every file put into the inbox, by its name (`documents list` and `review list` JSON)."""
    why = {r["id"]: tuple(r.get("queue_reasons") or ()) for r in review}
    proposals = {r["id"]: r.get("proposed_parts") or [] for r in review}
    kids: dict[str, list[dict]] = {}
    for d in documents:
        if d.get("parent_id"):
            kids.setdefault(d["parent_id"], []).append(d)
    return {d["source_name"]: _reading(d, kids.get(d["id"], []), proposals.get(d["id"], []), why)
            for d in documents if not d.get("parent_id")}


# ---- scoring -----------------------------------------------------------------------------------------

def found_cuts(r: Reading) -> set[int]:
    """Pages after which docintake cut or proposed to cut."""
    return {p.pages[-1] for p in sorted(r.parts, key=lambda p: p.pages[0])[:-1]}


def exact(fax: Fax, r: Reading) -> bool:
    """Every true boundary found and no other (a cut after a document's own cover sheet is neither)."""
    return bool(r.parts) and found_cuts(r) - fax.optional == fax.cuts


def wrong_pages(fax: Fax, r: Reading) -> list[dict[str, Any]]:
    """Each filed part's pages that are not its patient's (a page of someone not in the roster, or nobody, too)."""
    truth, out = fax.page_mrn, []
    for p in r.parts:
        bad = [n for n in p.pages if p.mrn and (truth[n - 1] is None or _digits(truth[n - 1]) != _digits(p.mrn))]
        if bad:
            out.append({"pages": bad, "filed_mrn": p.mrn, "true_mrn": [truth[n - 1] for n in bad], "document": p.doc_id})
    return out


def split_apart(r: Reading) -> bool:
    """Cut, or proposed to be cut, into two or more parts besides a cover sheet."""
    return r.status in ("split", "review") and sum(not p.cover for p in r.parts) > 1


def filed_as(doc: Source, r: Reading, span: tuple[int, ...]) -> bool:
    """The document's pages (its cover sheet with them, or set apart) filed as one part under its patient."""
    own = {span, span[1:]} if doc.cover else {span}
    return any(p.status == "filed" and p.pages in own and _digits(p.mrn) == _digits(doc.mrn) for p in r.parts)


def as_expected(doc: Source, r: Reading) -> bool:
    """A single filed under its patient when expected filed, else left unfiled (review)."""
    if doc.expect == "filed":
        return r.status == "filed" and doc.mrn is not None and _digits(r.parts[0].mrn) == _digits(doc.mrn)
    return r.status == "review"


def _pct(a: int, b: int) -> float:
    return round(100 * a / b, 1) if b else 0.0


def score(faxes: list[Fax], results: dict[str, Reading]) -> dict[str, Any]:
    """The figures of every fax's reading against its truth."""
    missing = Reading("missing", (), reasons=("not recorded",))
    got = [(f, results.get(f.name, missing)) for f in faxes]
    by_kind = {k: [(f, r) for f, r in got if f.kind == k] for k in ("joined", "pair", "single")}
    alone = {f.docs[0].file for f, r in by_kind["single"] if f.docs[0].mrn and filed_as(f.docs[0], r, f.spans()[0])}
    wrong = {k: sum(len(w["pages"]) for f, r in pairs for w in wrong_pages(f, r)) for k, pairs in by_kind.items()}
    joined, ones = by_kind["joined"], by_kind["single"]
    base = [(d, r, s) for f, r in joined for d, s in zip(f.docs, f.spans(), strict=True) if d.file in alone]
    figures: dict[str, Any] = {
        "faxes": len(joined), "boundaries_exact": sum(exact(f, r) for f, r in joined),
        "wrong_pages": sum(wrong.values()), "wrong_pages_by_kind": wrong,
        "auto_parts": sum(filed_as(d, r, s) for d, r, s in base), "auto_parts_base": len(base),
        "parts_filed": sum(p.status == "filed" for _, r in joined for p in r.parts if r.status == "split"),
        "singles": len(ones), "singles_split": sum(split_apart(r) for _, r in ones),
        "singles_as_expected": sum(as_expected(f.docs[0], r) for f, r in ones),
        "pairs": len(by_kind["pair"]), "pairs_exact": sum(exact(f, r) for f, r in by_kind["pair"]),
        "pairs_whole": sum(r.status == "filed" for _, r in by_kind["pair"]),
        "outcomes": dict(sorted(Counter(f"{f.kind}:{r.status}" for f, r in got).items())),
    }
    figures["boundaries_pct"] = _pct(figures["boundaries_exact"], figures["faxes"])
    figures["auto_parts_pct"] = _pct(figures["auto_parts"], figures["auto_parts_base"])
    figures["misses"] = [miss(f, r) for f, r in got if wrong_pages(f, r) or (f.kind == "joined" and not exact(f, r))
                         or (f.kind == "single" and split_apart(r))]
    figures["singles_unexpected"] = [{"file": f.name, "expect": f.docs[0].expect, "status": r.status,
                                      "reasons": list(r.reasons)} for f, r in ones if not as_expected(f.docs[0], r)]
    return figures


def miss(fax: Fax, r: Reading) -> dict[str, Any]:
    """One fax that missed: its documents, true and found cuts, what became of each part, the reasons."""
    return {"fax": fax.name, "kind": fax.kind, "id": r.doc_id, "documents": [d.file for d in fax.docs],
            "pages": [d.pages for d in fax.docs], "true_cuts": sorted(fax.cuts), "found_cuts": sorted(found_cuts(r)),
            "status": r.status, "reasons": list(r.reasons),
            "parts": [" ".join(x for x in (_label(p.pages), p.status, p.mrn or "", *p.reasons) if x) for p in r.parts],
            "wrong": wrong_pages(fax, r)}


def met(f: dict[str, Any]) -> bool:
    """True when the three targets are met."""
    return (f["wrong_pages"] == TARGETS["wrong_pages"] and f["boundaries_pct"] >= TARGETS["boundaries_pct"]
            and f["singles_split"] == TARGETS["singles_split"])


# ---- run ---------------------------------------------------------------------------------------------

@contextmanager
def _workdir(keep: str | None) -> Iterator[Path]:
    if keep is None:
        with tempfile.TemporaryDirectory(prefix="docintake-bench-join-") as tmp:
            yield Path(tmp)
        return
    folder = Path(keep)
    if folder.exists() and any(folder.iterdir()):
        raise SystemExit(f"--keep {folder}: the folder is not empty")
    folder.mkdir(parents=True, exist_ok=True)
    yield folder


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Draw the faxes, write them and the singles into an inbox, run the CLI, score."""
    started = time.monotonic()
    roster, sources = load_sources(Path(args.source) if args.source else None)
    faxes = draw_faxes(sources, args.faxes, args.pairs, random.Random(args.seed)) + singles(sources)
    with _workdir(args.keep) as work:
        inbox = work / "inbox"
        inbox.mkdir()
        for fax in faxes:
            write_fax(fax, inbox / fax.name)
        documents, review = run_cli(work / "home", roster, inbox, args.workers)
    figures = score(faxes, readings(documents, review))
    figures.update(source=args.source or "samples", seed=args.seed, seconds=round(time.monotonic() - started, 1),
                   by_who=dict(Counter(s.who for s in sources)))
    return figures


def report(f: dict[str, Any]) -> None:
    """The figures as text, each against its target, then the misses."""
    print(f"bench/join.py  source {f['source']}  seed {f['seed']}  documents {f['by_who']}  {f['seconds']} s")
    print(f"  joined faxes {f['faxes']}, one patient's pairs {f['pairs']}, singles {f['singles']}")
    print(f"  pages filed under a wrong patient : {f['wrong_pages']}   (target 0; {f['wrong_pages_by_kind']})")
    print(f"  boundaries exactly right          : {f['boundaries_exact']}/{f['faxes']} = {f['boundaries_pct']}%"
          "   (split or proposed; >= 80%)")
    print(f"  parts filed automatically         : {f['auto_parts']}/{f['auto_parts_base']} = {f['auto_parts_pct']}%"
          f"   (of the documents filed alone; {f['parts_filed']} parts filed in all)")
    print(f"  singles split or proposed split   : {f['singles_split']}/{f['singles']}   (target 0)")
    print(f"  singles as their manifest expects : {f['singles_as_expected']}/{f['singles']}")
    if f["pairs"]:
        print(f"  one patient's pairs: {f['pairs_whole']} filed whole, {f['pairs_exact']} cut at the true boundary")
    print(f"  outcomes: {f['outcomes']}")
    for m in f["misses"]:
        print(f"  miss {m['fax']} ({m['id']}): {' + '.join(m['documents'])}  true cuts {m['true_cuts']}"
              f"  found {m['found_cuts']}  {m['status']} {m['reasons']}  parts {m['parts']}"
              + (f"  WRONG {m['wrong']}" if m["wrong"] else ""))
    for s in f["singles_unexpected"]:
        print(f"  single {s['file']}: expected {s['expect']}, {s['status']} {s['reasons']}")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", help="a `bench/intake.py --keep` folder (default: the committed samples)")
    parser.add_argument("--faxes", type=int, default=FAXES, help=f"joined faxes of 2-3 patients (default {FAXES})")
    parser.add_argument("--pairs", type=int, default=0, help="faxes of one patient's two documents (default 0)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"seed of the draw (default {SEED})")
    parser.add_argument("--workers", type=int, default=1, help="batch worker processes (default 1)")
    parser.add_argument("--keep", help="write the inbox and the home under this (new or empty) folder and keep them")
    parser.add_argument("--json", action="store_true", help="the figures as JSON on stdout")
    return parser.parse_args(argv)


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
