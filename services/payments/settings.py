"""Settings of the payments service (``GPFED_*`` variables)."""

from shared.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "payments"
    port: int = 8002
