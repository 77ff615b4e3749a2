"""Leases in the database: on PostgreSQL a document's lease is an advisory lock that a killed holder drops."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.index.leases import DatabaseLeases, lease_key, leases_for
from pipeline.index.scratch import postgres_required, postgres_schema, postgres_unreachable
from pipeline.index.store import Store
from pipeline.ingest.lease import Leases
from tests.test_watch_kit import wait_for

SHA = "ab" * 32


@pytest.fixture
def pg_store(home: Path):  # type: ignore[no-untyped-def]
    reason = postgres_unreachable()
    if reason and postgres_required():
        pytest.fail(f"PostgreSQL is required (DOCINTAKE_REQUIRE_POSTGRES) but unreachable: {reason}")
    if reason:
        pytest.skip(f"PostgreSQL unreachable: {reason}")
    with postgres_schema() as url:
        (home / "docintake.toml").write_text(f'database_url = "{url}"\n')
        store = Store(load_config(str(home)))
        try:
            yield store
        finally:
            store.close()


def test_keys_are_signed_64_bit_and_follow_the_hash() -> None:
    assert lease_key("f" * 64) == -1
    assert lease_key("0" * 15 + "1" + "f" * 48) == 1
    assert lease_key(SHA) == lease_key(SHA[:16] + "0" * 48)


def test_sqlite_stores_keep_file_leases(home: Path) -> None:
    store = Store(load_config(str(home)))
    try:
        assert isinstance(leases_for(store), Leases)
    finally:
        store.close()


@pytest.mark.postgres
def test_one_holder_at_a_time_and_released_on_request(pg_store: Store) -> None:
    first, second = leases_for(pg_store), leases_for(pg_store)
    assert isinstance(first, DatabaseLeases)
    assert first.acquire(SHA) and first.holds(SHA)
    assert not second.acquire(SHA) and not second.is_free(SHA)
    assert not first.acquire(SHA), "a lease is not taken twice by its holder"
    first.release(SHA)
    assert second.acquire(SHA)
    second.release_all()
    assert first.is_free(SHA)


@pytest.mark.postgres
def test_a_holder_killed_with_9_drops_its_lease(pg_store: Store, tmp_path: Path) -> None:
    script = textwrap.dedent(f"""
        import sys, time
        from sqlalchemy import create_engine
        from pipeline.index.leases import DatabaseLeases
        leases = DatabaseLeases(create_engine({pg_store.db.url!r}))
        assert leases.acquire({SHA!r})
        print("held", flush=True)
        time.sleep(120)
    """)
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        mine = leases_for(pg_store)
        assert not mine.acquire(SHA)
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        assert wait_for(lambda: mine.acquire(SHA), 20, what="the dead holder's lease to be dropped")
        mine.release_all()
    finally:
        holder.kill()
        holder.wait()
