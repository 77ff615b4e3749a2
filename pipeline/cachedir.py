"""The folder docintake caches derived data in (the default type model, Tesseract's word list)."""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "DOCINTAKE_MODEL_CACHE"


def cache_dir() -> Path:
    """$DOCINTAKE_MODEL_CACHE, else the user's cache directory ($XDG_CACHE_HOME or ~/.cache) /docintake."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "docintake"
