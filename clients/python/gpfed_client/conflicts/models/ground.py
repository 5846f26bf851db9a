from enum import StrEnum


class Ground(StrEnum):
    FEDERATION_MEMBER = "federation_member"
    PARENT_ALLIANCE = "parent_alliance"
    PROVIDER = "provider"
    SAME_SERVICE = "same_service"
    SUBCONTRACTOR = "subcontractor"

    def __str__(self) -> str:
        return str(self.value)
