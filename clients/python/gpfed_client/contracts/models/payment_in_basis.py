from enum import StrEnum


class PaymentInBasis(StrEnum):
    BLOCK = "block"
    ITEM_OF_SERVICE = "item_of_service"
    PER_HEAD = "per_head"
    TARIFF = "tariff"

    def __str__(self) -> str:
        return str(self.value)
