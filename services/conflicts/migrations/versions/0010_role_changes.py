"""Every role change a person has had, not only the latest: each one calls for a declaration
within 28 days, so compliance must see them all.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.tables import Json

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "role_changes",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True),
        sa.Column("person_id", sa.String(64), nullable=False, index=True),
        sa.Column("changed_on", sa.Date, nullable=False),
        sa.Column("roles", Json, nullable=False),
    )
    # Before this revision only the latest change was kept: it is the history's one entry.
    people = sa.table(
        "people",
        sa.column("id", sa.String),
        sa.column("roles", Json),
        sa.column("roles_changed_on", sa.Date),
    )
    changes = sa.table(
        "role_changes",
        sa.column("person_id", sa.String),
        sa.column("changed_on", sa.Date),
        sa.column("roles", Json),
    )
    op.execute(
        changes.insert().from_select(
            ["person_id", "changed_on", "roles"],
            sa.select(people.c.id, people.c.roles_changed_on, people.c.roles).where(
                people.c.roles_changed_on.is_not(None)
            ),
        )
    )


def downgrade() -> None:
    op.drop_table("role_changes")
