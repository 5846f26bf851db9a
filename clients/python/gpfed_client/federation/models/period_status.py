from enum import StrEnum


class PeriodStatus(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    REOPENED = "reopened"

    def __str__(self) -> str:
        return str(self.value)
