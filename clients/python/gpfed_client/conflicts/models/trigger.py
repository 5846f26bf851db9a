from enum import StrEnum


class Trigger(StrEnum):
    AFFILIATION = "affiliation"
    ANNUAL = "annual"
    APPOINTMENT = "appointment"
    ROLE_CHANGE = "role_change"

    def __str__(self) -> str:
        return str(self.value)
