from enum import StrEnum


class OrganisationKind(StrEnum):
    CCG = "ccg"
    FEDERATION = "federation"
    NHSE = "nhse"
    OTHER = "other"
    PRACTICE = "practice"
    TRUST = "trust"

    def __str__(self) -> str:
        return str(self.value)
