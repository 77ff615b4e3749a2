"""PostgreSQL specifics: the GIN index serves search, schemas isolate runs, session time zones do not matter.

The store's behaviour on PostgreSQL is covered by the other store tests (parametrized over both
databases); these check what only PostgreSQL has.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from pipeline.config import load_config
from pipeline.index.scratch import postgres_required, postgres_schema, postgres_unreachable
from pipeline.index.store import Store
from tests.test_store import file_one, make_file

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _needs_postgres() -> None:
    reason = postgres_unreachable()
    if reason and postgres_required():
        pytest.fail(f"PostgreSQL is required (DOCINTAKE_REQUIRE_POSTGRES) but unreachable: {reason}")
    if reason:
        pytest.skip(f"PostgreSQL unreachable: {reason}")


def _store(home: Path, url: str) -> Store:
    (home / "docintake.toml").write_text(f'database_url = "{url}"\n')
    return Store(load_config(str(home)))


def test_search_uses_the_gin_index(home: Path, tmp_path: Path) -> None:
    with postgres_schema() as url:
        store = _store(home, url)
        try:
            file_one(store, make_file(tmp_path))
            with store.db.engine.connect() as conn:
                conn.execute(text("SET enable_seqscan = off"))  # a tiny table would be scanned otherwise
                plan = "\n".join(r[0] for r in conn.execute(text(
                    "EXPLAIN SELECT id FROM pages WHERE tsv @@ phraseto_tsquery('english', 'report')")))
                generated = conn.execute(text(
                    "SELECT is_generated FROM information_schema.columns WHERE table_name = 'pages' "
                    "AND column_name = 'tsv' AND table_schema = current_schema()")).scalar_one()
            assert "ix_pages_tsv" in plan and generated == "ALWAYS"
            assert [h.page for h in store.search("report")] == [1]
        finally:
            store.close()


def test_private_schemas_do_not_see_each_other(tmp_path: Path) -> None:
    with postgres_schema() as first, postgres_schema() as second:
        for name in ("a", "b"):
            (tmp_path / name).mkdir()
        a, b = _store(tmp_path / "a", first), _store(tmp_path / "b", second)
        try:
            file_one(a, make_file(tmp_path))
            assert len(a.list_documents()) == 1 and b.list_documents() == []
        finally:
            a.close()
            b.close()


def test_session_time_zone_changes_neither_times_nor_the_audit_chain(home: Path, tmp_path: Path) -> None:
    with postgres_schema() as url:
        options = make_url(url).query["options"]
        zoned = make_url(url).update_query_dict({"options": f"{options} -ctimezone=Pacific/Auckland"})
        store = _store(home, zoned.render_as_string(hide_password=False))
        try:
            doc_id = file_one(store, make_file(tmp_path))
            assert store.list_documents()[0]["received"] == "2026-11-02T00:00:00+00:00"
            assert store.verify_audit() == (2, [])
            assert store.show_document(doc_id, "clerk")["history"][0]["at"].endswith("+00:00")
        finally:
            store.close()
        plain = create_engine(url)
        with plain.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM audit_log")).scalar_one() == 3
        plain.dispose()


def test_an_unreachable_server_is_reported_not_raised() -> None:
    assert postgres_unreachable("postgresql+psycopg://postgres@127.0.0.1:1/test")
