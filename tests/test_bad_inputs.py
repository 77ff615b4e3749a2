"""Every kind of bad input dropped into the inbox ends in exactly one known state, and the run goes on.

Unreadable permissions: the tests run as root, and root reads a mode-000 file anyway. So that case runs
docintake as the unprivileged user `nobody` (setuid in the child process) over a root-owned file it may
not read; that is the real thing, not a simulation.
"""

from __future__ import annotations

import io
import json
import os
import pwd
import shutil
import struct
import subprocess
import sys
import sysconfig
import tempfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageDraw

from pipeline.errors import ExitCode
from tests.conftest import REPO, SAMPLES
from tests.test_watch_kit import claims, documents, drop, env, inbox_files, one_row_per_file, pdf_bytes


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png() -> bytes:
    """A tiny PNG that declares 100,000 x 100,000 pixels."""
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + _chunk(b"IEND", b""))


def encrypted_pdf() -> bytes:
    """A PDF that needs a password to open."""
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(pdf_bytes(3))) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    return out.getvalue()


def text_png() -> bytes:
    """A 300-dpi page image with a few lines of text (read by real Tesseract)."""
    img = Image.new("L", (1700, 700), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(("CONSULTATION NOTE", "Patient: ROE, JOHN  DOB 07/08/1950",
                              "Seen in clinic for follow up of hypertension.")):
        draw.text((80, 80 + 140 * i), line, fill=0, font_size=64)
    out = io.BytesIO()
    img.save(out, format="PNG", dpi=(300, 300))
    return out.getvalue()


FAILS = {  # name -> expected error code
    "zero.pdf": "zero_bytes",
    "truncated.pdf": "corrupt_pdf",
    "encrypted.pdf": "encrypted_pdf",
    "bomb.png": "decompression_bomb",
    "long 500 pages.pdf": "too_many_pages",
    "outside link.pdf": "symlink_outside",
    "a pipe.pdf": "not_a_file",
}
WORKS = ("really a pdf.tif", "  Ünïcødé — résumé (copy) 2.pdf", "fax  inbox/ñ 名前 .pdf", "folder.pdf/inner.pdf")


@pytest.fixture
def bad_inbox(home: Path, tmp_path: Path) -> Iterator[Path]:
    """An inbox holding one file of every bad kind, and a few odd but good ones."""
    inbox = home / "inbox"
    drop(inbox, "zero.pdf", b"")
    drop(inbox, "truncated.pdf", pdf_bytes(1, pages=3)[:900])
    drop(inbox, "encrypted.pdf", encrypted_pdf())
    drop(inbox, "bomb.png", bomb_png())
    drop(inbox, "long 500 pages.pdf", pdf_bytes(2, pages=500))
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(pdf_bytes(4))
    (inbox / "outside link.pdf").symlink_to(outside)
    os.mkfifo(inbox / "a pipe.pdf")
    drop(inbox, "really a pdf.tif", pdf_bytes(5))
    drop(inbox, WORKS[1], pdf_bytes(6))
    drop(inbox, WORKS[2], pdf_bytes(7))
    drop(inbox, WORKS[3], pdf_bytes(8))
    yield inbox
    assert outside.read_bytes() == pdf_bytes(4), "what a symlink points to is never touched"


def test_each_bad_input_fails_alone_with_its_reason(cli, home: Path, bad_inbox: Path) -> None:  # type: ignore[no-untyped-def]
    (home / "docintake.toml").write_text("settle_seconds = 0.0\n")
    run = cli("watch", "--once", "--json", "--workers", "2")
    assert run.code == ExitCode.some_failed, run.err
    assert run.json()["failed"] == len(FAILS) and run.json()["processed"] == len(FAILS) + len(WORKS)
    rows = one_row_per_file(documents(home), set(FAILS) | set(WORKS))
    for name, code in FAILS.items():
        assert rows[name]["status"] == "failed" and rows[name]["error"].startswith(code + ":"), rows[name]
    for name in WORKS:
        assert rows[name]["status"] in ("filed", "review"), rows[name]
    assert inbox_files(bad_inbox) == [] and claims(bad_inbox) == []
    notes = {n["source_name"]: n for n in (json.loads(p.read_text())
                                          for p in (home / "store" / "failed").glob("*.error.json"))}
    assert set(notes) == set(FAILS)
    for name, note in notes.items():
        assert note["document_id"] == rows[name]["id"] and note["reason"] == rows[name]["error"] and note["time"]
    assert notes["long 500 pages.pdf"]["kept"] and notes["zero.pdf"]["kept"]
    assert notes["outside link.pdf"]["kept"] is None and "symbolic link" in notes["outside link.pdf"]["note"]
    assert notes["a pipe.pdf"]["kept"] is None and "pipe" in notes["a pipe.pdf"]["note"]
    kept = home / "store" / "failed" / notes["encrypted.pdf"]["kept"]
    assert kept.read_bytes()[:5] == b"%PDF-" and kept.stat().st_mode & 0o777 == 0o600
    listed = {d["id"]: d for d in cli("failed", "list", "--json").json()}
    assert set(listed) == {rows[n]["id"] for n in FAILS}


@pytest.mark.slow
def test_lying_extensions_and_unicode_names_through_real_ocr(cli, home: Path) -> None:  # type: ignore[no-untyped-def]
    (home / "docintake.toml").write_text("settle_seconds = 0.0\n")
    inbox = home / "inbox"
    drop(inbox, "scan named as pdf.pdf", text_png())  # a PNG image behind a .pdf name: OCR'd, not refused
    shutil.copy(SAMPLES / "docs" / "03_referral.tif", inbox / "Référence  médicale — fax.tif")
    run = cli("watch", "--once", "--json", "--workers", "2")
    assert run.code == 0, run.err
    rows = one_row_per_file(documents(home), {"scan named as pdf.pdf", "Référence  médicale — fax.tif"})
    png = cli("documents", "show", rows["scan named as pdf.pdf"]["id"], "--json").json()
    assert png["kind"] == "png" and "hypertension" in png["page_texts"][0]["text"]
    assert png["page_texts"][0]["source"] == "ocr"
    fax = cli("documents", "show", rows["Référence  médicale — fax.tif"]["id"], "--json").json()
    assert fax["kind"] == "tiff" and "REFERRAL" in fax["page_texts"][0]["text"]


# The venv's interpreter lives under /root, which `nobody` may not enter: the child runs the system
# Python of the same version over the venv's packages instead, as `nobody` from its first instruction.
SYSTEM_PYTHON = Path(f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}")
SITE = Path(sysconfig.get_paths()["purelib"])


def _as_nobody(args: list[str], home: Path) -> subprocess.CompletedProcess:
    user = pwd.getpwnam("nobody")
    child_env = env() | {"HOME": str(home), "PYTHONPATH": f"{SITE}{os.pathsep}{REPO}"}
    return subprocess.run([str(SYSTEM_PYTHON), "-m", "pipeline", *args], cwd="/", env=child_env,
                          capture_output=True, text=True, timeout=120, user=user.pw_uid, group=user.pw_gid,
                          extra_groups=[])


def _nobody_cannot_import() -> str:
    """Why `nobody` cannot run docintake from this checkout ("" when it can): a private clone directory."""
    probe = _as_nobody(["--help"], Path("/"))
    return "" if probe.returncode == 0 and "Usage" in probe.stdout else (probe.stderr.strip().splitlines() or ["?"])[-1]


@pytest.mark.skipif(os.geteuid() != 0 or not SYSTEM_PYTHON.exists(),
                    reason="needs root (to run docintake as `nobody`) and a system Python of this version")
def test_a_file_docintake_may_not_read_fails_as_unreadable_and_its_bytes_are_kept() -> None:
    why = _nobody_cannot_import()
    if why:
        pytest.skip(f"user nobody cannot import docintake from this checkout or its venv ({why}); "
                    "clone it where other users may read to run this test")
    nobody = pwd.getpwnam("nobody")
    base = Path(tempfile.mkdtemp(prefix="docintake-perm-", dir="/tmp"))
    try:
        os.chmod(base, 0o755)
        home = base / "home"
        folder = base / "scans"
        for d in (home, home / "inbox", folder):
            d.mkdir()
            os.chown(d, nobody.pw_uid, nobody.pw_gid)
        for where in (home / "inbox", folder):
            secret = where / "locked.pdf"
            secret.write_bytes(pdf_bytes(11))
            os.chmod(secret, 0o600)  # owned by root: nobody may not read it
            drop(where, "open.pdf", pdf_bytes(12))
            os.chown(where / "open.pdf", nobody.pw_uid, nobody.pw_gid)
        documents(home)  # the store, made (and migrated) as root, then handed to nobody
        for d, dirs, files in os.walk(home / "store"):
            for name in [".", *dirs, *files]:
                os.chown(Path(d) / name, nobody.pw_uid, nobody.pw_gid)

        batch = _as_nobody(["--home", str(home), "batch", str(folder), "--json", "--workers", "1"], home)
        assert batch.returncode == ExitCode.some_failed, batch.stderr
        assert json.loads(batch.stdout)["failed"] == 1, batch.stdout  # a report, not an interpreter crash (also 1)
        assert sorted(p.name for p in folder.iterdir()) == ["locked.pdf", "open.pdf"], "batch leaves DIR as it was"

        watch = _as_nobody(["--home", str(home), "watch", "--once", "--settle", "0", "--json", "--workers", "1"],
                           home)
        assert watch.returncode == ExitCode.some_failed, watch.stderr
        docs = documents(home)
        locked = [d for d in docs if d["source_name"] == "locked.pdf"]
        assert len(locked) == 2 and all(d["status"] == "failed" for d in locked)
        assert all(d["error"].startswith("unreadable:") and "permission denied" in d["error"] for d in locked)
        readable = sorted(d["status"] for d in docs if d["source_name"] == "open.pdf")
        assert readable[0] == "duplicate" and readable[1] in ("filed", "review"), watch.stderr
        [note_path] = (home / "store" / "failed").glob("*.error.json")
        note = json.loads(note_path.read_text())
        assert note["kept"], "a file nobody could read is still kept (moved by rename)"
        assert (home / "store" / "failed" / note["kept"]).read_bytes() == pdf_bytes(11)
        assert inbox_files(home / "inbox") == []
    finally:
        shutil.rmtree(base, ignore_errors=True)
