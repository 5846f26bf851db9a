"""Consultations keyed by practice and id: each practice's clinical system numbers its own, so
two practices using the same local id are two consultations, not a duplicate.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # batch_alter_table rebuilds the table on SQLite, which cannot alter a primary key.
    with op.batch_alter_table("consultations") as batch:
        batch.drop_constraint("pk_consultations", type_="primary")
        batch.create_primary_key("pk_consultations", ["practice_ods", "id"])


def downgrade() -> None:
    # Fails if two practices now share an id, which is what the new key allows.
    with op.batch_alter_table("consultations") as batch:
        batch.drop_constraint("pk_consultations", type_="primary")
        batch.create_primary_key("pk_consultations", ["id"])
