"""Acceptance (issue 17): held-out documents through `batch --queue` with two workers, one killed with -9
and replaced mid-run; every file ends exactly once with the same status and patient as a local run.

Run:  .venv/bin/python bench/queue_acceptance.py                    (30 documents, Redis)
      .venv/bin/python bench/queue_acceptance.py --docs 60 --broker amqp

Documents: bench/batch.py's generator with the held-out template family (faxes, scans, photos: every
page is read by Tesseract). The local run is `docintake batch DOCS --workers 2` on a store of its own; the
queue run is on PostgreSQL (a private schema) with two `docintake worker --concurrency 1`. Once a third of
the documents are final, the whole first worker (main and pool process) is killed with -9 and a new
worker started. Checked: one row per file, none left `processing`, one final state per document in the
audit log, status and patient per file equal to the local run's, `doctor` clean (after `--repair` of a
temporary file an interrupted write may leave). Prints a JSON verdict; exit 0 when every check holds.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch import generate  # noqa: E402
from scale import BROKERS, _docintake, _env  # noqa: E402

from pipeline.config import load_config  # noqa: E402
from pipeline.index.scratch import postgres_schema  # noqa: E402
from pipeline.index.store import Store  # noqa: E402

FINAL_ACTIONS = ("filed", "sent_to_review", "failed", "duplicate")


def _store_facts(home: Path) -> tuple[list[dict], dict[str, int]]:
    """Every document row, and how many final-state audit entries each document has."""
    store = Store(load_config(str(home)))
    try:
        docs = store.list_documents()
        finals: dict[str, int] = {}
        for entry in store.audit_log():
            if entry["action"] in FINAL_ACTIONS:
                finals[entry["document_id"]] = finals.get(entry["document_id"], 0) + 1
        return docs, finals
    finally:
        store.close()


def _home(parent: Path, name: str, roster: Path, settings: str) -> Path:
    home = parent / name
    (home / "empty").mkdir(parents=True)
    (home / "docintake.toml").write_text(settings)
    for args in (("patients", "import", str(roster)), ("batch", str(home / "empty"))):
        run = _docintake(home, *args)
        if run.returncode != 0:
            raise SystemExit(f"setup failed: {run.stderr}")
    return home


def _worker(home: Path, name: str) -> subprocess.Popen:
    log = open(home / f"{name}.log", "w")  # noqa: SIM115 - the child keeps it
    return subprocess.Popen([sys.executable, "-m", "pipeline", "--home", str(home), "-v", "worker", "--concurrency",
                             "1", "--name", f"{name}-{os.getpid()}@acceptance"], stdout=subprocess.DEVNULL,
                            stderr=log, env=_env(), start_new_session=True)


def _wait_ready(home: Path, name: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while " ready." not in (home / f"{name}.log").read_text():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"worker {name} did not start: {(home / f'{name}.log').read_text()[-2000:]}")
        time.sleep(0.2)


def queue_run(home: Path, docs: Path, total: int) -> tuple[dict, int | None]:
    """The queued batch with the first worker killed -9 and replaced once a third is done; (report, when)."""
    workers = {"a": _worker(home, "a"), "b": _worker(home, "b")}
    for name, proc in workers.items():
        _wait_ready(home, name, proc)
    batch = subprocess.Popen([sys.executable, "-m", "pipeline", "--home", str(home), "batch", str(docs), "--queue",
                              "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    killed_at = None
    while batch.poll() is None and killed_at is None:
        done = sum(d["status"] != "processing" for d in _store_facts(home)[0])
        if done >= total // 3:
            os.killpg(workers["a"].pid, signal.SIGKILL)
            workers["a"].wait()
            killed_at = done
            workers["c"] = _worker(home, "c")
        time.sleep(0.5)
    out, err = batch.communicate(timeout=3600)
    for proc in workers.values():
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=600)
    if batch.returncode not in (0, 1):
        raise SystemExit(f"batch --queue failed ({batch.returncode}): {err}")
    return json.loads(out), killed_at


def _doctor_clean(home: Path) -> bool:
    run = _docintake(home, "doctor", "--grace-minutes", "0", "--json")
    report = json.loads(run.stdout)
    if report["ok"]:
        return True
    if any(f["kind"] != "temp_file" for f in report["findings"]):
        return False
    return json.loads(_docintake(home, "doctor", "--grace-minutes", "0", "--repair", "--json").stdout)["ok"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=30)
    parser.add_argument("--broker", choices=sorted(BROKERS), default="redis")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="docintake-accept-") as tmp:
        corpus = generate(args.docs, Path(tmp) / "corpus", family="holdout")
        names = {p.name for p in corpus.docs.iterdir()}
        local = _home(Path(tmp), "local", corpus.roster_csv, "workers = 2\n")
        run = _docintake(local, "batch", str(corpus.docs), "--json")
        if run.returncode not in (0, 1):
            raise SystemExit(f"local batch failed: {run.stderr}")
        local_docs, _ = _store_facts(local)
        with postgres_schema(prefix="accept") as db:
            home = _home(Path(tmp), "queue", corpus.roster_csv, f'database_url = "{db}"\nbroker_url = '
                         f'"{BROKERS[args.broker]}"\nqueue_name = "accept-{os.getpid()}"\n')
            report, killed_at = queue_run(home, corpus.docs, args.docs)
            docs, finals = _store_facts(home)
            by_name = {d["source_name"]: (d["status"], d["patient_mrn"]) for d in docs}
            expected = {d["source_name"]: (d["status"], d["patient_mrn"]) for d in local_docs}
            checks = {
                "one_row_per_file": len(docs) == len(names) and set(by_name) == names,
                "none_processing": all(d["status"] != "processing" for d in docs),
                "one_final_state_each": all(finals.get(d["id"]) == 1 for d in docs),
                "same_status_and_patient_as_local": by_name == expected,
                "doctor_clean": _doctor_clean(home),
                "killed_mid_run": killed_at is not None and killed_at < len(names),
            }
    verdict = {"documents": args.docs, "broker": args.broker, "family": "holdout", "killed_after_final": killed_at,
               "outcomes": {k: report[k] for k in ("filed", "review", "failed", "duplicate")},
               "tasks_sent": report["tasks_sent"], "tasks_resent": report["tasks_resent"],
               "differences": sorted(n for n in names if by_name.get(n) != expected.get(n)),
               "checks": checks, "ok": all(checks.values())}
    print(json.dumps(verdict, indent=2))
    sys.exit(0 if verdict["ok"] else 1)


if __name__ == "__main__":
    main()
