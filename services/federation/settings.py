"""Settings of the federation service (``GPFED_*`` variables)."""

from pydantic import Field

from shared.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "federation"
    port: int = 8003

    #: Largest consultation batch one POST /consultations/batch may carry.
    max_consultation_batch: int = Field(default=10_000, ge=1)
