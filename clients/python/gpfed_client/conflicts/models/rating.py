from enum import StrEnum


class Rating(StrEnum):
    COMPLIANT = "compliant"
    NOT_COMPLIANT = "not_compliant"
    PARTIALLY_COMPLIANT = "partially_compliant"

    def __str__(self) -> str:
        return str(self.value)
