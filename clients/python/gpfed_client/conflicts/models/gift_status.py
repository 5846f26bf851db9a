from enum import StrEnum


class GiftStatus(StrEnum):
    APPROVED = "approved"
    AWAITING_APPROVAL = "awaiting_approval"
    DECLINED = "declined"
    NOT_NEEDED = "not_needed"

    def __str__(self) -> str:
        return str(self.value)
