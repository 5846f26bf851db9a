from enum import StrEnum


class Outcome(StrEnum):
    APPROVED = "approved"
    DEFERRED = "deferred"
    REJECTED = "rejected"

    def __str__(self) -> str:
        return str(self.value)
