from enum import StrEnum


class PaymentTermsTrueUpType0(StrEnum):
    QUARTERLY = "quarterly"
    YEAR_END = "year_end"

    def __str__(self) -> str:
        return str(self.value)
