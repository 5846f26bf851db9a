from enum import StrEnum


class PublicRegisterRegister(StrEnum):
    BREACHES = "breaches"
    DECISIONS = "decisions"
    GIFTS = "gifts"
    INTERESTS = "interests"

    def __str__(self) -> str:
        return str(self.value)
