from enum import StrEnum


class Category(StrEnum):
    FINANCIAL = "financial"
    INDIRECT = "indirect"
    NON_FINANCIAL_PERSONAL = "non_financial_personal"
    NON_FINANCIAL_PROFESSIONAL = "non_financial_professional"

    def __str__(self) -> str:
        return str(self.value)
