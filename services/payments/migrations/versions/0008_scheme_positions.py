"""What each scheme practice was paid up front, held back, released and recovered (issue 20):
the schemes as contracts publishes them, and which contract enrols which practice. The amounts
themselves are the ledger's (bases ``upfront``, ``scheme_release``, ``scheme_recovery``).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.tables import Json

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "schemes",
        sa.Column("scheme_id", sa.String(64), nullable=False),
        sa.Column("commissioner_ods", sa.String(20), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("body", Json, nullable=False),
        sa.Column("as_of", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("scheme_id", name="pk_schemes"),
    )
    op.create_index("ix_schemes_commissioner_ods", "schemes", ["commissioner_ods"])
    op.create_table(
        "scheme_enrolments",
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("scheme_id", sa.String(64), nullable=False),
        sa.Column("practice_ods", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("contract_id", name="pk_scheme_enrolments"),
    )
    op.create_index("ix_scheme_enrolments_scheme_id", "scheme_enrolments", ["scheme_id"])


def downgrade() -> None:
    op.drop_index("ix_scheme_enrolments_scheme_id", table_name="scheme_enrolments")
    op.drop_table("scheme_enrolments")
    op.drop_index("ix_schemes_commissioner_ods", table_name="schemes")
    op.drop_table("schemes")
