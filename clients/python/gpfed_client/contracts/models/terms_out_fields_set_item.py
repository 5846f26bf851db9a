from enum import StrEnum


class TermsOutFieldsSetItem(StrEnum):
    DISTRIBUTION = "distribution"
    END_DATE = "end_date"
    PAYMENT = "payment"

    def __str__(self) -> str:
        return str(self.value)
