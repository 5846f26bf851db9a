from enum import StrEnum


class PaymentInSchedule(StrEnum):
    MONTHLY = "monthly"
    MONTHLY_UPFRONT_TRUE_UP = "monthly_upfront_true_up"
    QUARTERLY_ARREARS = "quarterly_arrears"

    def __str__(self) -> str:
        return str(self.value)
