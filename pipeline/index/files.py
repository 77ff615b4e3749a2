"""Files in the store: atomic, durable writes with private permissions."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def ensure_dir(path: Path) -> Path:
    """Create `path` (and parents) with mode 0700 if missing."""
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    return path


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(dest: Path, data: bytes) -> Path:
    """Write `data` to `dest` so that a crash leaves either the old state or the complete file."""
    ensure_dir(dest.parent)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(dest.parent)
    return dest


def atomic_copy(src: Path, dest: Path) -> Path:
    """Copy `src` to `dest` atomically and durably (temporary file, fsync, rename)."""
    ensure_dir(dest.parent)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=dest.parent)
    try:
        with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
            shutil.copyfileobj(inp, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(dest.parent)
    return dest


def original_relpath(sha256: str, suffix: str) -> str:
    """Content-addressed place of an original: originals/ab/<sha256><suffix>."""
    return f"originals/{sha256[:2]}/{sha256}{suffix.lower()}"


def searchable_relpath(sha256: str) -> str:
    """Content-addressed place of the searchable PDF made from an original."""
    return f"searchable/{sha256[:2]}/{sha256}.pdf"
