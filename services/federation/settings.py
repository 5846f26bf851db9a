"""Settings of the federation service (``GPFED_*`` variables)."""

from pydantic import Field, SecretStr

from shared.settings import ServiceSettings

#: A development key so that ``make run`` and the tests pseudonymise out of the box; ``gpfed
#: serve`` refuses to start in production with it (:meth:`Settings.production_problems`).
DEV_PATIENT_KEY = "gpfed-development-patient-key-change-me-0123"
#: As for an HS256 secret: an HMAC-SHA256 key at least as long as the hash.
MIN_PATIENT_KEY_BYTES = 32


class Settings(ServiceSettings):
    service_name: str = "federation"
    port: int = 8003

    #: Largest consultation batch one POST /consultations/batch (or /fhir/Bundle) may carry.
    max_consultation_batch: int = Field(default=10_000, ge=1)
    #: The HMAC-SHA256 key NHS numbers from FHIR Encounters are pseudonymised with into
    #: ``patient_ref``. Secret; required in production. Changing it changes every pseudonym.
    patient_key: SecretStr = SecretStr(DEV_PATIENT_KEY)

    def production_problems(self) -> list[str]:
        problems = super().production_problems()
        if self.environment != "production":
            return problems
        key = self.patient_key.get_secret_value()
        if key == DEV_PATIENT_KEY:
            problems.append("GPFED_PATIENT_KEY is the development key")
        elif len(key.encode()) < MIN_PATIENT_KEY_BYTES:
            problems.append(
                f"GPFED_PATIENT_KEY is {len(key.encode())} bytes; at least "
                f"{MIN_PATIENT_KEY_BYTES} are needed"
            )
        return problems
