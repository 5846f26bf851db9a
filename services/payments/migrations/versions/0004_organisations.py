"""Organisations as contracts registered them: the kind a token's role must fit; contracts
indexed by commissioner and provider, through which access to the ledger is decided.

The organisation events applied before this table existed are forgotten by the inbox, so that
replaying contracts' organisation events (docs/operations.md, "Upgrading") fills it; applying
them again changes nothing else, since list sizes are kept newest-first.

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
    op.create_table(
        "organisations",
        sa.Column("ods_code", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("parent_ods", sa.String(20), nullable=True),
        sa.Column("as_of", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("ods_code", name="pk_organisations"),
    )
    op.create_index("ix_contracts_commissioner_ods", "contracts", ["commissioner_ods"])
    op.create_index("ix_contracts_provider_ods", "contracts", ["provider_ods"])
    inbox = sa.table("inbox", sa.column("ce_type", sa.String))
    op.execute(
        inbox.delete().where(
            inbox.c.ce_type.in_(["gpfed.organisation.registered", "gpfed.organisation.updated"])
        )
    )


def downgrade() -> None:
    op.drop_index("ix_contracts_provider_ods", table_name="contracts")
    op.drop_index("ix_contracts_commissioner_ods", table_name="contracts")
    op.drop_table("organisations")
