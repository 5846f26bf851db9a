"""Affiliations with dates, and when an affiliation or a person's roles were recorded as
changed (for the 28-day declaration rule).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable columns only, so plain ADD COLUMN works on SQLite as on PostgreSQL; rows from
    # 0002 keep NULL dates, meaning "held throughout" and "recorded with the person".
    op.add_column("affiliations", sa.Column("start_date", sa.Date, nullable=True))
    op.add_column("affiliations", sa.Column("end_date", sa.Date, nullable=True))
    op.add_column("affiliations", sa.Column("recorded_on", sa.Date, nullable=True))
    op.add_column("people", sa.Column("roles_changed_on", sa.Date, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.drop_column("roles_changed_on")
    with op.batch_alter_table("affiliations") as batch:
        batch.drop_column("recorded_on")
        batch.drop_column("end_date")
        batch.drop_column("start_date")
