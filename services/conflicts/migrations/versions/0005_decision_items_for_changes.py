"""Decision items for a contract's variations and terminations, not only its proposal
(issue 17, the decision gate).

A contract now has an item for its proposal and one for each change the decision gate holds,
so ``items.contract_id`` is no longer unique (an index keeps it quick); each item says what it
decides (``subject``: proposal, variation or termination) and, for a change, the change's id at
contracts, its reason and the first day it takes effect. Existing items are proposals.
Downgrading drops the change items and their decisions.

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
    with op.batch_alter_table("items") as batch:
        batch.drop_constraint("uq_items_contract_id", type_="unique")
        batch.add_column(
            sa.Column("subject", sa.String(20), nullable=False, server_default="proposal")
        )
        batch.add_column(sa.Column("change_id", sa.String(64), nullable=True))
        batch.add_column(sa.Column("change_reason", sa.Text, nullable=True))
        batch.add_column(sa.Column("effective_from", sa.Date, nullable=True))
        batch.create_unique_constraint("uq_items_change_id", ["change_id"])
    op.create_index("ix_items_contract_id", "items", ["contract_id"])


def downgrade() -> None:
    op.execute(
        "DELETE FROM decisions WHERE item_id IN (SELECT id FROM items WHERE change_id IS NOT NULL)"
    )
    op.execute("DELETE FROM items WHERE change_id IS NOT NULL")
    op.drop_index("ix_items_contract_id", table_name="items")
    with op.batch_alter_table("items") as batch:
        batch.drop_constraint("uq_items_change_id", type_="unique")
        batch.drop_column("effective_from")
        batch.drop_column("change_reason")
        batch.drop_column("change_id")
        batch.drop_column("subject")
        batch.create_unique_constraint("uq_items_contract_id", ["contract_id"])
