"""The export acceptance check on the sample documents: a real batch with an MLLP destination, then
`export run` again, then `export --format fhir|hl7` for every filed document, validated with the real libraries.

Run:  OMP_THREAD_LIMIT=1 .venv/bin/python bench/export_acceptance.py [DOCS_FOLDER]   (default samples/docs)

Checks: every filed document reached the MLLP listener exactly once (also after `export run` again), and
each one's FHIR Bundle (fhir.resources R4B) and MDM^T02 (hl7apy strict v2.5.1) carry its MRN, its LOINC
(or local) type and a PDF with its page count. Exits 1 on the first mismatch.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pipeline.classify.codes import code_for  # noqa: E402
from pipeline.export import hl7  # noqa: E402
from tests.export_kit import (  # noqa: E402
    MllpReceiver,
    bundle_pdf,
    hl7_pdf,
    pdf_pages,
    validate_bundle,
    validate_hl7,
)


def _run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)


def _check(doc: dict, out: Path) -> None:
    raw = json.loads((out / "fhir" / f"{doc['id']}.json").read_text())
    validate_bundle(raw)
    ref = next(e["resource"] for e in raw["entry"] if e["resource"]["resourceType"] == "DocumentReference")
    assert ref["subject"]["identifier"]["value"] == doc["patient_mrn"], doc["id"]
    assert ref["type"]["coding"][0]["code"] == code_for(doc["doc_type"]).code, doc["id"]
    assert pdf_pages(bundle_pdf(raw)) == doc["pages"], doc["id"]
    message = (out / "hl7" / f"{doc['id']}.hl7").read_bytes().decode()
    validate_hl7(message)
    assert hl7.field(hl7.first(hl7.segments(message), "PID") or [], 3) == doc["patient_mrn"], doc["id"]
    assert pdf_pages(hl7_pdf(message)) == doc["pages"], doc["id"]


def main() -> None:
    """Run the check and print a one-line summary per step."""
    docs = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "samples" / "docs"
    ehr = MllpReceiver("AA")
    with tempfile.TemporaryDirectory(prefix="docintake-export-acceptance-") as tmp:
        home, out = Path(tmp) / "home", Path(tmp) / "out"
        home.mkdir()
        (home / "docintake.toml").write_text(f'export_to = ["{ehr.url}"]\n')
        base = [sys.executable, "-m", "pipeline", "--home", str(home)]
        assert _run(base + ["patients", "import", str(REPO / "samples" / "roster.csv")]).returncode == 0
        batch = _run(base + ["batch", str(docs), "--workers", "2", "--json"])
        report = json.loads(batch.stdout)
        filed = json.loads(_run(base + ["documents", "list", "--status", "filed", "--json"]).stdout)
        print(f"batch exit {batch.returncode}: filed {report['filed']}, review {report['review']}, "
              f"failed {report['failed']}; MLLP received {len(ehr.messages)}")
        again = _run(base + ["export", "run"])
        numbers = sorted(hl7.field(hl7.first(hl7.segments(m), "TXA") or [], 12) for m in ehr.messages)
        assert numbers == sorted(d["id"] for d in filed), "not every filed document arrived exactly once"
        print(f"export run again: exit {again.returncode}, MLLP received {len(ehr.messages)} (once each)")
        for fmt in ("fhir", "hl7"):
            assert _run(base + ["export", "--format", fmt, "--to", str(out / fmt)]).returncode == 0
        for doc in filed:
            _check(doc, out)
        print(f"export --format fhir|hl7: {len(filed)} documents valid, MRN, type and page count right")
    ehr.close()


if __name__ == "__main__":
    main()
