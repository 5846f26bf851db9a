from enum import StrEnum


class ContractOutStatus(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    PROPOSED = "proposed"
    REJECTED = "rejected"
    TERMINATED = "terminated"

    def __str__(self) -> str:
        return str(self.value)
