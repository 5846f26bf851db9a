"""The ledger (append-only, balanced), payment runs, payments, distributions and read models.

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

# Postings are never changed: a mistake is reversed by another transaction (docs/domain.md,
# "Payments").
POSTGRES_TRIGGERS = [
    """
    CREATE FUNCTION payments_refuse_posting_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'postings are append-only: % refused', TG_OP;
    END $$
    """,
    "CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings "
    "FOR EACH ROW EXECUTE FUNCTION payments_refuse_posting_change()",
    # Deferred to commit, so that a transaction's postings may be inserted one at a time.
    """
    CREATE FUNCTION payments_check_transaction_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        total bigint;
        n integer;
    BEGIN
        SELECT coalesce(sum(amount_pence), 0), count(*) INTO total, n
        FROM postings WHERE transaction_id = NEW.transaction_id;
        IF total <> 0 OR n < 2 THEN
            RAISE EXCEPTION 'transaction % is unbalanced: % postings summing to %p',
                NEW.transaction_id, n, total;
        END IF;
        RETURN NULL;
    END $$
    """,
    "CREATE CONSTRAINT TRIGGER postings_balanced AFTER INSERT ON postings "
    "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
    "EXECUTE FUNCTION payments_check_transaction_balanced()",
]
SQLITE_TRIGGERS = [
    "CREATE TRIGGER postings_no_update BEFORE UPDATE ON postings "
    "BEGIN SELECT RAISE(ABORT, 'postings are append-only: UPDATE refused'); END",
    "CREATE TRIGGER postings_no_delete BEFORE DELETE ON postings "
    "BEGIN SELECT RAISE(ABORT, 'postings are append-only: DELETE refused'); END",
]


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("code", sa.String(60), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("ods", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("code", name="pk_accounts"),
    )
    op.create_index("ix_accounts_ods", "accounts", ["ods"])
    op.create_table(
        "ledger_transactions",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("basis", sa.String(20), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ledger_transactions"),
    )
    op.create_index(
        "ix_ledger_transactions_contract_period", "ledger_transactions", ["contract_id", "period"]
    )
    op.create_table(
        "postings",
        sa.Column("id", Id, autoincrement=True, nullable=False),
        sa.Column("transaction_id", sa.String(40), nullable=False),
        sa.Column("account", sa.String(60), nullable=False),
        sa.Column("amount_pence", sa.BigInteger(), nullable=False),
        sa.Column("consultations", sa.Integer()),
        sa.Column("memo", sa.Text(), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_postings"),
        sa.ForeignKeyConstraint(
            ["transaction_id"],
            ["ledger_transactions.id"],
            name="fk_postings_transaction_id_ledger_transactions",
        ),
        sa.ForeignKeyConstraint(
            ["account"], ["accounts.code"], name="fk_postings_account_accounts"
        ),
    )
    op.create_index("ix_postings_account", "postings", ["account", "id"])
    op.create_index("ix_postings_transaction_id", "postings", ["transaction_id"])
    op.create_table(
        "payment_runs",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("requested_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_payment_runs"),
    )
    op.create_table(
        "payments",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("run_id", sa.String(40), nullable=False),
        sa.Column("transaction_id", sa.String(40), nullable=False),
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("basis", sa.String(20), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("payer_ods", sa.String(20), nullable=False),
        sa.Column("payee_ods", sa.String(20), nullable=False),
        sa.Column("amount_pence", sa.BigInteger(), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_payments"),
        sa.UniqueConstraint(
            "contract_id", "period", "basis", "revision", name="uq_payments_contract_period_basis"
        ),
    )
    op.create_table(
        "distributions",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("federation_ods", sa.String(20), nullable=False),
        sa.Column("transaction_id", sa.String(40)),
        sa.Column("income_pence", sa.BigInteger(), nullable=False),
        sa.Column("costs_pence", sa.BigInteger(), nullable=False),
        sa.Column("retained_pence", sa.BigInteger(), nullable=False),
        sa.Column("remainder_pence", sa.BigInteger(), nullable=False),
        sa.Column("lines", Json, nullable=False),
        sa.Column("note", sa.Text()),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_distributions"),
        sa.UniqueConstraint(
            "contract_id", "period", "revision", name="uq_distributions_contract_period_revision"
        ),
    )
    op.create_table(
        "contract_terms",
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("payment", Json, nullable=False),
        sa.Column("distribution", Json),
        sa.PrimaryKeyConstraint("contract_id", "effective_from", name="pk_contract_terms"),
    )
    op.create_table(
        "contracts",
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("commissioner_ods", sa.String(20), nullable=False),
        sa.Column("provider_ods", sa.String(20), nullable=False),
        sa.Column("service", sa.String(200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date()),
        sa.Column("terminated_on", sa.Date()),
        sa.PrimaryKeyConstraint("contract_id", name="pk_contracts"),
    )
    op.create_table(
        "closed_periods",
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("federation_ods", sa.String(20), nullable=False),
        sa.Column("patients", sa.Integer(), nullable=False),
        sa.Column("practices", Json, nullable=False),
        sa.PrimaryKeyConstraint("contract_id", "period", name="pk_closed_periods"),
    )
    op.create_table(
        "subcontracts",
        sa.Column("subcontract_id", sa.String(64), nullable=False),
        sa.Column("contract_id", sa.String(64), nullable=False),
        sa.Column("federation_ods", sa.String(20), nullable=False),
        sa.Column("practice_ods", sa.String(20), nullable=False),
        sa.Column("roles", Json, nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date()),
        sa.PrimaryKeyConstraint("subcontract_id", name="pk_subcontracts"),
    )
    op.create_index("ix_subcontracts_contract_id", "subcontracts", ["contract_id"])
    postgres = op.get_bind().dialect.name == "postgresql"
    for statement in POSTGRES_TRIGGERS if postgres else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS postings_balanced ON postings")
        op.execute("DROP TRIGGER IF EXISTS postings_append_only ON postings")
        op.execute("DROP FUNCTION IF EXISTS payments_check_transaction_balanced()")
        op.execute("DROP FUNCTION IF EXISTS payments_refuse_posting_change()")
    for table in (
        "subcontracts",
        "closed_periods",
        "contracts",
        "contract_terms",
        "distributions",
        "payments",
        "payment_runs",
        "postings",
        "ledger_transactions",
        "accounts",
    ):
        op.drop_table(table)
