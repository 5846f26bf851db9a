"""Hub terms replaced by contracts' history of them, and distributions kept per revision.

- ``hub_terms``: a history is kept as one row per version (``position``) with the history's
  ``history_revision``; rows from events without a history keep position 0 and no revision.
- ``distributions``: keyed by (contract_id, period, revision) instead of the transaction id,
  which is empty for a distribution with nothing to move (every such one after the first was
  dropped); ``transaction_id`` is null for those now. Rows held already get their revision
  from the order they arrived in, per contract and period (the first is revision 1).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("hub_terms", sa.Column("position", sa.Integer))
    op.add_column("hub_terms", sa.Column("history_revision", sa.Integer))
    op.execute("UPDATE hub_terms SET position = 0")
    # batch_alter_table rebuilds the table on SQLite, which cannot alter a primary key.
    with op.batch_alter_table("hub_terms") as batch:
        batch.alter_column("position", existing_type=sa.Integer, nullable=False)
        batch.drop_constraint("pk_hub_terms", type_="primary")
        batch.create_primary_key("pk_hub_terms", ["event_id", "position"])

    op.add_column("distributions", sa.Column("revision", sa.Integer))
    op.execute(
        "UPDATE distributions SET revision = ("
        " SELECT r.n FROM (SELECT transaction_id, ROW_NUMBER() OVER ("
        "  PARTITION BY contract_id, period ORDER BY received_at, transaction_id) AS n"
        "  FROM distributions) AS r"
        " WHERE r.transaction_id = distributions.transaction_id)"
    )
    op.drop_index("ix_distributions_contract_period", table_name="distributions")
    with op.batch_alter_table("distributions") as batch:
        batch.drop_constraint("pk_distributions", type_="primary")
        batch.alter_column("revision", existing_type=sa.Integer, nullable=False)
        batch.alter_column("transaction_id", existing_type=sa.String(64), nullable=True)
        batch.create_primary_key("pk_distributions", ["contract_id", "period", "revision"])
    op.execute("UPDATE distributions SET transaction_id = NULL WHERE transaction_id = ''")


def downgrade() -> None:
    # Fails if two distributions have no transaction id, or a history is held (several rows
    # of one event): what the new keys allow.
    op.execute("UPDATE distributions SET transaction_id = '' WHERE transaction_id IS NULL")
    with op.batch_alter_table("distributions") as batch:
        batch.drop_constraint("pk_distributions", type_="primary")
        batch.alter_column("transaction_id", existing_type=sa.String(64), nullable=False)
        batch.create_primary_key("pk_distributions", ["transaction_id"])
        batch.drop_column("revision")
    op.create_index("ix_distributions_contract_period", "distributions", ["contract_id", "period"])
    with op.batch_alter_table("hub_terms") as batch:
        batch.drop_constraint("pk_hub_terms", type_="primary")
        batch.create_primary_key("pk_hub_terms", ["event_id"])
        batch.drop_column("history_revision")
        batch.drop_column("position")
