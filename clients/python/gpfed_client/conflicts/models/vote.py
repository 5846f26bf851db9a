from enum import StrEnum


class Vote(StrEnum):
    ABSTAIN = "abstain"
    AGAINST = "against"
    FOR = "for"

    def __str__(self) -> str:
        return str(self.value)
