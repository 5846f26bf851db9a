from enum import StrEnum


class WarningCode(StrEnum):
    INQUORATE = "inquorate"
    INQUORATE_AFTER_CONFLICTS = "inquorate_after_conflicts"
    NO_CLINICIAN_IN_ROOM = "no_clinician_in_room"
    NO_ONE_TO_CHAIR = "no_one_to_chair"

    def __str__(self) -> str:
        return str(self.value)
