"""Settings of the conflicts service (``GPFED_*`` variables)."""

from shared.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "conflicts"
    port: int = 8004
