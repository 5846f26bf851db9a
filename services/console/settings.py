"""Settings of the console (``GPFED_*`` variables): where the four services are."""

from pydantic import Field

from shared.settings import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "console"
    port: int = 8000
    contracts_url: str = "http://127.0.0.1:8001"
    payments_url: str = "http://127.0.0.1:8002"
    federation_url: str = "http://127.0.0.1:8003"
    conflicts_url: str = "http://127.0.0.1:8004"
    #: How long a page waits for a service before it says the service is unavailable.
    upstream_timeout_seconds: float = Field(default=10.0, gt=0)
    #: Whether the sign-in page takes a pasted bearer token. Off in production, where the
    #: identity provider in front puts the token in ``Authorization`` (docs/operations.md).
    token_sign_in: bool = True

    def production_problems(self) -> list[str]:
        # The console verifies no token (the services do), so no JWT setting concerns it.
        if self.environment == "production" and self.token_sign_in:
            return ["GPFED_TOKEN_SIGN_IN is on: in production the identity provider signs in"]
        return []
