"""Database engine, sessions and migrations (applied automatically on first use)."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:  # Alembic is imported only when a migration must run (or a command asks for it)
    from alembic.config import Config as AlembicConfig

from pipeline.errors import DatabaseError
from pipeline.index.files import FILE_MODE, ensure_dir, remove_quietly
from pipeline.index.revision import MIGRATIONS, SQLITE_BUSY_MS, shipped_head

log = logging.getLogger(__name__)
# SQL statements carry patient data; even at -vv they stay out of the logs.
logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)

READ_ONLY = "docintake_read_only"  # execution option: a read-only transaction may begin deferred


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    # WAL lets a watcher, a batch and a clerk work at once; the busy timeout makes writers wait, not fail.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
    # The driver's own implicit BEGIN is switched off so that _sqlite_begin decides how to begin.
    dbapi_conn.isolation_level = None


def _sqlite_begin(conn) -> None:  # type: ignore[no-untyped-def]
    # A writer takes the write lock before its first read: two processes appending to the audit chain
    # would otherwise both read the same head and one would fail (or fork the chain) at commit.
    read_only = conn.get_execution_options().get(READ_ONLY, False)
    conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _private_sqlite_file(url: str) -> None:
    """Create the SQLite file 0600 before SQLite does (its -wal and -shm files copy that mode)."""
    if not url.startswith("sqlite:///") or url == "sqlite:///:memory:":
        return
    path = Path(url.removeprefix("sqlite:///").split("?", 1)[0])
    if path.exists():
        # Never open and close the file of a database this process may already be using: closing any
        # descriptor of a file drops every POSIX lock the process holds on it, and another process would
        # then believe it is alone, checkpoint and remove the WAL under our connections (writes that
        # other processes cannot see, "database disk image is malformed" on their reads).
        return
    ensure_dir(path.parent)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, FILE_MODE)
    except FileExistsError:
        return  # another process created it first
    os.close(fd)
    os.chmod(path, FILE_MODE)


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite files get WAL, a busy timeout, write-locking BEGIN and private modes."""
    _private_sqlite_file(url)
    try:
        # hide_parameters: bound values (patient names, birth dates) never reach logs or error messages.
        # A server may restart under us (ping it on checkout); a SQLite file cannot (a ping is pure cost).
        engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"), hide_parameters=True)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise DatabaseError(f"cannot use database_url {_safe(url)}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a malformed URL is shown as "<invalid url>"
        return "<invalid url>"


def alembic_config() -> AlembicConfig:
    """Alembic configuration pointing at the packaged migrations."""
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    """The newest migration shipped with this version of docintake."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _stored_revision(engine: Engine) -> str | None:
    """The database's revision read with one query; None when it has none (or no version table)."""
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except SQLAlchemyError:
            conn.rollback()
            return None


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Apply every pending migration; returns (from, to) revisions.

    A database already at the shipped head (every start but the first after an upgrade) is recognised
    with one query and without importing Alembic: a command like `review list` starts 0.1-0.2 s sooner.
    """
    try:
        stored = _stored_revision(engine)
        if stored is not None and stored == shipped_head():
            return stored, stored
        before = current_revision(engine)
        if before != head_revision():
            from alembic import command

            cfg = alembic_config()
            with engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
            log.info("database migrated from %s to %s", before, head_revision())
        return before, head_revision()
    except OperationalError as exc:
        raise DatabaseError(
            f"cannot reach or migrate the database {_safe(str(engine.url))}: {exc.orig}",
            hint="check database_url in docintake.toml and that the server is running",
        ) from exc


UNLINK_AFTER_COMMIT = "unlink_after_commit"  # session.info key: files to delete once the commit is durable


def _unlink_after_commit(session: Session) -> None:
    # Files replaced by a committed change (an old filed copy) go only once no row can point to them.
    for path in session.info.pop(UNLINK_AFTER_COMMIT, ()):
        remove_quietly(path)


class Database:
    """An engine with migrations applied, handing out sessions."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        upgrade(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._readers = sessionmaker(self.engine.execution_options(**{READ_ONLY: True}), expire_on_commit=False)
        event.listen(self._sessions, "after_commit", _unlink_after_commit)

    @property
    def dialect(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A writing session in one transaction: committed on success, rolled back on error.

        On SQLite it holds the write lock from its start, so concurrent writers queue instead of failing.
        """
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session: never blocks writers (its changes, if any, are rolled back)."""
        with self._readers() as session:
            yield session  # closing the session rolls its transaction back

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()
