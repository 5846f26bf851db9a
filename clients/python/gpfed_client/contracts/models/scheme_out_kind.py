from enum import StrEnum


class SchemeOutKind(StrEnum):
    LES = "LES"
    LIS = "LIS"

    def __str__(self) -> str:
        return str(self.value)
