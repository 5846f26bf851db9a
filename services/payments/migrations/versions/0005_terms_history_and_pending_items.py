"""Terms histories (backdated variations), PRIME parents, KPI versions, revisions on ledger
transactions, and the items a later payment run must settle (restatements and waits).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contracts") as batch:
        batch.add_column(sa.Column("parent_contract_id", sa.String(64), nullable=True))
        batch.add_column(sa.Column("history_revision", sa.Integer(), nullable=True))
    with op.batch_alter_table("contract_terms") as batch:
        batch.add_column(sa.Column("end_date", sa.Date(), nullable=True))
    with op.batch_alter_table("performance") as batch:
        batch.add_column(
            sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )
    with op.batch_alter_table("ledger_transactions") as batch:
        batch.add_column(sa.Column("revision", sa.Integer(), nullable=True))
    op.create_table(
        "pending_items",
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("noted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("contract_id", "period", name="pk_pending_items"),
    )
    op.create_index("ix_pending_items_period", "pending_items", ["period"])
    # Contract events applied before this revision kept no parent or history: forget them, so
    # that replaying contracts' history (docs/operations.md, "Upgrading") fills both in.
    inbox = sa.table("inbox", sa.column("ce_type", sa.String))
    op.execute(
        inbox.delete().where(
            inbox.c.ce_type.in_(
                [
                    "gpfed.contract.activated",
                    "gpfed.contract.varied",
                    "gpfed.contract.terminated",
                    "gpfed.contract.performance_recorded",
                ]
            )
        )
    )


def downgrade() -> None:
    op.drop_index("ix_pending_items_period", table_name="pending_items")
    op.drop_table("pending_items")
    with op.batch_alter_table("ledger_transactions") as batch:
        batch.drop_column("revision")
    with op.batch_alter_table("performance") as batch:
        batch.drop_column("version")
    with op.batch_alter_table("contract_terms") as batch:
        batch.drop_column("end_date")
    with op.batch_alter_table("contracts") as batch:
        batch.drop_column("history_revision")
        batch.drop_column("parent_contract_id")
