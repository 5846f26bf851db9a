from enum import StrEnum


class ChangeOutAction(StrEnum):
    CORRECTION = "correction"
    VOID = "void"

    def __str__(self) -> str:
        return str(self.value)
