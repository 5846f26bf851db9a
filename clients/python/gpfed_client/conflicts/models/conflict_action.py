from enum import StrEnum


class ConflictAction(StrEnum):
    ADVICE_ONLY_WHEN_ASKED = "advice_only_when_asked"
    LEAVE_ROOM = "leave_room"
    STAY_NO_VOTE = "stay_no_vote"

    def __str__(self) -> str:
        return str(self.value)
