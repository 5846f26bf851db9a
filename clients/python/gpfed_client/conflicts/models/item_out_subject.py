from enum import StrEnum


class ItemOutSubject(StrEnum):
    PROPOSAL = "proposal"
    TERMINATION = "termination"
    VARIATION = "variation"

    def __str__(self) -> str:
        return str(self.value)
