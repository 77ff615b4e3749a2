"""CLI start-up and listing benchmark: how long a clerk waits for a command.

    .venv/bin/python bench/cli.py                    # 100,000 documents (the issue's figure)
    .venv/bin/python bench/cli.py --docs 10000       # quicker
    .venv/bin/python bench/cli.py --json             # figures as JSON on stdout

Every figure is the fastest and the median wall time of `--runs` fresh processes (the machine is shared:
the fastest run is the least disturbed by other programs; ratios are to a baseline measured in the same run):

- `python -c "import click, rich"`: the baseline, what any click + rich program pays;
- `docintake --help`: the target is within 2x of the baseline (issue 16);
- `docintake documents list` and `docintake review list` (table and --json) on a SQLite store holding
  `--docs` documents (2% of them open in review, the rest filed, in review resolved, failed or duplicate),
  loaded straight into the tables by this script: the target is 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STATUSES = ("filed",) * 90 + ("duplicate",) * 4 + ("failed",) * 2 + ("review",) * 4  # 2 of the 4 resolved


def timed(cmd: list[str], runs: int) -> tuple[float, float]:
    """(fastest, median) seconds of `runs` executions of `cmd` (stdout discarded; a failure stops it)."""
    times = []
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCINTAKE_")}
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=REPO)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def _rows(n: int, rng: random.Random) -> tuple[list[dict], list[dict]]:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    docs, review = [], []
    for i in range(n):
        status = rng.choice(STATUSES)
        at = start + timedelta(seconds=30 * i)
        docs.append({"id": f"{i:012x}", "source_name": f"fax-{i:06d}.pdf", "sha256": f"{i:064x}", "size": 1000,
                     "received_at": at, "status": status, "pages": 2, "reasons": '["match: name and dob"]',
                     "match_json": "{}", "identifiers_json": "{}", "version": 1, "updated_at": at,
                     "patient_mrn": f"M{rng.randrange(10**6):06d}" if status == "filed" else None,
                     "doc_type": "lab_result", "match_score": 0.9, "type_confidence": 0.8})
        if status == "review":
            resolved = at + timedelta(hours=1) if i % 2 else None
            review.append({"document_id": docs[-1]["id"], "reasons": '["weak_match"]', "created_at": at,
                           "resolved_at": resolved, "resolved_by": "clerk" if resolved else None})
    return docs, review


def make_store(home: Path, n: int) -> None:
    """A docintake home whose store's database holds `n` documents (rows only: no files are needed to list)."""
    from sqlalchemy import insert

    from pipeline.config import load_config
    from pipeline.index.models import Document, ReviewItem
    from pipeline.index.store import Store

    store = Store(load_config(str(home)))
    docs, review = _rows(n, random.Random(16))
    with store.db.session() as s:
        for i in range(0, len(docs), 5000):
            s.execute(insert(Document), docs[i:i + 5000])
        s.execute(insert(ReviewItem), review)
    store.close()


def measure(n: int, runs: int) -> dict[str, tuple[float, float]]:
    """The figures, (fastest, median) seconds, with the --help ratios."""
    py, docintake = str(BIN / "python"), str(BIN / "docintake")
    out = {"baseline_click_rich": timed([py, "-c", "import click, rich"], runs),
           "help": timed([docintake, "--help"], runs)}
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        home = Path(tmp)
        make_store(home, n)
        for name, args in (("documents_list", ["documents", "list"]), ("documents_list_json", ["documents", "list", "--json"]),
                           ("review_list", ["review", "list"]), ("review_list_json", ["review", "list", "--json"])):
            out[name] = timed([docintake, "--home", str(home), *args], runs)
    base, helps = out["baseline_click_rich"], out["help"]
    out["help_ratio"] = (helps[0] / base[0], helps[1] / base[1])
    return out


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = measure(args.docs, args.runs)
    if args.json:
        print(json.dumps({"docs": args.docs, **{k: {"fastest": round(v[0], 4), "median": round(v[1], 4)}
                                                for k, v in figures.items()}}))
        return
    print(f"{args.docs:,} documents, {args.runs} runs each: fastest and median")
    for name, (fastest, median) in figures.items():
        unit = "x" if name.endswith("ratio") else " s"
        print(f"  {name:<22}{fastest:8.3f}{unit}{median:8.3f}{unit}")


if __name__ == "__main__":
    main()
