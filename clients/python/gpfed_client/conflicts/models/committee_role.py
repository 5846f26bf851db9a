from enum import StrEnum


class CommitteeRole(StrEnum):
    CFO = "cfo"
    CHIEF_OFFICER = "chief_officer"
    EXECUTIVE = "executive"
    GP = "gp"
    LAY_CHAIR = "lay_chair"
    LAY_MEMBER = "lay_member"
    NHSE = "nhse"
    NURSE = "nurse"
    OTHER = "other"
    SECONDARY_CARE_DOCTOR = "secondary_care_doctor"

    def __str__(self) -> str:
        return str(self.value)
