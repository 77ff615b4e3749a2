"""Soak: many mixed files dropped into one running `docintake watch`; nothing lost, nothing twice, memory flat.

    .venv/bin/python bench/soak.py                    # 2,000 files (the issue's figure), 2 workers
    .venv/bin/python bench/soak.py --files 300        # quicker
    .venv/bin/python bench/soak.py --json             # figures as JSON on stdout

The files (seeded): born-digital PDFs (a text layer), and small scanned pages needing OCR as fax TIFFs
(Group 4), PNGs and JPEGs, each about a patient of a 300-patient roster; 5% bad inputs (empty, cut short,
random bytes, a PDF header and nothing else); 10% re-sends (the same bytes again under the same name,
after the first was taken). Every one is written the way fax servers do (a temporary name, then a
rename), in bursts, while the watcher runs.

Checks, from the store once the inbox is empty:
- lost: drops without a row in a final state (each drop is one arrival: one row);
- duplicated: rows beyond one per drop, and contents filed (or sent to review) more than once;
- memory: resident memory of the watcher and its workers after the first 100 files were recorded and
  after the last; the target is after <= 1.5x after-100.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.pdfgen import canvas

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.synth.identities import make_roster, write_roster_csv  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
KINDS = ("pdf",) * 13 + ("tiff", "png", "jpeg") * 2  # about two in three born-digital, one in three scanned
BAD_SHARE, RESEND_SHARE = 0.05, 0.10
FINAL = ("filed", "review", "failed", "duplicate", "rejected")


@dataclass(frozen=True)
class Drop:
    """One file to drop: its name and bytes."""

    name: str
    data: bytes


def _lines(patient: object, n: int) -> list[str]:
    p = patient
    dob = p.dob.strftime("%m/%d/%Y") if p.dob else ""  # type: ignore[attr-defined]
    return ["LABORATORY REPORT", f"Patient: {p.last_name}, {p.first_name}   DOB: {dob}",  # type: ignore[attr-defined]
            f"Specimen collected 01/02/2024. Hemoglobin A1c {5 + n % 40 / 10:.1f} %.", f"Report number {n}."]


def _pdf(lines: list[str]) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(612, 792), invariant=1)
    for i, line in enumerate(lines):
        pdf.drawString(72, 720 - 16 * i, line)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _image(lines: list[str], kind: str) -> bytes:
    img = Image.new("L", (1275, 500), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((60, 40 + 100 * i), line, fill=0, font_size=40)
    out = io.BytesIO()
    if kind == "tiff":
        img.convert("1").save(out, format="TIFF", compression="group4", dpi=(150, 150))
    elif kind == "png":
        img.save(out, format="PNG", dpi=(150, 150))
    else:
        img.save(out, format="JPEG", quality=85, dpi=(150, 150))
    return out.getvalue()


def _bad(rng: random.Random, n: int) -> Drop:
    kind = rng.choice(("empty", "cut", "noise", "header"))
    if kind == "empty":
        return Drop(f"bad-{n:05d}.pdf", b"")
    if kind == "cut":
        return Drop(f"bad-{n:05d}.pdf", _pdf([f"cut short {n}"])[:300])
    if kind == "noise":
        return Drop(f"bad-{n:05d}.tif", rng.randbytes(2000))
    return Drop(f"bad-{n:05d}.pdf", b"%PDF-1.7\n" + rng.randbytes(50))


def make_drops(files: int, seed: int, roster: list) -> list[Drop]:
    """The seeded list of drops: mixed documents, bad inputs, re-sends of earlier ones."""
    rng = random.Random(seed)
    drops: list[Drop] = []
    while len(drops) < files:
        n = len(drops)
        roll = rng.random()
        if roll < BAD_SHARE:
            drops.append(_bad(rng, n))
        elif roll < BAD_SHARE + RESEND_SHARE and n > 20:
            drops.append(drops[rng.randrange(n - 10)])  # an earlier file again, long after it was taken
        else:
            kind = rng.choice(KINDS)
            lines = _lines(rng.choice(roster), n)
            data = _pdf(lines) if kind == "pdf" else _image(lines, kind)
            ext = {"pdf": ".pdf", "tiff": ".tif", "png": ".png", "jpeg": ".jpg"}[kind]
            drops.append(Drop(f"batch-{n // 100:02d}/doc-{n:05d}{ext}", data))
    return drops


def _drop(inbox: Path, item: Drop) -> None:
    path = inbox / item.name
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(item.data)
    os.replace(tmp, path)


def rss_kib(pid: int) -> int:
    """Resident memory of a process and its direct children, in KiB."""
    total = 0
    pids = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            pids += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def recorded(db: Path) -> int:
    """How many rows are in a final state."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
            marks = ",".join("?" * len(FINAL))
            return conn.execute(f"SELECT count(*) FROM documents WHERE status IN ({marks})", FINAL).fetchone()[0]
    except sqlite3.Error:
        return 0


def _docintake(home: Path, *args: str, **kw: object) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCINTAKE_")} | {"OMP_THREAD_LIMIT": "1"}
    return subprocess.Popen([sys.executable, "-m", "pipeline", "--home", str(home), *args], cwd=REPO, env=env,
                            **kw)  # type: ignore[call-overload]


def run(files: int, workers: int, seed: int, burst: int) -> dict:
    """Drop the files into a running watcher and measure; returns the figures."""
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        home = Path(tmp)
        (home / "inbox").mkdir()
        # Files cut short wait incomplete_minutes before they fail as truncated: half a minute here.
        (home / "docintake.toml").write_text("settle_seconds = 0.5\nincomplete_minutes = 0.5\n")
        roster = make_roster(300, seed=seed)
        write_roster_csv(roster, home / "roster.csv")
        subprocess.run([sys.executable, "-m", "pipeline", "--home", str(home), "patients", "import",
                        str(home / "roster.csv")], cwd=REPO, check=True, capture_output=True)
        drops = make_drops(files, seed, roster)
        log = open(home / "watch.log", "w")  # noqa: SIM115 - closed below
        watcher = _docintake(home, "watch", "--json", "--workers", str(workers), stdout=subprocess.PIPE,
                             stderr=log, text=True)
        db = home / "store" / "index.db"
        start = time.monotonic()
        mem_100 = peak = 0
        i = 0
        while i < len(drops) or recorded(db) < len(drops):
            done = recorded(db)
            if i < len(drops) and i - done < burst:  # keep about `burst` files waiting in the inbox
                batch: list[Drop] = []
                for item in drops[i:i + burst]:  # a re-send waits until the earlier copy was taken
                    if (home / "inbox" / item.name).exists() or item.name in {b.name for b in batch}:
                        break
                    batch.append(item)
                for item in batch:
                    _drop(home / "inbox", item)
                i += len(batch)
            peak = max(peak, rss_kib(watcher.pid))
            if not mem_100 and done >= 100:
                mem_100 = rss_kib(watcher.pid)
            if watcher.poll() is not None:
                raise SystemExit(f"the watcher exited early ({watcher.returncode}); see {home / 'watch.log'}")
            time.sleep(0.2)
        seconds = time.monotonic() - start
        time.sleep(1)
        mem_end = rss_kib(watcher.pid)
        watcher.terminate()
        watcher.communicate(timeout=120)
        log.close()
        return _judge(db, drops) | {"files": files, "workers": workers, "seconds": round(seconds, 1),
                                    "rss_after_100_mib": round(mem_100 / 1024, 1),
                                    "rss_after_all_mib": round(mem_end / 1024, 1),
                                    "rss_peak_mib": round(peak / 1024, 1),
                                    "memory_ratio": round(mem_end / mem_100, 3) if mem_100 else None,
                                    "inbox_left": sum(1 for _ in (home / "inbox").rglob("*") if _.is_file()
                                                      and ".processing" not in _.parts)}


def _judge(db: Path, drops: list[Drop]) -> dict:
    with sqlite3.connect(str(db)) as conn:
        rows = conn.execute("SELECT source_name, sha256, status FROM documents").fetchall()

    per_name = Counter(d.name for d in drops)
    row_names = Counter(r[0] for r in rows)
    lost = sum(max(0, per_name[n] - row_names[n]) for n in per_name)
    extra = sum(max(0, row_names[n] - per_name[n]) for n in row_names)
    taken = Counter(r[1] for r in rows if r[2] in ("filed", "review", "rejected"))
    shas = {hashlib.sha256(d.data).hexdigest() for d in drops}
    return {"rows": len(rows), "drops": len(drops), "lost": lost, "extra_rows": extra,
            "contents_filed_twice": sum(1 for sha, n in taken.items() if n > 1 and sha in shas),
            "not_final": sum(1 for r in rows if r[2] not in FINAL),
            "statuses": dict(Counter(r[2] for r in rows))}


def main() -> None:
    """Run the soak and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--burst", type=int, default=40, help="files kept waiting in the inbox at most")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = run(args.files, args.workers, args.seed, args.burst)
    if args.json:
        print(json.dumps(figures))
        return
    for key, value in figures.items():
        print(f"  {key:<22}{value}")
    ok = (figures["lost"] == 0 and figures["extra_rows"] == 0 and figures["contents_filed_twice"] == 0
          and figures["not_final"] == 0 and (figures["memory_ratio"] or 0) <= 1.5)
    print("PASS" if ok else "FAIL")


if __name__ == "__main__":
    main()
