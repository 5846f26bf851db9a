from enum import StrEnum


class NewSchemeRelease(StrEnum):
    NETWORK = "network"
    PRACTICE = "practice"

    def __str__(self) -> str:
        return str(self.value)
