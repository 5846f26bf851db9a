from enum import StrEnum


class Criterion(StrEnum):
    BREACHES_PUBLISHED = "breaches_published"
    DECISIONS_SCREENED = "decisions_screened"
    EXPIRING_CONTRACTS_SCHEDULED = "expiring_contracts_scheduled"
    MANDATORY_TRAINING = "mandatory_training"
    NIL_DECLARATIONS = "nil_declarations"
    REGISTERS_CURRENT = "registers_current"

    def __str__(self) -> str:
        return str(self.value)
