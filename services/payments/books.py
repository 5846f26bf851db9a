"""The ledger in the database: writing balanced transactions and reading balances back.

Every write goes through :func:`post_all`, which refuses an unbalanced transaction in code
(``domain.ledger.Transaction``) before PostgreSQL refuses it again at commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, cast

from sqlalchemy import CursorResult, Join, Select, Table, case, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.payments.domain.ledger import Transaction
from services.payments.store import accounts, ledger_transactions, postings
from shared.db import insert_ignoring_conflicts


def insert_unless_exists(session: AsyncSession, table: Table, values: dict[str, Any]) -> Any:
    return insert_ignoring_conflicts(session, table).values(**values)


async def claim(session: AsyncSession, table: Table, values: dict[str, Any]) -> bool:
    """Insert a row keyed by a unique constraint; False when another writer already holds it."""
    result = cast(
        CursorResult[Any], await session.execute(insert_unless_exists(session, table, values))
    )
    return bool(result.rowcount)


async def claim_all(
    session: AsyncSession, table: Table, rows: list[dict[str, Any]], key: list[str]
) -> set[tuple[Any, ...]]:
    """:func:`claim` for many rows in one statement (batched by the driver), in the order
    given: the ``key`` values of the rows inserted; a row another writer holds is left out."""
    if not rows:
        return set()
    columns = [table.c[name] for name in key]
    result = await session.execute(
        insert_ignoring_conflicts(session, table).returning(*columns), rows
    )
    return {tuple(row) for row in result.all()}


@dataclass(frozen=True)
class Entry:
    kind: str  # payment | distribution | adjustment
    contract_id: str
    period: str
    basis: str
    description: str


async def post(
    session: AsyncSession, entry: Entry, transaction: Transaction, *, transaction_id: str
) -> str:
    """Write one balanced transaction and its postings under a caller-chosen id (so that the
    row claiming the work can name it before it is written)."""
    await post_all(session, [(entry, transaction, transaction_id)])
    return transaction_id


async def post_all(session: AsyncSession, entries: list[tuple[Entry, Transaction, str]]) -> None:
    """Write many balanced transactions, each under its caller-chosen id, in three statements
    whatever their number: the accounts they name (in code order, so that concurrent writers
    wait rather than deadlock), the transactions, then their postings."""
    if not entries:
        return
    now = datetime.now(UTC)
    codes = sorted({p.account for _, transaction, _ in entries for p in transaction.postings})
    await session.execute(
        insert_ignoring_conflicts(session, accounts),
        [_account(code, now) for code in codes],
    )
    await session.execute(
        insert(ledger_transactions),
        [
            {
                "id": transaction_id,
                "kind": entry.kind,
                "contract_id": entry.contract_id,
                "period": entry.period,
                "basis": entry.basis,
                "description": entry.description,
                "posted_at": now,
            }
            for entry, _, transaction_id in entries
        ],
    )
    await session.execute(
        insert(postings),
        [
            {
                "transaction_id": transaction_id,
                "account": p.account,
                "amount_pence": p.amount_pence,
                "consultations": p.consultations,
                "memo": p.memo,
                "posted_at": now,
            }
            for _, transaction, transaction_id in entries
            for p in transaction.postings
        ],
    )


def _account(code: str, now: datetime) -> dict[str, Any]:
    kind, _, ods = code.partition(":")
    return {"code": code, "kind": kind, "ods": ods, "created_at": now}


#: Whose transactions a reading covers: every transaction (None), or those of the contracts the
#: query selects (a ``SELECT contract_id``, see ``access.py``).
ContractScope = Select[str] | None


def _within(query: Select[Any], contracts: ContractScope) -> Select[Any]:
    """``query`` (joined to ledger_transactions) limited to the transactions of ``contracts``."""
    if contracts is None:
        return query
    return query.where(ledger_transactions.c.contract_id.in_(contracts))


def _with_transactions() -> Join:
    return postings.join(ledger_transactions, ledger_transactions.c.id == postings.c.transaction_id)


def _postings_joined() -> Join:
    return _with_transactions().join(accounts, accounts.c.code == postings.c.account)


async def trial_balance(session: AsyncSession, contracts: ContractScope = None) -> tuple[int, int]:
    """(debits, credits): the positive and the negative postings, as two positive sums, of every
    transaction or of those of ``contracts`` (each transaction balances, so these do too)."""
    positive = case((postings.c.amount_pence > 0, postings.c.amount_pence), else_=0)
    negative = case((postings.c.amount_pence < 0, -postings.c.amount_pence), else_=0)
    query = select(func.coalesce(func.sum(positive), 0), func.coalesce(func.sum(negative), 0))
    # The national balance needs no join: it reads every posting.
    source = postings if contracts is None else _with_transactions()
    row = (await session.execute(_within(query.select_from(source), contracts))).one()
    return int(row[0]), int(row[1])


async def balances(
    session: AsyncSession, ods: str, as_of: date | None, contracts: ContractScope = None
) -> dict[str, int]:
    """Each account of an organisation and its balance (at the end of ``as_of`` if given). With
    ``contracts``, each account those contracts' transactions posted to, and its balance over
    those postings alone: a related party sees no more than it may (docs/security.md)."""
    source: Join
    if contracts is None:
        # Every account, even one with no postings yet.
        source = accounts.outerjoin(postings, postings.c.account == accounts.c.code)
    else:
        source = _postings_joined()
    query = _within(
        select(accounts.c.code, func.coalesce(func.sum(postings.c.amount_pence), 0))
        .select_from(source)
        .where(accounts.c.ods == ods)
        .group_by(accounts.c.code)
        .order_by(accounts.c.code),
        contracts,
    )
    if as_of is not None:
        end = datetime.combine(as_of, time.max, tzinfo=UTC)
        query = query.where((postings.c.posted_at.is_(None)) | (postings.c.posted_at <= end))
    return {code: int(total) for code, total in (await session.execute(query)).all()}


def postings_of(
    ods: str,
    contracts: ContractScope = None,
    *,
    period: str | None = None,
    after: int | None = None,
    limit: int | None = None,
) -> Select[Any]:
    """The postings to an organisation's accounts (of ``contracts``' transactions only, if
    given), with their transaction's contract, period, basis and kind, in posting order."""
    query = _within(
        select(postings, ledger_transactions.c.contract_id, ledger_transactions.c.period)
        .add_columns(ledger_transactions.c.basis, ledger_transactions.c.kind)
        .select_from(_postings_joined())
        .where(accounts.c.ods == ods)
        .order_by(postings.c.id),
        contracts,
    )
    if period is not None:
        query = query.where(ledger_transactions.c.period == period)
    if after is not None:
        query = query.where(postings.c.id > after)
    return query if limit is None else query.limit(limit)
