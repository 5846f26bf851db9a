"""Tables of the payments service, on one MetaData with the kernel's (outbox, inbox, ...).

The ledger (accounts, ledger_transactions, postings) is append-only: PostgreSQL triggers in
migration 0002 refuse UPDATE and DELETE of postings and check, when each transaction commits,
that its postings sum to zero. ``payments`` has a unique key per contract, period, basis and
revision: that key, not a read-then-write check, is what stops a second or concurrent payment
run paying twice. The rest are read models of other services' events.
"""

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession

from shared.tables import Id, Json, service_metadata

metadata = service_metadata()

accounts = Table(
    "accounts",
    metadata,
    Column("code", String(60), primary_key=True),  # commissioner:<ods> | federation:<ods> | ...
    Column("kind", String(20), nullable=False),
    Column("ods", String(20), nullable=False, index=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

ledger_transactions = Table(
    "ledger_transactions",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("kind", String(20), nullable=False),  # payment | distribution | adjustment
    Column("contract_id", String(64), nullable=False),
    Column("period", String(7), nullable=False),
    Column("basis", String(20), nullable=False),
    Column("description", Text, nullable=False),
    Column("posted_at", DateTime(timezone=True), nullable=False),
    # Migration 0005: the item's (or distribution's) revision; above 1 an adjustment restating
    # ``period``. None on transactions posted before.
    Column("revision", Integer),
    Index("ix_ledger_transactions_contract_period", "contract_id", "period"),
)

postings = Table(
    "postings",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("transaction_id", String(40), ForeignKey("ledger_transactions.id"), nullable=False),
    Column("account", String(60), ForeignKey("accounts.code"), nullable=False),
    Column("amount_pence", BigInteger, nullable=False),
    Column("consultations", Integer),
    Column("memo", Text, nullable=False),
    Column("posted_at", DateTime(timezone=True), nullable=False),
    Index("ix_postings_account", "account", "id"),
    Index("ix_postings_transaction_id", "transaction_id"),
)

payment_runs = Table(
    "payment_runs",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("period", String(7), nullable=False),
    Column("requested_by", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # The commissioner whose contracts the run paid; None for an ops run of every contract.
    Column("commissioner_ods", String(20)),
    Index("ix_payment_runs_created", "created_at", "id"),
)

payments = Table(
    "payments",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("run_id", String(40), nullable=False),
    # No foreign key: the payment row is claimed first (its unique key is the guard against
    # paying twice), then its transaction is written in the same database transaction.
    Column("transaction_id", String(40), nullable=False),
    Column("contract_id", String(64), nullable=False),
    Column("period", String(7), nullable=False),
    Column("basis", String(20), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("payer_ods", String(20), nullable=False),
    Column("payee_ods", String(20), nullable=False),
    Column("amount_pence", BigInteger, nullable=False),
    Column("posted_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint(
        "contract_id", "period", "basis", "revision", name="uq_payments_contract_period_basis"
    ),
)

distributions = Table(
    "distributions",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("contract_id", String(64), nullable=False),
    Column("period", String(7), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("federation_ods", String(20), nullable=False),
    Column("transaction_id", String(40)),
    Column("income_pence", BigInteger, nullable=False),
    Column("costs_pence", BigInteger, nullable=False),
    Column("retained_pence", BigInteger, nullable=False),
    Column("remainder_pence", BigInteger, nullable=False),
    Column("lines", Json, nullable=False),
    Column("note", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint(
        "contract_id", "period", "revision", name="uq_distributions_contract_period_revision"
    ),
)

# Read models of other services' events.

contract_terms = Table(
    "contract_terms",
    metadata,
    Column("contract_id", String(64), primary_key=True),
    Column("effective_from", Date, primary_key=True),
    Column("payment", Json, nullable=False),
    Column("distribution", Json),
    Column("end_date", Date),  # migration 0005: the version's end date, as contracts sent it
)

contracts = Table(
    "contracts",
    metadata,
    Column("contract_id", String(64), primary_key=True),
    Column("kind", String(10), nullable=False),
    Column("status", String(20), nullable=False),
    Column("commissioner_ods", String(20), nullable=False),
    Column("provider_ods", String(20), nullable=False),
    Column("service", String(200), nullable=False),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date),
    Column("terminated_on", Date),
    # Migration 0005: a subcontract of a PRIME names it; the terms history's revision kept.
    Column("parent_contract_id", String(64)),
    Column("history_revision", Integer),
    # Migration 0004: who may see which transactions is decided by these (access.py).
    Index("ix_contracts_commissioner_ods", "commissioner_ods"),
    Index("ix_contracts_provider_ods", "provider_ods"),
)

closed_periods = Table(
    "closed_periods",
    metadata,
    Column("contract_id", String(64), primary_key=True),
    Column("period", String(7), primary_key=True),
    Column("revision", Integer, nullable=False),
    Column("federation_ods", String(20), nullable=False),
    Column("patients", Integer, nullable=False),
    Column("practices", Json, nullable=False),
    #: Item-of-service months: [{service_code, count}] (migration 0006); null for a hub's.
    Column("services", Json, nullable=True),
)

subcontracts = Table(
    "subcontracts",
    metadata,
    Column("subcontract_id", String(64), primary_key=True),
    Column("contract_id", String(64), nullable=False, index=True),
    Column("federation_ods", String(20), nullable=False),
    Column("practice_ods", String(20), nullable=False),
    Column("roles", Json, nullable=False),
    Column("start_date", Date, nullable=False),
    Column("end_date", Date),
)

# Read models added in migration 0003: KPI achievement per quarter (for true-ups) and list
# sizes (for per head). ``revision`` counts changes of a quarter's achievement, so that a
# restated achievement is trued up again for the difference, once.
performance = Table(
    "performance",
    metadata,
    Column("contract_id", String(64), primary_key=True),
    Column("quarter", String(7), primary_key=True),  # YYYY-Qn
    Column("achievement_percent", String(20), nullable=False),  # Decimal as text: exact
    Column("revision", Integer, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    # Migration 0005: the result's version; a higher one supersedes whatever the order.
    Column("version", Integer, nullable=False, server_default="1"),
)

list_sizes = Table(
    "list_sizes",
    metadata,
    Column("ods", String(20), primary_key=True),
    # 0001-01-01 where the event gave no date: in force for every period until a dated one.
    Column("effective_from", Date, primary_key=True),
    Column("list_size", Integer, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)

# Added in migration 0004: organisations as contracts registered them, for checking that a
# token's role fits its organisation's kind (docs/security.md).
organisations = Table(
    "organisations",
    metadata,
    Column("ods_code", String(20), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("parent_ods", String(20)),
    Column("as_of", DateTime(timezone=True), nullable=False),
)


# Added in migration 0008 (issue 20): incentive schemes as contracts last published them (the
# whole scheme, replaced when ``revision`` is newer), and which contract enrols which practice.
schemes = Table(
    "schemes",
    metadata,
    Column("scheme_id", String(64), primary_key=True),
    Column("commissioner_ods", String(20), nullable=False, index=True),
    Column("revision", Integer, nullable=False),
    Column("body", Json, nullable=False),
    Column("as_of", DateTime(timezone=True), nullable=False),
)

scheme_enrolments = Table(
    "scheme_enrolments",
    metadata,
    Column("contract_id", String(64), primary_key=True),
    Column("scheme_id", String(64), nullable=False, index=True),
    Column("practice_ods", String(20), nullable=False),
)


# Added in migration 0005: items a later payment run must settle, one row per contract and period
# booked to: a restatement (the facts behind a paid period changed) or a wait (something due
# could not be paid yet). ``version`` rises with every note, so that a run clears only what it
# settled, never a note made while it ran.
pending_items = Table(
    "pending_items",
    metadata,
    Column("contract_id", String(64), primary_key=True),
    Column("period", String(7), primary_key=True),
    Column("reason", Text, nullable=False),
    Column("noted_at", DateTime(timezone=True), nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_pending_items_period", "period"),
)


async def organisation_kind(session: AsyncSession, ods_code: str) -> str | None:
    kind = await session.scalar(
        select(organisations.c.kind).where(organisations.c.ods_code == ods_code)
    )
    return None if kind is None else str(kind)


# Added in migration 0009 (issue 20): gain share years. One per commissioner, service and
# financial year: the unique key, claimed before anything is posted, is what answers a second
# or concurrent request 409. ``gain_share_alliances`` holds each alliance's result (tiers,
# practices' shares, transactions) keyed by federation, so a federation reads its own rows.
gain_shares = Table(
    "gain_shares",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("commissioner_ods", String(20), nullable=False),
    Column("service", String(200), nullable=False),
    Column("year", String(7), nullable=False),
    Column("average_per_head_pence", String(40), nullable=False),
    Column("benchmark_per_head_pence", String(40), nullable=False),
    Column("requested_by", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("commissioner_ods", "service", "year", name="uq_gain_shares_year"),
    Index("ix_gain_shares_created", "created_at", "id"),
)

gain_share_alliances = Table(
    "gain_share_alliances",
    metadata,
    Column("gain_share_id", String(40), ForeignKey("gain_shares.id"), primary_key=True),
    Column("federation_ods", String(20), primary_key=True),
    Column("result", Json, nullable=False),
    Index("ix_gain_share_alliances_federation", "federation_ods"),
)
