from enum import StrEnum


class NewSchemeBalancing(StrEnum):
    ALL_OR_NOTHING = "all_or_nothing"
    PROPORTIONAL = "proportional"

    def __str__(self) -> str:
        return str(self.value)
