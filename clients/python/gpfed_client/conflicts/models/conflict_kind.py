from enum import StrEnum


class ConflictKind(StrEnum):
    FINANCIAL = "financial"
    INDIRECT = "indirect"
    PERSONAL = "personal"
    PROFESSIONAL = "professional"

    def __str__(self) -> str:
        return str(self.value)
