"""KPI achievement and list sizes (true-ups and per head); payment runs by commissioner.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
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
        "performance",
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("quarter", sa.String(7), nullable=False),
        sa.Column("achievement_percent", sa.String(20), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("contract_id", "quarter", name="pk_performance"),
    )
    op.create_table(
        "list_sizes",
        sa.Column("ods", sa.String(20), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("list_size", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("ods", "effective_from", name="pk_list_sizes"),
    )
    with op.batch_alter_table("payment_runs") as batch:
        batch.add_column(sa.Column("commissioner_ods", sa.String(20), nullable=True))
    op.create_index("ix_payment_runs_created", "payment_runs", ["created_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_payment_runs_created", table_name="payment_runs")
    with op.batch_alter_table("payment_runs") as batch:
        batch.drop_column("commissioner_ods")
    op.drop_table("list_sizes")
    op.drop_table("performance")
