from enum import StrEnum


class ListChangesAcrossStatusType0(StrEnum):
    APPROVED = "approved"
    AWAITING_DECISION = "awaiting_decision"
    FAILED = "failed"
    REFUSED = "refused"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
