"""Scaling past one machine: the same documents through the local pool and through Celery workers.

Run:  .venv/bin/python bench/scale.py                        (48 documents, Redis, 2 rounds, ~6 minutes)
      .venv/bin/python bench/scale.py --broker amqp
      .venv/bin/python bench/scale.py --docs 8 --rounds 1     (a quick look)
With few documents the fixed costs (starting the batch, the last document finishing alone) weigh on the
two-worker run: 24 documents in 1 round gave 1.70x for 2 workers over 1, 48 documents in 2 rounds 1.86x.

Documents come from bench/batch.py's generator (pipeline.synth: faxes, scans and photos; every page
needs OCR). Every run gets a fresh store on PostgreSQL (a private schema; the roster imported and the type
model trained beforehand, not timed), so the three ways share one kind of database:
  - local:    `docintake batch DOCS --workers 2 --json`, timed from its start to its exit;
  - queue x1: one `docintake worker --concurrency 1` started and ready beforehand (a worker is a service),
              then `docintake batch DOCS --queue --json` timed from its start to its exit;
  - queue x2: the same with two workers of one process each.
Each of the three is run once per round, in a rotated order, so load from other programs on a shared
machine falls on each. Figures are sums over the rounds; the load average is printed before and after,
and CPU seconds per document (the batch process with its children, plus the workers' processes during
the batch), which load from other programs disturbs less than wall time.
Targets (issue 17): queue x2 >= 0.9 x local, and queue x2 >= 1.8 x queue x1 (documents per second).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch import generate  # noqa: E402

from pipeline.index.scratch import postgres_schema  # noqa: E402

BROKERS = {"redis": "redis://127.0.0.1:6379/4", "amqp": "amqp://guest:guest@127.0.0.1:5672//"}
WAYS = ("local", "queue x1", "queue x2")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCINTAKE_")}
    return {**env, "OMP_THREAD_LIMIT": "1"}


def _docintake(home: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", "--home", str(home), *args],
                          capture_output=True, text=True, env=_env())


def fresh_home(parent: Path, name: str, roster: Path, database_url: str, broker: str) -> Path:
    """A new store on `database_url` with the roster imported and the type model trained (not timed)."""
    home = parent / name
    (home / "empty").mkdir(parents=True)
    (home / "docintake.toml").write_text(
        f'database_url = "{database_url}"\nbroker_url = "{broker}"\nqueue_name = "bench-{name}-{os.getpid()}"\n')
    for args in (("patients", "import", str(roster)), ("batch", str(home / "empty"))):
        run = _docintake(home, *args)
        if run.returncode != 0:
            raise SystemExit(f"setup failed: {run.stderr}")
    return home


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def tree_cpu(pids: list[int]) -> float:
    """CPU seconds (user + sys) used so far by these processes and their children (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    seen: set[int] = set()
    todo = list(pids)
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += sum(int(f) for f in fields[11:15]) / tick  # utime stime cutime cstime
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


@contextmanager
def workers(home: Path, count: int) -> Iterator[list[int]]:
    """`count` workers of one process each, ready before the block starts (yields their pids); stopped after."""
    procs = []
    for n in range(count):
        log = open(home / f"worker{n}.log", "w")  # noqa: SIM115 - closed below
        procs.append((subprocess.Popen([sys.executable, "-m", "pipeline", "--home", str(home), "-v", "worker",
                                        "--concurrency", "1", "--name", f"bench{n}-{os.getpid()}@bench"],
                                       stdout=subprocess.DEVNULL, stderr=log, env=_env()), log))
    try:
        deadline = time.monotonic() + 120
        while not all(" ready." in (home / f"worker{n}.log").read_text() for n in range(count)):
            if time.monotonic() > deadline or any(p.poll() is not None for p, _ in procs):
                raise SystemExit(f"a worker did not start: see {home}/worker*.log")
            time.sleep(0.2)
        yield [p.pid for p, _ in procs]
    finally:
        for proc, _log in procs:
            proc.terminate()
        for proc, log in procs:
            proc.wait(timeout=120)
            log.close()


def timed_batch(home: Path, docs: Path, *args: str, worker_pids: list[int] | None = None) -> tuple[float, float, dict]:
    """Wall and CPU seconds (the batch process with its children, and the workers) of one `docintake batch`
    over the documents, and its report."""
    cpu, workers_cpu, started = _children_cpu(), tree_cpu(worker_pids or []), time.perf_counter()
    run = _docintake(home, "batch", str(docs), "--json", *args)
    elapsed = time.perf_counter() - started
    used = _children_cpu() - cpu + tree_cpu(worker_pids or []) - workers_cpu
    if run.returncode not in (0, 1):
        raise SystemExit(f"docintake batch {' '.join(args)} failed ({run.returncode}): {run.stderr}")
    return elapsed, used, json.loads(run.stdout)


def one_way(way: str, parent: Path, corpus_docs: Path, roster: Path, broker: str,
            tag: str) -> tuple[float, float, dict]:
    """Run the documents one way on a fresh store; (wall seconds, CPU seconds, report)."""
    with postgres_schema(prefix="bench") as db:
        home = fresh_home(parent, f"{tag}-{way.replace(' ', '')}", roster, db, broker)
        if way == "local":
            return timed_batch(home, corpus_docs, "--workers", "2")
        with workers(home, 1 if way == "queue x1" else 2) as pids:
            return timed_batch(home, corpus_docs, "--queue", worker_pids=pids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=48)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--broker", choices=sorted(BROKERS), default="redis")
    args = parser.parse_args()
    seconds = dict.fromkeys(WAYS, 0.0)
    cpu = dict.fromkeys(WAYS, 0.0)
    outcomes: dict[str, list] = {w: [] for w in WAYS}
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="docintake-scale-") as tmp:
        corpus = generate(args.docs, Path(tmp) / "corpus")
        for r in range(args.rounds):
            for i in range(len(WAYS)):
                way = WAYS[(i + r) % len(WAYS)]
                took, used, report = one_way(way, Path(tmp), corpus.docs, corpus.roster_csv, BROKERS[args.broker],
                                             f"r{r}")
                seconds[way] += took
                cpu[way] += used
                outcomes[way].append({k: report[k] for k in ("filed", "review", "failed", "duplicate")})
                print(f"round {r + 1} {way:<9} {took:7.1f} s wall {used:7.1f} s cpu  {outcomes[way][-1]}  "
                      f"load {os.getloadavg()[0]:.2f}", file=sys.stderr)
    docs = args.docs * args.rounds
    rate = {w: docs / s for w, s in seconds.items()}
    result = {
        "documents": args.docs, "rounds": args.rounds, "broker": args.broker, "cpus": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "seconds": {w: round(s, 1) for w, s in seconds.items()},
        "documents_per_minute": {w: round(60 * r, 1) for w, r in rate.items()},
        "cpu_seconds_per_document": {w: round(c / docs, 3) for w, c in cpu.items()},
        "queue2_vs_local": round(rate["queue x2"] / rate["local"], 3),
        "queue2_vs_queue1": round(rate["queue x2"] / rate["queue x1"], 3),
        "same_outcomes": outcomes["local"] == outcomes["queue x1"] == outcomes["queue x2"],
        "targets": {"queue2_vs_local": 0.9, "queue2_vs_queue1": 1.8},
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
