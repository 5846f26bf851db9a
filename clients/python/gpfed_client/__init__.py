"""gpfed's typed Python client, generated from docs/openapi by ``make client``:
one subpackage per service, each with its own ``Client`` and ``AuthenticatedClient``. Do not
edit; regenerate."""
