"""The double-entry ledger (docs/domain.md, "Payments"): every transaction has two or more
postings that sum to zero; a posting is never changed, a mistake is reversed by another one.

Sign convention: a posting adds to the account's balance, so a payment from a commissioner to
a provider is ``commissioner -X`` and ``provider +X``. Debits are the positive postings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: ``owed:<practice>`` holds what a practice owes a federation (negative hub shares carried).
AccountKind = Literal["commissioner", "federation", "provider", "owed"]


def account_code(kind: AccountKind, ods: str) -> str:
    return f"{kind}:{ods}"


class UnbalancedTransaction(ValueError):
    """Postings that do not sum to zero, or fewer than two of them."""


@dataclass(frozen=True)
class Posting:
    account: str
    amount_pence: int
    #: Consultations behind the amount, for statements; None where the amount is not per head.
    consultations: int | None = None
    memo: str = ""


@dataclass(frozen=True)
class Transaction:
    postings: tuple[Posting, ...]

    def __post_init__(self) -> None:
        if len(self.postings) < 2:
            raise UnbalancedTransaction("a transaction needs at least two postings")
        total = sum(p.amount_pence for p in self.postings)
        if total != 0:
            raise UnbalancedTransaction(f"postings sum to {total}p, not zero")

    @classmethod
    def payment(cls, payer: str, payee: str, amount_pence: int, memo: str = "") -> Transaction:
        return cls(
            (Posting(payer, -amount_pence, memo=memo), Posting(payee, amount_pence, memo=memo))
        )
