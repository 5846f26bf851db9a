"""Item-of-service claims (issue 19 point 2): the practice's item-of-service contracts are kept
beside the hubs (``hub_terms.kind``; a hub is ``HUB``), a claim names its service code
(``consultations.service_code``; its ``kind`` is for hub consultations only), and a closed
month of such a contract freezes its count per service code (``period_service_counts``).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "hub_terms", sa.Column("kind", sa.String(10), nullable=False, server_default="HUB")
    )
    op.create_index("ix_hub_terms_kind_federation_ods", "hub_terms", ["kind", "federation_ods"])
    op.add_column("consultations", sa.Column("service_code", sa.String(40)))
    with op.batch_alter_table("consultations") as batch:
        batch.alter_column("kind", existing_type=sa.String(10), nullable=True)
    op.create_table(
        "period_service_counts",
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("service_code", sa.String(40), nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint(
            "contract_id", "period", "revision", "service_code", name="pk_period_service_counts"
        ),
    )


def downgrade() -> None:
    op.drop_table("period_service_counts")
    with op.batch_alter_table("consultations") as batch:
        batch.alter_column("kind", existing_type=sa.String(10), nullable=False)
        batch.drop_column("service_code")
    op.drop_index("ix_hub_terms_kind_federation_ods", "hub_terms")
    with op.batch_alter_table("hub_terms") as batch:
        batch.drop_column("kind")
