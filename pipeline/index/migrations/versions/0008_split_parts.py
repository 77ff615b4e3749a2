"""split faxes: a part names the fax it came from and its pages; a fax keeps its proposed parts

Revision ID: 0008
Revises: 0007

Statuses are not constrained in the schema (pipeline.vocab.Status is the one list), so the new status
`split` needs no change here.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.add_column(sa.Column("parent_id", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("parent_pages", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("split_json", sa.Text(), nullable=False, server_default="[]"))
        batch_op.create_index("ix_documents_parent_id", ["parent_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch_op:
        batch_op.drop_index("ix_documents_parent_id")
        batch_op.drop_column("split_json")
        batch_op.drop_column("parent_pages")
        batch_op.drop_column("parent_id")
