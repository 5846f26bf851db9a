from enum import StrEnum


class Course(StrEnum):
    CONFLICTS_OF_INTEREST = "conflicts_of_interest"

    def __str__(self) -> str:
        return str(self.value)
