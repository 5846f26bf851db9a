from enum import StrEnum


class SelfCertificationOutStatus(StrEnum):
    DRAFT = "draft"
    SIGNED_OFF = "signed_off"

    def __str__(self) -> str:
        return str(self.value)
