from enum import StrEnum


class NewContractKind(StrEnum):
    APMS = "APMS"
    DES = "DES"
    GMS = "GMS"
    HUB = "HUB"
    LES = "LES"
    LIS = "LIS"
    PMS = "PMS"
    PRIME = "PRIME"
    SPMS = "SPMS"

    def __str__(self) -> str:
        return str(self.value)
