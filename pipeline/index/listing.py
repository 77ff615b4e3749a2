"""Read-only listings (`documents list`; `review list` in pipeline.review.items): plain SQL, plain tuples.

On a SQLite store already at the shipped schema the rows come straight from the sqlite3 module: neither
SQLAlchemy (a quarter of a second to import) nor 100,000 ORM objects (seconds). Any other database
(PostgreSQL, or a SQLite file that must be migrated first) is read through the store's connection with
the same SQL. The rows and their order are the ORM queries' (tests/test_listing.py compares them).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.clock import as_utc
from pipeline.errors import DatabaseError
from pipeline.index.revision import SQLITE_BUSY_MS, shipped_head
from pipeline.jsonout import SEP, nested_fix, rows_json

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from pipeline.config import Config
    from pipeline.index.store import Store

Row = tuple[Any, ...]
CHUNK = 10_000  # rows fetched, encoded and written at a time: a long list streams in bounded memory

# `documents list --json`: the contract's keys in order, and the column each is read from.
DOCUMENT_FIELDS = (("id", "id"), ("source_name", "source_name"), ("sha256", "sha256"), ("status", "status"),
                   ("patient_mrn", "patient_mrn"), ("doc_type", "doc_type"), ("match_score", "match_score"),
                   ("type_confidence", "type_confidence"), ("pages", "pages"), ("error", "error"),
                   ("received", "received_at"), ("reasons", "reasons"), ("duplicate_of", "duplicate_of"),
                   ("parent_id", "parent_id"), ("parent_pages", "parent_pages"))
DOCUMENT_KEYS = tuple(key for key, _ in DOCUMENT_FIELDS)
_RECEIVED, _REASONS = DOCUMENT_KEYS.index("received"), DOCUMENT_KEYS.index("reasons")
_DOCUMENT_COLUMNS = ", ".join(column for _, column in DOCUMENT_FIELDS)



class Reader:
    """Runs read-only SQL (named :parameters) and hands back plain tuples."""

    def __init__(self, run: Callable[[str, dict[str, Any]], Iterator[list[Row]]]) -> None:
        self._run = run

    def chunks(self, sql: str, params: dict[str, Any] | None = None) -> Iterator[list[Row]]:
        """The rows in lists of up to CHUNK."""
        return self._run(sql, params or {})

    def all(self, sql: str, params: dict[str, Any] | None = None) -> list[Row]:
        """Every row."""
        return [row for chunk in self.chunks(sql, params) for row in chunk]


def _sqlite_chunks(conn: sqlite3.Connection) -> Callable[[str, dict[str, Any]], Iterator[list[Row]]]:
    def run(sql: str, params: dict[str, Any]) -> Iterator[list[Row]]:
        cursor = conn.execute(sql, params)
        while batch := cursor.fetchmany(CHUNK):
            yield batch

    return run


def _session_chunks(session: Session) -> Callable[[str, dict[str, Any]], Iterator[list[Row]]]:
    from sqlalchemy import text

    def run(sql: str, params: dict[str, Any]) -> Iterator[list[Row]]:
        result = session.execute(text(sql), params)
        while batch := result.fetchmany(CHUNK):
            yield [tuple(row) for row in batch]

    return run


def sqlite_reader(conn: sqlite3.Connection) -> Reader:
    """A Reader over a sqlite3 connection."""
    return Reader(_sqlite_chunks(conn))


def session_reader(session: Session) -> Reader:
    """A Reader over a SQLAlchemy session (any database)."""
    return Reader(_session_chunks(session))


def sqlite_at_head(url: str) -> sqlite3.Connection | None:
    """A plain sqlite3 connection when `url` is an existing SQLite file at the shipped schema, else None."""
    if not url.startswith("sqlite:///") or "?" in url:
        return None
    path = Path(url.removeprefix("sqlite:///"))
    if str(path) == ":memory:" or not path.is_file():
        return None
    conn = sqlite3.connect(path, timeout=SQLITE_BUSY_MS / 1000, isolation_level=None)
    try:
        stored = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        stored = None
    if stored is None or stored[0] != shipped_head():
        conn.close()
        return None
    return conn


@contextmanager
def open_reader(cfg: Config, store: Callable[[], Store]) -> Iterator[Reader]:
    """A Reader for the store of `cfg`: sqlite3 itself when it can, else `store()`'s (migrated) database."""
    conn = sqlite_at_head(cfg.effective_database_url)
    if conn is None:
        with store().db.read() as session:
            yield session_reader(session)
        return
    try:
        conn.execute("BEGIN")  # one snapshot: a count and its rows agree while a watcher writes
        yield sqlite_reader(conn)
    except sqlite3.Error as exc:  # as the store reports it: an exit code and a hint, not a traceback
        raise DatabaseError(f"cannot read the database {cfg.effective_database_url}: {exc}",
                            hint="another process may hold it locked; `docintake doctor` checks the store") from exc
    finally:
        conn.close()


# -- documents --------------------------------------------------------------------------------------------

def _documents_sql(status: str | None, newest: int | None) -> str:
    where = " WHERE status = :status" if status else ""
    order = " ORDER BY received_at DESC, id DESC LIMIT :newest" if newest is not None else " ORDER BY received_at, id"
    return f"SELECT {_DOCUMENT_COLUMNS} FROM documents{where}{order}"


def document_rows(reader: Reader, status: str | None = None, newest: int | None = None) -> Iterator[list[Row]]:
    """Documents as tuples in DOCUMENT_FIELDS order, oldest first (only `status`; only the `newest`)."""
    params: dict[str, Any] = {"status": status} if status else {}
    if newest is not None:
        params["newest"] = newest
    chunks = reader.chunks(_documents_sql(status, newest), params)
    if newest is None:
        return chunks
    rows = [row for chunk in chunks for row in chunk]
    return iter([rows[::-1]])


def count_documents(reader: Reader, status: str | None = None) -> int:
    """How many documents there are (in one status)."""
    where = " WHERE status = :status" if status else ""
    return int(reader.all(f"SELECT count(*) FROM documents{where}", {"status": status} if status else {})[0][0])


def when(value: Any) -> datetime | None:
    """A stored time as the ORM reads it: SQLite hands over text, PostgreSQL datetimes."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def iso(value: Any) -> str | None:
    """A stored time as ISO 8601 UTC text, or None."""
    moment = as_utc(when(value))
    return moment.isoformat() if moment else None


def document_dict(row: Row) -> dict[str, Any]:
    """The contract's object for one document row (views.document_summary of its ORM object)."""
    doc = dict(zip(DOCUMENT_KEYS, row, strict=True))
    doc["received"] = iso(doc["received"])
    doc["reasons"] = json.loads(doc["reasons"] or "[]")
    return doc


# A column of received times as SQLAlchemy writes them to SQLite, each JSON-encoded, joined by SEP:
# '"2026-01-01 09:30:00.000000"\x01"2026-01-01 09:31:00.250000"'. Checked with one match over the column and
# turned to ISO form by plain replacements (a cell's only space is between day and time): no per-cell work.
_STORED = r'"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}"'
_STORED_COLUMN = re.compile(f"{_STORED}(?:{SEP}{_STORED})*")


def _received_cell(cell: str) -> str:
    """The JSON of a received time from its encoded stored value (any form: parsed as the ORM does)."""
    return json.dumps(iso(json.loads(cell)))


def _received_column(cells: list[str]) -> list[str]:
    """_received_cell of every cell; the usual stored form by replacements over the joined column."""
    joined = SEP.join(cells)
    if not _STORED_COLUMN.fullmatch(joined):
        return [_received_cell(cell) for cell in cells]
    end = '+00:00"'
    joined = joined.replace(" ", "T").replace('.000000"', '"').replace('"' + SEP, end + SEP)
    return (joined[:-1] + end).split(SEP)


def documents_json(chunks: Iterable[Sequence[Row]]) -> Iterator[str]:
    """`documents list --json` in pieces: json.dumps([document_dict(r) ...], indent=2, default=str), joined."""
    fixes = {_RECEIVED: _received_column, _REASONS: nested_fix(2, lambda text: json.loads(text or "[]"))}
    return rows_json(DOCUMENT_KEYS, chunks, fixes)
