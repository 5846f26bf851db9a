"""The commissioner each person, committee and breach belongs to (docs/security.md,
"conflicts"). Declarations, gifts and affiliations belong to their person, items to their
contract's commissioner, decisions to their item.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable, so plain ADD COLUMN works on SQLite as on PostgreSQL. Rows from before belong
    # to nobody: only ops sees them.
    for table in ("people", "committees", "breaches"):
        op.add_column(table, sa.Column("organisation_ods", sa.String(10), nullable=True))
    op.create_index("ix_people_organisation_ods", "people", ["organisation_ods"])
    op.create_index("ix_committees_organisation_ods", "committees", ["organisation_ods"])


def downgrade() -> None:
    op.drop_index("ix_committees_organisation_ods", table_name="committees")
    op.drop_index("ix_people_organisation_ods", table_name="people")
    for table in ("breaches", "committees", "people"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("organisation_ods")
