"""The fast listings print exactly what the ORM listings printed: same rows, same order, same bytes."""

from __future__ import annotations

import json
import math
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select
from sqlalchemy.engine import make_url

from pipeline.config import load_config
from pipeline.index import listing
from pipeline.index.models import Document, Patient, ReviewItem
from pipeline.index.scratch import postgres_schema, postgres_unreachable
from pipeline.index.store import Store
from pipeline.index.views import document_summary
from pipeline.jsonout import list_json, rows_json
from pipeline.review.items import ReviewReason, queue_items
from pipeline.review.queue import list_queue
from tests.test_cli_fast import loaded_after

AT = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
# Values json.dumps escapes or lays out in ways a shortcut could get wrong.
NAMES = ["plain.pdf", "Müller Jürgen.pdf", 'quote "x".tif', "back\\slash.png", "tab\there\nnewline.pdf",
         "ctl\x01\x7f.pdf", "emoji \U0001f600.jpg", "percent %s %d.pdf", "[bracket]{brace}.pdf", ""]
SCORES = [None, 0.0, 1.0, 0.1 + 0.2, 1e-05, 0.0001, 123456789012345.6, 1e16, -0.0, math.inf, 2 / 3]
REASONS = ["[]", '["match: name and dob"]', '["patient uncertain", "type uncertain", "match: caf\\u00e9"]', "",
           '["several patients"]']


def _documents(n: int) -> list[dict[str, Any]]:
    docs = []
    for i in range(n):
        at = AT - timedelta(days=30) + timedelta(minutes=7 * (i // 3), microseconds=(i % 4) * 1234)
        docs.append({
            "id": f"{i:04d}" if i % 5 else f"z{i:03d}", "source_name": NAMES[i % len(NAMES)], "sha256": f"{i:064x}",
            "received_at": at, "updated_at": at, "status": ("filed", "review", "failed", "duplicate", "split")[i % 5],
            "patient_mrn": None if i % 3 else f"M{i}", "doc_type": None if i % 4 == 1 else "lab_result",
            "match_score": SCORES[i % len(SCORES)], "type_confidence": SCORES[(i * 7) % len(SCORES)],
            "pages": i % 4, "error": None if i % 6 else f"bad \"{i}\" \\ é\n", "reasons": REASONS[i % len(REASONS)],
            "duplicate_of": "0001" if i % 9 == 4 else None, "parent_id": "0002" if i % 8 == 3 else None,
            "parent_pages": "1-2" if i % 8 == 3 else None,
            "match_json": json.dumps({"candidates": [{"mrn": f"M{i % 4}", "score": 0.512345678}]}) if i % 2 else "{}",
            "split_json": '[{"pages": "1-2", "mrn": "M1"}]' if i % 10 == 1 else "[]",
        })
    return docs


def _fill(store: Store) -> Store:
    """90 awkward documents, their open and resolved review items, and a small roster."""
    docs = _documents(90)
    review = [{"document_id": d["id"], "reasons": d["reasons"] or "[]", "created_at": d["received_at"],
               "claimed_by": "ann" if i % 3 == 0 else None,
               "claim_expires": AT + timedelta(minutes=5 - 10 * (i % 2)) if i % 3 == 0 else None,
               "resolved_at": AT if i % 4 == 3 else None} for i, d in enumerate(docs) if d["status"] == "review"]
    with store.db.session() as s:
        s.execute(insert(Document), docs)
        s.execute(insert(ReviewItem), review)
        s.execute(insert(Patient), [{"mrn": "M1", "first_name": "Ana", "last_name": "Ñúñez", "updated_at": AT},
                                    {"mrn": "M3", "first_name": "", "last_name": "Solo", "updated_at": AT}])
    return store


@pytest.fixture
def store(home: Path) -> Store:
    """A SQLite store holding the awkward documents."""
    return _fill(Store(load_config(str(home))))


def _orm_listing(store: Store, status: str | None = None) -> str:
    """What `documents list --json` printed before: document_summary of each ORM object, json.dumps'ed."""
    with store.db.read() as s:
        q = select(Document).order_by(Document.received_at, Document.id)
        docs = s.scalars(q.where(Document.status == status) if status else q).all()
        return json.dumps([document_summary(d) for d in docs], indent=2, default=str) + "\n"


def test_documents_list_json_is_the_orm_listing_byte_for_byte(store: Store, cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("documents", "list", "--json").out == _orm_listing(store)
    assert cli("documents", "list", "--json", "--status", "review").out == _orm_listing(store, "review")
    newest = json.loads(_orm_listing(store))[-7:]
    assert cli("documents", "list", "--json", "--limit", "7").out == json.dumps(newest, indent=2) + "\n"


def test_the_sqlalchemy_reader_gives_the_same_text(store: Store) -> None:
    with store.db.read() as s:
        through_session = "".join(listing.documents_json(listing.document_rows(listing.session_reader(s))))
    assert through_session + "\n" == _orm_listing(store)


def test_an_empty_store_lists_an_empty_list(home: Path, cli) -> None:  # type: ignore[no-untyped-def]
    Store(load_config(str(home))).close()
    assert cli("documents", "list", "--json").out == "[]\n"
    assert cli("review", "list", "--json").out == "[]\n"


def test_the_table_counts_all_and_shows_the_newest(store: Store, cli) -> None:  # type: ignore[no-untyped-def]
    table = cli("documents", "list", "--limit", "5")
    assert table.code == 0 and "the newest 5 of 90 document(s)" in table.out


def test_rows_json_and_list_json_are_json_dumps() -> None:
    keys = ("a", "b%s", 'c"', "d")
    rows = [("x", 1, 0.1 + 0.2, None), ("é\n", True, math.nan, -math.inf), ("", 10**30, 1e-7, b"raw")]
    expected = json.dumps([dict(zip(keys, r, strict=True)) for r in rows], indent=2, default=str)
    assert "".join(rows_json(keys, [rows[:2], rows[2:]])) == expected
    assert "".join(rows_json(keys, [])) == "[]"
    items: list[dict[Any, Any]] = [{"a": [1, [2, {"b": []}]], "c": {}, "d": {"e": None}}, {}, {1: "int key"},
                                   {"when": AT, "f": 2.5, "s": ReviewReason.no_patient}]
    assert "".join(list_json(items, chunk=2)) == json.dumps(items, indent=2, default=str)


def _orm_queue(store: Store) -> list[dict[str, Any]]:
    """The queue as the ORM listing built it (open items, oldest received first), as review list --json showed it."""
    from pipeline.review.queue import active_claim, as_utc, best_candidate, main_reasons, open_items

    with store.db.read() as s:
        out = []
        for item, doc in open_items(s):
            mrn, score = best_candidate(doc)
            name = s.get(Patient, mrn) if mrn else None
            claimed_by, expires = active_claim(item, AT)
            received = as_utc(doc.received_at)
            assert received is not None
            reasons = json.loads(item.reasons or "[]")
            out.append({
                "id": doc.id, "received": received.isoformat(), "source_name": doc.source_name, "reasons": reasons,
                "queue_reasons": main_reasons(reasons), "candidate_mrn": mrn,
                "candidate_name": f"{name.first_name} {name.last_name}".strip() if name else None,
                "candidate_score": score, "doc_type": doc.doc_type, "type_confidence": doc.type_confidence,
                "pages": doc.pages or 0, "age_seconds": int((AT - received).total_seconds()),
                "claimed_by": claimed_by, "claim_expires": expires.isoformat() if expires else None,
                "version": doc.version or 1, "proposed_parts": json.loads(doc.split_json or "[]"),
                "parent_id": doc.parent_id, "parent_pages": doc.parent_pages})
        return out


def test_review_queue_through_sqlite3_is_the_orm_queue(store: Store, home: Path) -> None:
    conn = listing.sqlite_at_head(load_config(str(home)).effective_database_url)
    assert conn is not None
    fast = queue_items(listing.sqlite_reader(conn), None, None, AT)
    expected = _orm_queue(store)
    assert [i.as_json(AT) for i in fast] == [i.as_json(AT) for i in list_queue(store, at=AT)] == expected
    assert "".join(list_json(i.as_json(AT) for i in fast)) == json.dumps(expected, indent=2, default=str)
    uncertain = queue_items(listing.sqlite_reader(conn), ReviewReason.patient_uncertain, None, AT)
    assert [i.id for i in uncertain] == [e["id"] for e in expected if "patient uncertain" in e["reasons"]]
    old = queue_items(listing.sqlite_reader(conn), None, timedelta(days=29, hours=23), AT)
    assert 0 < len(old) < len(expected) and [i.id for i in old] == [e["id"] for e in expected][:len(old)]
    conn.close()


def test_a_store_needing_a_migration_is_read_through_the_store(home: Path) -> None:
    cfg = load_config(str(home))
    Store(cfg).close()
    url = cfg.effective_database_url
    assert listing.sqlite_at_head(url) is not None
    db = sqlite3.connect(url.removeprefix("sqlite:///"))
    db.execute("UPDATE alembic_version SET version_num = '0001'")
    db.commit()
    db.close()
    assert listing.sqlite_at_head(url) is None
    assert listing.sqlite_at_head("postgresql://h/db") is None
    assert listing.sqlite_at_head(f"sqlite:///{home / 'absent.db'}") is None


@pytest.mark.postgres
def test_on_postgresql_the_listings_are_the_orm_listings(home: Path, cli) -> None:  # type: ignore[no-untyped-def]
    if postgres_unreachable():
        pytest.skip(f"PostgreSQL unreachable: {postgres_unreachable()}")
    with postgres_schema() as url:
        options = make_url(url).query["options"]
        zoned = make_url(url).update_query_dict({"options": f"{options} -ctimezone=Pacific/Auckland"})
        (home / "docintake.toml").write_text(f'database_url = "{zoned.render_as_string(hide_password=False)}"\n')
        store = _fill(Store(load_config(str(home))))
        try:
            assert cli("documents", "list", "--json").out == _orm_listing(store)
            assert cli("documents", "list", "--json", "--status", "review").out == _orm_listing(store, "review")
            assert [i.as_json(AT) for i in list_queue(store, at=AT)] == _orm_queue(store)
        finally:
            store.close()


def test_a_database_sqlite_cannot_read_is_a_database_error(home: Path, cli) -> None:  # type: ignore[no-untyped-def]
    cfg = load_config(str(home))
    Store(cfg).close()
    db = sqlite3.connect(cfg.store_path / "index.db")
    db.execute("DROP TABLE review_items")
    db.commit()
    db.close()
    run = cli("review", "list", "--json")
    assert run.code == 7 and "cannot read the database" in run.err and "Traceback" not in run.err


def test_listing_a_migrated_store_loads_no_sqlalchemy(store: Store, home: Path) -> None:
    for command in ("'documents', 'list', '--json'", "'review', 'list'"):
        code = ("from pipeline.cli import main\ntry:\n"
                f"    main(['--home', {str(home)!r}, {command}])\nexcept SystemExit:\n    pass")
        assert loaded_after(code) == set(), command
