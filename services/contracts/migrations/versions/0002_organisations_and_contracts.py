"""Organisations with their list sizes; contracts with their terms versions and KPI results.

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


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("ods_code", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("legal_form", sa.String(200)),
        sa.Column("parent_ods", sa.String(10)),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("ods_code", name="pk_organisations"),
    )
    op.create_index("ix_organisations_kind", "organisations", ["kind"])
    op.create_table(
        "organisation_list_sizes",
        sa.Column("ods_code", sa.String(10), nullable=False),
        sa.Column("effective_from", sa.Date, nullable=False),
        sa.Column("list_size", sa.BigInteger, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("ods_code", "effective_from", name="pk_organisation_list_sizes"),
        sa.ForeignKeyConstraint(
            ["ods_code"],
            ["organisations.ods_code"],
            name="fk_organisation_list_sizes_ods_code_organisations",
        ),
    )
    op.create_table(
        "contracts",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("commissioner_ods", sa.String(10), nullable=False),
        sa.Column("provider_ods", sa.String(10), nullable=False),
        sa.Column("service", sa.String(200), nullable=False),
        sa.Column("start_date", sa.Date, nullable=False),
        sa.Column("end_date", sa.Date),
        sa.Column("decision_committee_id", sa.String(64)),
        sa.Column("parent_contract_id", sa.String(36)),
        sa.Column("offered_to_core_holders_first", sa.Boolean),
        sa.Column("terminated_on", sa.Date),
        sa.Column("termination_reason", sa.Text),
        sa.Column("decided_by_item_id", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_contracts"),
    )
    op.create_index("ix_contracts_commissioner_ods", "contracts", ["commissioner_ods"])
    op.create_index("ix_contracts_provider_ods", "contracts", ["provider_ods"])
    op.create_index("ix_contracts_parent_contract_id", "contracts", ["parent_contract_id"])
    op.create_table(
        "contract_terms",
        sa.Column("contract_id", sa.String(36), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("effective_from", sa.Date, nullable=False),
        sa.Column("payment", Json, nullable=False),
        sa.Column("distribution", Json),
        sa.Column("end_date", sa.Date),
        sa.Column("reason", sa.Text),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("contract_id", "version", name="pk_contract_terms"),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name="fk_contract_terms_contract_id_contracts"
        ),
    )
    op.create_table(
        "contract_kpi_results",
        sa.Column("contract_id", sa.String(36), nullable=False),
        sa.Column("quarter", sa.String(7), nullable=False),
        sa.Column("achievement_percent", sa.Numeric(6, 2), nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("terms_version", sa.Integer, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("contract_id", "quarter", name="pk_contract_kpi_results"),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contracts.id"],
            name="fk_contract_kpi_results_contract_id_contracts",
        ),
    )


def downgrade() -> None:
    op.drop_table("contract_kpi_results")
    op.drop_table("contract_terms")
    op.drop_index("ix_contracts_parent_contract_id", table_name="contracts")
    op.drop_index("ix_contracts_provider_ods", table_name="contracts")
    op.drop_index("ix_contracts_commissioner_ods", table_name="contracts")
    op.drop_table("contracts")
    op.drop_table("organisation_list_sizes")
    op.drop_index("ix_organisations_kind", table_name="organisations")
    op.drop_table("organisations")
