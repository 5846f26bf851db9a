from enum import StrEnum


class VariationOutFieldsSetItem(StrEnum):
    DISTRIBUTION = "distribution"
    END_DATE = "end_date"
    PAYMENT = "payment"

    def __str__(self) -> str:
        return str(self.value)
