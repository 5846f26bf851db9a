from enum import StrEnum


class WaitingReason(StrEnum):
    ACHIEVEMENT_NOT_RECORDED = "achievement_not_recorded"
    LIST_SIZE_NOT_KNOWN = "list_size_not_known"
    PERIOD_NOT_CLOSED = "period_not_closed"
    PRIME_NOT_KNOWN = "prime_not_known"
    SCHEME_RESULTS_NOT_RECORDED = "scheme_results_not_recorded"

    def __str__(self) -> str:
        return str(self.value)
