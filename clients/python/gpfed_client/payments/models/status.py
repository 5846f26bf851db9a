from enum import StrEnum


class Status(StrEnum):
    DUE = "due"
    LATE = "late"
    PAID = "paid"
    WAITING = "waiting"

    def __str__(self) -> str:
        return str(self.value)
