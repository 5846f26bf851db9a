"""Gain share years: alliances' baselines, actual spend and what each tier earned (issue 20).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.tables import Json

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "gain_shares",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("commissioner_ods", sa.String(20), nullable=False),
        sa.Column("service", sa.String(200), nullable=False),
        sa.Column("year", sa.String(7), nullable=False),
        sa.Column("average_per_head_pence", sa.String(40), nullable=False),
        sa.Column("benchmark_per_head_pence", sa.String(40), nullable=False),
        sa.Column("requested_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("commissioner_ods", "service", "year", name="uq_gain_shares_year"),
    )
    op.create_index("ix_gain_shares_created", "gain_shares", ["created_at", "id"])
    op.create_table(
        "gain_share_alliances",
        sa.Column(
            "gain_share_id", sa.String(40), sa.ForeignKey("gain_shares.id"), primary_key=True
        ),
        sa.Column("federation_ods", sa.String(20), primary_key=True),
        sa.Column("result", Json, nullable=False),
    )
    op.create_index(
        "ix_gain_share_alliances_federation", "gain_share_alliances", ["federation_ods"]
    )


def downgrade() -> None:
    op.drop_table("gain_share_alliances")
    op.drop_table("gain_shares")
