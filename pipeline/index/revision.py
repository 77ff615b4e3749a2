"""What the database's schema must be, known without SQLAlchemy or Alembic (for the fast read-only commands)."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_BUSY_MS = 30_000  # a statement waits this long for another process's lock; then the run waits it out

_REVISION = re.compile(r"^(down_)?revision\s*(?::[^=]*)?=\s*(?:['\"]([^'\"]+)['\"]|None)", re.M)


@lru_cache(maxsize=1)
def shipped_head() -> str | None:
    """The head revision read straight from the migration files (no Alembic import); None if not one head."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        for down, value in _REVISION.findall(script.read_text()):
            if value:
                (parents if down else revisions).add(value)
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None
