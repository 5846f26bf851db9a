"""The federation's tables: organisations and federations known from contracts, hub terms,
memberships, subcontracts, consultations, period closes with their frozen counts, and the
distributions payments reported.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.tables import Id, Json

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("ods_code", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("legal_form", sa.String(100)),
        sa.Column("parent_ods", sa.String(10)),
        sa.Column("as_of", TZ, nullable=False),
        sa.PrimaryKeyConstraint("ods_code", name="pk_organisations"),
    )
    op.create_table(
        "federations",
        sa.Column("ods_code", sa.String(10), nullable=False),
        sa.Column("name", sa.String(200)),
        sa.Column("legal_form", sa.String(100)),
        sa.Column("as_of", TZ),
        sa.PrimaryKeyConstraint("ods_code", name="pk_federations"),
    )
    op.create_table(
        "hub_terms",
        sa.Column("event_id", sa.String(64), nullable=False),
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("change", sa.String(20), nullable=False),
        sa.Column("effective_from", sa.Date, nullable=False),
        sa.Column("federation_ods", sa.String(10), nullable=False),
        sa.Column("commissioner_ods", sa.String(10), nullable=False),
        sa.Column("service", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date),
        sa.Column("payment", Json, nullable=False),
        sa.Column("distribution", Json),
        sa.Column("received_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("event_id", name="pk_hub_terms"),
    )
    op.create_index("ix_hub_terms_contract_id", "hub_terms", ["contract_id"])
    op.create_index("ix_hub_terms_federation_ods", "hub_terms", ["federation_ods"])
    op.create_table(
        "memberships",
        sa.Column("id", Id, nullable=False, autoincrement=True),
        sa.Column("federation_ods", sa.String(10), nullable=False),
        sa.Column("practice_ods", sa.String(10), nullable=False),
        sa.Column("joined_on", sa.Date, nullable=False),
        sa.Column("left_on", sa.Date),
        sa.PrimaryKeyConstraint("id", name="pk_memberships"),
    )
    op.create_index(
        "ix_memberships_federation_practice", "memberships", ["federation_ods", "practice_ods"]
    )
    op.create_table(
        "subcontracts",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("federation_ods", sa.String(10), nullable=False),
        sa.Column("practice_ods", sa.String(10), nullable=False),
        sa.Column("roles", Json, nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date),
        sa.Column("created_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_subcontracts"),
    )
    op.create_index("ix_subcontracts_contract_id", "subcontracts", ["contract_id"])
    op.create_table(
        "consultations",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("practice_ods", sa.String(10), nullable=False),
        sa.Column("site_ods", sa.String(10)),
        sa.Column("patient_ref", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("occurred_at", TZ, nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("received_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_consultations"),
    )
    op.create_index("ix_consultations_contract_period", "consultations", ["contract_id", "period"])
    op.create_table(
        "period_closes",
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("federation_ods", sa.String(10), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("changed_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("contract_id", "period", name="pk_period_closes"),
    )
    op.create_table(
        "period_counts",
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("practice_ods", sa.String(10), nullable=False),
        sa.Column("first", sa.Integer, nullable=False),
        sa.Column("follow_up", sa.Integer, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("patients", sa.Integer, nullable=False),
        sa.Column("hosted", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint(
            "contract_id", "period", "revision", "practice_ods", name="pk_period_counts"
        ),
    )
    op.create_table(
        "period_revisions",
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("patients", sa.Integer, nullable=False),
        sa.Column("closed_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("contract_id", "period", "revision", name="pk_period_revisions"),
    )
    op.create_table(
        "distributions",
        sa.Column("transaction_id", sa.String(64), nullable=False),
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("federation_ods", sa.String(10), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("income_pence", sa.BigInteger, nullable=False),
        sa.Column("costs_pence", sa.BigInteger, nullable=False),
        sa.Column("retained_pence", sa.BigInteger, nullable=False),
        sa.Column("remainder_pence", sa.BigInteger, nullable=False),
        sa.Column("lines", Json, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("received_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("transaction_id", name="pk_distributions"),
    )
    op.create_index("ix_distributions_contract_period", "distributions", ["contract_id", "period"])


def downgrade() -> None:
    for table in (
        "distributions",
        "period_revisions",
        "period_counts",
        "period_closes",
        "consultations",
        "subcontracts",
        "memberships",
        "hub_terms",
        "federations",
        "organisations",
    ):
        op.drop_table(table)
