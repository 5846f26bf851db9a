from enum import StrEnum


class BundleType(StrEnum):
    BATCH = "batch"
    TRANSACTION = "transaction"

    def __str__(self) -> str:
        return str(self.value)
