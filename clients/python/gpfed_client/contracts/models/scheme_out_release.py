from enum import StrEnum


class SchemeOutRelease(StrEnum):
    NETWORK = "network"
    PRACTICE = "practice"

    def __str__(self) -> str:
        return str(self.value)
