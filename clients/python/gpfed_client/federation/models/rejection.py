from enum import StrEnum


class Rejection(StrEnum):
    AMBIGUOUS_CONTRACT = "ambiguous_contract"
    MALFORMED = "malformed"
    NOT_AUTHORISED = "not_authorised"
    NOT_A_MEMBER = "not_a_member"
    NOT_SUBCONTRACTED_FOR_DELIVERY = "not_subcontracted_for_delivery"
    OUTSIDE_CONTRACT_DATES = "outside_contract_dates"
    PERIOD_CLOSED = "period_closed"
    SITE_NOT_PREMISES = "site_not_premises"
    UNKNOWN_CONTRACT = "unknown_contract"
    UNKNOWN_SERVICE = "unknown_service"

    def __str__(self) -> str:
        return str(self.value)
