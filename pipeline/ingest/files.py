"""Finding work: which files in a folder are documents to read, and their identity (sha256)."""

from __future__ import annotations

import fnmatch
import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path

from pipeline.errors import DocumentError
from pipeline.records import IngestedFile

# Files still being written or belonging to editors: ignored until renamed to their final name.
IGNORED_PATTERNS = ("*.part", "*.tmp", "*.crdownload", "~$*", ".~lock*", ".*")


def is_ignored(name: str) -> bool:
    """True for temporary, partial and hidden files."""
    return any(fnmatch.fnmatch(name, pat) for pat in IGNORED_PATTERNS)


def is_ignored_path(path: Path, root: Path) -> bool:
    """True when the file's name or any folder between `root` and it is temporary or hidden."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return True  # not under root at all
    return not parts or is_ignored(parts[-1]) or any(p.startswith(".") for p in parts[:-1])


def walk(folder: Path) -> list[Path]:
    """Every candidate file under `folder`, recursively, in a stable order; hidden folders skipped."""
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found.extend(Path(dirpath) / f for f in sorted(filenames) if not is_ignored(f))
    return found


def hash_file(path: Path) -> tuple[str, int]:
    """sha256 hex digest and size of a file, read in 1 MiB blocks."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            h.update(block)
            size += len(block)
    return h.hexdigest(), size


def check_inside(path: Path, root: Path) -> Path:
    """The real path of `path`, refusing symlinks that lead out of `root` and things that are not files."""
    real = path.resolve()
    if path.is_symlink() and not real.is_relative_to(root.resolve()):
        raise DocumentError("symlink_outside", f"symbolic link points outside {root.name}/ (to a path elsewhere)")
    if not real.exists():
        raise DocumentError("missing", "file disappeared before it could be read")
    if not real.is_file():
        raise DocumentError("not_a_file", "not a regular file (device, socket or pipe)")
    return real


def ingest_file(path: Path, root: Path, received: datetime | None = None) -> IngestedFile:
    """Identify one complete file: check it, hash it, and name it relative to `root`."""
    real = check_inside(path, root)
    try:
        sha, size = hash_file(real)
    except PermissionError as exc:
        raise DocumentError("unreadable", f"permission denied reading the file ({exc.strerror})") from exc
    except OSError as exc:
        raise DocumentError("unreadable", f"cannot read the file: {exc.strerror}") from exc
    return IngestedFile(
        path=str(real),
        source_name=source_name(path, root),
        sha256=sha,
        size=size,
        received=received or datetime.now(UTC).replace(microsecond=0),
    )


def source_name(path: Path, root: Path) -> str:
    """The name a file arrived under, relative to the folder it was found in."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return path.name
