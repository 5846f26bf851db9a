"""Settings of the contracts service (``GPFED_*`` variables)."""

from shared.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "contracts"
    port: int = 8001
