"""Item of service (issue 19 point 2): a closed month's counts per service code, what an
item-of-service contract is paid on (fee x count). Null for a hub's month, as before.

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
    op.add_column("closed_periods", sa.Column("services", Json, nullable=True))


def downgrade() -> None:
    op.drop_column("closed_periods", "services")
