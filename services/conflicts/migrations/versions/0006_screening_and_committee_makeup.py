"""Committee kind and make-up, escalation and advice-only decisions, and the contracts read
model screening looks across (issue 17).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.tables import Json

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Committees formed before make-up was checked are PCCCs, the default; they keep their
    # members (the rule applies when a committee is formed).
    op.add_column(
        "committees", sa.Column("kind", sa.String(10), nullable=False, server_default="pccc")
    )
    op.add_column("decisions", sa.Column("clinical_advice_from", Json))
    op.add_column("decisions", sa.Column("escalated_from", sa.String(64)))
    op.create_table(
        "contracts",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("commissioner_ods", sa.String(10), nullable=False),
        sa.Column("provider_ods", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("service", sa.String(200), nullable=False),
        sa.Column("parent_contract_id", sa.String(64)),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date),
        sa.Column("terminated_on", sa.Date),
        sa.Column("history_revision", sa.BigInteger, nullable=False),
        sa.Column("status_rank", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_contracts_parent_contract_id", "contracts", ["parent_contract_id"])
    op.create_index("ix_contracts_commissioner_kind", "contracts", ["commissioner_ods", "kind"])
    op.create_table(
        "item_escalations",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("item_id", sa.String(64), nullable=False),
        sa.Column("from_committee_id", sa.String(64), nullable=False),
        sa.Column("to_committee_id", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("warnings", Json, nullable=False),
        sa.Column("escalated_on", sa.Date, nullable=False),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_item_escalations_item_id", "item_escalations", ["item_id"])


def downgrade() -> None:
    op.drop_table("item_escalations")
    op.drop_table("contracts")
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("escalated_from")
        batch.drop_column("clinical_advice_from")
    with op.batch_alter_table("committees") as batch:
        batch.drop_column("kind")
