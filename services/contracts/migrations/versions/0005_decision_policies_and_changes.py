"""The decision gate (issue 17): each commissioner's decision policy (``decision_policies``;
the default holds for a commissioner without a row) and the variations and terminations of
gated contracts held for their committee's decision (``contract_changes``).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.tables import Json

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "decision_policies",
        sa.Column("commissioner_ods", sa.String(10), nullable=False),
        sa.Column("gated_kinds", Json, nullable=False),
        sa.Column("gate_variations", sa.Boolean, nullable=False),
        sa.Column("gate_terminations", sa.Boolean, nullable=False),
        sa.Column("set_by", sa.String(200), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("commissioner_ods", name="pk_decision_policies"),
    )
    op.create_table(
        "contract_changes",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("contract_id", sa.String(36), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("request", Json, nullable=False),
        sa.Column("committee_id", sa.String(64), nullable=False),
        sa.Column("item_id", sa.String(64), nullable=False),
        sa.Column("effective_from", sa.Date, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("outcome_reason", sa.Text),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name="pk_contract_changes"),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name="fk_contract_changes_contract_id_contracts"
        ),
        sa.UniqueConstraint("item_id", name="uq_contract_changes_item_id"),
        sa.UniqueConstraint("contract_id", "number", name="uq_contract_changes_contract_id"),
    )


def downgrade() -> None:
    op.drop_table("contract_changes")
    op.drop_table("decision_policies")
