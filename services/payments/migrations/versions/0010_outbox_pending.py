"""Unsent outbox rows are the ids in the narrow outbox_pending (kernel revision 3).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from shared.migrations import add_outbox_pending, drop_outbox_pending

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    add_outbox_pending()


def downgrade() -> None:
    drop_outbox_pending()
