"""Acceptance (issue 14): held-out documents batched with an MLLP destination configured; every filed
document reaches the EHR exactly once, also after `export run` again; `export --format fhir|hl7` output
for each one validates with the real libraries and carries its MRN, its type code and its PDF.

Run:  OMP_THREAD_LIMIT=1 .venv/bin/python bench/export_acceptance.py             (40 held-out documents)
      OMP_THREAD_LIMIT=1 .venv/bin/python bench/export_acceptance.py --docs 80 --keep /tmp/accept
      OMP_THREAD_LIMIT=1 .venv/bin/python bench/export_acceptance.py --folder samples/docs   (the samples)

Documents: bench/intake.py's generator with the held-out template family (`--family holdout`) and a seed
of its own (not the samples' 20261102 nor intake's 20261201): office layouts, a quarter about patients
absent from the roster, written as faxes, scans, photos, born-digital PDFs and the received kinds (rx_*:
real fax damage, bilevel and grey PNG scans, photos in perspective, image-only PDFs). Its roster of 5,000
patients goes in through `docintake patients import`. A real MLLP listener (tests/export_kit.py) on
127.0.0.1 answers AA; `docintake batch --workers 2` runs with it in `export_to`, then `export run` twice.

Checks (each named in the JSON verdict; exit 0 when all hold):
- every filed document reached the listener exactly once (TXA-12 = its id), and nothing else did, after
  the batch and again after each `export run`; `export status` shows all sent, none pending or failed;
- each message received validates with hl7apy (strict v2.5.1) and names the document's MRN;
- `export --format fhir` writes a Bundle per filed document that fhir.resources (R4B) accepts, whose
  DocumentReference has the MRN as subject identifier, the type's LOINC (or local) code and a PDF with
  the document's page count (equal to the pages written for it);
- `export --format hl7` writes an MDM^T02 per filed document that hl7apy accepts strictly, with the MRN
  in PID-3 (type MR), the type code in TXA-2 and OBX-3, the id in TXA-12 and a PDF of the same page count;
- no document was filed to a patient other than the one it is about (the generator's ground truth).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from intake import corpus, page_texts, plan, write_corpus  # noqa: E402

from pipeline.classify.codes import code_for  # noqa: E402
from pipeline.export import hl7  # noqa: E402
from pipeline.synth.identities import write_roster_csv  # noqa: E402
from tests.export_kit import (  # noqa: E402
    MllpReceiver,
    bundle_pdf,
    hl7_pdf,
    pdf_pages,
    validate_bundle,
    validate_hl7,
)

SEED = 20261214  # held-out run of its own: neither the samples' seed nor bench/intake.py's
ROSTER = 5000


def _docintake(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("DOCINTAKE_")}, "OMP_THREAD_LIMIT": "1"}
    cmd = [sys.executable, "-m", "pipeline", "--home", str(home), *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, env=env)


def _json(run: subprocess.CompletedProcess[str], what: str) -> Any:
    if run.returncode not in (0, 1):
        raise SystemExit(f"{what} failed with exit {run.returncode}: {run.stderr[-2000:]}")
    return json.loads(run.stdout)


def generate(folder: Path, docs: int, seed: int) -> tuple[Path, Path, dict[str, dict]]:
    """Held-out documents under folder/docs, the roster CSV; the ground truth by file name."""
    roster, synth = corpus(docs, seed, "holdout", ROSTER)
    planned = plan(synth, seed)
    truths = write_corpus(planned, folder, seed)
    pages = {t.file: len(page_texts(d, kind)) for t, (d, kind, _font) in zip(truths, planned, strict=True)}
    write_roster_csv(roster, folder / "roster.csv")
    truth = {t.file: {"mrn": t.mrn, "who": t.who, "kind": t.kind, "pages": pages[t.file]} for t in truths}
    return folder / "docs", folder / "roster.csv", truth


def manifest_truth(path: Path) -> dict[str, dict]:
    """The samples' ground truth (samples/manifest.json) by file name; empty when there is none."""
    if not path.is_file():
        return {}
    documents = json.loads(path.read_text()).get("documents", [])
    return {Path(d["file"]).name: {"mrn": d.get("mrn"), "who": d.get("case", ""), "kind": Path(d["file"]).suffix,
                                   "pages": None} for d in documents}


def _numbers(messages: list[str]) -> Counter[str]:
    return Counter(hl7.field(hl7.first(hl7.segments(m), "TXA") or [], 12) for m in messages)


def _arrived_once(ehr: MllpReceiver, filed: list[dict]) -> bool:
    got = _numbers(ehr.messages)
    return set(got) == {d["id"] for d in filed} and all(n == 1 for n in got.values())


def _fhir_problems(doc: dict, raw: dict, pages: int | None) -> list[str]:
    validate_bundle(raw)
    ref = next(e["resource"] for e in raw["entry"] if e["resource"]["resourceType"] == "DocumentReference")
    code, out = code_for(doc["doc_type"]), []
    if ref["subject"]["identifier"]["value"] != doc["patient_mrn"]:
        out.append("fhir subject MRN")
    if (ref["type"]["coding"][0]["system"], ref["type"]["coding"][0]["code"]) != (code.system, code.code):
        out.append("fhir type code")
    if pdf_pages(bundle_pdf(raw)) != doc["pages"] or (pages is not None and doc["pages"] != pages):
        out.append("fhir PDF page count")
    return out


def _hl7_problems(doc: dict, message: str, pages: int | None) -> list[str]:
    validate_hl7(message)
    segs, code, out = hl7.segments(message), code_for(doc["doc_type"]), []
    pid, txa, obx = (hl7.first(segs, name) or [] for name in ("PID", "TXA", "OBX"))
    want = code.code if code.is_loinc else code.code.removeprefix("DI-")[:20]
    if (hl7.field(pid, 3), hl7.field(pid, 3, 5)) != (doc["patient_mrn"], "MR"):
        out.append("hl7 PID-3 MRN")
    if hl7.field(txa, 2) != want or hl7.field(obx, 3) != want:
        out.append("hl7 type code")
    if hl7.field(txa, 12) != doc["id"]:
        out.append("hl7 TXA-12")
    if pdf_pages(hl7_pdf(message)) != doc["pages"] or (pages is not None and doc["pages"] != pages):
        out.append("hl7 PDF page count")
    return out


def check_exports(home: Path, out: Path, filed: list[dict], truth: dict[str, dict]) -> dict[str, list[str]]:
    """`export --format fhir|hl7` for every filed document; the problems found, by document id."""
    for fmt in ("fhir", "hl7"):
        run = _docintake(home, "export", "--format", fmt, "--to", str(out / fmt), "--json")
        if run.returncode != 0:
            raise SystemExit(f"export --format {fmt} failed ({run.returncode}): {run.stderr[-2000:]}")
    problems: dict[str, list[str]] = {}
    for doc in filed:
        pages = truth.get(doc["source_name"], {}).get("pages")
        found = [*_fhir_problems(doc, json.loads((out / "fhir" / f"{doc['id']}.json").read_text()), pages),
                 *_hl7_problems(doc, (out / "hl7" / f"{doc['id']}.hl7").read_bytes().decode(), pages)]
        if found:
            problems[doc["id"]] = found
    return problems


def _received_valid(ehr: MllpReceiver, filed: list[dict]) -> bool:
    mrn = {d["id"]: d["patient_mrn"] for d in filed}
    for message in ehr.messages:
        validate_hl7(message)
        segs = hl7.segments(message)
        if hl7.field(hl7.first(segs, "PID") or [], 3) != mrn.get(hl7.field(hl7.first(segs, "TXA") or [], 12)):
            return False
    return True


def _wrong_patient(filed: list[dict], truth: dict[str, dict]) -> list[str]:
    """Filed documents whose ground truth is another patient, or nobody on the roster (ids only)."""
    return [d["id"] for d in filed if d["source_name"] in truth and truth[d["source_name"]]["mrn"] != d["patient_mrn"]]


def run(folder: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Generate (or take) the documents, batch them with the MLLP destination, and check everything."""
    if args.folder:
        docs, roster = Path(args.folder), REPO / "samples" / "roster.csv"
        truth = manifest_truth(docs.parent / "manifest.json")
    else:
        docs, roster, truth = generate(folder / "corpus", args.docs, args.seed)
    ehr = MllpReceiver("AA")
    try:
        home = folder / "home"
        home.mkdir()
        (home / "docintake.toml").write_text(f'export_to = ["{ehr.url}"]\nworkers = {args.workers}\n')
        if _docintake(home, "patients", "import", str(roster)).returncode != 0:
            raise SystemExit("patients import failed")
        started = time.monotonic()
        batch = _docintake(home, "batch", str(docs), "--workers", str(args.workers), "--json")
        report, seconds = _json(batch, "batch"), time.monotonic() - started
        filed = _json(_docintake(home, "documents", "list", "--status", "filed", "--json"), "documents list")
        after_batch = len(ehr.messages)
        checks = {"arrived_once_after_batch": _arrived_once(ehr, filed)}
        reruns = [_docintake(home, "export", "run").returncode for _ in range(2)]
        checks["arrived_once_after_export_run_twice"] = _arrived_once(ehr, filed) and reruns == [0, 0]
        [status] = _json(_docintake(home, "export", "status", "--json"), "export status")
        checks["status_all_sent"] = (status["sent"], status["pending"], status["failed"]) == (len(filed), 0, 0)
        checks["received_messages_valid"] = _received_valid(ehr, filed)
        problems = check_exports(home, folder / "out", filed, truth)
        checks["exports_valid_with_mrn_type_pages"] = not problems
        wrong = _wrong_patient(filed, truth)
        checks["none_filed_to_a_wrong_patient"] = not wrong
        return {
            "documents": len(list(docs.iterdir())),
            "source": str(docs) if args.folder else f"generated holdout family, seed {args.seed}, roster {ROSTER}",
            "about": dict(Counter(t["who"] for t in truth.values())),
            "kinds": dict(Counter(t["kind"] for t in truth.values())),
            "batch_exit": batch.returncode, "batch_seconds": round(seconds, 1),
            "outcomes": {k: report.get(k) for k in ("processed", "filed", "review", "failed", "duplicate")},
            "filed_pages": sum(d["pages"] for d in filed),
            "filed_multi_page": sum(d["pages"] > 1 for d in filed),
            "mllp_messages_after_batch": after_batch, "mllp_messages_after_reruns": len(ehr.messages),
            "export_run_exits": reruns, "problems": problems, "wrong_patient": wrong,
            "checks": checks, "ok": all(checks.values()),
        }
    finally:
        ehr.close()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=40, help="held-out documents to generate (default 40)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"seed of roster and documents (default {SEED})")
    parser.add_argument("--workers", type=int, default=2, help="batch worker processes (default 2)")
    parser.add_argument("--folder", help="use the documents of this folder (with samples/roster.csv) instead")
    parser.add_argument("--keep", help="work under this folder and keep it (documents, store, exports)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the acceptance; print the verdict as JSON; exit 0 when every check holds."""
    args = parse_args(argv)
    if args.keep:
        Path(args.keep).mkdir(parents=True, exist_ok=False)
        verdict = run(Path(args.keep), args)
    else:
        with tempfile.TemporaryDirectory(prefix="docintake-export-acceptance-") as tmp:
            verdict = run(Path(tmp), args)
    print(json.dumps(verdict, indent=2))
    print_summary(verdict)
    return 0 if verdict["ok"] else 1


def print_summary(v: dict[str, Any]) -> None:
    """A few lines for a person, on stderr (the JSON verdict is on stdout)."""
    o = v["outcomes"]
    lines = [f"export acceptance: {v['documents']} documents ({v['source']})",
             f"batch exit {v['batch_exit']} in {v['batch_seconds']} s: filed {o['filed']}, review {o['review']}, "
             f"failed {o['failed']}, duplicate {o['duplicate']}",
             f"MLLP listener: {v['mllp_messages_after_batch']} messages after the batch, "
             f"{v['mllp_messages_after_reruns']} after export run x2 (exits {v['export_run_exits']})",
             f"export --format fhir|hl7: {o['filed']} filed documents ({v['filed_pages']} pages, "
             f"{v['filed_multi_page']} with several), problems: {v['problems'] or 'none'}"]
    lines += [f"  {'ok  ' if ok else 'FAIL'} {name}" for name, ok in v["checks"].items()]
    lines.append("ACCEPTED" if v["ok"] else "NOT ACCEPTED")
    print("\n".join(lines), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
