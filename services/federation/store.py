"""Tables of the federation service, on one MetaData with the kernel's (outbox, inbox, ...)."""

from shared.tables import service_metadata

metadata = service_metadata()
