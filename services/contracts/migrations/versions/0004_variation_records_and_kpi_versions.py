"""Backdated variations and corrected KPI results (issue 16): the variations as they were asked
for (``contract_variations``), the fields each terms version sets itself
(``contract_terms.fields_set``), the contract's ``history_revision``, and versions of a quarter's
KPI result (``contract_kpi_results`` keyed by contract, quarter and version).

Existing data is carried over: before this revision versions were only ever added after the
latest one, so version k > 1 was the k-1th variation, which set the fields in which it differs
from version k-1; the first version sets them all; a contract's revision is its number of
versions, plus one if it was terminated; every existing KPI result is version 1. Downgrading
drops the variation records and keeps only the latest version of each KPI result.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from shared.tables import Json

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FIELDS = ("payment", "distribution", "end_date")

_terms = sa.table(
    "contract_terms",
    sa.column("contract_id", sa.String),
    sa.column("version", sa.Integer),
    sa.column("effective_from", sa.Date),
    sa.column("payment", Json),
    sa.column("distribution", Json),
    sa.column("end_date", sa.Date),
    sa.column("reason", sa.Text),
    sa.column("recorded_at", sa.DateTime(timezone=True)),
    sa.column("fields_set", Json),
)
_variations = sa.table(
    "contract_variations",
    sa.column("contract_id", sa.String),
    sa.column("number", sa.Integer),
    sa.column("effective_from", sa.Date),
    sa.column("changes", Json),
    sa.column("reason", sa.Text),
    sa.column("history_revision", sa.Integer),
    sa.column("recorded_at", sa.DateTime(timezone=True)),
)


def upgrade() -> None:
    op.create_table(
        "contract_variations",
        sa.Column("contract_id", sa.String(36), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("effective_from", sa.Date, nullable=False),
        sa.Column("changes", Json, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("history_revision", sa.Integer, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("contract_id", "number", name="pk_contract_variations"),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name="fk_contract_variations_contract_id_contracts"
        ),
    )
    op.add_column("contract_terms", sa.Column("fields_set", Json, nullable=True))
    op.add_column(
        "contracts",
        sa.Column("history_revision", sa.Integer, nullable=False, server_default=sa.text("1")),
    )
    _carry_over_the_history()
    op.execute(
        "UPDATE contracts SET history_revision = "
        "(SELECT COUNT(*) FROM contract_terms t WHERE t.contract_id = contracts.id)"
        " + CASE WHEN terminated_on IS NULL THEN 0 ELSE 1 END"
        " WHERE EXISTS (SELECT 1 FROM contract_terms t WHERE t.contract_id = contracts.id)"
    )
    with op.batch_alter_table("contract_kpi_results") as batch:
        batch.add_column(
            sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("1"))
        )
        batch.add_column(sa.Column("reason", sa.Text, nullable=True))
        batch.add_column(sa.Column("history_revision", sa.Integer, nullable=True))
        batch.drop_constraint("pk_contract_kpi_results", type_="primary")
        batch.create_primary_key("pk_contract_kpi_results", ["contract_id", "quarter", "version"])


def _carry_over_the_history() -> None:
    """Each existing version after the first becomes a variation record of the fields in which
    it differs from the version before; the first version sets every field."""
    bind = op.get_bind()
    rows = bind.execute(sa.select(_terms).order_by(_terms.c.contract_id, _terms.c.version)).all()
    previous: Any = None
    for row in rows:
        first = previous is None or previous.contract_id != row.contract_id
        if first:
            changed = dict.fromkeys(FIELDS)
        else:
            changed = {
                name: getattr(row, name)
                for name in FIELDS
                if getattr(row, name) != getattr(previous, name)
            }
            bind.execute(
                sa.insert(_variations).values(
                    contract_id=row.contract_id,
                    number=row.version - 1,
                    effective_from=row.effective_from,
                    changes={
                        name: value.isoformat() if name == "end_date" and value else value
                        for name, value in changed.items()
                    },
                    reason=row.reason or "recorded before variation records were kept",
                    history_revision=row.version,
                    recorded_at=row.recorded_at,
                )
            )
        bind.execute(
            sa.update(_terms)
            .where(_terms.c.contract_id == row.contract_id, _terms.c.version == row.version)
            .values(fields_set=[name for name in FIELDS if name in changed])
        )
        previous = row


def downgrade() -> None:
    op.execute(
        "DELETE FROM contract_kpi_results WHERE EXISTS (SELECT 1 FROM contract_kpi_results n"
        " WHERE n.contract_id = contract_kpi_results.contract_id"
        " AND n.quarter = contract_kpi_results.quarter"
        " AND n.version > contract_kpi_results.version)"
    )
    with op.batch_alter_table("contract_kpi_results") as batch:
        batch.drop_constraint("pk_contract_kpi_results", type_="primary")
        batch.create_primary_key("pk_contract_kpi_results", ["contract_id", "quarter"])
        batch.drop_column("history_revision")
        batch.drop_column("reason")
        batch.drop_column("version")
    with op.batch_alter_table("contracts") as batch:
        batch.drop_column("history_revision")
    with op.batch_alter_table("contract_terms") as batch:
        batch.drop_column("fields_set")
    op.drop_table("contract_variations")
