"""live roster: a roster version bumped by every change to patients or aliases, and which MRNs changed

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_WATCHED = ("patients", "patient_aliases")

# SQLite has row triggers only: each changed row bumps the version and names its MRN.
_SQLITE_BUMP = ("UPDATE roster_version SET version = version + 1 WHERE id = 1; "
                "INSERT INTO roster_changes (version, mrn) SELECT version, {row}.mrn FROM roster_version WHERE id = 1;")
_SQLITE_EVENTS = (("ins", "INSERT", ("NEW",)), ("upd", "UPDATE", ("OLD", "NEW")), ("del", "DELETE", ("OLD",)))

# PostgreSQL: one bump per statement (an import of 5,000 rows is one version), MRNs from transition tables.
_PG_FUNCTION = """
CREATE FUNCTION docintake_roster_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE v bigint;
BEGIN
    UPDATE roster_version SET version = version + 1 WHERE id = 1 RETURNING version INTO v;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO roster_changes (version, mrn) SELECT DISTINCT v, mrn FROM old_rows;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO roster_changes (version, mrn) SELECT DISTINCT v, mrn FROM new_rows;
    END IF;
    RETURN NULL;
END $$;
"""
_PG_EVENTS = (("ins", "INSERT", "NEW TABLE AS new_rows"), ("upd", "UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
              ("del", "DELETE", "OLD TABLE AS old_rows"))


def upgrade() -> None:
    op.create_table(
        "roster_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO roster_version (id, version) VALUES (1, 1)")
    op.create_table(
        "roster_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("mrn", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_roster_changes_version", "roster_changes", ["version"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
        for table in _WATCHED:
            for suffix, event, refs in _PG_EVENTS:
                op.execute(f"CREATE TRIGGER {table}_roster_{suffix} AFTER {event} ON {table} REFERENCING {refs} "
                           "FOR EACH STATEMENT EXECUTE FUNCTION docintake_roster_changed()")
        return
    for table in _WATCHED:
        for suffix, event, rows in _SQLITE_EVENTS:
            body = " ".join(_SQLITE_BUMP.format(row=row) for row in rows)
            op.execute(f"CREATE TRIGGER {table}_roster_{suffix} AFTER {event} ON {table} FOR EACH ROW BEGIN {body} END")


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for table in _WATCHED:
        for suffix in ("ins", "upd", "del"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_roster_{suffix}" + (f" ON {table}" if postgres else ""))
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS docintake_roster_changed()")
    op.drop_index("ix_roster_changes_version", table_name="roster_changes")
    op.drop_table("roster_changes")
    op.drop_table("roster_version")
