"""People, registers of interests and gifts, committees, the contract and membership read
model, decision items, decisions and breaches.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.tables import Json

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("roles", Json, nullable=False),
        sa.Column("decision_making", sa.Boolean, nullable=False),
        sa.Column("appointed_on", sa.Date, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "affiliations",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("person_id", sa.String(64), nullable=False),
        sa.Column("organisation_ods", sa.String(10), nullable=False),
        sa.Column("relationship", sa.String(20), nullable=False),
    )
    op.create_index("ix_affiliations_person_id", "affiliations", ["person_id"])
    op.create_table(
        "declarations",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("person_id", sa.String(64), nullable=False),
        sa.Column("nil", sa.Boolean, nullable=False),
        sa.Column("category", sa.String(40)),
        sa.Column("description", sa.Text),
        sa.Column("organisation_ods", sa.String(10)),
        sa.Column("held_by", sa.String(20)),
        sa.Column("start_date", sa.Date),
        sa.Column("end_date", sa.Date),
        sa.Column("publish", sa.Boolean, nullable=False),
        sa.Column("declared_on", sa.Date, nullable=False),
    )
    op.create_index("ix_declarations_person_id", "declarations", ["person_id"])
    op.create_table(
        "gifts",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("person_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("source_is_supplier", sa.Boolean, nullable=False),
        sa.Column("value_pence", sa.BigInteger, nullable=False),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("accepted", sa.Boolean, nullable=False),
        sa.Column("declarable", sa.Boolean, nullable=False),
        sa.Column("acceptable", sa.Boolean, nullable=False),
        sa.Column("needs_approval", sa.Boolean, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("publish", sa.Boolean, nullable=False),
    )
    op.create_index("ix_gifts_person_id", "gifts", ["person_id"])
    op.create_table(
        "committees",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("members", Json, nullable=False),
        sa.Column("quorum", Json, nullable=False),
        sa.Column("conflict_policy", Json, nullable=False),
    )
    op.create_table(
        "organisations",
        sa.Column("ods_code", sa.String(10), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
    )
    op.create_table(
        "membership_changes",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("federation_ods", sa.String(10), nullable=False),
        sa.Column("practice_ods", sa.String(10), nullable=False),
        sa.Column("joined", sa.Boolean, nullable=False),
        sa.Column("changed_on", sa.Date, nullable=False),
    )
    op.create_index("ix_membership_changes_federation", "membership_changes", ["federation_ods"])
    op.create_table(
        "items",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("committee_id", sa.String(64), nullable=False),
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("contract_kind", sa.String(10), nullable=False),
        sa.Column("commissioner_ods", sa.String(10), nullable=False),
        sa.Column("provider_ods", sa.String(10), nullable=False),
        sa.Column("service", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("opened_at", TZ, nullable=False),
        sa.UniqueConstraint("contract_id", name="uq_items_contract_id"),
    )
    op.create_index("ix_items_committee_id", "items", ["committee_id"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("item_id", sa.String(64), nullable=False),
        sa.Column("committee_id", sa.String(64), nullable=False),
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.Column("quorate", sa.Boolean, nullable=False),
        sa.Column("decided_on", sa.Date, nullable=False),
        sa.Column("votes_for", sa.BigInteger, nullable=False),
        sa.Column("votes_against", sa.BigInteger, nullable=False),
        sa.Column("abstentions", sa.BigInteger, nullable=False),
        sa.Column("casting_vote_by", sa.String(64)),
        sa.Column("conflicts", Json, nullable=False),
        sa.Column("votes", Json, nullable=False),
    )
    # Not unique: a deferred item comes back to a later meeting and is decided again.
    op.create_index("ix_decisions_item_id", "decisions", ["item_id"])
    op.create_table(
        "breaches",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("occurred_on", sa.Date, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("action_taken", sa.Text, nullable=False),
        sa.Column("reported_on", sa.Date, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "breaches",
        "decisions",
        "items",
        "membership_changes",
        "organisations",
        "committees",
        "gifts",
        "declarations",
        "affiliations",
        "people",
    ):
        op.drop_table(table)
