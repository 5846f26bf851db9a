"""The decision committees conflicts has formed and whose each is (to refuse a contract naming
another commissioner's committee), and why a contract was rejected.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "committees",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("organisation_ods", sa.String(10)),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_committees"),
    )
    # Nullable, so plain ADD COLUMN works on SQLite as on PostgreSQL.
    op.add_column("contracts", sa.Column("rejection_reason", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("contracts") as batch:
        batch.drop_column("rejection_reason")
    op.drop_table("committees")
