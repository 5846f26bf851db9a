"""Consultations can be voided (``voided_at``: held, counted nowhere) and corrected; every void
and correction is kept in ``consultation_changes`` with its reason and the values before.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.tables import Id, Json

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.add_column("consultations", sa.Column("voided_at", TZ))
    op.create_table(
        "consultation_changes",
        sa.Column("id", Id, nullable=False, autoincrement=True),
        sa.Column("practice_ods", sa.String(10), nullable=False),
        sa.Column("consultation_id", sa.String(64), nullable=False),
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("before", Json, nullable=False),
        sa.Column("after", Json),
        sa.Column("by_role", sa.String(40), nullable=False),
        sa.Column("by_org", sa.String(20), nullable=False),
        sa.Column("request_id", sa.String(64)),
        sa.Column("changed_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_consultation_changes"),
    )
    op.create_index(
        "ix_consultation_changes_consultation",
        "consultation_changes",
        ["practice_ods", "consultation_id"],
    )


def downgrade() -> None:
    op.drop_table("consultation_changes")
    with op.batch_alter_table("consultations") as batch:
        batch.drop_column("voided_at")
