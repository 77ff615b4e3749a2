"""full-text search over pages, audit chain head, searchable PDF hash

Revision ID: 0002
Revises: 0001

SQLite: an external-content FTS5 table over pages.text, kept in step by triggers (so every writer, not
only the store, keeps it right). PostgreSQL: a generated tsvector column with a GIN index.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

GENESIS = "0" * 64

_SQLITE_UP = (
    "CREATE VIRTUAL TABLE pages_fts USING fts5("
    "text, content='pages', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER pages_fts_insert AFTER INSERT ON pages BEGIN "
    "INSERT INTO pages_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER pages_fts_delete AFTER DELETE ON pages BEGIN "
    "INSERT INTO pages_fts(pages_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER pages_fts_update AFTER UPDATE OF text ON pages BEGIN "
    "INSERT INTO pages_fts(pages_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO pages_fts(rowid, text) VALUES (new.id, new.text); END",
    "INSERT INTO pages_fts(pages_fts) VALUES ('rebuild')",
)
_SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS pages_fts_update",
    "DROP TRIGGER IF EXISTS pages_fts_delete",
    "DROP TRIGGER IF EXISTS pages_fts_insert",
    "DROP TABLE IF EXISTS pages_fts",
)
_POSTGRES_UP = (
    "ALTER TABLE pages ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED",
    "CREATE INDEX ix_pages_tsv ON pages USING gin (tsv)",
)
_POSTGRES_DOWN = ("DROP INDEX IF EXISTS ix_pages_tsv", "ALTER TABLE pages DROP COLUMN IF EXISTS tsv")


def _run(statements: tuple[str, ...]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    # Plain ALTERs, not batch mode: recreating `documents` on SQLite would cascade-delete its pages.
    op.add_column("documents", sa.Column("searchable_sha256", sa.String(length=64), nullable=True))
    op.create_index("ix_documents_received_at", "documents", ["received_at"], unique=False)

    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    # The head starts where the existing chain ends.
    op.execute(
        "INSERT INTO audit_head (id, last_id, hash, count) SELECT 1, COALESCE(MAX(id), 0), "
        f"COALESCE((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1), '{GENESIS}'), COUNT(*) FROM audit_log"
    )
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(_SQLITE_UP)
    elif dialect == "postgresql":
        _run(_POSTGRES_UP)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _run(_SQLITE_DOWN)
    elif dialect == "postgresql":
        _run(_POSTGRES_DOWN)
    op.drop_table("audit_head")
    op.drop_index("ix_documents_received_at", table_name="documents")
    op.execute("ALTER TABLE documents DROP COLUMN searchable_sha256")  # SQLite >= 3.35 and PostgreSQL
