"""Export throughput: documents per second through the outbox to a local MLLP listener and to drop folders.

Run:  .venv/bin/python bench/export.py                    (200 one-page and 50 ten-page documents)
      .venv/bin/python bench/export.py --docs 50 --long 10 (a quick look)

For each PDF size (1 page, 10 pages) a fresh store gets N filed documents (rows written directly, no OCR:
this measures delivery, not intake), each queued for one destination at a time, then `deliver()` (what
`docintake export run` calls) is timed until the outbox is empty:
  - mllp:        a listener in another process on 127.0.0.1 that reads each framed message and answers AA
                 (one connection per message, as the sender opens it; MDM^T02 with the PDF in OBX-5);
  - hl7+folder:  one .hl7 file per document, written atomically (fsync + rename);
  - fhir+folder: one Bundle .json per document (Binary + DocumentReference), written atomically.
Pages are 1-bit fax-like images (1728x2200, as a fax server's searchable PDF holds), so message sizes are
those of real documents. Every message is counted at the receiver, and each run checks that every
document arrived exactly once.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import random
import socket
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image  # noqa: E402
from reportlab.lib.pagesizes import letter  # noqa: E402
from reportlab.lib.utils import ImageReader  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

SEED = 20261202


def fax_pdf(pages: int, rng: random.Random) -> bytes:
    """A PDF of `pages` 1-bit 1728x2200 pages with random 'text' strokes (about fax density)."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=letter, invariant=1)
    for _ in range(pages):
        img = Image.new("1", (1728, 2200), 1)
        px = img.load()
        for row in range(150, 2050, 40):
            x = 120
            while x < 1500:
                word = rng.randint(30, 160)
                for dx in range(0, word, 3):
                    for dy in range(0, 22, 2):
                        if rng.random() < 0.45:
                            px[x + dx, row + dy] = 0
                x += word + 25
        c.drawImage(ImageReader(img), 0, 0, width=letter[0], height=letter[1])
        c.showPage()
    c.save()
    return out.getvalue()


def _listen(sock: socket.socket, counter) -> None:  # type: ignore[no-untyped-def]
    from pipeline.export import hl7
    from pipeline.export.transport import END, START

    while True:
        conn, _ = sock.accept()
        with conn:
            buf = b""
            while END not in buf:
                chunk = conn.recv(1 << 20)
                if not chunk:
                    break
                buf += chunk
            if END in buf:
                message = buf.split(END, 1)[0].lstrip(START).decode()
                conn.sendall(START + hl7.ack_for(message, "AA").encode() + END)
                with counter.get_lock():
                    counter.value += 1


def _seed_store(home: Path, n: int, pdf: bytes, destination: str):  # type: ignore[no-untyped-def]
    from pipeline.config import load_config
    from pipeline.export.outbox import Filing, record_change
    from pipeline.index.files import atomic_write
    from pipeline.index.models import Document, Patient
    from pipeline.index.store import Store

    (home / "docintake.toml").write_text(f"export_to = {json.dumps([destination])}\nexport_timeout = 30.0\n")
    store = Store(load_config(str(home)))
    atomic_write(store.path("originals/bench.pdf"), pdf)
    now = datetime.now(UTC).replace(microsecond=0)
    with store.db.session() as s:
        s.add(Patient(mrn="ZZ1", first_name="Ada", last_name="Quill", updated_at=now))
        for i in range(n):
            doc = Document(id=f"bench{i:07d}", source_name=f"b{i}.pdf", sha256=f"{i:064d}", size=len(pdf),
                           received_at=now, status="filed", patient_mrn="ZZ1", doc_type="lab_result",
                           pages=0, original_path="originals/bench.pdf", version=2, updated_at=now)
            s.add(doc)
            s.flush()
            record_change(s, store.cfg, Filing.of(doc))
    return store


def run_one(kind: str, n: int, pdf: bytes) -> dict:
    """Deliver n documents of this PDF to one destination kind; documents per second and checks."""
    from pipeline.export.deliver import deliver

    with tempfile.TemporaryDirectory(prefix="docintake-export-bench-") as tmp:
        home = Path(tmp)
        proc = None
        if kind == "mllp":
            sock = socket.create_server(("127.0.0.1", 0))
            counter = multiprocessing.Value("i", 0)
            proc = multiprocessing.Process(target=_listen, args=(sock, counter), daemon=True)
            proc.start()
            dest = f"mllp://127.0.0.1:{sock.getsockname()[1]}"
        else:
            dest = f"{kind}:{home / 'out'}"
        store = _seed_store(home, n, pdf, dest)
        try:
            start = time.perf_counter()
            report = deliver(store, due_only=False)
            seconds = time.perf_counter() - start
        finally:
            store.close()
            if proc is not None:
                proc.terminate()
        received = counter.value if kind == "mllp" else len(list((home / "out").glob("*.*")))
        delivered = report.destinations[0].delivered
    assert delivered == n == received, (kind, delivered, received)
    return {"destination": kind, "documents": n, "seconds": round(seconds, 3),
            "docs_per_second": round(n / seconds, 1), "pdf_bytes": len(pdf)}


def main() -> None:
    """Run every destination for 1-page and 10-page PDFs and print the table and JSON."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=200, help="one-page documents per destination")
    parser.add_argument("--long", type=int, default=50, help="ten-page documents per destination")
    args = parser.parse_args()
    rng = random.Random(SEED)
    sizes = [(1, args.docs, fax_pdf(1, rng)), (10, args.long, fax_pdf(10, rng))]
    results = []
    for pages, n, pdf in sizes:
        for kind in ("mllp", "hl7+folder", "fhir+folder"):
            row = run_one(kind, n, pdf) | {"pages": pages}
            results.append(row)
            print(f"{kind:<12} {pages:>2}-page ({row['pdf_bytes'] // 1024:>4} KiB PDF): {n:>4} documents in "
                  f"{row['seconds']:>7.2f} s = {row['docs_per_second']:>7.1f} documents/s", file=sys.stderr)
    print(json.dumps({"results": results}, indent=2))


if __name__ == "__main__":
    main()
