from enum import StrEnum


class CommitteeKind(StrEnum):
    OTHER = "other"
    PCCC = "pccc"

    def __str__(self) -> str:
        return str(self.value)
