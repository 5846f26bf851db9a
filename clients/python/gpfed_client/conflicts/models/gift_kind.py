from enum import StrEnum


class GiftKind(StrEnum):
    GIFT = "gift"
    HOSPITALITY = "hospitality"

    def __str__(self) -> str:
        return str(self.value)
