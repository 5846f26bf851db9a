from enum import StrEnum


class ChangeOutKind(StrEnum):
    TERMINATION = "termination"
    VARIATION = "variation"

    def __str__(self) -> str:
        return str(self.value)
