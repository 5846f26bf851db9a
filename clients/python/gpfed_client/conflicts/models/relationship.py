from enum import StrEnum


class Relationship(StrEnum):
    DIRECTOR = "director"
    EMPLOYEE = "employee"
    PARTNER = "partner"
    SALARIED_GP = "salaried_gp"
    SHAREHOLDER = "shareholder"

    def __str__(self) -> str:
        return str(self.value)
