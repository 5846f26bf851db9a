from enum import StrEnum


class ConsultationOutStatus(StrEnum):
    CORRECTED = "corrected"
    RECORDED = "recorded"
    VOIDED = "voided"

    def __str__(self) -> str:
        return str(self.value)
