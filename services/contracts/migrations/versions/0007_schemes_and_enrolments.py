"""Incentive schemes, their enrolments and each practice's results per standard (issue 20).

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
    op.create_table(
        "schemes",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("commissioner_ods", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("year", sa.String(7), nullable=False),
        sa.Column("per_head_pence", sa.BigInteger, nullable=False),
        sa.Column("upfront_percent", sa.Numeric(5, 2), nullable=False),
        sa.Column("standards", Json, nullable=False),
        sa.Column("release", sa.String(16), nullable=False),
        sa.Column("balancing", sa.String(16), nullable=False),
        sa.Column("networks", Json, nullable=False),
        sa.Column("decision_committee_id", sa.String(64)),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_schemes"),
    )
    op.create_index("ix_schemes_commissioner_ods", "schemes", ["commissioner_ods"])
    op.create_table(
        "scheme_enrolments",
        sa.Column("scheme_id", sa.String(64), nullable=False),
        sa.Column("practice_ods", sa.String(20), nullable=False),
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("network", sa.String(100)),
        sa.PrimaryKeyConstraint("scheme_id", "practice_ods", name="pk_scheme_enrolments"),
        sa.ForeignKeyConstraint(
            ["scheme_id"], ["schemes.id"], name="fk_scheme_enrolments_scheme_id_schemes"
        ),
        sa.UniqueConstraint("contract_id", name="uq_scheme_enrolments_contract_id"),
    )
    op.create_table(
        "scheme_results",
        sa.Column("scheme_id", sa.String(64), nullable=False),
        sa.Column("practice_ods", sa.String(20), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("delivered", Json, nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("scheme_id", "practice_ods", "version", name="pk_scheme_results"),
        sa.ForeignKeyConstraint(
            ["scheme_id"], ["schemes.id"], name="fk_scheme_results_scheme_id_schemes"
        ),
    )


def downgrade() -> None:
    op.drop_table("scheme_results")
    op.drop_table("scheme_enrolments")
    op.drop_index("ix_schemes_commissioner_ods", table_name="schemes")
    op.drop_table("schemes")
