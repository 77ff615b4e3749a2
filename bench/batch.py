"""End-to-end batch throughput: `docintake batch` pages per minute against plain `tesseract` on the same pages.

Run:  .venv/bin/python bench/batch.py                      (100 documents, 2 workers, 2 rounds ABBA)
      .venv/bin/python bench/batch.py --docs 200 --rounds 4
      .venv/bin/python bench/batch.py --docs 20 --rounds 1    (a quick look)

Documents come from pipeline.synth (documents.py: text of all eleven types about a generated roster;
render.py: fine and standard faxes, crooked and upside-down faxes, noisy scans, 300-dpi PNG scans and
phone photos), written as the files an office receives: multi-page G4 fax TIFFs, PNGs, JPEGs. No
born-digital PDFs: every page needs OCR, so the comparison is OCR against OCR.

Both sides get the same parallelism, 2 processes each running Tesseract with OMP_THREAD_LIMIT=1:
  - plain:    `tesseract <page> -` for every page (each page of a TIFF written as its own file first),
              2 at a time: text only, no preprocessing, nothing recorded;
  - docintake: `docintake batch DOCS --workers 2 --json` as a process, timed from its start to its exit
              (imports, roster, ingest and hashing, OCR with preprocessing and a searchable PDF,
              identifiers, matching, classification, SQLite, filed copies, the report). Each round uses
              a fresh store with the roster imported and the type model already trained (not timed).
Rounds alternate ABBA (plain, docintake, docintake, plain, ...) so that load from other programs on a
shared machine falls on both sides; figures are sums over the rounds. CPU seconds per page (the
processes' own and their children's user+sys time) are printed too: load disturbs them less.
Target (issue 7): docintake / plain >= 0.85.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.synth import render  # noqa: E402
from pipeline.synth.documents import make_corpus  # noqa: E402
from pipeline.synth.identities import make_roster, write_roster_csv  # noqa: E402

TARGET_RATIO = 0.85
SEED = 20261107
KINDS = ("fine_fax", "fine_fax", "standard_fax", "skewed", "rotated180", "noisy_scan", "clean300", "photo")
MAX_PAGES = 3  # longer generated documents are cut, to keep a run to minutes
EXTENSIONS = {"tiff": ".tif", "png": ".png", "jpeg": ".jpg"}


@dataclass(frozen=True)
class Corpus:
    """The generated documents and the same pages as one file each."""

    docs: Path  # folder of documents (what docintake reads)
    pages: list[str]  # one file per page (what plain tesseract reads)
    roster_csv: Path


def generate(n: int, folder: Path, seed: int = SEED, family: str = "train") -> Corpus:
    """Write `n` documents (of template `family`) under folder/docs and each of their pages under folder/pages."""
    docs, pages_dir = folder / "docs", folder / "pages"
    docs.mkdir(parents=True)
    pages_dir.mkdir()
    roster = make_roster(300, seed)
    write_roster_csv(roster, folder / "roster.csv")
    rng = random.Random(seed)
    pages: list[str] = []
    for index, doc in enumerate(make_corpus(n, roster, seed, family)):
        kind = KINDS[index % len(KINDS)]
        texts = list(doc.pages[:MAX_PAGES]) if kind not in ("clean300", "photo") else [doc.pages[0]]
        images, meta = render.make_page(kind, texts, rng)
        path = docs / f"doc{index:04d}-{kind}{EXTENSIONS[meta['format']]}"
        render.write_pages(images, path, meta)
        pages += _page_files(images, meta, path, pages_dir)
    return Corpus(docs, pages, folder / "roster.csv")


def _page_files(images: list, meta: dict, path: Path, pages_dir: Path) -> list[str]:
    """The document's pages as separate files in the same format (a one-page file is used as it is)."""
    if len(images) == 1:
        return [str(path)]
    out = []
    for number, image in enumerate(images, 1):
        page = pages_dir / f"{path.stem}-p{number}{path.suffix}"
        render.write_pages([image], page, meta)
        out.append(str(page))
    return out


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCINTAKE_")}
    return {**env, "OMP_THREAD_LIMIT": "1"}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def plain_run(pages: list[str], workers: int) -> tuple[float, float]:
    """Wall and CPU seconds for `tesseract <page> -` over every page, `workers` at a time."""

    def one(path: str) -> None:
        subprocess.run(["tesseract", path, "-"], capture_output=True, env=_env(), check=True)

    cpu, started = _cpu(), time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, pages))
    return time.perf_counter() - started, _cpu() - cpu


def _docintake(home: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "pipeline", "--home", str(home), *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=_env())


def fresh_home(parent: Path, corpus: Corpus, round_no: int) -> Path:
    """A new store with the roster imported and the type model trained (setup, not timed)."""
    home = parent / f"home{round_no}"
    (home / "empty").mkdir(parents=True)
    for args in (("patients", "import", str(corpus.roster_csv)), ("batch", str(home / "empty"))):
        run = _docintake(home, *args)
        if run.returncode != 0:
            raise SystemExit(f"setup failed: {run.stderr}")
    return home


def docintake_run(home: Path, corpus: Corpus, workers: int) -> tuple[float, float, dict]:
    """Wall and CPU seconds of one `docintake batch` process over the documents, and its report."""
    cpu, started = _cpu(), time.perf_counter()
    run = _docintake(home, "batch", str(corpus.docs), "--workers", str(workers), "--json")
    elapsed, used = time.perf_counter() - started, _cpu() - cpu
    if run.returncode not in (0, 1):
        raise SystemExit(f"docintake batch failed ({run.returncode}): {run.stderr}")
    return elapsed, used, json.loads(run.stdout)


def main(argv: list[str] | None = None) -> int:
    """Generate documents, time both sides alternately, print pages/min for each and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100, help="generated documents (default 100)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of each side, ABBA order (default 2)")
    parser.add_argument("--workers", type=int, default=2, help="processes on each side (default 2)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="docintake-bench-batch-") as tmp:
        folder = Path(tmp)
        corpus = generate(args.docs, folder)
        n_pages = len(corpus.pages)
        print(f"{args.docs} documents, {n_pages} pages, {args.workers} workers, {args.rounds} round(s)")
        wall = {"plain": 0.0, "docintake": 0.0}
        cpu = {"plain": 0.0, "docintake": 0.0}
        report: dict = {}
        for round_no in range(1, args.rounds + 1):
            home = fresh_home(folder, corpus, round_no)
            order = ("plain", "docintake") if round_no % 2 else ("docintake", "plain")
            for side in order:
                if side == "plain":
                    seconds, used = plain_run(corpus.pages, args.workers)
                else:
                    seconds, used, report = docintake_run(home, corpus, args.workers)
                    if report["pages"] != n_pages:
                        raise SystemExit(f"docintake read {report['pages']} pages, expected {n_pages}: {report}")
                wall[side] += seconds
                cpu[side] += used
                print(f"  round {round_no} {side:<9} {seconds:7.1f} s  {60 * n_pages / seconds:6.1f} pages/min",
                      flush=True)
        total = n_pages * args.rounds
        plain_ppm, ours_ppm = 60 * total / wall["plain"], 60 * total / wall["docintake"]
        ratio = ours_ppm / plain_ppm
        print(f"plain tesseract : {plain_ppm:6.1f} pages/min  ({cpu['plain'] / total:.2f} CPU s/page)")
        print(f"docintake batch : {ours_ppm:6.1f} pages/min  ({cpu['docintake'] / total:.2f} CPU s/page)")
        print(f"ratio           : {ratio:.3f}  (target >= {TARGET_RATIO})  {'OK' if ratio >= TARGET_RATIO else 'BELOW'}")
        states = {k: report[k] for k in ("filed", "review", "failed", "duplicate")}
        print(f"last run        : {states}")
    return 0 if ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
