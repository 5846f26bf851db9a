from enum import StrEnum


class SubcontractRole(StrEnum):
    ADMIN = "admin"
    DELIVERY = "delivery"
    PREMISES = "premises"

    def __str__(self) -> str:
        return str(self.value)
