from enum import StrEnum


class SchemeListedKind(StrEnum):
    LES = "LES"
    LIS = "LIS"

    def __str__(self) -> str:
        return str(self.value)
