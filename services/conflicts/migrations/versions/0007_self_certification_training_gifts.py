"""Conflicts training records, gift approvals and the quarterly self-certification returns
(issue 17).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.tables import Json

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A NOT NULL column with a default, then nullable ones: plain ADD COLUMN on SQLite as on
    # PostgreSQL. Gifts recorded before that needed approval wait for it like new ones.
    op.add_column(
        "gifts",
        sa.Column("status", sa.String(20), nullable=False, server_default="not_needed"),
    )
    op.add_column("gifts", sa.Column("decided_by", sa.String(200), nullable=True))
    op.add_column("gifts", sa.Column("decided_on", sa.Date, nullable=True))
    op.add_column("gifts", sa.Column("decision_reason", sa.Text, nullable=True))
    gifts = sa.table(
        "gifts", sa.column("status", sa.String), sa.column("needs_approval", sa.Boolean)
    )
    op.execute(
        gifts.update().where(gifts.c.needs_approval.is_(True)).values(status="awaiting_approval")
    )
    op.create_table(
        "training_records",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("person_id", sa.String(64), nullable=False),
        sa.Column("course", sa.String(40), nullable=False),
        sa.Column("completed_on", sa.Date, nullable=False),
        sa.Column("recorded_on", sa.Date, nullable=False),
    )
    op.create_index("ix_training_records_person_id", "training_records", ["person_id"])
    op.create_table(
        "self_certifications",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("organisation_ods", sa.String(10), nullable=False),
        sa.Column("quarter", sa.String(7), nullable=False),
        sa.Column("rating", sa.String(30), nullable=False),
        sa.Column("certified", Json, nullable=False),
        sa.Column("signed_by_person_id", sa.String(64), nullable=True),
        sa.Column("signed_by_name", sa.String(200), nullable=False),
        sa.Column("signed_by_role", sa.String(200), nullable=False),
        sa.Column("signed_by_user", sa.String(200), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ux_self_certifications_quarter",
        "self_certifications",
        ["organisation_ods", "quarter"],
        unique=True,
    )


def downgrade() -> None:
    op.drop_index("ux_self_certifications_quarter", table_name="self_certifications")
    op.drop_table("self_certifications")
    op.drop_index("ix_training_records_person_id", table_name="training_records")
    op.drop_table("training_records")
    with op.batch_alter_table("gifts") as batch:
        batch.drop_column("decision_reason")
        batch.drop_column("decided_on")
        batch.drop_column("decided_by")
        batch.drop_column("status")
