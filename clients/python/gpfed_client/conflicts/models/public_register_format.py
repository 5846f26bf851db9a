from enum import StrEnum


class PublicRegisterFormat(StrEnum):
    CSV = "csv"
    HTML = "html"
    JSON = "json"

    def __str__(self) -> str:
        return str(self.value)
