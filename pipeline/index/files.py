"""Files in the store: atomic, durable writes with private permissions."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600
TEMP_PREFIX = ".tmp-"  # every half-written file starts with this; `doctor` removes stale ones


def ensure_dir(path: Path) -> Path:
    """Create `path` and any missing parents, each with mode 0700 (mkdir's `parents` would use 0777)."""
    missing: list[Path] = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue  # another process made it first
        os.chmod(folder, DIR_MODE)  # mkdir's mode is filtered by the umask
    return path


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _atomic(dest: Path, fill) -> Path:  # type: ignore[no-untyped-def]
    """Write via `fill(fh)` into a private temporary file beside `dest`, fsync, rename, fsync the folder."""
    ensure_dir(dest.parent)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=dest.parent)
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            fill(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(dest.parent)
    return dest


def atomic_write(dest: Path, data: bytes) -> Path:
    """Write `data` to `dest` so that a crash leaves either the old state or the complete file."""
    return _atomic(dest, lambda fh: fh.write(data))


def atomic_copy(src: Path, dest: Path) -> Path:
    """Copy `src` to `dest` atomically and durably (temporary file, fsync, rename)."""

    def fill(out) -> None:  # type: ignore[no-untyped-def]
        with open(src, "rb") as inp:
            shutil.copyfileobj(inp, out, 1 << 20)

    return _atomic(dest, fill)


def sha256_file(path: Path) -> str:
    """The sha256 of a file's bytes, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def remove_quietly(path: Path) -> bool:
    """Delete a file if it is there; True when something was removed."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def original_relpath(sha256: str, suffix: str) -> str:
    """Content-addressed place of an original: originals/ab/<sha256><suffix>."""
    return f"originals/{sha256[:2]}/{sha256}{suffix.lower()}"


def searchable_relpath(sha256: str) -> str:
    """Content-addressed place of the searchable PDF made from an original."""
    return f"searchable/{sha256[:2]}/{sha256}.pdf"
