"""Tables of the contracts service, on one MetaData with the kernel's (outbox, inbox, ...)."""

from shared.tables import service_metadata

metadata = service_metadata()
