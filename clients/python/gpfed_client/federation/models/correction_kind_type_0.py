from enum import StrEnum


class CorrectionKindType0(StrEnum):
    FIRST = "first"
    FOLLOW_UP = "follow_up"

    def __str__(self) -> str:
        return str(self.value)
