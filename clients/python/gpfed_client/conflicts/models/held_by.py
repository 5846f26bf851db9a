from enum import StrEnum


class HeldBy(StrEnum):
    CLOSE_ASSOCIATE = "close_associate"
    FAMILY = "family"
    SELF = "self"

    def __str__(self) -> str:
        return str(self.value)
