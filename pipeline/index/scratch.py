"""Throw-away databases for tests and benchmarks: a private PostgreSQL schema, or a SQLite file.

Each PostgreSQL scratch database is a schema of its own (dropped afterwards) in one shared database, so
parallel test runs and benchmarks never see each other's tables.
"""

from __future__ import annotations

import functools
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

POSTGRES_URL_ENV = "DOCINTAKE_TEST_POSTGRES_URL"
REQUIRE_POSTGRES_ENV = "DOCINTAKE_REQUIRE_POSTGRES"
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
BACKENDS = ("sqlite", "postgresql")


def postgres_url() -> str:
    """The PostgreSQL server tests use: $DOCINTAKE_TEST_POSTGRES_URL, else the local `test` database."""
    return os.environ.get(POSTGRES_URL_ENV) or DEFAULT_POSTGRES_URL


def postgres_required() -> bool:
    """True when PostgreSQL tests must run (CI sets DOCINTAKE_REQUIRE_POSTGRES=1), not be skipped."""
    return os.environ.get(REQUIRE_POSTGRES_ENV, "") not in ("", "0")


@functools.cache
def postgres_unreachable(url: str | None = None) -> str | None:
    """None when the server answers, else why not (asked once per process)."""
    engine = create_engine(url or postgres_url(), connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except (SQLAlchemyError, OSError) as exc:
        return str(getattr(exc, "orig", exc)).strip().splitlines()[0]
    finally:
        engine.dispose()
    return None


def with_search_path(url: str, schema: str) -> str:
    """`url` whose connections use `schema` first (for tables, the Alembic version table and indexes)."""
    return make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False)


@contextmanager
def postgres_schema(url: str | None = None, prefix: str = "scratch") -> Iterator[str]:
    """A database URL whose tables live in a new private schema, dropped with everything in it afterwards."""
    base = url or postgres_url()
    schema = f"{prefix}_{secrets.token_hex(6)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT", pool_pre_ping=True)  # survives a server restart
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        yield with_search_path(base, schema)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def scratch_database(backend: str, folder: Path) -> Iterator[str]:
    """A database URL for `backend`: a SQLite file in `folder`, or a private PostgreSQL schema."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'scratch.db'}"
    elif backend == "postgresql":
        with postgres_schema() as url:
            yield url
    else:
        raise ValueError(f"unknown backend {backend!r}; expected one of {BACKENDS}")
